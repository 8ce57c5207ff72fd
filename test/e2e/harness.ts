// End-to-end harness: build the app once (shared by the e2e files through a stamp and a lock),
// serve it with `vite preview` on a free localhost port, and drive Debian's Chromium through
// playwright-core with a fresh profile. Never downloads a browser.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUT_DIR = join(ROOT, 'node_modules/.cache/mechanist-e2e-dist');
const STAMP = join(OUT_DIR, '.built-at');
const LOCK = join(ROOT, 'node_modules/.cache/mechanist-e2e-build.lock');
const run = promisify(execFile);

export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path)) m = Math.max(m, newestMtime(join(path, e)));
  return m;
}

function sourcesMtime(): number {
  return Math.max(...['src', 'public', 'shaders', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newestMtime(join(ROOT, p))));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds into OUT_DIR unless a build newer than every source is there; one builder at a time. */
export async function buildApp(): Promise<string> {
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // a lock left by a killed build is stale after a few minutes
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 240_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
    if (built > sourcesMtime()) return OUT_DIR;
    await run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    writeFileSync(STAMP, new Date().toISOString());
    return OUT_DIR;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface Served { url: string; origin: string; close: () => Promise<void> }

export async function serve(dir: string): Promise<Served> {
  const port = await freePort();
  const server: PreviewServer = await preview({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: dir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const url = `http://127.0.0.1:${port}/`;
  return { url, origin: new URL(url).origin, close: () => server.close() };
}

export interface Browser { context: BrowserContext; page: Page; requests: string[]; close: () => Promise<void> }

/**
 * Launches Chromium with a fresh profile. Every request is recorded; any request to another
 * origin than `origin` is aborted (and stays recorded, so a test can assert there were none).
 */
export async function launch(origin: string, opts: { webgpu?: boolean } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'mechanist-e2e-'));
  const args = [...CHROMIUM_FLAGS, ...(opts.webgpu === false ? [] : ['--enable-unsafe-webgpu'])];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: false, // '--headless=new' is in the flags, exactly as documented for this machine
    args,
    viewport: { width: 1280, height: 720 },
    acceptDownloads: true,
    serviceWorkers: 'allow',
  });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return {
    context,
    page,
    requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** requests that went anywhere but the local server */
export function foreignRequests(requests: string[], origin: string): string[] {
  return requests.filter((u) => !(u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')));
}

export const FIXTURES = join(ROOT, 'test/e2e/fixtures');

/**
 * The built app served and one Chromium for the test file that calls this: started before its
 * tests, closed after them. Read `server` and `browser` inside tests (they are set by then).
 */
export function useApp(opts: { webgpu?: boolean } = {}): { readonly server: Served; readonly browser: Browser } {
  const ctx = {} as { server: Served; browser: Browser };
  beforeAll(async () => {
    ctx.server = await serve(await buildApp());
    ctx.browser = await launch(ctx.server.origin, opts);
  }, 400_000);
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}
