// Real spreadsheet labels in the app (Chromium): a table whose observables are "血药浓度" and
// "% of normal", whose group is `Arm A: 50 mg <b>&</b> "n=12"` and whose unit has 22 characters
// is imported, run (CPU, small budget), shown, and exported: every medium shows the labels
// unchanged, escaped for itself, and nothing leaves the machine.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, foreignRequests, useApp } from './harness.ts';
import { download, importAndWait, openApp, quickSettings, runDiscovery, step, waitResultsRendered } from './steps.ts';

const CONC = '血药浓度';
const RESPONSE = '% of normal';
const GROUP = 'Arm A: 50 mg <b>&</b> "n=12"';
const GROUP_HTML = 'Arm A: 50 mg &lt;b&gt;&amp;&lt;/b&gt; &quot;n=12&quot;';

const app = useApp();

describe('data labels in the app', () => {
  test('import → run → results → exports keep the labels', async () => {
    const { page } = app.browser;
    await openApp(page, app.server.url);
    await importAndWait(page, join(FIXTURES, 'labels.csv'));
    // the equation editor's page says which identifier each label has
    await step(page, 'Models');
    const names = await page.getByLabel('Observable names for the data').innerText();
    expect(names).toContain(`“${CONC}” → obs`);
    expect(names).toContain(`“${RESPONSE}” → pct_of_normal`);
    await page.getByLabel('Backend').selectOption('cpu');
    await page.getByText('Backend: CPU').waitFor({ timeout: 30_000 });
    await quickSettings(page, 25, { particles: 64, subjects: 32 });
    await runDiscovery(page);
    await waitResultsRendered(page);

    const results = page.getByRole('region', { name: 'Results' });
    expect(await results.getByRole('table', { name: 'Ranked models' }).locator('tbody tr').count()).toBeGreaterThan(0);
    // plots are titled with the labels (SVG text), equations use the identifiers, and the pair is shown
    const text = (await results.evaluate((e) => e.textContent)) ?? '';
    for (const needle of [CONC, RESPONSE, GROUP]) expect(text).toContain(needle);
    const pairs = await results.getByRole('list', { name: 'Data labels of the observables' }).first().innerText();
    expect(pairs).toContain(`obs is the data's “${CONC}”`);
    expect(pairs).toContain(`pct_of_normal is the data's “${RESPONSE}”`);

    const topName = (await results.getByRole('table', { name: 'Ranked models' }).locator('tbody tr').first().locator('td').nth(1).innerText()).trim();
    const report = await download(page, () => page.getByRole('button', { name: 'Export report' }).click());
    for (const needle of [CONC, RESPONSE, GROUP_HTML, '<td><code>pct_of_normal</code></td>']) expect(report.text).toContain(needle);
    expect(report.text).not.toContain('<b>&</b>');

    const spec = JSON.parse((await download(page, () => results.getByRole('button', { name: `Model JSON: ${topName}` }).first().click())).text) as { observables: { name: string; label?: string }[] };
    expect(spec.observables.map((o) => o.label).sort()).toEqual([RESPONSE, CONC].sort());

    const csv = (await download(page, () => results.getByRole('button', { name: `Predictions CSV: ${topName}` }).first().click())).text;
    // CSV quoting: the quotes in the group label are doubled inside a quoted cell
    expect(csv).toContain(`"Arm A: 50 mg <b>&</b> ""n=12"""`);
    expect(csv).toContain(CONC);
    expect(csv).toContain(RESPONSE);

    const svg = (await download(page, () => results.getByRole('button', { name: new RegExp(`^Save plot .*${CONC}.* as SVG$`) }).first().click())).text;
    expect(svg).toContain(CONC);
    expect(svg).toContain('&lt;b&gt;&amp;&lt;/b&gt;');

    const session = JSON.parse((await download(page, () => page.getByRole('button', { name: 'Save session' }).click())).text) as { session?: { report?: { dataset: { observables: string[]; identifiers: { label: string; name: string }[] } } }; report?: unknown };
    const saved = JSON.stringify(session);
    expect(saved).toContain(JSON.stringify(GROUP).slice(1, -1));
    expect(saved).toContain('"identifiers":[{"label":"血药浓度","name":"obs"');
    // another table imported: the results stay, and say that they are from the earlier one
    const note = results.getByRole('note', { name: 'Results from other data' });
    expect(await note.count()).toBe(0);
    await importAndWait(page, join(FIXTURES, 'pk-cohort.csv'));
    await step(page, 'Results');
    await expect.poll(() => note.innerText()).toMatch(/These results are from labels\.csv, not from the data now in the Data step \(pk-cohort\.csv\)/);
    expect(await results.getByRole('table', { name: 'Ranked models' }).locator('tbody tr').count()).toBeGreaterThan(0);
    expect(foreignRequests(app.browser.requests, app.server.origin)).toEqual([]);
  }, 360_000);
});
