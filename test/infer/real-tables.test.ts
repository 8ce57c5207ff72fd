// Real tables in the fit (issue 10): a pre-dose visit costs what it should (assay noise on a zero
// prediction), not ~960 nats; the one-compartment oral fit of the theophylline table recovers the
// published population values; a visit where everyone was below the LLOQ is a censored count.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { fitModel } from '../../src/infer/index.ts';
import { compileSpec } from '../../src/model/index.ts';
import { cpuBackend } from './helpers.ts';

const backend = cpuBackend();
afterAll(() => backend.dispose());
const theoph = parseDataset(readFileSync(new URL('../fixtures/real-like/theophylline-aggregate.csv', import.meta.url), 'utf8'));
const context = 'Theophylline, single oral dose (mg), plasma concentration mg/L';

describe('theophylline with its pre-dose visit', () => {
  it('the library one-compartment oral model fits it: no thousand-nat penalty, published values recovered', async () => {
    const spec = motifById('pk-1cmt-oral')!.build(dataScales(theoph, context));
    const report = await fitModel(compileSpec(spec), theoph, { particles: 256, subjects: 64, seed: 3 }, backend);
    // with proportional-only error the pre-dose visit alone cost ~960 nats (log-evidence ≈ −990)
    expect(report.logEvidence).toBeGreaterThan(-60);
    const pre = report.diagnostics.residuals.find((r) => r.time === 0)!;
    expect(Math.abs(pre.meanZ)).toBeLessThan(3);
    // published NLME fit (individual data): ka 1.58, CL 2.75, V 31.6; within 30%, ka > k mode
    expect(report.parameters.ka!.median).toBeGreaterThan(1.58 * 0.7);
    expect(report.parameters.ka!.median).toBeLessThan(1.58 * 1.3);
    expect(report.parameters.CL!.median / 2.75).toBeGreaterThan(0.7);
    expect(report.parameters.CL!.median / 2.75).toBeLessThan(1.3);
    expect(report.parameters.V!.median / 31.6).toBeGreaterThan(0.7);
    expect(report.parameters.V!.median / 31.6).toBeLessThan(1.3);
    expect(report.flipFlop!.massAbsorptionFaster).toBeGreaterThan(0.5);
  }, 240_000);

  it('a trailing visit written as mean 0, SD 0 (everyone below the LLOQ) is fitted as censored, not as an exact zero', async () => {
    const csv = readFileSync(new URL('../fixtures/real-like/theophylline-aggregate.csv', import.meta.url), 'utf8').trimEnd() + '\nall,320,theophylline,72,0,0,6,mg/L\n';
    const d = parseDataset(csv);
    const spec = motifById('pk-1cmt-oral')!.build(dataScales(d, context));
    const report = await fitModel(compileSpec(spec), d, { particles: 128, subjects: 64, seed: 3 }, backend);
    expect(report.diagnostics.warnings.join('\n')).toMatch(/t = 72 .*below the quantification limit/);
    expect(report.logEvidence).toBeGreaterThan(-60);
  }, 240_000);
});
