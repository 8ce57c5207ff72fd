// Malformed NONMEM designs: each is an error naming the row and the column, never a crash.
import { describe, expect, it } from 'vitest';
import { tryParseDataset, type DataIssue } from '../../src/data/index.ts';

function issuesOf(text: string): DataIssue[] {
  const r = tryParseDataset(text);
  if (r.ok) throw new Error('expected errors, got a dataset');
  return r.issues;
}

const H = 'ID,TIME,DV,AMT,EVID,MDV,CMT,RATE,II,ADDL,SS\n';
const OBS = '1,1,5,.,0,0,2,.,.,.,.\n';

describe('malformed designs name the row and column', () => {
  it.each<[string, string, Partial<DataIssue>, RegExp]>([
    ['negative interval', H + '1,0,.,100,1,1,1,.,-12,2,0\n' + OBS, { row: 2, column: 'II' }, /II .* must be ≥ 0, found -12/],
    ['ADDL without II', H + '1,0,.,100,1,1,1,.,.,2,0\n' + OBS, { code: 'addl-without-ii', row: 2, column: 'ADDL' }, /needs an interval II > 0/],
    ['ADDL with II 0', H + '1,0,.,100,1,1,1,.,0,2,0\n' + OBS, { code: 'addl-without-ii', row: 2, column: 'ADDL' }, /ADDL 2/],
    ['infusion with AMT 0', H + '1,0,.,0,1,1,1,50,.,.,0\n' + OBS, { code: 'bad-infusion', row: 2, column: 'RATE' }, /AMT > 0/],
    ['infusion of infinite duration', H + '1,0,.,1e300,1,1,1,1e-300,.,.,0\n' + OBS, { code: 'bad-infusion', row: 2, column: 'RATE' }, /infinite infusion duration/],
    ['RATE -2 (modelled duration)', H + '1,0,.,100,1,1,1,-2,.,.,0\n' + OBS, { row: 2, column: 'RATE' }, /not supported/],
    ['dose to an unknown compartment', H + '1,0,.,100,1,1,3,.,.,.,0\n' + OBS, { code: 'unknown-compartment', row: 2, column: 'CMT' }, /compartment 3.*observations are in compartment 2/],
    ['steady-state record without II', H + '1,0,.,100,1,1,1,.,.,.,1\n' + OBS, { code: 'steady-state', row: 2, column: 'SS' }, /needs the interval that led to it: II > 0/],
    ['steady state by superposition (SS 2)', H + '1,0,.,100,1,1,1,.,12,.,2\n' + OBS, { code: 'steady-state', row: 2, column: 'SS' }, /only a subject's first dose can be at steady state \(SS 1 with II\); SS 2/],
    ['steady state after an uneven schedule', H + '1,0,.,100,1,1,1,.,12,.,1\n1,30,.,100,1,1,1,.,.,.,0\n' + OBS, { code: 'steady-state', row: 2, column: 'SS' }, /followed by equal doses every II, or by none/],
    ['EVID 4 after the first dose', H + '1,0,.,100,1,1,1,.,.,.,0\n1,24,.,100,4,1,1,.,.,.,0\n' + OBS, { code: 'reset-not-supported', row: 3, column: 'EVID' }, /washout resets/],
    ['EVID 3 after the first dose', H + '1,0,.,100,1,1,1,.,.,.,0\n1,12,.,.,3,1,1,.,.,.,.\n' + OBS, { code: 'reset-not-supported', row: 3, column: 'EVID' }, /EVID 3/],
    ['mixed routes', H + '1,0,.,100,1,1,1,.,.,.,0\n1,12,.,100,1,1,1,50,.,.,0\n' + OBS, { code: 'irregular-regimen', row: 3, column: 'TIME' }, /route infusion differs/],
    ['two doses at one time', H + '1,0,.,100,1,1,1,.,.,.,0\n1,0,.,100,1,1,1,.,.,.,0\n' + OBS, { code: 'irregular-regimen', row: 3, column: 'TIME' }, /a second dose at time 0 \(row 2\)/],
    ['text in TIME', H + '1,abc,.,100,1,1,1,.,.,.,0\n' + OBS, { row: 2, column: 'TIME' }, /"abc"/],
    ['text in DV', H + '1,0,.,100,1,1,1,.,.,.,0\n1,1,high,.,0,0,2,.,.,.,.\n', { row: 3, column: 'DV' }, /"high"/],
    ['unknown EVID', H + '1,0,.,100,5,1,1,.,.,.,0\n' + OBS, { row: 2, column: 'EVID' }, /EVID must be one of 0, 1, 2, 3, 4, found 5/],
    ['a classic RxODE infusion switched on and never off', H + '1,0,.,100,10101,1,1,.,.,.,0\n' + OBS, { code: 'bad-infusion', row: 2, column: 'AMT' }, /switched on \(AMT 100, the rate\) and never off: give it as one record, EVID 1 with AMT and RATE/],
    ['a classic RxODE modelled rate (EVID 70101)', H + '1,0,.,100,70101,1,1,.,.,.,0\n' + OBS, { row: 2, column: 'EVID' }, /modelled rate or duration/],
    ['an unknown classic RxODE event (EVID 105)', H + '1,0,.,100,105,1,1,.,.,.,0\n' + OBS, { row: 2, column: 'EVID' }, /EVID 105 is not an event this reader knows/],
    ['MDV 2', H + '1,0,.,100,1,2,1,.,.,.,0\n' + OBS, { row: 2, column: 'MDV' }, /MDV must be one of 0, 1/],
    ['fractional CMT', H + '1,0,.,100,1,1,1.5,.,.,.,0\n' + OBS, { row: 2, column: 'CMT' }, /whole number ≥ 1/],
    ['negative ADDL', H + '1,0,.,100,1,1,1,.,12,-1,0\n' + OBS, { row: 2, column: 'ADDL' }, /whole number ≥ 0/],
    ['negative AMT', H + '1,0,.,-100,1,1,1,.,.,.,0\n' + OBS, { row: 2, column: 'AMT' }, /AMT must be ≥ 0/],
    ['dose without AMT', H + '1,0,.,.,1,1,1,.,.,.,0\n' + OBS, { code: 'missing-amount', row: 2, column: 'AMT' }, /needs AMT/],
    ['empty ID', H + ',0,.,100,1,1,1,.,.,.,0\n' + OBS, { row: 2, column: 'ID' }, /ID is empty/],
    ['empty TIME', H + '1,.,.,100,1,1,1,.,.,.,0\n' + OBS, { row: 2, column: 'TIME' }, /TIME is empty/],
    ['observation without DV', H + '1,0,.,100,1,1,1,.,.,.,0\n1,1,.,.,0,0,2,.,.,.,.\n', { code: 'missing-value', row: 3, column: 'DV' }, /needs a DV/],
    ['decimal comma in a comma file', H + '1,0,.,100,1,1,1,.,.,.,0\n1,"1,5",5,.,0,0,2,.,.,.,.\n', { row: 3, column: 'TIME' }, /decimal comma/],
    ['an ADDL beyond the dose limit', H + '1,0,.,100,1,1,1,.,1,1000000000,0\n' + OBS, { code: 'too-many-doses', row: 2, column: 'ADDL' }, /more than 10000 doses/],
  ])('%s', (_name, text, expected, message) => {
    const issues = issuesOf(text);
    const hit = issues.find((i) => i.row === expected.row && i.column === expected.column);
    expect(hit, JSON.stringify(issues)).toBeDefined();
    expect(hit).toMatchObject(expected);
    expect(hit!.message).toMatch(message);
  });

  it('uneven spacing and changing amounts are kept as the subject\'s administrations (not an error)', () => {
    const r = tryParseDataset(H + '1,0,.,100,1,1,1,.,.,.,0\n1,12,.,50,1,1,1,.,.,.,0\n1,30,.,50,1,1,1,.,.,.,0\n' + OBS + '2,0,.,100,1,1,1,.,12,2,0\n2,1,4,.,0,0,2,.,.,.,.\n');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const byRegimen = r.dataset.groups.map((g) => [g.covariates.dose, g.regimen]);
    expect(byRegimen).toContainEqual([100, { route: 'oral', administrations: [{ time: 0, amount: 100 }, { time: 12, amount: 50 }, { time: 30, amount: 50 }] }]);
    expect(byRegimen).toContainEqual([100, { route: 'oral', interval: 12, count: 3 }]);
  });

  it('ROUTE infusion without a RATE', () => {
    const issues = issuesOf('ID,TIME,DV,AMT,EVID,CMT,ROUTE\n1,0,.,10,1,1,infusion\n1,1,3,.,0,1,.\n');
    expect(issues[0]).toMatchObject({ code: 'bad-infusion', row: 2, column: 'RATE' });
  });

  it('an unknown ROUTE', () => {
    const issues = issuesOf('ID,TIME,DV,AMT,EVID,CMT,ROUTE\n1,0,.,10,1,1,sc\n1,1,3,.,0,1,.\n');
    expect(issues[0]).toMatchObject({ row: 2, column: 'ROUTE' });
    expect(issues[0]!.message).toMatch(/oral, iv or infusion/);
  });

  it('BLQ flag on a value above the LLOQ', () => {
    const issues = issuesOf('ID,TIME,DV,AMT,EVID,MDV,CMT,BLQ,LLOQ\n1,0,.,100,1,1,1,0,.\n1,1,5,.,0,0,2,1,0.1\n');
    expect(issues[0]).toMatchObject({ code: 'blq-above-lloq', row: 3, column: 'DV' });
  });

  it('CENS = -1 (above the upper limit)', () => {
    const issues = issuesOf('ID,TIME,DV,AMT,EVID,MDV,CMT,CENS\n1,0,.,100,1,1,1,0\n1,1,5,.,0,0,2,-1\n');
    expect(issues[0]).toMatchObject({ row: 3, column: 'CENS' });
    expect(issues[0]!.message).toMatch(/upper limit/);
  });

  it('a table with doses but no observation', () => {
    expect(issuesOf(H + '1,0,.,100,1,1,1,.,.,.,0\n')[0]).toMatchObject({ code: 'no-data' });
  });

  it('reports every bad row at once', () => {
    const issues = issuesOf(H + '1,x,.,100,1,1,1,.,.,.,0\n1,1,5,.,7,0,2,.,.,.,.\n1,2,5,.,0,0,0,.,.,.,.\n');
    expect(issues.map((i) => [i.row, i.column])).toEqual([[2, 'TIME'], [3, 'EVID'], [4, 'CMT']]);
  });
});

describe('never crashes on garbage', () => {
  it('a large table (40,000 subjects) is summarised', () => {
    const rows = ['1,0,.,100,1,1,1,.,.,.,0'];
    for (let i = 0; i < 40_000; i++) rows.push(`${i + 2},0,.,100,1,1,1,.,.,.,0`, `${i + 2},4,${1 + (i % 7)},.,0,0,2,.,.,.,.`);
    const r = tryParseDataset(H + rows.join('\n') + '\n' + OBS);
    expect(r.ok && r.dataset.series[0]!.n).toEqual([1, 40_000]);
  });

  it('answers ok or errors for shuffled and truncated cells', () => {
    const cells = ['.', '', '0', '1', '2', '4', '-1', '1e999', 'abc', '12', '0.5', '"', ' ', '1,5'];
    let seed = 7;
    const pick = () => cells[(seed = (seed * 1103515245 + 12345) % 2147483648) % cells.length]!;
    for (let k = 0; k < 300; k++) {
      const rows = Array.from({ length: 1 + (k % 6) }, () => Array.from({ length: 1 + (k % 11) }, pick).join(','));
      const r = tryParseDataset(H + rows.join('\n'));
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(r.issues.every((i) => i.code !== 'internal'), JSON.stringify(r.issues)).toBe(true);
    }
  });
});
