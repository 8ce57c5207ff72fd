// Study designs in the app (Chromium): an aggregate table with infusion regimen columns and a
// NONMEM-format multiple-dose file are imported through "Import data"; the Data step describes
// each group's regimen in words and marks the dose times; a discovery run fits the design and its
// plots mark the dose times too. Nothing leaves the machine.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { foreignRequests, useApp } from './harness.ts';
import { importAndWait, openApp, quickSettings, runDiscovery, step, waitResultsRendered } from './steps.ts';

const DATA = join(import.meta.dirname, '../../public/examples/data');

const app = useApp();

describe('dosing regimens in the app', () => {
  test('infusion arms and a NONMEM file: regimens in words, dose times on the plots, a run that uses them', async () => {
    const { page } = app.browser;
    await openApp(page, app.server.url);

    await importAndWait(page, join(DATA, 'pk-oral-multiple-nonmem.csv'));
    await step(page, 'Data');
    expect(await page.getByRole('list', { name: 'Dosing regimens' }).innerText()).toMatch(/oral every 12 h × 6/);
    // six administrations, 12 h apart, marked on the preview
    await page.locator('svg .dose-mark').first().waitFor();
    expect(await page.locator('.preview svg .dose-mark').count()).toBeGreaterThanOrEqual(6);

    await importAndWait(page, join(DATA, 'pk-infusion-two-arms.csv'));
    await step(page, 'Data');
    const regimens = await page.getByRole('list', { name: 'Dosing regimens' }).innerText();
    expect(regimens).toContain('low: 100 IV infusion over 1 h every 12 h × 3');
    expect(regimens).toContain('high: 300 IV infusion over 1 h every 12 h × 3');
    expect(await page.locator('.preview svg .dose-mark').count()).toBe(3);

    await page.getByLabel('Backend').selectOption('cpu');
    await page.getByText('Backend: CPU').waitFor({ timeout: 30_000 });
    await quickSettings(page, 25, { particles: 64, subjects: 32 });
    await runDiscovery(page);
    await waitResultsRendered(page);
    const results = page.getByRole('region', { name: 'Results' });
    // every ranked model is an IV structure (the data say infusion), and the fits mark the three infusions
    const names = await results.getByRole('table', { name: 'Ranked models' }).locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).not.toMatch(/oral/);
    expect(await results.locator('svg .dose-mark').count()).toBeGreaterThanOrEqual(3);
    expect(foreignRequests(app.browser.requests, app.server.origin)).toEqual([]);
  }, 360_000);
});
