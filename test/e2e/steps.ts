// Shared e2e actions, written the way a user (or an unseen script) drives the app: by role and name.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';

export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Run discovery' }).waitFor();
  await waitSaved(page);
}

export async function waitSaved(page: Page): Promise<void> {
  // let a pending change start its (debounced) save first
  await page.waitForTimeout(300);
  await page.getByText('All changes saved').waitFor({ timeout: 30_000 });
}

export async function importFile(page: Page, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import data' }).click()]);
  await chooser.setFiles(path);
}

/** Imports a file and waits until the app says it did. */
export async function importAndWait(page: Page, path: string): Promise<void> {
  await importFile(page, path);
  await page.getByRole('status').filter({ hasText: `Imported ${basename(path)}` }).waitFor();
}

export async function step(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name }).click();
}

/** small budget so the suite stays fast on 2 shared cores */
export async function quickSettings(page: Page, budgetSeconds = 30, sizes?: { particles: number; subjects: number }): Promise<void> {
  await step(page, 'Run');
  await page.getByLabel('Time budget (s)').fill(String(budgetSeconds));
  await page.getByLabel('Rounds').fill('1');
  if (sizes) {
    await page.getByLabel('Particles').fill(String(sizes.particles));
    await page.getByLabel('Virtual subjects').fill(String(sizes.subjects));
  }
}

/** runs discovery and waits for the ranked table; a failed run fails at once with the app's message */
export async function runDiscovery(page: Page, timeout = 240_000): Promise<void> {
  const button = page.getByRole('button', { name: 'Run discovery' });
  await button.click();
  // the button is disabled while the run is in flight (set synchronously by the click)
  await page.waitForFunction(
    () => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Run discovery' && !b.disabled),
    undefined,
    { timeout, polling: 500 },
  );
  const failed = page.getByRole('alert').filter({ hasText: 'The run failed' });
  if (await failed.isVisible()) throw new Error(await failed.innerText());
  await page.getByRole('region', { name: 'Results' }).getByRole('table', { name: 'Ranked models' }).waitFor({ timeout: 10_000 });
}

/** waits until equations are typeset (KaTeX) and plots drawn in the Results region */
export async function waitResultsRendered(page: Page): Promise<void> {
  const results = page.getByRole('region', { name: 'Results' });
  await results.locator('.katex').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelectorAll('.plain-eq').length === 0, undefined, { timeout: 60_000 });
  await results.locator('svg path.band').first().waitFor();
}

export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
}
