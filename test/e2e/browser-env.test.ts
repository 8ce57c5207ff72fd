// The app in other browser conditions: offline after the first load (service worker), and a
// browser without WebGPU (launched without --enable-unsafe-webgpu) falling back to the CPU.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { buildApp, FIXTURES, foreignRequests, launch, serve, type Served } from './harness.ts';
import { importFile, openApp, quickSettings, runDiscovery, waitResultsRendered, waitSaved } from './steps.ts';

let server: Served;

beforeAll(async () => {
  server = await serve(await buildApp());
}, 400_000);

afterAll(async () => {
  await server?.close();
});

describe('browser conditions', () => {
  test('without WebGPU the app falls back to the CPU with a visible notice', async () => {
    const b = await launch(server.origin, { webgpu: false });
    try {
      await openApp(b.page, server.url);
      const notice = b.page.getByRole('note', { name: 'CPU fallback notice' });
      await notice.waitFor({ timeout: 60_000 });
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.innerText()).toContain('running on the CPU');
      // the reason is the missing adapter, not the software-renderer preference
      expect(await notice.innerText()).not.toContain('software renderer');
      expect(await b.page.locator('.statusbar').innerText()).toContain('Backend: CPU');
      expect(foreignRequests(b.requests, server.origin)).toEqual([]);
    } finally {
      await b.close();
    }
  }, 120_000);

  test('with the network blocked after the first load, the app reloads and completes a run', async () => {
    const b = await launch(server.origin);
    try {
      const { page, context } = b;
      await openApp(page, server.url);
      await importFile(page, join(FIXTURES, 'pk-cohort.csv'));
      await page.getByRole('status').filter({ hasText: 'Imported pk-cohort.csv' }).waitFor();
      await waitSaved(page);
      // the service worker has precached the shell once it controls the page
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 });
      await context.setOffline(true);
      await page.reload();
      await page.getByRole('button', { name: 'Run discovery' }).waitFor();
      expect(await page.locator('.statusbar').innerText()).toContain('Data: pk-cohort.csv');
      await page.getByLabel('Backend').selectOption('cpu');
      await quickSettings(page, 25);
      await runDiscovery(page);
      await waitResultsRendered(page);
      expect(await page.getByRole('region', { name: 'Results' }).getByRole('table', { name: 'Ranked models' }).locator('tbody tr').count()).toBeGreaterThan(0);
      expect(foreignRequests(b.requests, server.origin)).toEqual([]);
    } finally {
      await b.close();
    }
  }, 360_000);
});
