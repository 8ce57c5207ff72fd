// The browser path for real: Chromium (WebGPU on SwiftShader) loads the modules from a Vite dev
// server; selectBackend starts the dedicated WebGPU worker (worker-gpu.ts) and drives it through
// Comlink. Results must match the closed form, and the worker must report WebGPU.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_FLAGS } from '../e2e/harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let server: ViteDevServer;
let context: BrowserContext;
let profile: string;
let url: string;

beforeAll(async () => {
  server = await createServer({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  const addr = server.httpServer!.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  profile = mkdtempSync(join(tmpdir(), 'mechanist-webgpu-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: false, args: [...CHROMIUM_FLAGS, '--enable-unsafe-webgpu'],
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const BROWSER_RUN = `(async () => {
  const { selectBackend } = await import('/src/simulate/select.ts');
  const { compileSpec } = await import('/src/model/compile.ts');
  const spec = await (await fetch('/examples/models/pk-1cmt-oral.json')).json();
  const model = compileSpec(spec);
  const notices = [];
  const backend = await selectBackend({ onNotice: (m) => notices.push(m) });
  const params = Float64Array.from([1.2, 3, 30, 0.1, 4, 40]); // second row: ka = CL / V
  const times = Float64Array.from([0.5, 2, 8, 24]);
  const r = await backend.simulate({ model, params, times, solver: { method: 'dopri5' } });
  const m = await backend.moments({ model, params, times, solver: { method: 'dopri5' }, groupSize: 2 });
  const description = backend.description;
  await backend.dispose();
  return { name: backend.name, description, notices, backend: r.backend, outputs: Array.from(r.outputs), ok: Array.from(m.okCount),
    mean: Array.from(m.mean), workerScript: performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('worker-gpu')) };
})()`;

describe('WebGPU worker in Chromium', () => {
  it('selectBackend runs ensembles in the dedicated worker', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}examples/models/pk-1cmt-oral.json`); // a same-origin document that does not start the app
    // a string, so Vitest does not rewrite the page's dynamic imports
    const out = (await page.evaluate(BROWSER_RUN)) as {
      name: string; description: string; notices: string[]; backend: string; outputs: number[]; ok: number[]; mean: number[]; workerScript: string[];
    };
    expect(errors).toEqual([]);
    expect(out.name).toBe('webgpu');
    expect(out.backend).toBe('webgpu');
    expect(out.notices).toEqual([]);
    expect(out.workerScript.length).toBeGreaterThan(0);
    const exact = (ka: number, cl: number, v: number, t: number) => {
      const k = cl / v;
      return Math.abs(ka - k) < 1e-12 ? (100 * ka * t * Math.exp(-k * t)) / v : ((100 * ka) / (v * (ka - k))) * (Math.exp(-k * t) - Math.exp(-ka * t));
    };
    const ts = [0.5, 2, 8, 24];
    ts.forEach((t, k) => {
      expect(Math.abs(out.outputs[k]! / exact(1.2, 3, 30, t) - 1)).toBeLessThan(1e-4);
      expect(Math.abs(out.outputs[4 + k]! / exact(0.1, 4, 40, t) - 1)).toBeLessThan(1e-4);
      expect(Math.abs(out.mean[k]! / ((out.outputs[k]! + out.outputs[4 + k]!) / 2) - 1)).toBeLessThan(1e-5);
    });
    expect(out.ok).toEqual([2]);
  }, 120_000);
});
