// The CPU backend in real Chromium: module Web Workers (worker-browser.ts via Vite), Comlink,
// navigator.hardwareConcurrency; results equal the Node in-thread engine.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/model/index.ts';
import { simulateInThread } from '../../src/simulate/cpu/in-thread.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const specText = readFileSync(join(root, 'public/examples/models/pk-1cmt-multiple-dose.json'), 'utf8');
let server: ViteDevServer;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  // own cache dir (no clash with other Vite runs); pre-bundle only the CommonJS dependency this path needs
  server = await createServer({
    root, logLevel: 'silent', cacheDir: mkdtempSync(join(tmpdir(), 'mechanist-vite-')),
    server: { port: 0, host: '127.0.0.1' }, optimizeDeps: { noDiscovery: true, include: ['ajv'] },
  });
  await server.listen();
  const addr = server.httpServer!.address();
  origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-dev-shm-usage'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('CPU backend in Chromium', () => {
  it('runs on 2 module workers and matches the Node engine', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // any same-origin document will do as a host for module imports
    await page.goto(`${origin}/src/simulate/types.ts`);
    const times = [0, 2, 6, 12, 13, 24, 30];
    const n = 40;
    const params = Array.from({ length: n * 3 }, (_, k) => [1, 5, 50][k % 3]! * (0.7 + 0.02 * Math.floor(k / 3)));
    // a script string, not a function: Vitest would rewrite import() inside a function body
    const script = `(async () => {
      const model = await import('/src/model/index.ts');
      const sim = await import('/src/simulate/index.ts');
      const backend = sim.createCpuBackend({ workers: 2 });
      const res = await backend.simulate({
        model: model.compileSpec(${JSON.stringify(specText)}), params: Float64Array.from(${JSON.stringify(params)}),
        times: Float64Array.from(${JSON.stringify(times)}), solver: { method: 'tsit5', rtol: 1e-8, atol: 1e-10 },
      });
      const out = { outputs: [...res.outputs], status: [...res.status], workers: backend.workers, notes: backend.notes, cores: navigator.hardwareConcurrency };
      await backend.dispose();
      return out;
    })()`;
    const got = (await page.evaluate(script)) as { outputs: number[]; status: number[]; workers: number; notes: string[]; cores: number };
    expect(errors).toEqual([]);
    expect(got.notes).toEqual([]);
    expect(got.workers).toBe(2);
    expect(got.cores).toBeGreaterThan(0);
    const ref = simulateInThread({
      model: compileSpec(specText), params: Float64Array.from(params), times: Float64Array.from(times),
      solver: { method: 'tsit5', rtol: 1e-8, atol: 1e-10 },
    });
    expect(got.status).toEqual([...ref.status]);
    got.outputs.forEach((v, i) => expect(Math.abs(v - ref.outputs[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(ref.outputs[i]!)));
    await page.close();
  }, 120_000);
});
