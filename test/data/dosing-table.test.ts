// A separate dosing table (issue 11): one row per administration becomes each group's regimen —
// the compact interval × doses form when the schedule is regular, the list of administrations
// when it is not — and every malformed design is an error naming its row and column.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDosingTable, parseDataset, parseDosingTable } from '../../src/data/index.ts';
import { describeRegimen, doseTimes } from '../../src/data/regimen.ts';

const DATA = `group,dose,time,mean,sd,n
load,300,2,5,1,10
load,300,24,3,1,10
maint,100,2,2,1,10
maint,100,24,2.5,1,10
`;

describe('dosing tables', () => {
  it('a regular schedule from t = 0 becomes interval × doses; an irregular one keeps its administrations', () => {
    const r = parseDosingTable(`group,time (h),amount (mg),route,duration
load,0,300,oral,
load,12,100,oral,
load,30,100,oral,
maint,0,100,po,
maint,12,100,po,
maint,24,100,po,
inf,0,50,infusion,2
inf,8,50,,2
bolus,0,25,iv,0
bolus,12,3.5,iv,0
`);
    expect(r.ok ? [] : r.issues).toEqual([]);
    if (!r.ok) return;
    const by = Object.fromEntries([...r.table.byGroup].map(([g, e]) => [g, e.regimen]));
    expect(by.load).toEqual({ route: 'oral', administrations: [{ time: 0, amount: 300 }, { time: 12, amount: 100 }, { time: 30, amount: 100 }] });
    expect(by.maint).toEqual({ route: 'oral', interval: 12, count: 3 });
    expect(by.inf).toEqual({ route: 'infusion', duration: 2, interval: 8, count: 2 });
    // duration 0 is a bolus (the NONMEM convention)
    expect(by.bolus).toEqual({ route: 'iv', administrations: [{ time: 0, amount: 25 }, { time: 12, amount: 3.5 }] });
    expect(r.table.allGroups).toBe(false);
  });

  it('is applied to the data: each group gets its schedule and its first amount as dose; words and dose marks follow', () => {
    const table = parseDosingTable('group,time,amount,route\nload,0,300,oral\nload,12,100,oral\nmaint,0,100,oral\nmaint,12,100,oral\n');
    if (!table.ok) throw new Error(JSON.stringify(table.issues));
    const r = applyDosingTable(parseDataset(DATA), table.table);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const [load, maint] = r.dataset.groups;
    expect(load!.covariates.dose).toBe(300);
    expect(doseTimes(load!.regimen)).toEqual([0, 12]);
    expect(describeRegimen(load!, 'mg', 'h')).toBe('oral: 300 mg at 0 h, 100 mg at 12 h');
    expect(describeRegimen(maint!, 'mg', 'h')).toBe('100 mg oral every 12 h × 2');
  });

  it('without a group column it applies to every group', () => {
    const table = parseDosingTable('time,amount,route\n0,100,oral\n24,50,oral\n');
    if (!table.ok) throw new Error(JSON.stringify(table.issues));
    expect(table.table.allGroups).toBe(true);
    const r = applyDosingTable(parseDataset('time,mean,sd,n\n1,2,1,10\n'), table.table);
    expect(r.ok && r.dataset.groups[0]!.regimen).toEqual({ route: 'oral', administrations: [{ time: 0, amount: 100 }, { time: 24, amount: 50 }] });
  });

  it('every malformed design is an error naming row and column', () => {
    const cases: [string, RegExp][] = [
      ['group,time,amount\na,-1,100\n', /^2:time:the dose time must be between 0/],
      ['group,time,amount\na,0,0\n', /^2:amount:the amount must be > 0/],
      ['group,time,amount\na,0,abc\n', /^2:amount:expected a number/],
      ['group,time,amount,route\na,0,100,nasal\n', /^2:route:route "nasal"/],
      ['group,time,amount,route\na,0,100,infusion\n', /^2:route:an infusion needs its duration/],
      ['group,time,amount,route,duration\na,0,100,oral,1\n', /^2:duration:a duration is given for a oral dose/],
      ['group,time,amount,route,duration\na,0,100,infusion,0\n', /^2:duration:an infusion duration must be > 0/],
      ['group,time,amount,route\na,0,100,oral\na,12,100,iv\n', /^3:route:group "a" is dosed iv here and oral at row 2/],
      ['group,time,amount\na,0,100\na,0,50\n', /^3:time:group "a" has a second administration at time 0 \(row 2\)/],
      ['group,time,amount,route,duration\na,0,100,infusion,4\na,2,100,infusion,4\n', /^3:time:this infusion starts at 2, before the one from row 2 ends \(4\)/],
      ['group,amount\na,100\n', /^1::a dosing table needs a time column/],
      ['group,time,amount\n,0,100\n', /^2:group:every administration needs its group/],
    ];
    for (const [csv, want] of cases) {
      const r = parseDosingTable(csv);
      expect(r.ok, csv).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => `${i.row}:${i.column ?? ''}:${i.message}`).join('\n'), csv).toMatch(want);
    }
  });

  it('a group the data lack is a warning; a dose that disagrees with the first administration is an error naming it', () => {
    const data = parseDataset(DATA);
    const unknown = parseDosingTable('group,time,amount\nother,0,100\n');
    const mismatch = parseDosingTable('group,time,amount\nload,0,250\n');
    if (!unknown.ok || !mismatch.ok) throw new Error('tables should parse');
    const a = applyDosingTable(data, unknown.table);
    expect(a.warnings.map((w) => w.message).join('\n')).toMatch(/names group "other", which the data do not have .*its rows are not used/);
    const b = applyDosingTable(data, mismatch.table);
    expect(!b.ok && b.issues[0]).toMatchObject({ row: 2, column: 'amount' });
    expect(!b.ok && b.issues[0]!.message).toMatch(/group "load": the data table's dose is 300 but its first administration in the dosing table is 250/);
  });

  it('the amounts\' unit (header or amount_unit column) becomes the data\'s dose unit; two units are an error', () => {
    const data = parseDataset(DATA);
    expect(data.doseUnit).toBeUndefined();
    const byColumn = parseDosingTable('group,time,amount,amount_unit\nload,0,300,mg\nmaint,0,100,mg\n');
    const byHeader = parseDosingTable('group,time,amount (mg)\nload,0,300\nmaint,0,100\n');
    if (!byColumn.ok || !byHeader.ok) throw new Error('tables should parse');
    expect(byColumn.warnings).toEqual([]);
    for (const t of [byColumn.table, byHeader.table]) {
      const r = applyDosingTable(data, t);
      expect(r.ok && r.dataset.doseUnit).toBe('mg');
    }
    const mixed = parseDosingTable('group,time,amount,amount_unit\nload,0,300,mg\nmaint,0,100,ug\n');
    expect(!mixed.ok && mixed.issues[0]).toMatchObject({ code: 'mixed-amount-units', row: 3, column: 'amount_unit' });
    const other = applyDosingTable(parseDataset(DATA.replace('dose,', 'dose (ug),')), byHeader.table);
    expect(!other.ok && other.issues[0]!.message).toMatch(/doses are in ug and the dosing table's amounts in mg/);
  });
});

describe('mechanist fit and discover --dosing', () => {
  const bin = resolve(__dirname, '../../bin/mechanist.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'mechanist-dosing-'));
  const dataFile = join(dir, 'data.csv');
  writeFileSync(dataFile, DATA);

  it('a broken dosing table is exit 2 with the file, row and column named; nothing is fitted', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'group,time,amount,route\nload,0,300,oral\nload,12,100,iv\n');
    for (const args of [['fit', 'pk-1cmt-oral', dataFile, '--dosing', bad], ['discover', dataFile, '--dosing', bad, '--budget-s', '5']]) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(2);
      const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { error: { code: string; message: string } };
      expect(out.error.code).toBe('data');
      expect(out.error.message).toMatch(/bad\.csv: row 3, column "route": group "load" is dosed iv here and oral at row 2/);
    }
  });
});
