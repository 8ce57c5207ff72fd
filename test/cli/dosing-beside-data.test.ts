// A study folder as the shared real data lay it out: aggregate.csv with dosing.csv (each subject's
// doses) beside it. `mechanist fit` and `discover` read that dosing table when the data state no
// doses (and say so), never when they state their own or when --no-dosing-file is given.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDiscoverArgs } from '../../src/cli/discover.ts';
import { dosingBesideData, loadData, parseFitArgs } from '../../src/cli/fit.ts';
import { CliError } from '../../src/cli/errors.ts';

const NO_DOSES = 'group,time,mean,sd,n\nall,2,20,5,30\nall,24,22,4,10\nall,48,25,4,11\n';
const WITH_DOSE = 'group,dose,time,mean,sd,n\nall,25,2,20,5,30\nall,25,24,22,4,10\n';
const SUBJECT_DOSES = 'id,group,time,amount,route\n1,all,0,25,iv\n2,all,0,15,iv\n1,all,12,4,iv\n2,all,13,4,iv\n';

function folder(data: string, dosing?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mechanist-study-'));
  writeFileSync(join(dir, 'aggregate.csv'), data);
  if (dosing !== undefined) writeFileSync(join(dir, 'dosing.csv'), dosing);
  return join(dir, 'aggregate.csv');
}

function withStderr<T>(f: () => T): { value: T; err: string } {
  let err = '';
  const ew = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
  try { return { value: f(), err }; } finally { process.stderr.write = ew; }
}

describe('a dosing table beside the data', () => {
  it('is read when the data state no doses: the cohort-mean regimen, with a line saying where it came from', () => {
    const file = folder(NO_DOSES, SUBJECT_DOSES);
    const { value: data, err } = withStderr(() => loadData(file, undefined, 'discover'));
    expect(data.groups[0]!.regimen).toEqual({ route: 'iv', administrations: [{ time: 0, amount: 20 }, { time: 12, amount: 2 }, { time: 13, amount: 2 }] });
    expect(data.groups[0]!.covariates.dose).toBe(20);
    expect(err).toMatch(/mechanist discover: the data state no doses; reading the dosing table .*dosing\.csv beside them \(--no-dosing-file ignores it\)/);
    expect(err).toMatch(/4 administrations to 2 subjects are read as the cohort's mean regimen/);
  });

  it('is not read when the data state a dose, when no command asks for it, or when there is none', () => {
    const dosed = folder(WITH_DOSE, SUBJECT_DOSES);
    const { value: data } = withStderr(() => loadData(dosed, undefined, 'fit'));
    expect(dosingBesideData(dosed, data)).toBeUndefined();
    expect(data.groups[0]!.regimen).toBeUndefined();
    const plain = folder(NO_DOSES, SUBJECT_DOSES);
    expect(withStderr(() => loadData(plain)).value.groups[0]!.regimen).toBeUndefined();
    const lone = folder(NO_DOSES);
    expect(withStderr(() => loadData(lone, undefined, 'fit')).value.groups[0]!.regimen).toBeUndefined();
  });

  it('a broken one is a data error naming its file, row and column', () => {
    const file = folder(NO_DOSES, 'id,group,time,amount\n1,all,0,25\n1,all,0,5\n');
    const { value: thrown } = withStderr(() => { try { loadData(file, undefined, 'fit'); return null; } catch (e) { return e; } });
    expect(thrown).toBeInstanceOf(CliError);
    expect((thrown as CliError).message).toMatch(/dosing\.csv: row 3, column "time": group "all", subject "1" has a second administration at time 0/);
  });

  it('--no-dosing-file turns it off for fit and discover', () => {
    expect(parseDiscoverArgs(['a.csv']).dosingBesideData).toBe(true);
    expect(parseDiscoverArgs(['a.csv', '--no-dosing-file']).dosingBesideData).toBe(false);
    expect(parseFitArgs(['pk-1cmt-iv', 'a.csv', '--no-dosing-file']).dosingBesideData).toBe(false);
  });
});
