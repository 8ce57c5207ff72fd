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
    // the model's mean there is far below the limit: a fit, not a miss
    expect(report.diagnostics.residuals.find((r) => r.time === 72)!.meanZ).toBe(0);
  }, 240_000);

  it('a report\'s "BLQ" pre-dose mean and "<0.2" trailing mean are censored means: fitted, and residuals 0 where the model is below the limit', async () => {
    const lines = readFileSync(new URL('../fixtures/real-like/theophylline-aggregate.csv', import.meta.url), 'utf8').trimEnd().split('\n');
    // the pre-dose visit's mean written as a report would: BLQ, its SD not calculated
    lines[1] = lines[1]!.replace(/^(all,\d+,theophylline,0),[^,]+,[^,]+,/, '$1,BLQ,NC,');
    const d = parseDataset([...lines, 'all,320,theophylline,72,<0.2,NC,6,mg/L'].join('\n') + '\n');
    expect(d.series[0]!.meanBelowLloq![0]).toBe(true);
    const spec = motifById('pk-1cmt-oral')!.build(dataScales(d, context));
    const report = await fitModel(compileSpec(spec), d, { particles: 128, subjects: 64, seed: 3 }, backend);
    expect(report.logEvidence).toBeGreaterThan(-60);
    for (const t of [0, 72]) expect(report.diagnostics.residuals.find((r) => r.time === t)!.meanZ, `t = ${t}`).toBe(0);
    // the limit of the pre-dose "BLQ" is not stated: the smallest positive mean stands in, and a warning says so
    expect(report.diagnostics.warnings.join('\n')).toMatch(/t = 0 .*smallest positive visit mean/);
  }, 240_000);
});

describe('calibration checks and the flip-flop reading', () => {
  it('a truth with ka < k is checked as its mirror image (the same curve), the reading the report presents', async () => {
    const { checksOf } = await import('../../src/infer/calibration.ts');
    const q = (median: number) => ({ median, q05: median * 0.8, q95: median * 1.25, q25: median * 0.9, q75: median * 1.1 });
    const report = { parameters: { ka: q(1), CL: q(5), V: q(50) }, bsv: {}, flipFlop: { massAbsorptionFaster: 1, other: {}, presentedFrom: 'posterior', note: '' } } as unknown as Parameters<typeof checksOf>[0];
    // truth ka 0.1, CL 5, V 5 (k = 1 > ka): mirror ka = 1, V = 50
    const checks = checksOf(report, { theta: { ka: 0.1, CL: 5, V: 5 }, omega: {}, sigma: {} });
    expect(checks.map((c) => [c.name, c.truth, c.in90])).toEqual([['ka', 1, true], ['CL', 5, true], ['V', 50, true]]);
    // without a flip-flop report the truth is taken as it is
    const plain = checksOf({ ...report, flipFlop: undefined } as typeof report, { theta: { ka: 0.1, CL: 5, V: 5 }, omega: {}, sigma: {} });
    expect(plain.find((c) => c.name === 'ka')!.in90).toBe(false);
  });
});
