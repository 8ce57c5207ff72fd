// Hostile session files and a damaged stored session, in the real app: each file is refused with
// a message, the step buttons keep switching pages, and the session that was open stays — also
// after a reload. A stored session that fails its check is set aside and the user is told.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, useApp, type Browser } from './harness.ts';
import { importFile, openApp, step, waitSaved } from './steps.ts';

const app = useApp({ webgpu: false });
const dir = mkdtempSync(join(tmpdir(), 'mechanist-hostile-'));

const wrap = (session: unknown) => JSON.stringify({ format: 'mechanist-session', session });
const deep = '['.repeat(200_000) + ']'.repeat(200_000);
const HOSTILE: [string, string][] = [
  ['malformed.json', '{"format":"mechanist-session","session":{'],
  ['wrong-types.json', wrap({ csvText: 42, settings: { particles: 'many' } })],
  ['empty-model.json', wrap({ report: { version: '1', proposer: 'library', backend: 'cpu', dataset: { observables: [], groups: [], times: [] }, models: [{}], timing: { wallSeconds: 1, candidatesFitted: 1 }, log: [] }, step: 'results' })],
  ['huge.json', wrap({ report: { version: '1', proposer: 'library', backend: 'cpu', dataset: { observables: [], groups: [], times: [] }, models: Array.from({ length: 100_000 }, () => ({})), timing: { wallSeconds: 1, candidatesFitted: 1 }, log: [] } })],
  ['deep.json', `{"format":"mechanist-session","session":{"report":{"models":${deep}}}}`],
  ['proto.json', '{"format":"mechanist-session","session":{"settings":{"__proto__":{"particles":1e9}},"contextParts":{"constructor":{"prototype":{}}}}}'],
  ['absurd-settings.json', wrap({ settings: { particles: 1e9, rounds: 1e6 } })],
];

async function navigable(page: Browser['page']): Promise<void> {
  for (const name of ['Results', 'Models', 'Data']) {
    await step(page, name);
    await page.getByRole('region', { name }).waitFor({ timeout: 10_000 });
  }
}

describe('hostile sessions', () => {
  test('hostile session files are refused; the open session stays, also after a reload', async () => {
    const { page } = app.browser;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openApp(page, app.server.url);
    await importFile(page, join(FIXTURES, 'pk-cohort.csv'));
    await page.getByRole('status').filter({ hasText: 'Imported pk-cohort.csv' }).waitFor();
    await waitSaved(page);
    for (const [name, text] of HOSTILE) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open session' }).click()]);
      await chooser.setFiles(file);
      const alert = page.getByRole('alert').filter({ hasText: 'Nothing was changed' });
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.innerText(), name).toMatch(/session|JSON/);
      expect(await page.locator('.statusbar').innerText(), name).toContain('Data: pk-cohort.csv');
      await navigable(page);
      await page.getByRole('button', { name: 'Dismiss error' }).click();
    }
    expect(errors).toEqual([]);
    await page.reload();
    await page.getByRole('button', { name: 'Run discovery' }).waitFor();
    expect(await page.locator('.statusbar').innerText()).toContain('Data: pk-cohort.csv');
    expect(await page.getByRole('alert').count()).toBe(0);
    await navigable(page);
  }, 240_000);

  test('a damaged stored session is set aside, not applied, and the user is told', async () => {
    const { page } = app.browser;
    await waitSaved(page);
    // what a damaged or tampered IndexedDB record looks like: a report whose model is empty
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('mechanist');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('session', 'readwrite');
            const store = tx.objectStore('session');
            const get = store.get('current');
            get.onsuccess = () => store.put({ ...get.result, report: { models: [{}] }, step: 'results' }, 'current');
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    const alert = page.getByRole('alert').filter({ hasText: 'set aside' });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toMatch(/the stored session\.report needs "version"/);
    await navigable(page);
    const kept = await page.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open('mechanist');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('session').objectStore('session').get('set-aside');
            get.onsuccess = () => (open.result.close(), resolve(get.result));
          };
        }),
    );
    expect((kept as { csvName: string }).csvName).toBe('pk-cohort.csv');
    // the fresh session is saved; the next reload opens cleanly
    await waitSaved(page);
    await page.reload();
    await page.getByRole('button', { name: 'Run discovery' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await navigable(page);
  }, 120_000);
});
