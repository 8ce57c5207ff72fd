// A centre and its spread in one column, as published tables print them: "mean (SD)" with cells
// "5.2 (1.1)", "mean ± SD" with "5.2 ± 1.1", "geometric mean (CV%)", "median (IQR)" and
// "mean (95% CI)" with "5.2 (4.1–6.0)", "median (range)" with "5.2 (1.9–14)". Such a column is split
// into the columns the readers know (mean and sd; geo_mean and geo_cv; median, q1 and q3; a median
// or mean with min and max; mean, ci_low and ci_high) before the layout
// is read; a cell that does not have the form its header announces is an error naming its row and
// column.
import { MAX_HEADER_PARSED, readHeaderCell, splitUnitSuffix } from './columns.ts';
import type { RawTable } from './csv.ts';
import type { IssueCollector } from './issues.ts';
import { censoredCell } from './censored.ts';
import { NOT_CALCULATED, parseNumberCell, showCell } from './numbers.ts';

type Spread = 'sd' | 'sem' | 'cv' | 'iqr' | 'range' | 'ci';

const CENTRES: [RegExp, 'mean' | 'geo_mean' | 'median'][] = [
  [/^(arithmetic )?(mean|average|avg)$/i, 'mean'],
  [/^(geometric mean|geo\.? ?mean|gmean|geomean)$/i, 'geo_mean'],
  [/^median$/i, 'median'],
];
const SPREADS: [RegExp, Spread][] = [
  [/^(sd|s\.d\.|std|stdev|standard deviation)$/i, 'sd'],
  [/^(sem|se|s\.e\.m?\.|standard error)$/i, 'sem'],
  [/^(cv ?%|%cv|cv|cv \(%\)|gcv ?%?|geo(metric)? ?cv ?%?)$/i, 'cv'],
  [/^(iqr|q1 ?[-–,;] ?q3|interquartile range|p25 ?[-–,;] ?p75)$/i, 'iqr'],
  // the smallest and largest value: "median (range)", "median (min–max)", "mean (min, max)"
  [/^(range|min(imum)? ?(?:[-–,;]|to) ?max(imum)?)$/i, 'range'],
  [/^(95 ?% ?ci|ci ?95 ?%?|ci|95 ?% ?confidence interval)$/i, 'ci'],
];
// "mean (SD)", "mean [SD]", "mean ± SD", "mean +/- SD", then an optional unit: "(ng/mL)", "[ng/mL]", ", ng/mL"
const HEADER = /^(.+?)\s*(?:\(\s*([^()]+?)\s*\)|\[\s*([^[\]]+?)\s*\]|(?:±|\+\/-|\+-)\s*([^()[\],]+?))\s*(?:[([]\s*([^()[\]]*?)\s*[)\]]|,\s*(.+))?$/;

interface Combined { index: number; label: string; centre: 'mean' | 'geo_mean' | 'median'; spread: Spread; unit?: string; quantity?: string }

// where a centre's words start inside a longer label ("Concentration, mean (SD)")
const CENTRE_WORDS = /\b(?:arithmetic mean|geometric mean|geo\.? ?mean|gmean|geomean|mean|average|avg|median)\b/gi;

function readCombinedHeader(raw: string, index: number): Combined | null {
  const label = raw.trim();
  if (label.length > MAX_HEADER_PARSED) return null;
  const plain = readCentreAndSpread(label, index, label);
  if (plain) return plain;
  // a quantity named before the centre: the earliest centre word from which the rest reads
  // (the first three centre words at most: a hostile header full of them stays cheap)
  for (const m of [...label.matchAll(CENTRE_WORDS)].slice(0, 3)) {
    if (m.index === 0) continue;
    const c = readCentreAndSpread(label.slice(m.index), index, label);
    if (!c) continue;
    const before = label.slice(0, m.index).replace(/[\s,;:–—-]+$/, '');
    if (before === '') return c;
    const named = splitUnitSuffix(before) ?? { name: before };
    const unit = c.unit ?? named.unit;
    return { ...c, quantity: named.name, ...(unit !== undefined ? { unit } : {}) };
  }
  return null;
}

function readCentreAndSpread(text: string, index: number, label: string): Combined | null {
  const m = HEADER.exec(text);
  if (!m) return null;
  const centre = CENTRES.find(([re]) => re.test(m[1]!.trim()))?.[1];
  const spreadText = (m[2] ?? m[3] ?? m[4] ?? '').trim();
  const spread = SPREADS.find(([re]) => re.test(spreadText))?.[1];
  if (!centre || !spread) return null;
  // quartiles go with a median, a CV with a mean or a geometric mean, SD, SEM and a 95% CI with a
  // mean, a range with a median or a mean
  if ((spread === 'iqr') !== (centre === 'median') && !(spread === 'range' && centre !== 'geo_mean')) return null;
  if (centre === 'geo_mean' && spread !== 'cv') return null;
  const unit = (m[5] ?? m[6] ?? '').trim();
  return { index, label, centre, spread, ...(unit !== '' ? { unit } : {}) };
}

const NUMBER = String.raw`[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?`;
// "5.2 (1.1)", "5.2 [1.1]", "5.2 ± 1.1", "5.2 +/- 1.1", "5.2 (21%)"
const PAIR = new RegExp(String.raw`^(${NUMBER})\s*(?:\(\s*(${NUMBER})\s*%?\s*\)|\[\s*(${NUMBER})\s*%?\s*\]|(?:±|\+\/-|\+-)\s*(${NUMBER})\s*%?)$`);
// "5.2 (4.1–6.0)", "5.2 (4.1, 6.0)", "5.2 [4.1; 6.0]", "5.2 (4.1 to 6.0)"
const TRIPLE = new RegExp(String.raw`^(${NUMBER})\s*[([]\s*(${NUMBER})\s*(?:–|—|-|,|;|to)\s*(${NUMBER})\s*[)\]]$`);
const SINGLE = new RegExp(`^(${NUMBER})$`);
// a centre and a spread cell that is not a number: "BLQ (NC)", "5.2 ± -"
const WITHOUT_SPREAD = /^(.+?)\s*(?:[([]\s*([^()[\]]+?)\s*[)\]]|(?:±|\+\/-|\+-)\s*(\S+))$/;

/** the column a mean's spread goes to (a geometric mean's is always its geometric CV) */
const MEAN_SPREAD: Record<Exclude<Spread, 'iqr' | 'range' | 'ci'>, string> = { sd: 'sd', sem: 'sem', cv: 'cv' };

/**
 * The table with each combined centre-and-spread column split in two (three for a median with its
 * quartiles); null, with the error reported, where several name their quantities side by side.
 */
export function splitCombinedColumns(table: RawTable, issues: IssueCollector): RawTable | null {
  const combined = table.header.map(readCombinedHeader).filter((c): c is Combined => c !== null);
  combined.push(...plusMinusColumns(table, combined, issues));
  if (combined.length === 0) return table;
  const byIndex = new Map(combined.map((c) => [c.index, c]));
  const hasObservable = table.header.some((h, i) => !byIndex.has(i) && readHeaderCell(h).key === 'observable');
  const named = combined.filter((c) => c.quantity !== undefined);
  if (named.length > 1 && !hasObservable) {
    // columns per quantity or per arm side by side: which one a column is cannot be told from its name
    issues.error({
      code: 'several-combined-columns', row: table.headerRow, column: named[0]!.label,
      message: `columns ${named.map((c) => `"${c.label}"`).join(', ')} each hold a centre and its spread: write one row per time and quantity (or arm), with an observable (or group) column beside "mean (SD)"`,
    });
    return null;
  }
  // one column naming its quantity, no observable column: the quantity is the observable
  const observable = named.length === 1 && !hasObservable ? named[0]!.quantity! : null;
  const header = table.header.flatMap((h, i) => {
    const c = byIndex.get(i);
    if (!c) return [h];
    const centre = c.unit ? `${c.centre} (${c.unit})` : c.centre;
    if (c.spread === 'iqr') return [centre, 'q1', 'q3'];
    if (c.spread === 'range') return [centre, 'min', 'max'];
    if (c.spread === 'ci') return [centre, 'ci_low', 'ci_high'];
    return [centre, c.centre === 'geo_mean' ? 'geo_cv' : MEAN_SPREAD[c.spread]];
  });
  const rows = table.rows.map(({ row, cells }) => ({
    row,
    cells: [...cells.flatMap((cell, i) => {
      const c = byIndex.get(i);
      return c ? splitCell(cell, c, row, issues) : [cell];
    }), ...(observable !== null ? [observable] : [])],
  }));
  return { ...table, header: observable !== null ? [...header, 'observable'] : header, rows };
}

/**
 * A quantity's column of "12.3 ± 4.1" cells under a header that names no centre or spread
 * ("Concentration (ng/mL)") in a table with no mean column: mean ± SD, as clinical tables print
 * it (a warning says so: an SEM column is headed "mean ± SEM").
 */
function plusMinusColumns(table: RawTable, named: readonly Combined[], issues: IssueCollector): Combined[] {
  const cells = table.header.map(readHeaderCell);
  if (named.length > 0 || !cells.some((c) => c.key === 'time') || cells.some((c) => c.key === 'mean' || c.key === 'value' || c.key === 'geo_mean' || c.key === 'median')) return [];
  const out: Combined[] = [];
  cells.forEach((c, index) => {
    if (c.key !== null || c.label === '') return;
    const filled = table.rows.map((r) => (r.cells[index] ?? '').trim()).filter((s) => parseNumberCell(s, true).kind !== 'empty');
    const plusMinus = filled.filter((s) => /±|\+\/-/.test(s) && PAIR.test(s));
    // every cell a mean ± SD, a lone mean, or a mean below the LLOQ, and most of them with their ±
    const fits = (s: string) => PAIR.test(s) ? /±|\+\/-/.test(s) : SINGLE.test(s) || censoredCell(s, true) !== undefined || WITHOUT_SPREAD.test(s);
    if (plusMinus.length === 0 || 2 * plusMinus.length < filled.length || !filled.every(fits)) return;
    out.push({ index, label: c.label, centre: 'mean', spread: 'sd', quantity: c.name, ...(c.unit !== undefined ? { unit: c.unit } : {}) });
  });
  for (const c of out) {
    issues.warn({ code: 'plus-minus-sd', row: table.headerRow, column: c.label, message: `column ${showCell(c.label)} holds "mean ± spread" cells and its header names neither: read as mean ± SD (head it "${c.quantity} mean ± SEM" if the spread is an SEM)` });
  }
  return out;
}

/**
 * A "centre and spread" cell's two parts: "5.2 ± 1.1", "5.2 (1.1)", "5.2 [21%]"; a lone centre, an
 * empty cell or a centre below the LLOQ ("BLQ", "<0.5"; the row reader reads it as a censored mean)
 * with spread ''; so too a centre whose spread was not calculated ("5.2 (NC)", "BLQ ± -"). Null
 * where the cell is none of these.
 */
export function splitCentreAndSpread(raw: string): { centre: string; spread: string } | null {
  const s = raw.trim();
  if (parseNumberCell(s, true).kind !== 'invalid' || censoredCell(s, true) !== undefined) return { centre: s, spread: '' };
  if (s.length > 200) return null;
  const bare = WITHOUT_SPREAD.exec(s);
  if (bare && NOT_CALCULATED.test(bare[2] ?? bare[3]!) && (SINGLE.test(bare[1]!) || censoredCell(bare[1]!, true) !== undefined)) return { centre: bare[1]!, spread: '' };
  const m = PAIR.exec(s);
  return m ? { centre: m[1]!, spread: m[2] ?? m[3] ?? m[4]! } : null;
}

function splitCell(raw: string, c: Combined, row: number, issues: IssueCollector): string[] {
  const s = raw.trim();
  const interval = c.spread === 'iqr' || c.spread === 'range' || c.spread === 'ci';
  const empty = Array<string>(interval ? 2 : 1).fill('');
  const pair = splitCentreAndSpread(s);
  if (pair && (!interval || pair.spread === '')) return [pair.centre, ...(interval ? empty : [pair.spread])];
  const m = interval && s.length <= 200 ? TRIPLE.exec(s) : null;
  if (!m) {
    const form = interval ? '"5.2 (4.1–6.0)"' : '"5.2 (1.1)" or "5.2 ± 1.1"';
    const what = c.spread === 'iqr' ? 'quartiles' : c.spread === 'range' ? 'range' : c.spread === 'ci' ? '95% CI' : c.spread.toUpperCase();
    issues.error({ code: 'bad-combined-cell', row, column: c.label, message: `${c.label}: expected a ${c.centre.replace('_', ' ')} and its ${what} as ${form}, found ${showCell(s)}` });
    return [s, ...empty].map(() => '');
  }
  return [m[1]!, m[2]!, m[3]!];
}
