// Numbers that would overflow downstream (or an absurd n) are refused at import, with the row
// and the column; values inside the bounds pass.
import { describe, expect, test } from 'vitest';
import { tryParseDataset, MAX_N } from '../../src/data/index.ts';

function firstError(csv: string) {
  const r = tryParseDataset(csv);
  expect(r.ok).toBe(false);
  return r.ok ? undefined : r.issues[0];
}

describe('import bounds', () => {
  test.each([
    ['time', 'group,time (h),mean,sd,n\na,1,2,0.5,10\na,1e308,2,0.5,10\n', 3, 'time (h)', /too large in magnitude; the limit for time is 1e12/],
    ['mean', 'time,mean,sd,n\n1,1e300,0.5,10\n', 2, 'mean', /the limit for mean is 1e50/],
    ['sd', 'time,mean,sd,n\n1,1,1e200,10\n', 2, 'sd', /the limit for sd is 1e50/],
    ['dose', 'group,dose,time,mean,sd,n\na,1e20,1,1,0.5,10\n', 2, 'dose', /the limit for dose is 1e12/],
    ['n', 'time,mean,sd,n\n1,1,0.5,1e15\n', 2, 'n', /n: 1000000000000000 subjects is more than the limit of 1,000,000/],
    ['individual value', 'id,time,value\n1,0,1\n1,1,-1e99\n', 3, 'value', /the limit for value is 1e50/],
  ])('%s', (_, csv, row, column, message) => {
    const e = firstError(csv);
    expect(e?.row).toBe(row);
    expect(e?.column).toBe(column);
    expect(e?.message).toMatch(message);
  });

  test('values at the bounds are accepted', () => {
    const r = tryParseDataset(`time,mean,sd,n\n0,1e50,1e49,${MAX_N}\n1e12,-1e50,0,1\n`);
    expect(r.ok).toBe(true);
  });

  test('unknown columns are named in a warning, and the known ones still work', () => {
    const r = tryParseDataset('time,mean,sd,n,visit_note,lab\n1,2,0.5,10,x,y\n');
    expect(r.ok).toBe(true);
    const unknown = r.warnings.filter((w) => w.code === 'unknown-column').map((w) => w.column);
    expect(unknown).toEqual(['visit_note', 'lab']);
  });
});
