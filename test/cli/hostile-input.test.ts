// `mechanist` on bad input: exit 2 with {"error": {...}} naming the problem, never exit 1
// "internal"; inputs over their limits are refused before they are read or worked on.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

let tmp = '';
const COHORT = 'public/examples/data/pk-oral-cohort.csv';

function mechanist(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/mechanist.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function refused(r: ReturnType<typeof mechanist>): { code: string; message: string } {
  expect(r.stdout).not.toMatch(/"internal"/);
  expect(r.code).toBe(2);
  return (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { error: { code: string; message: string } }).error;
}
function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs']);
  tmp = mkdtempSync(join(tmpdir(), 'mechanist-hostile-'));
}, 120_000);

describe('hostile input to the CLI', () => {
  test('calibrate --help (or any unknown option) is a usage error, never a run', () => {
    for (const args of [['--help'], ['--cohorts'], ['--cohorts', '2', '--bogus', '1']]) {
      const e = refused(mechanist('calibrate', ...args));
      expect(e.code).toBe('usage');
      expect(e.message).toMatch(/usage: mechanist calibrate/);
    }
  });
  test('a visit at time 1e308 is refused at import with its row and column', () => {
    const csv = readFileSync(COHORT, 'utf8').trimEnd().split('\n');
    csv[csv.length - 1] = csv.at(-1)!.replace(/^conc,[^,]+,/, 'conc,1e308,');
    const e = refused(mechanist('fit', 'pk-1cmt-oral', file('t1e308.csv', csv.join('\n') + '\n'), '--particles', '16', '--subjects', '8'));
    expect(e.code).toBe('data');
    expect(e.message).toMatch(new RegExp(`row ${csv.length}, column "time \\(h\\)": .*too large`));
  });

  test('an absurd n is a data error', () => {
    const e = refused(mechanist('fit', 'pk-1cmt-oral', file('n.csv', readFileSync(COHORT, 'utf8').replace(/,20,mg/g, ',1000000000000000,mg')), '--particles', '16'));
    expect(e.message).toMatch(/row 2, column "n": n: 1000000000000000 subjects is more than the limit of 1,000,000/);
  });

  test('a data file over the size limit is refused from its size, without reading it', () => {
    const big = join(tmp, 'big.csv');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 400_000_000); // sparse: 400 MB on paper, nothing on disk
    closeSync(fd);
    const r = mechanist('fit', 'pk-1cmt-oral', big);
    const e = refused(r);
    expect(e.message).toMatch(/data file .*big\.csv is 400\.0 MB; the limit is 50 million characters/);
  });

  test('absurd run settings are refused by name', () => {
    expect(refused(mechanist('fit', 'pk-1cmt-oral', COHORT, '--particles', '1000000000')).message).toMatch(/--particles needs an integer from 16 to 65536/);
    expect(refused(mechanist('fit', 'pk-1cmt-oral', COHORT, '--subjects', '1e9')).message).toMatch(/--subjects needs an integer from 8 to 65536/);
    expect(refused(mechanist('discover', COHORT, '--rounds', '1000000')).message).toMatch(/--rounds needs an integer from 1 to 50/);
    expect(refused(mechanist('fit', 'pk-1cmt-oral', COHORT, '--predict-times', '1e308')).message).toMatch(/--predict-times/);
    const params = file('params.json', '{"ka":1,"CL":5,"V":50}');
    expect(refused(mechanist('simulate', 'public/examples/models/pk-1cmt-oral.json', '--params', params, '--times', '0,1e308')).message).toMatch(/--times: item 2 \(1e308\) is beyond 1e\+12/);
  });

  test('unknown data columns are named in a warning on stderr', () => {
    const csv = readFileSync(COHORT, 'utf8').replace(/^([^\n]*)/, '$1,lab_note').replace(/(mg\/L)$/gm, '$1,x');
    const r = mechanist('fit', 'pk-1cmt-oral', file('extra.csv', csv), '--particles', '16', '--subjects', '8');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*extra\.csv: row 1, column "lab_note": column "lab_note" is not used/);
  });
});
