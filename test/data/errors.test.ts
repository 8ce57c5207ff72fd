import { describe, expect, it } from 'vitest';
import { DataError, MAX_DATA_ROWS, parseDataset, tryParseDataset, type DataIssue } from '../../src/data/index.ts';

function issuesOf(text: string): DataIssue[] {
  const r = tryParseDataset(text);
  if (r.ok) throw new Error('expected errors, got a dataset');
  return r.issues;
}

function warningsOf(text: string): DataIssue[] {
  const r = tryParseDataset(text);
  if (!r.ok) throw new Error(`expected a dataset, got ${JSON.stringify(r.issues)}`);
  return r.warnings;
}

const H = 'time,mean,sd,n\n';

describe('errors name the row and column', () => {
  it.each<[string, string, Partial<DataIssue>, RegExp]>([
    ['negative SD', H + '0,1,0.1,5\n1,2,-0.3,5\n', { code: 'negative-sd', row: 3, column: 'sd' }, /-0\.3/],
    ['n = 0', H + '0,1,0.1,0\n', { code: 'bad-n', row: 2, column: 'n' }, /whole number ≥ 1/],
    ['non-integer n', H + '0,1,0.1,4.5\n', { code: 'bad-n', row: 2, column: 'n' }, /4\.5/],
    ['text in a number cell', H + '0,1,0.1,5\n1,abc,0.1,5\n', { code: 'not-a-number', row: 3, column: 'mean' }, /"abc"/],
    ['a unit inside a number cell', 'Time,Mean,SD,N\n0,1 mg,0.1,5\n', { code: 'not-a-number', row: 2, column: 'Mean' }, /"1 mg"/],
    ['NaN text', H + '0,NaN,0.1,5\n', { code: 'not-a-number', row: 2, column: 'mean' }, /not a finite number/],
    ['Infinity text', H + '0,1,Infinity,5\n', { code: 'not-a-number', row: 2, column: 'sd' }, /not a finite number/],
    ['overflowing number', H + '0,1e999,0.1,5\n', { code: 'not-a-number', row: 2, column: 'mean' }, /range/],
    ['empty required cell', H + ',1,0.1,5\n', { code: 'missing-value', row: 2, column: 'time' }, /empty/],
    ['duplicate time', H + '0,1,0.1,5\n1,2,0.1,5\n1,3,0.1,5\n', { code: 'duplicate-time', row: 4, column: 'time' }, /rows 3 and 4/],
    ['missing column', 'time,sd,n\n0,0.1,5\n', { code: 'missing-column', row: 1, column: 'mean' }, /headers seen: "time", "sd", "n"/],
    ['no n column (a caption states it)', 'time,mean,sd\n0,1,0.1\n', { code: 'missing-column', row: 1, column: 'n' }, /caption gives one n for every visit, add an n column/],
    ['mixed units', 'time,mean,n,unit\n0,1,5,mg/L\n1,2,5,ug/mL\n', { code: 'mixed-units', row: 3, column: 'unit' }, /mg\/L/],
    ['dose changes within a group', 'group,dose,time,mean,n\nA,10,0,1,5\nA,20,1,2,5\n', { code: 'inconsistent-dose', row: 3, column: 'dose' }, /row 2/],
    ['ragged row (too few cells)', H + '0,1,0.1\n', { code: 'ragged-row', row: 2 }, /3 cells; the header has 4/],
    ['decimal commas in a comma-separated file', H + '0,1,5,0,3,10\n', { code: 'ragged-row', row: 2 }, /";"/],
    ['quoted decimal comma in a comma file', H + '0,"1,5",0.1,5\n', { code: 'not-a-number', row: 2, column: 'mean' }, /ambiguous/],
    ['quote never closed', H + '0,1,0.1,5\n1,"2,0.1,5\n', { code: 'csv-missingquotes', row: 3 }, /never closed/],
    ['negative SEM', 'time,mean,sem,n\n0,1,-1,5\n', { code: 'negative-sem', row: 2, column: 'sem' }, /-1/],
    ['one CI bound only', 'time,mean,ci_low,ci_high,n\n0,1,0.5,,5\n', { code: 'ci-incomplete', row: 2, column: 'ci_high' }, /both/],
    ['reversed CI', 'time,mean,ci_low,ci_high,n\n0,1,2,0.5,5\n', { code: 'ci-reversed', row: 2, column: 'ci_high' }, /below/],
    ['CI with n = 1', 'time,mean,ci_low,ci_high,n\n0,1,0.5,1.5,1\n', { code: 'ci-needs-n', row: 2 }, /n = 1/],
    ['empty group cell', 'group,time,mean,n\nA,0,1,5\n,1,1,5\n', { code: 'missing-value', row: 3, column: 'group' }, /empty/],
    ['negative dose', 'dose,time,mean,n\n-5,0,1,5\n', { code: 'negative-dose', row: 2, column: 'dose' }, /≥ 0/],
    ['two columns with one meaning', 'time,mean,sd,std,n\n0,1,1,1,5\n', { code: 'duplicate-column', row: 1, column: 'std' }, /"sd"/],
    ['no header', '0,1,0.1,5\n1,2,0.1,5\n', { code: 'no-header', row: 1 }, /header/],
    ['header only', H, { code: 'no-data', row: 2 }, /no data rows/],
    ['a crossover without its occasion column', 'id,time,value\na,0,1\na,1,2\nb,0,3\nb,1,4\na,0,1.5\na,1,2.5\nb,0,3.5\nb,1,4.5\n', { code: 'duplicate-time', row: 6, column: 'time' }, /4 rows repeat a subject's time .* occasion or group column/],
  ])('%s', (_name, text, expected, message) => {
    const issues = issuesOf(text);
    const hit = issues.find((i) => i.code === expected.code);
    expect(hit, JSON.stringify(issues)).toMatchObject(expected);
    expect(hit?.message).toMatch(message);
  });

  it.each([['', 'empty-file'], ['\uFEFF \n\n', 'empty-file'], ['PK\u0003\u0004binary', 'not-text'], ['a\u0000b', 'not-text']])('file-level problem %j → %s', (text, code) => {
    expect(issuesOf(text)[0].code).toBe(code);
  });

  it('reports every problem at once, capped with a note', () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${i},x,0.1,5`).join('\n');
    const issues = issuesOf(H + rows);
    expect(issues).toHaveLength(51);
    expect(issues[0]).toMatchObject({ row: 2, column: 'mean' });
    expect(issues[50]).toMatchObject({ code: 'too-many-issues' });
    expect(issues[50].message).toMatch(/70 more/);
  });

  it('refuses more than the row cap with a clear message', () => {
    const text = H + Array.from({ length: MAX_DATA_ROWS + 1 }, (_, i) => `${i},1,0.1,5`).join('\n');
    expect(issuesOf(text)).toEqual([expect.objectContaining({ code: 'too-many-rows', message: expect.stringMatching(/200000/) })]);
  });

  it('parseDataset throws a DataError carrying the issues', () => {
    try {
      parseDataset(H + '0,1,-1,5\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      expect((e as DataError).issues[0]).toMatchObject({ code: 'negative-sd', row: 2, column: 'sd' });
      expect((e as DataError).message).toMatch(/row 2 column "sd"/);
    }
  });

  it('non-string input is an error, not a crash', () => {
    expect(tryParseDataset(undefined as unknown as string)).toMatchObject({ ok: false, issues: [{ code: 'not-text' }] });
  });
});

describe('warnings', () => {
  it('unknown extra columns', () => {
    expect(warningsOf('time,mean,sd,n,comment\n0,1,0.1,5,baseline\n')).toContainEqual(expect.objectContaining({ code: 'unknown-column', row: 1, column: 'comment' }));
  });
  it('SD given two inconsistent ways: the SD column wins', () => {
    const r = tryParseDataset('time,mean,sd,sem,n\n0,1,1,0.5,16\n1,1,1,0.25,16\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.series[0].sd).toEqual([1, 1]);
    // row 3 agrees (0.25·4 = 1); row 2 does not (0.5·4 = 2)
    expect(r.warnings.filter((w) => w.code === 'inconsistent-sd')).toEqual([expect.objectContaining({ row: 2, column: 'sem' })]);
  });
  it('no spread column at all', () => {
    expect(warningsOf('time,mean,n\n0,1,5\n')).toContainEqual(expect.objectContaining({ code: 'no-spread' }));
  });
  it('a mean outside its own CI', () => {
    expect(warningsOf('time,mean,ci_low,ci_high,n\n0,3,1,2,5\n')).toContainEqual(expect.objectContaining({ code: 'mean-outside-ci', row: 2 }));
  });
});
