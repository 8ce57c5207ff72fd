// The main path in a real browser (Chromium, WebGPU on SwiftShader): import a CSV through the
// file chooser, run discovery on WebGPU and with the CPU forced, results with equations and plots,
// only local requests, reload restores exactly, exports, screenshot for the README; then the
// error paths (malformed CSV, broken spec) keep the rest of the state.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, ROOT, foreignRequests, useApp } from './harness.ts';
import { download, importFile, openApp, quickSettings, runDiscovery, step, waitResultsRendered, waitSaved } from './steps.ts';

const app = useApp();

describe('app in Chromium with WebGPU', () => {
  test('first start has the example data and the library proposer ready', async () => {
    const { page } = app.browser;
    await openApp(page, app.server.url);
    const status = await page.locator('.statusbar').innerText();
    expect(status).toMatch(/Data: \S+/);
    expect(status).not.toMatch(/Data: none/);
    await page.locator('.statusbar').getByText(/Backend: (WebGPU|CPU)/).waitFor();
    // the preview's line joins its own points (it was drawn in data units, as pixels, until session 45)
    const preview = page.locator('svg').filter({ has: page.locator('path.mean-line') }).first();
    await preview.waitFor();
    const { line, points } = await preview.evaluate((svg) => ({
      line: [...(svg.querySelector('path.mean-line')!.getAttribute('d') ?? '').matchAll(/-?[\d.]+(?:e-?\d+)?/g)].map((m) => Number(m[0])),
      points: [...svg.querySelectorAll('circle')].map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]),
    }));
    expect(points.length).toBeGreaterThan(2);
    points.forEach(([cx, cy], i) => {
      expect(line[2 * i]!).toBeCloseTo(cx!, 1);
      expect(line[2 * i + 1]!).toBeCloseTo(cy!, 1);
    });
  }, 120_000);

  test('CSV through the file chooser → discovery on WebGPU → ranked models, equations, plots', async () => {
    const { page } = app.browser;
    await importFile(page, join(FIXTURES, 'pk-cohort.csv'));
    await page.getByRole('status').filter({ hasText: 'Imported pk-cohort.csv' }).waitFor();
    expect(await page.getByLabel('Row 2, column mean').inputValue()).toBe('1.092');
    // Auto skips a software adapter (SwiftShader is slower than the CPU path): choose WebGPU explicitly
    await page.getByLabel('Backend').selectOption('webgpu');
    await page.getByText('Backend: WebGPU').waitFor({ timeout: 60_000 });
    // SwiftShader runs WGSL on 2 shared CPU cores: a small ensemble keeps the run short
    await quickSettings(page, 120, { particles: 64, subjects: 32 });
    await runDiscovery(page);
    const results = page.getByRole('region', { name: 'Results' });
    await waitResultsRendered(page);
    expect(await results.getByRole('table', { name: 'Ranked models' }).locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await results.innerText()).toMatch(/WebGPU/);
    expect(await results.locator('.katex').count()).toBeGreaterThan(0);
    expect(await results.locator('svg[role="img"]').count()).toBeGreaterThan(3);
    expect(foreignRequests(app.browser.requests, app.server.origin)).toEqual([]);
  }, 360_000);

  test('reload on the results view restores them exactly', async () => {
    const { page } = app.browser;
    const results = page.getByRole('region', { name: 'Results' });
    await waitSaved(page);
    const before = await results.innerText();
    const svgBefore = await results.locator('svg').evaluateAll((els) => els.map((e) => e.outerHTML).join(''));
    await page.reload();
    await waitResultsRendered(page);
    expect(await results.innerText()).toBe(before);
    expect(await results.locator('svg').evaluateAll((els) => els.map((e) => e.outerHTML).join(''))).toBe(svgBefore);
  }, 120_000);

  test('exported report and model JSON contain what they should', async () => {
    const { page } = app.browser;
    const results = page.getByRole('region', { name: 'Results' });
    const topName = (await results.getByRole('table', { name: 'Ranked models' }).locator('tbody tr').first().locator('td').nth(1).innerText()).trim();
    const report = await download(page, () => page.getByRole('button', { name: 'Export report' }).click());
    expect(report.name).toMatch(/\.html$/);
    for (const needle of ['Mechanist report', 'pk-cohort.csv', topName, 'seed', 'version 0.1.0', '<svg', '<math', 'Ranked models', 'Parameters'])
      expect(report.text).toContain(needle);
    const json = await download(page, () => results.getByRole('button', { name: `Model JSON: ${topName}` }).first().click());
    const spec = JSON.parse(json.text) as { name: string; equations: Record<string, string>; parameters: unknown[] };
    expect(spec.name).toBe(topName);
    expect(Object.keys(spec.equations).length).toBeGreaterThan(0);
    expect(spec.parameters.length).toBeGreaterThan(0);
    const csv = await download(page, () => results.getByRole('button', { name: `Predictions CSV: ${topName}` }).first().click());
    expect(csv.text.split('\n')[0]).toContain('time,mean_median,mean_q05,mean_q95');
    // model exchange from the Results: SBML L3V2 and a NONMEM control stream of the top model
    const sbml = await download(page, () => results.getByRole('button', { name: `SBML: ${topName}` }).first().click());
    expect(sbml.name).toMatch(/\.xml$/);
    expect(sbml.text).toContain('<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2">');
    const nonmem = await download(page, () => results.getByRole('button', { name: `NONMEM: ${topName}` }).first().click());
    expect(nonmem.text).toContain('$SUBROUTINES ADVAN13');
    expect(foreignRequests(app.browser.requests, app.server.origin)).toEqual([]);
  }, 120_000);

  test('the same run with the CPU backend forced', async () => {
    const { page } = app.browser;
    await page.getByLabel('Backend').selectOption('cpu');
    await page.getByText('Backend: CPU').waitFor({ timeout: 30_000 });
    // 60 s: room for full fits (derived quantities come with full fits) on 2 shared cores
    await quickSettings(page, 60, { particles: 256, subjects: 128 });
    await runDiscovery(page);
    await waitResultsRendered(page);
    const results = page.getByRole('region', { name: 'Results' });
    expect(await results.locator('.summary').innerText()).toMatch(/· CPU ·/);
    // derived quantities of a fully fitted model, with their sentences
    const derived = results.getByRole('table', { name: /^Derived quantities of / }).first();
    await derived.waitFor();
    expect(await derived.locator('tbody tr').count()).toBeGreaterThan(2);
    expect(await results.locator('.derived-sentences li').first().innerText()).toMatch(/\(5–95%: /);
    expect(await results.locator('.katex').count()).toBeGreaterThan(0);
    // the README's picture of the results view: ranked models, then two models side by side
    await page.getByRole('table', { name: 'Ranked models' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ROOT, 'docs/screenshot-results.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1500 } });
    expect(foreignRequests(app.browser.requests, app.server.origin)).toEqual([]);
  }, 360_000);

  test('Cancel stops a run and keeps the previous results', async () => {
    const { page } = app.browser;
    const summary = await page.getByRole('region', { name: 'Results' }).locator('.summary').innerText();
    await page.getByRole('button', { name: 'Run discovery' }).click();
    const cancel = page.getByRole('button', { name: 'Cancel' });
    await expect.poll(() => cancel.isEnabled(), { timeout: 10_000 }).toBe(true);
    await cancel.click();
    await page.getByRole('alert').filter({ hasText: 'Run cancelled' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: 'Run discovery' }).isEnabled()).toBe(true);
    await step(page, 'Results');
    expect(await page.getByRole('region', { name: 'Results' }).locator('.summary').innerText()).toBe(summary);
  }, 120_000);

  test('a run is followed and cancelled from every step; its end shows in the title of a background tab', async () => {
    const { page } = app.browser;
    await quickSettings(page, 120);
    await page.getByRole('button', { name: 'Run discovery' }).click();
    const bar = page.getByRole('group', { name: 'Run progress' });
    const cancel = page.getByRole('button', { name: 'Cancel' });
    for (const name of ['Data', 'Context', 'Models', 'Results', 'Explore']) {
      await step(page, name);
      await bar.waitFor({ timeout: 10_000 });
      expect(await bar.innerText()).toMatch(/^(Starting|Proposing|Screening|Fitting|Ranking|Diagnosing) · \d+ s/);
      expect(await bar.getByRole('progressbar').count()).toBe(1);
      await expect.poll(() => cancel.isEnabled(), { timeout: 10_000 }).toBe(true);
    }
    // a long run (≥ 10 s) ending while the tab is hidden: the title says so until the tab is shown
    await expect.poll(async () => Number(/· (\d+) s/.exec(await bar.innerText())?.[1] ?? 0), { timeout: 30_000, interval: 500 }).toBeGreaterThanOrEqual(11);
    const title = await page.title();
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await cancel.click(); // from the Explore step
    await page.getByRole('alert').filter({ hasText: 'Run cancelled' }).waitFor({ timeout: 60_000 });
    await bar.waitFor({ state: 'detached' });
    await expect.poll(() => page.title()).toBe(`■ Discovery cancelled — ${title}`);
    await setHidden(false);
    await expect.poll(() => page.title()).toBe(title);
    await quickSettings(page, 60);
  }, 180_000);

  test('Explore simulates the cohort live when a slider moves', async () => {
    const { page } = app.browser;
    await step(page, 'Explore');
    const plot = page.locator('main svg[role="img"]').first();
    await plot.locator('path.band').waitFor({ timeout: 60_000 });
    const before = await plot.locator('path.band').getAttribute('d');
    const slider = page.locator('main input[type="range"]').first();
    await slider.focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => plot.locator('path.band').getAttribute('d').catch(() => before), { timeout: 60_000 }).not.toBe(before);
  }, 120_000);

  test('a table pasted from a spreadsheet becomes the data', async () => {
    const { page } = app.browser;
    await step(page, 'Data');
    await page.getByLabel('Paste a table').fill('time\tmean\tsd\tn\n1\t5.5\t1.1\t12\n2\t4.4\t0.9\t12\n4\t2.0\t0.6\t12\n');
    await page.getByRole('button', { name: 'Use pasted table' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported pasted table' }).waitFor();
    expect(await page.getByLabel('Row 3, column mean').inputValue()).toBe('4.4');
    expect(await page.locator('.statusbar').innerText()).toContain('Data: pasted table');
    // back to the cohort used by the remaining tests
    await importFile(page, join(FIXTURES, 'pk-cohort.csv'));
    await page.getByRole('status').filter({ hasText: 'Imported pk-cohort.csv' }).waitFor();
  }, 60_000);

  test('a CSV dropped on the page is imported', async () => {
    const { page } = app.browser;
    const csv = readFileSync(join(FIXTURES, 'pk-cohort.csv'), 'utf8');
    const dt = await page.evaluateHandle((text) => {
      const d = new DataTransfer();
      d.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      return d;
    }, csv);
    await page.locator('main').dispatchEvent('dragover', { dataTransfer: dt });
    await page.locator('main').dispatchEvent('drop', { dataTransfer: dt });
    await page.getByRole('status').filter({ hasText: 'Imported dropped.csv' }).waitFor();
    expect(await page.locator('.statusbar').innerText()).toContain('Data: dropped.csv');
  }, 60_000);

  test('a saved session file restores the session after Clear all', async () => {
    const { page } = app.browser;
    await step(page, 'Results');
    const summary = await page.getByRole('region', { name: 'Results' }).locator('.summary').innerText();
    const saved = await download(page, () => page.getByRole('button', { name: 'Save session' }).click());
    const file = join(mkdtempSync(join(tmpdir(), 'mechanist-session-')), 'session.json');
    writeFileSync(file, saved.text);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.getByRole('status').filter({ hasText: 'All saved data was cleared' }).waitFor();
    await step(page, 'Results');
    await page.getByText('No results yet').waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open session' }).click()]);
    await chooser.setFiles(file);
    await page.getByRole('status').filter({ hasText: 'Session session.json opened' }).waitFor();
    await step(page, 'Results');
    expect(await page.getByRole('region', { name: 'Results' }).locator('.summary').innerText()).toBe(summary);
    expect(await page.locator('.statusbar').innerText()).toContain('Data: dropped.csv');
  }, 60_000);

  test('a malformed CSV shows errors at the cells and keeps the rest of the state', async () => {
    const { page } = app.browser;
    await step(page, 'Results');
    const reportBefore = await page.getByRole('region', { name: 'Results' }).locator('.summary').innerText();
    await importFile(page, join(FIXTURES, 'malformed.csv'));
    const errors = page.getByRole('alert', { name: 'Data errors' });
    await errors.waitFor();
    const text = await errors.innerText();
    expect(text).toContain('row 3, column "sd"');
    expect(text).toContain('row 4, column "mean"');
    expect(await page.getByLabel('Row 3, column sd').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Row 4, column mean').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Row 2, column sd').getAttribute('aria-invalid')).toBeNull();
    // the last valid data stays active, the results stay
    expect(await page.locator('.statusbar').innerText()).toContain('Data: dropped.csv');
    await step(page, 'Results');
    expect(await page.getByRole('region', { name: 'Results' }).locator('.summary').innerText()).toBe(reportBefore);
    // fixing the cell in the table makes the data valid
    await step(page, 'Data');
    await page.getByLabel('Row 3, column sd').fill('0.4');
    await page.getByLabel('Row 3, column sd').press('Tab');
    await page.getByLabel('Row 4, column mean').fill('2.2');
    await page.getByLabel('Row 4, column mean').press('Tab');
    await page.getByRole('alert', { name: 'Data errors' }).waitFor({ state: 'detached' });
  }, 120_000);

  test('a broken user-written spec is marked at its line and column; state is kept', async () => {
    const { page } = app.browser;
    await step(page, 'Models');
    await page.getByRole('button', { name: 'New model spec' }).click();
    const editor = page.getByLabel(/^Model spec 1/);
    const broken = ['{', '  "name": "broken",', '  "states": [{ "name": "x", "initial": "1" }],', '  "parameters": [{ "name": "k", "prior": { "type": "lognormal", "median": 0.1, "gsd": 2 } }],', '  "equations": { "x": "-kk * x" },', '  "observables": [{ "name": "y", "expression": "x" }]', '}'].join('\n');
    await editor.fill(broken);
    const issues = page.getByRole('list', { name: 'Problems in model spec 1' });
    await issues.getByRole('listitem').first().waitFor({ timeout: 30_000 });
    const first = await issues.getByRole('listitem').first().innerText();
    // "-kk * x" is on line 5; kk starts at column 20 ( `  "equations": { "x": "-` is 22 chars → k at 23 )
    const col = broken.split('\n')[4]!.indexOf('kk') + 1;
    expect(first).toContain(`line 5, column ${col}`);
    expect(first).toMatch(/kk/);
    const mark = page.locator('mark.spec-mark').first();
    expect(await mark.getAttribute('data-line')).toBe('5');
    expect(await mark.textContent()).toBe('kk');
    // fixing it makes it valid and typesets it
    await editor.fill(broken.replace('-kk', '-k'));
    await page.getByText('valid', { exact: true }).waitFor({ timeout: 30_000 });
    // the data, the spec text and the results survive a reload
    await waitSaved(page);
    await page.reload();
    await step(page, 'Models');
    expect(await page.getByLabel(/^Model spec 1/).inputValue()).toBe(broken.replace('-kk', '-k'));
    // the table fixed in the previous test is the active data now
    expect(await page.locator('.statusbar').innerText()).toContain('Data: malformed.csv');
    await step(page, 'Results');
    await page.getByRole('region', { name: 'Results' }).getByRole('table', { name: 'Ranked models' }).waitFor();
  }, 120_000);
});
