// Generated malformed CSVs: mutations of the valid fixtures, each known to be invalid in a
// specific way. Every one must give a DataError naming the expected code, row and column —
// never another exception. A second, blind set mutates random bytes: no crash, and every
// error it yields points somewhere.
import { describe, expect, it } from 'vitest';
import { DataError, parseDataset, tryParseDataset, type DataIssue } from '../../src/data/index.ts';
import { fixture } from './fixtures.ts';
import { mulberry32 as rng } from '../helpers/prng.ts';


interface Grid { delimiter: string; header: string[]; rows: string[][] }
interface Case { name: string; text: string; expect: Partial<DataIssue> }

const load = (name: string, delimiter = ','): Grid => {
  const lines = fixture(name).replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  return { delimiter, header: lines[0].split(delimiter), rows: lines.slice(1).map((l) => l.split(delimiter)) };
};
const text = (g: Grid): string => [g.header, ...g.rows].map((r) => r.join(g.delimiter)).join('\n') + '\n';
const copy = (g: Grid): Grid => ({ ...g, header: [...g.header], rows: g.rows.map((r) => [...r]) });
const col = (g: Grid, name: string): number => g.header.findIndex((h) => h.toLowerCase().startsWith(name));

// (NA, N/A, #N/A and "." mark a value nobody measured: an empty cell, parse-valid.test.ts)
const JUNK = ['abc', 'N.A.', '1.2.3', '--5', '0x1F', '1e', '∞', 'NaN', 'Infinity', '-inf', '12 mg', '½', '٣', '1_000', '🙂', 'null', 'TRUE', '#DIV/0!', '\u00a0\u200b', '3..', '+-1', 'e5', '1,5,6', '\u202e12'];
const JUNK_RE_SAFE = (s: string) => s.replace(/[,;"\n\r]/g, 'x');

function generateCases(): Case[] {
  const random = rng(20261126);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const cases: Case[] = [];
  const bases = [
    { file: 'aggregate-groups.csv', d: ',' }, { file: 'aggregate-sem.csv', d: ',' }, { file: 'aggregate-ci.csv', d: ',' },
    { file: 'semicolon-decimal-comma.csv', d: ';' }, { file: 'bom-crlf.csv', d: ',' }, { file: 'individual.csv', d: ',' },
  ];
  for (const { file, d } of bases) {
    const base = load(file, d);
    const numeric = base.header.map((h, i) => [h, i] as const).filter(([h]) => /^(time|mean|sd|n|sem|ci_|value|dose)/i.test(h));
    const individual = file.startsWith('individual');
    // data rows whose required numeric cells are filled (the individual fixture has one empty value)
    const fullRows = base.rows.map((_, r) => r).filter((r) => base.rows[r].every((c) => c !== ''));

    // 1. non-numeric text in a numeric cell, 6 per file
    for (let k = 0; k < 6; k++) {
      const g = copy(base);
      const [label, c] = pick(numeric);
      const r = pick(fullRows);
      g.rows[r][c] = JUNK_RE_SAFE(pick(JUNK));
      cases.push({ name: `${file}: junk in ${label} row ${r + 2}`, text: text(g), expect: { row: r + 2, column: label } });
    }
    // 2. random bytes in a numeric cell (no delimiters, quotes or newlines), 3 per file
    for (let k = 0; k < 3; k++) {
      const g = copy(base);
      const [label, c] = pick(numeric);
      const r = pick(fullRows);
      const bytes = Array.from({ length: 1 + Math.floor(random() * 6) }, () => String.fromCharCode(33 + Math.floor(random() * 200))).join('');
      g.rows[r][c] = JUNK_RE_SAFE('x' + bytes);
      cases.push({ name: `${file}: random bytes in ${label} row ${r + 2}`, text: text(g), expect: { row: r + 2, column: label } });
    }
    // 3. each required column dropped (individual rows without their id column are single
    // measurements, pooled per time: parse-valid.test.ts)
    for (const name of individual ? ['time', 'value'] : ['time', 'mean', 'n']) {
      const g = copy(base);
      const c = col(g, name);
      g.header.splice(c, 1);
      for (const row of g.rows) row.splice(c, 1);
      cases.push({ name: `${file}: no ${name} column`, text: text(g), expect: { code: 'missing-column', row: 1, column: name } });
    }
    // 4. ragged rows: a cell dropped, or an extra non-empty one
    for (let k = 0; k < 2; k++) {
      const g = copy(base);
      const r = pick(fullRows);
      if (k === 0) g.rows[r].pop();
      else g.rows[r].push('extra');
      cases.push({ name: `${file}: ragged row ${r + 2}`, text: text(g), expect: { code: 'ragged-row', row: r + 2 } });
    }
    // 5. a quote opened and never closed
    {
      const g = copy(base);
      const r = pick(fullRows);
      g.rows[r][0] = '"' + g.rows[r][0];
      cases.push({ name: `${file}: open quote row ${r + 2}`, text: text(g), expect: { code: 'csv-missingquotes', row: r + 2 } });
    }
    // 6. header misspelled
    {
      const g = copy(base);
      const c = col(g, 'time');
      g.header[c] = 'tme';
      cases.push({ name: `${file}: time header misspelled`, text: text(g), expect: { code: 'missing-column', column: 'time' } });
    }
    // 7. NaN / Infinity text
    for (const bad of ['NaN', 'Infinity', '-Infinity', 'inf']) {
      const g = copy(base);
      const [label, c] = pick(numeric);
      const r = pick(fullRows);
      g.rows[r][c] = bad;
      cases.push({ name: `${file}: ${bad} in ${label}`, text: text(g), expect: { code: 'not-a-number', row: r + 2, column: label } });
    }
    // (the same subject twice at one time is one sample, their mean, with a warning: aggregate.test.ts)
    if (individual) continue;
    const tc = col(base, 'time');
    const nc = col(base, 'n');
    const sc = col(base, 'sd');
    // rows r with r − 1 in the same series (same group column, or no group column)
    const gc = base.header.findIndex((h) => /^(group|arm)$/i.test(h));
    const follow = fullRows.filter((r) => r > 0 && (gc < 0 || base.rows[r][gc] === base.rows[r - 1][gc]));
    // 8. duplicate time
    for (let k = 0; k < 3; k++) {
      const g = copy(base);
      const r = pick(follow);
      g.rows[r][tc] = g.rows[r - 1][tc];
      cases.push({ name: `${file}: duplicate time row ${r + 2}`, text: text(g), expect: { code: 'duplicate-time', row: r + 2, column: base.header[tc] } });
    }
    // (9. two rows of one series swapped: not malformed, they are read in time order, parse-valid.test.ts)
    // 10. bad n
    for (const bad of ['0', '-3', '2.5', '1e-3']) {
      const g = copy(base);
      const r = pick(fullRows);
      g.rows[r][nc] = bad;
      cases.push({ name: `${file}: n = ${bad}`, text: text(g), expect: { code: 'bad-n', row: r + 2, column: base.header[nc] } });
    }
    // 11. negative SD
    if (sc >= 0) {
      for (let k = 0; k < 3; k++) {
        const g = copy(base);
        const r = pick(fullRows);
        g.rows[r][sc] = '-' + g.rows[r][sc];
        cases.push({ name: `${file}: negative SD row ${r + 2}`, text: text(g), expect: { code: 'negative-sd', row: r + 2, column: base.header[sc] } });
      }
    }
    // 12. mixed units / dose changing inside a group
    const uc = col(base, 'unit');
    if (uc >= 0) {
      const g = copy(base);
      const r = pick(fullRows.filter((x) => x > 0));
      g.rows[r][uc] = 'ng/mL';
      cases.push({ name: `${file}: unit changes row ${r + 2}`, text: text(g), expect: { code: 'mixed-units', row: r + 2, column: 'unit' } });
    }
    const dc = col(base, 'dose');
    if (dc >= 0) {
      const g = copy(base);
      const r = pick(follow);
      g.rows[r][dc] = String(Number(g.rows[r][dc]) + 1);
      cases.push({ name: `${file}: dose changes row ${r + 2}`, text: text(g), expect: { code: 'inconsistent-dose', row: r + 2, column: 'dose' } });
    }
    // 13. CI bounds swapped
    const lc = col(base, 'ci_low');
    if (lc >= 0) {
      const g = copy(base);
      const hc = col(base, 'ci_high');
      const r = pick(fullRows);
      [g.rows[r][lc], g.rows[r][hc]] = [g.rows[r][hc], g.rows[r][lc]];
      cases.push({ name: `${file}: CI reversed row ${r + 2}`, text: text(g), expect: { code: 'ci-reversed', row: r + 2, column: 'ci_high' } });
    }
  }
  // 14. file-level problems
  cases.push({ name: 'header only', text: 'time,mean,sd,n\n', expect: { code: 'no-data' } });
  cases.push({ name: 'empty', text: '', expect: { code: 'empty-file' } });
  cases.push({ name: 'blank lines only', text: '\r\n \n\t\n', expect: { code: 'empty-file' } });
  cases.push({ name: 'binary', text: 'PK\u0003\u0004\u0000\u0001', expect: { code: 'not-text' } });
  return cases;
}

const FILE_LEVEL = new Set(['empty-file', 'not-text', 'too-large', 'too-many-rows', 'too-many-issues', 'no-data', 'internal']);

function expectPointed(issues: DataIssue[]): void {
  for (const i of issues) {
    expect(i.message.length).toBeGreaterThan(0);
    if (!FILE_LEVEL.has(i.code)) expect(i.row !== undefined || i.column !== undefined, JSON.stringify(i)).toBe(true);
  }
}

const CASES = generateCases();

describe('generated malformed CSVs', () => {
  it('there are at least 100 of them', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let thrown: unknown;
    try {
      parseDataset(c.text);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DataError);
    const issues = (thrown as DataError).issues;
    expect(issues, JSON.stringify(issues)).toContainEqual(expect.objectContaining(c.expect));
    expect(issues.some((i) => i.code === 'internal')).toBe(false);
    expectPointed(issues);
  });
});

describe('blind byte mutations never crash', () => {
  it('500 random edits of the fixtures: a Dataset or issues that point at a place', () => {
    const random = rng(7);
    const sources = ['aggregate-groups.csv', 'aggregate-ci.csv', 'semicolon-decimal-comma.csv', 'individual.csv', 'bom-crlf.csv'].map(fixture);
    const alphabet = [',', ';', '"', '\n', '\r', '\t', ' ', '-', '.', 'e', '0', '9', 'x', '\u0000', '\uFEFF', 'é', '😀', '\uD800'];
    let failures = 0;
    for (let k = 0; k < 500; k++) {
      let s = sources[k % sources.length];
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (s.length + 1));
        const op = random();
        const ch = alphabet[Math.floor(random() * alphabet.length)];
        s = op < 0.4 ? s.slice(0, at) + ch + s.slice(at) : op < 0.7 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + ch + s.slice(at + 1);
      }
      const r = tryParseDataset(s);
      if (!r.ok) {
        failures++;
        expect(r.issues.some((i) => i.code === 'internal'), JSON.stringify(r.issues)).toBe(false);
        expectPointed(r.issues);
      }
    }
    expect(failures).toBeGreaterThan(100); // the mutations really do break files
  });
});
