// Real spreadsheet labels through the proposer, the spec checks and the fit plan: every
// proposal for a table of the label corpus compiles, names its observables by identifier,
// carries the data's label, and the fitter finds every data series in it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDataset, type Dataset } from '../../src/data/index.ts';
import { createLibraryProposer, labelTable, observableIdentifiers, withDataLabels } from '../../src/discover/index.ts';
import { fitModel, planFit } from '../../src/infer/index.ts';
import { compileSpec, IDENTIFIER_RE } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { cpuBackend } from '../infer/helpers.ts';
import { dataset } from './fixtures.ts';

const CORPUS = join(import.meta.dirname, '../data/fixtures/labels');
const backend = cpuBackend();
afterAll(() => backend.dispose());
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.csv')).sort();

async function firstRound(data: Dataset): Promise<ModelSpec[]> {
  const ids = observableIdentifiers(data);
  const proposals = await createLibraryProposer().propose({ data }, [], 6);
  return proposals.map((p) => withDataLabels(p.spec, ids));
}

describe('the label corpus', () => {
  it('has tables with every kind of label the issue names', () => {
    const labels = files.flatMap((f) => {
      const d = parseDataset(readFileSync(join(CORPUS, f), 'utf8'));
      return [...d.observables.map((o) => o.name), ...d.groups.map((g) => g.name), ...d.observables.map((o) => o.unit ?? '')];
    });
    for (const re of [/ /, /[()]/, /\[/, /%/, /,/, /^\d/, /[\u4e00-\u9fff]/, /[\u0400-\u04ff]/, /[éè]/, /^.{100,}$/, /:/, /=/]) expect(labels.some((l) => re.test(l)), String(re)).toBe(true);
    // a pair that collides after normalisation
    const both = parseDataset(readFileSync(join(CORPUS, 'pkpd-colliding.csv'), 'utf8'));
    expect([...observableIdentifiers(both).values()]).toEqual(['Resultat', 'Resultat_2']);
  });

  for (const f of files) {
    it(`${f}: first-round proposals compile, keep the data's labels and match every series`, async () => {
      const data = parseDataset(readFileSync(join(CORPUS, f), 'utf8'));
      const labels = data.observables.map((o) => o.name);
      const specs = await firstRound(data);
      expect(specs.length, 'no proposal').toBeGreaterThan(0);
      for (const spec of specs) {
        const compiled = compileSpec(spec);
        for (const o of spec.observables) {
          expect(o.name).toMatch(IDENTIFIER_RE);
          expect((o.unit ?? '').length).toBeLessThanOrEqual(40);
        }
        // the model's observables carry exactly the data's labels
        expect(spec.observables.map((o) => o.label ?? o.name).sort()).toEqual([...labels].sort());
        const plan = planFit(compiled, data);
        expect(plan.series.length, `${spec.name}: ${plan.warnings.join('; ')}`).toBe(data.series.length);
        expect(plan.warnings.filter((w) => /not in the model|matched to the model's only/.test(w))).toEqual([]);
        for (const s of plan.series) expect(spec.observables[s.observable]!.label ?? spec.observables[s.observable]!.name).toBe(s.source.observable);
      }
      // the report's table: labels and units unchanged, spec units within 40 characters
      for (const row of labelTable(data)) {
        expect(labels).toContain(row.label);
        expect(row.unit).toBe(data.observables.find((o) => o.name === row.label)?.unit);
        if (row.specUnit !== undefined) expect(row.specUnit.length).toBeLessThanOrEqual(40);
      }
    });
  }

  it('a data unit over 40 characters is shortened in specs, never dropped (issue 12, defect 5)', async () => {
    const data = parseDataset(readFileSync(join(CORPUS, 'disease-long-unit.csv'), 'utf8'));
    const unit = data.observables[0]!.unit!;
    expect(unit.length).toBeGreaterThan(40);
    const [row] = labelTable(data);
    expect(row!.unit).toBe(unit);
    expect(row!.specUnit).toBe(`${unit.slice(0, 39)}…`);
    for (const spec of await firstRound(data)) expect(spec.observables[0]!.unit).toBe(row!.specUnit);
  });

  it('a label that is a name of the motif itself is renamed in the model, and still matched', async () => {
    const data = dataset([0.5, 1, 2, 4, 8, 12, 24], [1.5, 2.4, 2.9, 2.8, 1.9, 1.3, 0.4], { observable: 'V', unit: 'mg/L', dose: 100 });
    const specs = await firstRound(data);
    const pk = specs.find((s) => s.parameters.some((p) => p.name === 'V'))!;
    expect(pk.observables[0]).toMatchObject({ name: 'V_2', label: 'V' });
    expect(planFit(compileSpec(pk), data).series.length).toBe(1);
  });

  it('a label changes no number: the same model fitted to `conc` and to `exp` (named exp_2) gives the same evidence', async () => {
    const plain = parseDataset(readFileSync('public/examples/data/pk-oral-cohort.csv', 'utf8'));
    const labelled = parseDataset(readFileSync(join(CORPUS, 'pk-reserved-word.csv'), 'utf8'));
    const pick = async (d: Dataset) => (await firstRound(d)).find((s) => s.name === 'pk-1cmt-oral')!;
    const [a, b] = [await pick(plain), await pick(labelled)];
    expect(b.observables[0]).toMatchObject({ name: 'exp_2', label: 'exp' });
    const opts = { particles: 48, subjects: 32, seed: 1, screening: true };
    const ra = await fitModel(compileSpec(a), plain, opts, backend);
    const rb = await fitModel(compileSpec(b), labelled, opts, backend);
    expect(rb.logEvidence).toBe(ra.logEvidence);
    expect(rb.predictive.map((p) => p.observable)).toEqual(['exp']);
    expect(rb.diagnostics.residuals.every((r) => r.observable === 'exp')).toBe(true);
  }, 60_000);
});
