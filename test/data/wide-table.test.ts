// A data frame written by R's write.csv — times and named measurement columns, no mean or value
// column — is read as single measurements of each named quantity (src/data/wide-table.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset, tryParseDataset } from '../../src/data/index.ts';

const codes = (text: string) => { const r = tryParseDataset(text, { name: 't.csv' }); return r.ok ? r.warnings.map((w) => w.code) : r.issues.map((i) => i.code); };

describe('wide tables (times and named measurement columns)', () => {
  it('reads each numeric column as an observable named by its header, with the header\'s unit', () => {
    const d = parseDataset('time (h),cp (mg/L),metabolite (mg/L)\n0.5,1.2,0.1\n1,3,NA\n2,2.5,0.4\n', { name: 'pk.csv' });
    expect(d.timeUnit).toBe('h');
    expect(d.observables).toEqual([{ name: 'cp', unit: 'mg/L' }, { name: 'metabolite', unit: 'mg/L' }]);
    const cp = d.series.find((s) => s.observable === 'cp')!;
    expect(cp.times).toEqual([0.5, 1, 2]);
    expect(cp.mean).toEqual([1.2, 3, 2.5]);
    expect(cp.n).toEqual([1, 1, 1]);
    // NA is "not measured": the metabolite has no visit at 1 h
    expect(d.series.find((s) => s.observable === 'metabolite')!.times).toEqual([0.5, 2]);
    expect(codes('time (h),cp (mg/L)\n0.5,1.2\n')).toContain('wide-table');
  });

  it('reads nlsMicrobio\'s own columns (t, LOG10N) as the long fixture does', () => {
    const long = parseDataset(readFileSync(new URL('../fixtures/real-microbio/growthcurve1.csv', import.meta.url), 'utf8'), { name: 'g.csv' });
    const rows = long.series[0]!.times.map((t, i) => `${t},${long.series[0]!.mean[i]}`).join('\n');
    const wide = parseDataset(`t,LOG10N\n${rows}\n`, { name: 'g.csv' });
    expect(wide.observables[0]!.name).toBe('LOG10N');
    expect(wide.series[0]!.times).toEqual(long.series[0]!.times);
    expect(wide.series[0]!.mean).toEqual(long.series[0]!.mean);
  });

  it('with a subject column, rows are individual measurements, aggregated per time', () => {
    const d = parseDataset('id,time,conc\n1,0,0\n1,1,5\n2,0,0\n2,1,7\n', { name: 'ind.csv' });
    expect(d.source.format).toBe('individual');
    expect(d.series[0]!.mean).toEqual([0, 6]);
    expect(d.series[0]!.n).toEqual([2, 2]);
  });

  it('reads a column that labels each run of times with a value of its own as the subject (R\'s ChickWeight: Chick), and leaves another that labels runs out (Diet)', () => {
    const text = 'weight,Time,Chick,Diet\n42,0,1,1\n51,2,1,1\n59,4,1,1\n40,0,2,1\n49,2,2,1\n58,4,2,1\n41,0,3,2\n50,2,3,2\n61,4,3,2\n';
    const r = tryParseDataset(text, { name: 'chick.csv' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.observables.map((o) => o.name)).toEqual(['weight']);
    // three chicks: individual rows, aggregated per time
    expect(r.dataset.source).toEqual({ format: 'individual', rows: 9, subjects: 3 });
    expect(r.dataset.series[0]!.mean).toEqual([41, 50, 178 / 3]);
    expect(r.dataset.series[0]!.n).toEqual([3, 3, 3]);
    expect(r.warnings.find((w) => w.code === 'subject-column')!.message).toMatch(/column "Chick" labels each run of rising times with a value of its own, and is read as the subject/);
    expect(r.warnings.find((w) => w.code === 'unused-column')!.message).toMatch(/"Diet" labels each run of times .*name it group to use it/);
    // a label each value of which two chicks or more share is the group (ChickWeight's Diet over its 50 chicks)
    const diets = tryParseDataset('weight,Time,Chick,Diet\n42,0,1,1\n51,2,1,1\n40,0,2,1\n49,2,2,1\n41,0,3,2\n55,2,3,2\n43,0,4,2\n57,2,4,2\n', { name: 'diets.csv' });
    expect(diets.ok && diets.dataset.groups.map((g) => g.name)).toEqual(['Diet 1', 'Diet 2']);
    expect(diets.ok && diets.dataset.series.map((x) => x.mean)).toEqual([[41, 50], [42, 56]]);
    // a per-subject score of many values (an Apgar of 1–10) is no group: left out, named
    const scores = tryParseDataset(['Time,conc,Infant,Apgar', ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].flatMap((k) => [`0,${k},${k},${(k % 6) + 3}`, `1,${k + 1},${k},${(k % 6) + 3}`])].join('\n'), { name: 'apgar.csv' });
    expect(scores.ok && scores.dataset.groups.map((g) => g.name)).toEqual(['all']);
    expect(scores.ok && scores.warnings.find((w) => w.code === 'unused-column')!.message).toMatch(/^"Apgar" labels each run/);
    // a table that names its subject keeps it; the other label is left out as before
    const named = tryParseDataset('Subject,Time,conc,Tree\n1,0,5,1\n1,1,4,1\n2,0,6,2\n2,1,5,2\n', { name: 'named.csv' });
    expect(named.ok && named.warnings.map((w) => w.code)).not.toContain('subject-column');
    // two labels, each a value of its own per run: the first is the subject, the second left out
    const both = tryParseDataset('weight,Time,Chick,Diet\n42,0,1,1\n51,2,1,1\n40,0,2,2\n49,2,2,2\n', { name: 'both.csv' });
    expect(both.ok && both.warnings.find((w) => w.code === 'subject-column')!.column).toBe('Chick');
    // replicate flasks at each time (FOCUS D written wide): every column varies within a run, all are measurements
    expect(parseDataset('time,parent,m1\n0,100,0\n0,99,0\n1,90,2\n1,91,2.1\n3,70,6\n3,72,6.3\n', { name: 'd.csv' }).observables.map((o) => o.name)).toEqual(['parent', 'm1']);
  });

  it('keeps a value below the quantification limit as censored, and leaves summary or long tables alone', () => {
    const d = parseDataset('time,conc\n0.5,<0.1\n1,2\n2,1\n', { name: 'blq.csv' });
    expect(d.series[0]!.times).toEqual([0.5, 1, 2]);
    // a summary table without its mean column stays an error naming the missing mean
    expect(codes('time,sd,n\n0,0.1,5\n')).toEqual(['missing-column']);
    // a text column is no measurement: still the missing-column error
    expect(codes('time,comment\n0,fasted\n')).toContain('missing-column');
    // a long table is read as before
    expect(codes('time,value\n0,1\n1,2\n')).not.toContain('wide-table');
  });

  it('reads nlme\'s Soybean as R writes it (Plot, Variety, Year, Time, weight): 48 plots as subjects', () => {
    const r = tryParseDataset(readFileSync(new URL('../fixtures/real-r/soybean-as-shipped.csv', import.meta.url), 'utf8'), { name: 'Soybean.csv' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.source).toEqual({ format: 'individual', rows: 412, subjects: 48 });
    expect(r.dataset.observables.map((o) => o.name)).toEqual(['weight']);
    expect(r.warnings.find((w) => w.code === 'subject-column')!.column).toBe('Plot');
    // Variety and Year label groups of plots: the six groups of the book, eight plots each, on each year's own days
    expect(r.dataset.groups.map((g) => g.name)).toEqual(['1988', '1989', '1990'].flatMap((y) => ['F', 'P'].map((v) => `Variety ${v}, Year ${y}`)));
    expect(r.warnings.find((w) => w.code === 'group-columns')!.message).toMatch(/"Variety", "Year" label groups of subjects/);
    expect(r.warnings.map((w) => w.code)).not.toContain('unused-column');
    const f88 = r.dataset.series.find((x) => x.group === 'Variety F, Year 1988')!;
    expect(f88.times).toEqual([14, 21, 28, 35, 42, 49, 56, 63, 70, 77]);
    // as the shared aggregate has it (../shared/data/real/soybean: 1988F day 63 n = 5, day 77 n = 7)
    expect(f88.n).toEqual([8, 8, 8, 8, 8, 8, 8, 5, 8, 7]);
    expect(f88.mean[0]).toBeCloseTo(0.104375, 10);
  });
});
