// Study designs in the app (Chromium): an aggregate table with infusion regimen columns and a
// NONMEM-format multiple-dose file are imported through "Import data"; the Data step describes
// each group's regimen in words and marks the dose times; a discovery run fits the design and its
// plots mark the dose times too. Nothing leaves the machine.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { foreignRequests, useApp } from './harness.ts';
import { download, importAndWait, importFile, openApp, quickSettings, runDiscovery, step, waitResultsRendered, waitSaved } from './steps.ts';

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

  test('the Context step says what discovery will read from the words: family, route and a regimen the table lacks', async () => {
    const { page } = app.browser;
    await openApp(page, app.server.url);
    await importAndWait(page, join(DATA, 'pk-two-dose-groups.csv'));
    await step(page, 'Context');
    const reading = page.getByRole('list', { name: 'What discovery reads from it' });
    // only these words: the other fields may hold an earlier session's text
    await page.getByLabel('What is measured (quantity, unit)').fill('plasma concentration (mg/L)');
    await page.getByLabel('Disease or condition').fill('');
    await page.getByLabel('Anything else').fill('');
    await page.getByLabel('Intervention').fill('50 or 100 mg tablets every 12 hours, three doses');
    await expect.poll(() => reading.innerText()).toMatch(/The route is oral: only oral PK structures are proposed\.[\s\S]*"every 12 hours": each group's dose is repeated every 12 h, 3 doses as stated/);
    await page.getByLabel('Intervention').fill('');
    await expect.poll(() => page.locator('#ctx-reading').innerText()).not.toMatch(/every 12 h/);
  }, 120_000);

  test('a table copied with its caption: the Context step shows the caption as what a run reads while the fields are empty', async () => {
    const { page } = app.browser;
    await openApp(page, app.server.url);
    await importAndWait(page, join(import.meta.dirname, 'fixtures', 'captioned.csv'));
    await step(page, 'Context');
    for (const field of ['What is measured (quantity, unit)', 'Disease or condition', 'Intervention', 'Anything else']) await page.getByLabel(field).fill('');
    await expect.poll(() => page.locator('.context-preview').innerText()).toContain('Table 2. Plasma concentrations (mg/L) after a single 100 mg oral dose');
    await expect.poll(() => page.locator('#ctx-reading').innerText()).toMatch(/The route is oral/);
    // words in the fields replace it
    await page.getByLabel('What is measured (quantity, unit)').fill('Plasma concentration (mg/L)');
    await expect.poll(() => page.locator('.context-preview').innerText()).not.toContain('Table 2.');
  }, 120_000);

  test("a table imported after an example does not inherit the example's words; words the user wrote are kept, with a note", async () => {
    const { page } = app.browser;
    await openApp(page, app.server.url);
    const fields = ['What is measured (quantity, unit)', 'Disease or condition', 'Intervention', 'Anything else'];
    await step(page, 'Data');
    await page.getByLabel('Example data').selectOption('pk-oral-cohort.csv');
    await page.getByRole('status').filter({ hasText: 'Imported pk-oral-cohort.csv' }).waitFor();
    await step(page, 'Context');
    await expect.poll(() => page.getByLabel('Anything else').inputValue()).toMatch(/orally given drug/);
    await expect.poll(() => page.locator('#ctx-reading').innerText()).toMatch(/The route is oral/);
    // the user's own table: the example's sentence (an oral route, the PK family) leaves with the example
    await importAndWait(page, join(DATA, 'epidemic-sir.csv'));
    await step(page, 'Context');
    for (const field of fields) expect(await page.getByLabel(field).inputValue(), field).toBe('');
    await expect.poll(() => page.locator('#ctx-reading').innerText()).not.toMatch(/oral/);
    // words the user wrote describe their study: kept over the next import, and the status says so
    await page.getByLabel('Disease or condition').fill('influenza in a boarding school');
    await waitSaved(page);
    await importFile(page, join(DATA, 'growth-20-groups.csv'));
    await page.getByRole('status').filter({ hasText: 'The context you wrote is kept' }).waitFor();
    await step(page, 'Context');
    expect(await page.getByLabel('Disease or condition').inputValue()).toBe('influenza in a boarding school');
  }, 120_000);

  test('a session saved with the old composition of the context runs on what its fields compose to now', async () => {
    const { page } = app.browser;
    await openApp(page, app.server.url);
    await step(page, 'Context');
    for (const field of ['What is measured (quantity, unit)', 'Intervention', 'Anything else']) await page.getByLabel(field).fill('');
    await page.getByLabel('Disease or condition').fill('neonates');
    await waitSaved(page);
    const saveSession = async () => JSON.parse((await download(page, () => page.getByRole('button', { name: 'Save session' }).click())).text) as { session: { context: string; step: string } };
    const saved = await saveSession();
    expect(saved.session.context).toBe('Condition: neonates.');
    // as sessions before session 45 composed it (the label alone named the disease family), opened
    // on the Data step, where nothing recomposes it
    saved.session.context = 'Disease/condition: neonates.';
    saved.session.step = 'data';
    const file = join(mkdtempSync(join(tmpdir(), 'mechanist-session-')), 'old-session.json');
    writeFileSync(file, JSON.stringify(saved));
    await step(page, 'Data');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open session' }).click()]);
    await chooser.setFiles(file);
    await page.getByRole('status').filter({ hasText: 'Session old-session.json opened' }).waitFor();
    await waitSaved(page);
    expect((await saveSession()).session.context).toBe('Condition: neonates.');
    await step(page, 'Context');
    expect(await page.locator('.context-preview').innerText()).toBe('Condition: neonates.');
    expect(await page.locator('#ctx-reading').innerText()).not.toMatch(/disease/);
  }, 120_000);

  test('a separate dosing table: imported beside the data, described, kept over a reload; a broken one is refused and the valid pair kept', async () => {
    const { page } = app.browser;
    await openApp(page, app.server.url);
    await importAndWait(page, join(DATA, 'pk-oral-loading-dose.csv'));
    await step(page, 'Data');
    await page.getByText('Dosing table (optional)').click();
    await page.getByLabel('Import a dosing table (CSV)').setInputFiles(join(DATA, 'dosing', 'pk-oral-loading-dose.csv'));
    await page.getByRole('status').filter({ hasText: 'Dosing table applied: 2 group(s) with a schedule' }).waitFor();
    const described = async () => page.getByRole('list', { name: 'Dosing regimens' }).innerText();
    // the dosing table's `amount (mg)` header gives the doses their unit
    expect(await described()).toContain('loading: oral: 300 mg at 0 h, 100 mg at 12 h, 100 mg at 24 h, 100 mg at 36 h … (5 doses, the last at 48 h)');
    expect(await described()).toContain('maintenance: 100 mg oral every 12 h × 5');
    expect(await page.locator('.preview svg .dose-mark').count()).toBe(5);

    // a broken table: the problem is named, the last valid data and dosing stay in use
    await page.getByLabel('Dosing table (paste or edit)').fill('group,time,amount,route\nloading,0,300,oral\nloading,12,100,iv\n');
    await page.getByRole('button', { name: 'Apply dosing table' }).click();
    await page.getByRole('alert', { name: 'Data errors' }).filter({ hasText: 'dosing table: row 3, column "route": group "loading" is dosed iv here and oral at row 2' }).waitFor();
    expect(await described()).toContain('loading: oral: 300 mg at 0 h');

    await waitSaved(page);
    await page.reload();
    await page.getByRole('button', { name: 'Run discovery' }).waitFor();
    await step(page, 'Data');
    expect(await described()).toContain('loading: oral: 300 mg at 0 h');
    expect(await page.getByLabel('Dosing table (paste or edit)').inputValue()).toContain('loading,12,100,iv');
    expect(foreignRequests(app.browser.requests, app.server.origin)).toEqual([]);
  }, 180_000);
});
