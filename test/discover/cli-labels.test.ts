// `mechanist discover` on tables with real spreadsheet labels (test/data/fixtures/labels):
// a ranked report whose dataset, model observables, predictive series and residuals carry the
// data's labels unchanged, with the label → identifier table and both units.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import type { DiscoveryReport } from '../../src/discover/report.ts';

const CORPUS = join(import.meta.dirname, '../data/fixtures/labels');

beforeAll(() => {
  if (!existsSync('dist/cli/mechanist.mjs')) execFileSync(process.execPath, ['scripts/build-cli.mjs']);
});

function discover(file: string): DiscoveryReport {
  // small budgets keep the suite fast; one round is enough to rank
  const r = spawnSync(process.execPath, ['bin/mechanist.mjs', 'discover', join(CORPUS, file), '--proposer', 'library', '--seed', '1', '--rounds', '1', '--budget-s', '20'], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, `${r.stdout.slice(0, 600)}\n${r.stderr.slice(-600)}`).toBe(0);
  return JSON.parse(r.stdout) as DiscoveryReport;
}

describe('mechanist discover keeps the data labels', () => {
  for (const file of ['pkpd-cjk-percent.csv', 'disease-long-unit.csv', 'pkpd-colliding.csv']) {
    it(`${file}: ranked models, labels unchanged in the report`, () => {
      const data = parseDataset(readFileSync(join(CORPUS, file), 'utf8'));
      const labels = data.observables.map((o) => o.name);
      const groups = data.groups.map((g) => g.name);
      const rep = discover(file);
      expect(rep.models.length).toBeGreaterThan(0);
      expect(rep.dataset.observables).toEqual(labels);
      expect(rep.dataset.groups).toEqual(groups);
      expect(rep.dataset.identifiers!.map((o) => o.label)).toEqual(labels);
      expect(rep.dataset.identifiers!.map((o) => o.unit)).toEqual(data.observables.map((o) => o.unit));
      // the run log says how each label and over-long unit enters the models
      for (const o of rep.dataset.identifiers!) if (o.name !== o.label) expect(rep.log.join('\n')).toContain(`observable "${o.label}" is named ${o.name} in models`);
      if (file === 'disease-long-unit.csv') expect(rep.log.join('\n')).toMatch(/unit of "Viral load, log10 copies\/mL" is 87 characters; models hold it as "log10 copies per millilitre of plasma \(…"/);
      for (const m of rep.models) {
        expect(m.spec.observables.map((o) => o.label ?? o.name).sort()).toEqual([...labels].sort());
        for (const s of m.predictive.series) {
          expect(labels).toContain(s.observable);
          expect(groups).toContain(s.group);
        }
        for (const r of m.diagnostics.residuals) expect(labels).toContain(r.observable);
      }
    }, 150_000);
  }
});
