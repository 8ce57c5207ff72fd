// A paper's summary table with one column (or one set of columns) per study arm. Before, "25 mg
// Mean, 25 mg SD, 50 mg Mean, 50 mg SD" was read as four observables of one measurement each, "25 mg
// (n=6)" columns of "12.3 ± 4.1" were refused for want of a mean column, and "25 mg mean ± SD"
// columns side by side were an error asking for a long table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset, tryParseDataset } from '../../src/data/index.ts';
import { readArmHeader } from '../../src/data/arm-columns.ts';

const summary = (csv: string) => parseDataset(csv).series.map((s) => ({ group: s.group, mean: s.mean, sd: s.sd, n: s.n }));

describe('arm headers', () => {
  it('name a dose or an arm word, with n, unit and statistic read off', () => {
    expect(readArmHeader('25 mg (n=6)', 1)).toMatchObject({ arm: '25 mg', stat: 'plain', dose: 25, doseUnit: 'mg', n: 6 });
    expect(readArmHeader('0.5 mg/kg Mean', 2)).toMatchObject({ arm: '0.5 mg/kg', stat: 'mean', dose: 0.5, doseUnit: 'mg/kg' });
    expect(readArmHeader('50 mg SD', 3)).toMatchObject({ arm: '50 mg', stat: 'sd' });
    expect(readArmHeader('50 mg mean ± SEM [n = 8]', 3)).toMatchObject({ arm: '50 mg', stat: 'plain', spread: 'sem', n: 8 });
    expect(readArmHeader('Placebo (n=10) (ng/mL)', 4)).toMatchObject({ arm: 'Placebo', dose: 0, n: 10, unit: 'ng/mL' });
    expect(readArmHeader('Cohort 2 N', 5)).toMatchObject({ arm: 'Cohort 2', stat: 'n' });
    // measured quantities are no arms
    for (const h of ['LOG10N', 'cp', 'Paramecium', 'weight (kg)', 'Concentration mean']) expect(readArmHeader(h, 0), h).toBeNull();
  });
});

describe('tables with a column per arm', () => {
  it('"25 mg (n=6)" columns of "mean ± SD" cells: one group per arm with its dose and n', () => {
    const d = parseDataset('Time (h),25 mg (n=6),50 mg (n=5)\n0.5,12.3 ± 4.1,25.0 ± 8.0\n1,20.1 (5.0),41.2 (9.9)\n');
    expect(d.groups.map((g) => [g.name, g.covariates.dose])).toEqual([['25 mg', 25], ['50 mg', 50]]);
    expect(summary('Time (h),25 mg (n=6),50 mg (n=5)\n0.5,12.3 ± 4.1,25.0 ± 8.0\n1,20.1 (5.0),41.2 (9.9)\n')).toEqual([
      { group: '25 mg', mean: [12.3, 20.1], sd: [4.1, 5], n: [6, 6] },
      { group: '50 mg', mean: [25, 41.2], sd: [8, 9.9], n: [5, 5] },
    ]);
  });

  it('mean, SD and n columns per arm; SEM where the header says so', () => {
    expect(summary('Time (h),25 mg Mean,25 mg SD,25 mg N,50 mg Mean,50 mg SD,50 mg N\n0.5,12.3,4.1,6,25.0,8.0,6\n1,20.1,5.0,6,41.2,9.9,5\n')).toEqual([
      { group: '25 mg', mean: [12.3, 20.1], sd: [4.1, 5], n: [6, 6] },
      { group: '50 mg', mean: [25, 41.2], sd: [8, 9.9], n: [6, 5] },
    ]);
    const sem = parseDataset('Day,Placebo mean ± SEM (n=4),Active mean ± SEM (n=4)\n0,100 ± 5,101 ± 6\n');
    // SD = SEM·√n
    expect(sem.series.map((s) => s.sd[0])).toEqual([10, 12]);
  });

  it('censored means and spreads not calculated, as in a single mean column', () => {
    const s = parseDataset('Time (h),25 mg (n=6),50 mg (n=6)\nPredose,BLQ,BLQ (NC)\n1,20.1 ± 5.0,41.2 ± 9.9\n24,<0.5,3.1 (NC)\n').series;
    expect(s.map((x) => x.meanBelowLloq)).toEqual([[true, false, true], [true, false, false]]);
    expect(s[1]!.sd).toEqual([null, 9.9, null]);
  });

  it('arms with one value per time and no n are single measurements, and says so', () => {
    const r = tryParseDataset('day,Control,Treated\n0,2,2\n4,9,5\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.series.map((s) => [s.group, s.n])).toEqual([['Control', [1, 1]], ['Treated', [1, 1]]]);
    expect(r.warnings.find((w) => w.code === 'arm-columns')!.message).toMatch(/n = 1/);
  });

  it('a spread without n, a cell of another form, and an arm without a mean are errors naming them', () => {
    const noN = tryParseDataset('Time (h),25 mg,50 mg\n1,20.1 ± 5.0,41.2 ± 9.9\n2,10 ± 2,20 ± 4\n');
    expect(noN.ok).toBe(false);
    if (!noN.ok) expect(noN.issues.map((i) => [i.code, i.column])).toEqual([['arm-without-n', '25 mg'], ['arm-without-n', '50 mg']]);
    const bad = tryParseDataset('Time (h),25 mg (n=6),50 mg (n=6)\n1,20.1 / 5.0,41.2 ± 9.9\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ code: 'bad-arm-cell', row: 2, column: '25 mg (n=6)' });
    const noMean = tryParseDataset('Time (h),25 mg SD,50 mg Mean,50 mg SD\n1,2,3,1\n');
    expect(noMean.ok).toBe(false);
    if (!noMean.ok) expect(noMean.issues[0]!.code).toBe('arm-without-mean');
  });

  it('leaves long tables, one-arm tables and measured quantities alone', () => {
    expect(parseDataset('group,time,mean,sd,n\n25 mg,1,2,1,6\n').groups.map((g) => g.name)).toEqual(['25 mg']);
    expect(parseDataset('t,LOG10N\n0,3\n1,4\n').series[0]!.observable).toBe('LOG10N');
    expect(parseDataset('day,Paramecium,Didinium\n0,2,1\n1,5,2\n').series.map((s) => s.observable)).toEqual(['Paramecium', 'Didinium']);
  });
});

describe('a paper\'s layout of a real table', () => {
  it('reads the same visits as the long table it was printed from (nlmixr2data Oral_2CPT by dose group)', () => {
    const long = parseDataset(readFileSync(new URL('../fixtures/real-nlmixr2/acop-oral-2cpt/aggregate.csv', import.meta.url), 'utf8'));
    // as a paper prints it: one "<dose> mg (n=30)" column per group, "mean ± SD" cells
    const times = [...new Set(long.series.flatMap((x) => x.times))].sort((a, b) => a - b);
    const header = ['Time (h)', ...long.groups.map((g) => `${g.covariates.dose} mg (n=30)`)].join(',');
    const rows = times.map((t) => [t, ...long.series.map((x) => { const k = x.times.indexOf(t); return k < 0 ? '' : `${x.mean[k]} ± ${x.sd[k]}`; })].join(','));
    const paper = parseDataset([header, ...rows].join('\n') + '\n');
    expect(paper.groups.map((g) => g.covariates.dose)).toEqual(long.groups.map((g) => g.covariates.dose));
    paper.series.forEach((x, i) => {
      const y = long.series[i]!;
      expect([x.times, x.mean, x.sd, x.n]).toEqual([y.times, y.mean, y.sd, y.n]);
    });
  });
});
