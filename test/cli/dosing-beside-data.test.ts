// A study folder as the shared real data lay it out: aggregate.csv with dosing.csv (each subject's
// doses) beside it. `mechanist fit` and `discover` read that dosing table when the data state no
// doses, or one dose per group while the table repeats doses or gives the route (and say so); never
// when the data state their schedule, when the table only repeats what they say, or with
// --no-dosing-file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDiscoverArgs } from '../../src/cli/discover.ts';
import { dosingBesideData, loadData, parseFitArgs } from '../../src/cli/fit.ts';
import { CliError } from '../../src/cli/errors.ts';

const NO_DOSES = 'group,time,mean,sd,n\nall,2,20,5,30\nall,24,22,4,10\nall,48,25,4,11\n';
const WITH_DOSE = (dose: number) => `group,dose,time,mean,sd,n\nall,${dose},2,20,5,30\nall,${dose},24,22,4,10\n`;
const WITH_SCHEDULE = 'group,dose,route,interval,doses,time,mean,sd,n\nall,20,iv,12,2,2,20,5,30\nall,20,iv,12,2,24,22,4,10\n';
const ONE_DOSE_EACH = 'id,group,time,amount\n1,all,0,25\n2,all,0,15\n';
const ONE_INFUSION_EACH = 'id,group,time,amount,route,duration\n1,all,0,20,infusion,1\n2,all,0,20,infusion,1\n';
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
    expect(err).toMatch(/mechanist discover: the data state no doses and a dosing table lies beside them: reading .*dosing\.csv \(--no-dosing-file ignores it\)/);
    expect(err).toMatch(/4 administrations to 2 subjects are read as the cohort's mean regimen/);
  });

  it('is read when the data state one dose per group and the table repeats doses; left out with a warning when it disagrees with them', () => {
    const agreeing = folder(WITH_DOSE(20), SUBJECT_DOSES);
    const { value: data, err } = withStderr(() => loadData(agreeing, undefined, 'fit'));
    expect(data.groups[0]!.regimen).toEqual({ route: 'iv', administrations: [{ time: 0, amount: 20 }, { time: 12, amount: 2 }, { time: 13, amount: 2 }] });
    expect(err).toMatch(/mechanist fit: the data state one dose per group and the dosing table beside them repeats doses: reading .*dosing\.csv/);
    const disagreeing = folder(WITH_DOSE(25), SUBJECT_DOSES);
    const other = withStderr(() => loadData(disagreeing, undefined, 'fit'));
    expect(other.value.groups[0]!.regimen).toBeUndefined();
    expect(other.err).toMatch(/warning: .*dosing\.csv: not used \(row 2, column "amount"\): group "all": the data table's dose is 25 but its first administration in the dosing table is 20/);
  });

  it('is read when the data state one dose per group and the table gives the route: an infusion is not read as a bolus', () => {
    const file = folder(WITH_DOSE(20), ONE_INFUSION_EACH);
    const { value: data, err } = withStderr(() => loadData(file, undefined, 'discover'));
    expect(data.groups[0]!.regimen).toMatchObject({ route: 'infusion', duration: 1 });
    expect(data.groups[0]!.covariates.dose).toBe(20);
    expect(err).toMatch(/mechanist discover: the data state one dose per group and no route, and the dosing table beside them gives it \(infusion, with the infusion lengths\): reading .*dosing\.csv/);
    // without it the infusion is a dose at t = 0 of no stated route
    const { value: alone } = withStderr(() => loadData(file, undefined, undefined));
    expect(alone.groups[0]!.regimen).toBeUndefined();
  });

  it('is not read when the data state their schedule, when it gives one dose each to data that state a dose, when no command asks, or when there is none', () => {
    for (const [table, dosing] of [[WITH_SCHEDULE, SUBJECT_DOSES], [WITH_DOSE(20), ONE_DOSE_EACH]] as const) {
      const file = folder(table, dosing);
      const { value: data, err } = withStderr(() => loadData(file, undefined, 'fit'));
      expect(dosingBesideData(file, data)).toBeUndefined();
      expect(err).not.toMatch(/reading .*dosing\.csv/);
    }
    const plain = folder(NO_DOSES, SUBJECT_DOSES);
    expect(withStderr(() => loadData(plain)).value.groups[0]!.regimen).toBeUndefined();
    const lone = folder(NO_DOSES);
    expect(withStderr(() => loadData(lone, undefined, 'fit')).value.groups[0]!.regimen).toBeUndefined();
  });

  it('a broken one is left out with a warning naming its file, row and column; a broken one given with --dosing is an error', () => {
    const file = folder(NO_DOSES, 'id,group,time,amount\n1,all,0,25\n1,all,0,5\n');
    const { value: data, err } = withStderr(() => loadData(file, undefined, 'fit'));
    expect(data.groups[0]!.regimen).toBeUndefined();
    expect(err).toMatch(/warning: .*dosing\.csv: not used \(row 3, column "time"\): group "all", subject "1" has a second administration at time 0/);
    const named = file.replace(/aggregate\.csv$/, 'dosing.csv');
    const { value: thrown } = withStderr(() => { try { loadData(file, named, 'fit'); return null; } catch (e) { return e; } });
    expect(thrown).toBeInstanceOf(CliError);
    expect((thrown as CliError).message).toMatch(/dosing\.csv: row 3, column "time": group "all", subject "1" has a second administration at time 0/);
  });

  it('individual rows beside each subject\'s doses are binned at those doses: no visit holds a trough and another subject\'s peak', () => {
    // subjects 1 and 2 are dosed again at 168 h (their 167-h samples are troughs), 3 and 4 at 166 h
    const rows = 'id,group,time,value\n1,all,1,10\n2,all,1.1,11\n3,all,0.9,10.5\n4,all,1.05,9.5\n1,all,167.5,2.0\n2,all,167.8,2.2\n3,all,167.0,9.0\n4,all,167.2,9.4\n';
    const doses = 'id,group,time,amount\n1,all,0,100\n2,all,0,100\n3,all,0,100\n4,all,0,100\n1,all,168,100\n2,all,168,100\n3,all,166,100\n4,all,166,100\n';
    const file = folder(rows, doses);
    const { value: data, err } = withStderr(() => loadData(file, undefined, 'discover'));
    expect(data.series[0]!.times).toEqual([1.025, 167.1, 167.65]);
    expect(data.series[0]!.n).toEqual([4, 2, 2]);
    expect(err).toMatch(/warning: .*aggregate\.csv: column "time": by each subject's own dose times, 1 visit held samples drawn after different doses/);
    // --no-dosing-file: read alone, one visit averages the troughs with the peaks
    const { value: alone, err: quiet } = withStderr(() => loadData(file));
    expect(alone.series[0]!.times).toEqual([1.025, 167.35]);
    expect(quiet).not.toMatch(/split/);
  });

  it('--no-dosing-file turns it off for fit and discover', () => {
    expect(parseDiscoverArgs(['a.csv']).dosingBesideData).toBe(true);
    expect(parseDiscoverArgs(['a.csv', '--no-dosing-file']).dosingBesideData).toBe(false);
    expect(parseFitArgs(['pk-1cmt-iv', 'a.csv', '--no-dosing-file']).dosingBesideData).toBe(false);
  });
});
