// A paper's summary table with one column (or one set of columns) per study arm: "Time (h),
// 25 mg (n=6), 50 mg (n=6)" with cells "12.3 ± 4.1", or "25 mg Mean, 25 mg SD, 50 mg Mean,
// 50 mg SD", or "Placebo, Active" with one value each. Each header that names an arm — a dose with
// its unit ("25 mg", "0.5 mg/kg") or an arm word (placebo, control, group A, cohort 2) — becomes a
// group; its dose and n are read from the header ("(n=6)"), its statistic from the header's last
// word (mean, SD, SEM, CV%, n; a combined "mean ± SD") or from the cells' form ("12.3 ± 4.1"). The
// table is rewritten as one row per arm and time in the aggregate format (group, dose, mean, sd or
// sem or cv, n) for the readers that follow. Tables that already have a group, mean or value column
// are long and left alone.
import { readHeaderCell, splitUnitSuffix, type ColumnKey } from './columns.ts';
import type { RawTable } from './csv.ts';
import type { IssueCollector } from './issues.ts';
import { splitCentreAndSpread } from './combined-columns.ts';
import { parseNumberCell, showCell } from './numbers.ts';

type Stat = 'mean' | 'sd' | 'sem' | 'cv' | 'n';
type Spread = 'sd' | 'sem' | 'cv';

/** columns that say the table is already long (or subject-level): then it is not read by arm */
const LONG: readonly ColumnKey[] = ['group', 'observable', 'value', 'mean', 'id', 'geo_mean', 'median', 'dose'];

const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
/** a dose with its unit: "25 mg", "0.5 mg/kg", "100 µg", "2 x 10^6 IU" is not read */
const DOSE = new RegExp(String.raw`^(${NUMBER})\s*(mg|g|µg|μg|ug|mcg|ng|iu|u|mmol|µmol|μmol|umol)(\s*/\s*(kg|m2|m²|day|d))?\b`, 'i');
/** words that name an arm without a dose */
const ARM_WORD = /^(placebo|control|controls|vehicle|untreated|treated|active|sham|group\s*\S+|arm\s*\S+|cohort\s*\S+|treatment\s*\S+|regimen\s*\S+|dose\s*(level\s*)?\S+|(low|mid|middle|medium|high)[- ]dose)$/i;
/** "(n=6)", "[n = 6]", ", n=6", "N=6" */
const N_IN_HEADER = /[\s,;]*[([]?\s*\bn\s*=\s*(\d+)\s*[)\]]?\s*/i;
/** the statistic a header ends with: "mean ± SD", "mean (SD)", "mean", "SD", "SEM", "CV%", "n" */
const STAT_SUFFIX = /[\s,;:_-]+(mean\s*(?:±|\+\/-|\+-)\s*(sd|sem|se)|mean\s*[([]\s*(sd|sem|se|cv\s*%?)\s*[)\]]|mean|average|sd|s\.d\.|sem|se|s\.e\.m?\.|cv\s*%?|%\s*cv|n)$/i;

interface ArmColumn { index: number; label: string; arm: string; stat: Stat | 'plain'; spread?: Spread; dose?: number; doseUnit?: string; n?: number; unit?: string }

const statOf = (word: string): Stat => {
  const w = word.toLowerCase().replace(/[\s.]/g, '');
  return w === 'mean' || w === 'average' ? 'mean' : w === 'sd' ? 'sd' : w === 'sem' || w === 'se' ? 'sem' : w === 'n' ? 'n' : 'cv';
};
const spreadOf = (word: string | undefined): Spread => (word === undefined ? 'sd' : /^se/i.test(word) ? 'sem' : /^cv/i.test(word) ? 'cv' : 'sd');

/** The arm a header names, with its statistic, dose, n and unit; null for any other header. */
export function readArmHeader(raw: string, index: number): ArmColumn | null {
  const label = raw.trim();
  if (label.length > 120) return null;
  let text = label;
  let n: number | undefined;
  const nm = N_IN_HEADER.exec(text);
  if (nm) { n = Number(nm[1]); text = (text.slice(0, nm.index) + ' ' + text.slice(nm.index + nm[0].length)).trim(); }
  let unit: string | undefined;
  const u = splitUnitSuffix(text);
  if (u?.unit !== undefined && !/^(sd|sem|se|cv\s*%?)$/i.test(u.unit)) { text = u.name; unit = u.unit; }
  let stat: ArmColumn['stat'] = 'plain';
  let spread: Spread | undefined;
  const sm = STAT_SUFFIX.exec(text);
  if (sm) {
    const words = sm[1]!;
    if (/^mean\s*\S/i.test(words) && (sm[2] ?? sm[3])) { stat = 'plain'; spread = spreadOf(sm[2] ?? sm[3]); } else stat = statOf(words);
    text = text.slice(0, sm.index).trim();
  }
  const arm = text.replace(/[\s,;:_-]+$/, '').trim();
  if (arm === '') return null;
  const d = DOSE.exec(arm);
  if (!d && !ARM_WORD.test(arm)) return null;
  const dose = d ? Number(d[1]!.replace(',', '.')) : /^(placebo|vehicle|untreated|sham|control|controls)$/i.test(arm) ? 0 : undefined;
  return {
    index, label, arm, stat, ...(spread ? { spread } : {}), ...(dose !== undefined ? { dose } : {}),
    ...(d ? { doseUnit: (d[2]! + (d[3] ?? '')).replace(/\s+/g, '') } : {}), ...(n !== undefined ? { n } : {}), ...(unit !== undefined ? { unit } : {}),
  };
}

/** The table as aggregate rows, one per arm and time, where its columns are arms; the table itself otherwise; null after an error. */
export function armsToLong(table: RawTable, issues: IssueCollector): RawTable | null {
  const cells = table.header.map(readHeaderCell);
  if (!cells.some((c) => c.key === 'time') || cells.some((c) => c.key !== null && LONG.includes(c.key))) return table;
  const arms = table.header.map((h, i) => (cells[i]!.key === null ? readArmHeader(h, i) : null)).filter((a): a is ArmColumn => a !== null);
  // one arm alone is a column like any other ("Control" beside nothing to compare with)
  const names = [...new Set(arms.map((a) => a.arm))];
  if (names.length < 2) return table;
  const armAt = new Set(arms.map((a) => a.index));
  const kept = table.header.map((_, i) => i).filter((i) => !armAt.has(i));
  const doses = arms.some((a) => a.dose !== undefined && a.dose > 0);
  const doseUnits = [...new Set(arms.flatMap((a) => (a.doseUnit ? [a.doseUnit] : [])))];
  const units = [...new Set(arms.flatMap((a) => (a.unit ? [a.unit] : [])))];
  const spreadKinds = new Set<Spread>();
  const byArm = names.map((name) => {
    const cols = arms.filter((a) => a.arm === name);
    const col = (s: Stat | 'plain') => cols.find((a) => a.stat === s);
    const plain = col('plain'), mean = col('mean');
    const spreadCol = col('sd') ?? col('sem') ?? col('cv');
    const spread: Spread = plain?.spread ?? (spreadCol ? (spreadCol.stat as Spread) : 'sd');
    spreadKinds.add(spread);
    return { name, plain, mean, spreadCol, spread, nCol: col('n'), n: cols.find((a) => a.n !== undefined)?.n, dose: cols.find((a) => a.dose !== undefined)?.dose };
  });
  const missingMean = byArm.find((a) => !a.plain && !a.mean);
  if (missingMean) {
    issues.error({ code: 'arm-without-mean', row: table.headerRow, column: arms.find((a) => a.arm === missingMean.name)!.label, message: `arm "${missingMean.name}" has columns ${arms.filter((a) => a.arm === missingMean.name).map((a) => showCell(a.label)).join(', ')} but no mean: head its mean column "${missingMean.name} mean"` });
    return null;
  }
  const spreads = [...spreadKinds];
  const header = [...kept.map((i) => table.header[i]!), 'group', ...(doses ? [doseUnits.length === 1 ? `dose (${doseUnits[0]})` : 'dose'] : []), 'mean', ...spreads, 'n', ...(units.length === 1 && !kept.some((i) => cells[i]!.key === 'unit') ? ['unit'] : [])];
  const unitCell = header.at(-1) === 'unit' ? [units[0]!] : [];
  const rows: RawTable['rows'] = [];
  let ok = true;
  let assumedOne = false;
  const noN = new Set<string>(); // arms whose missing n was reported (once each)
  for (const r of table.rows) {
    for (const a of byArm) {
      let centre: string, spread: string;
      if (a.plain) {
        const split = splitCentreAndSpread(r.cells[a.plain.index] ?? '');
        if (!split) {
          issues.error({ code: 'bad-arm-cell', row: r.row, column: a.plain.label, message: `${a.plain.label}: expected a mean, or a mean and its ${a.spread.toUpperCase()} as "5.2 ± 1.1" or "5.2 (1.1)", found ${showCell(r.cells[a.plain.index] ?? '')}` });
          ok = false;
          continue;
        }
        ({ centre, spread } = split);
      } else {
        centre = (r.cells[a.mean!.index] ?? '').trim();
        spread = a.spreadCol ? (r.cells[a.spreadCol.index] ?? '').trim() : '';
      }
      if (centre === '' || parseNumberCell(centre, true).kind === 'empty') continue;
      const nText = a.nCol ? (r.cells[a.nCol.index] ?? '').trim() : a.n !== undefined ? String(a.n) : '';
      const n = nText !== '' ? nText : spread === '' ? '1' : '';
      if (n === '1' && nText === '') assumedOne = true;
      if (n === '') {
        ok = false;
        if (noN.has(a.name)) continue;
        noN.add(a.name);
        issues.error({ code: 'arm-without-n', row: r.row, column: (a.plain ?? a.mean)!.label, message: `arm "${a.name}" gives a spread but no n: state it in the header ("${a.name} (n=6)") or in a column "${a.name} n"` });
        continue;
      }
      rows.push({ row: r.row, cells: [...kept.map((i) => r.cells[i] ?? ''), a.name, ...(doses ? [a.dose !== undefined ? String(a.dose) : ''] : []), centre, ...spreads.map((s) => (s === a.spread ? spread : '')), n, ...unitCell] });
    }
  }
  if (!ok) return null;
  const described = byArm.map((a) => `"${a.name}"${a.dose !== undefined ? ` (dose ${a.dose}${doseUnits.length === 1 ? ` ${doseUnits[0]}` : ''})` : ''}${a.n !== undefined ? `, n ${a.n}` : ''}`).join(', ');
  issues.warn({
    code: 'arm-columns', row: table.headerRow, column: arms[0]!.label,
    message: `columns ${arms.map((a) => showCell(a.label)).join(', ')} are read as study arms: groups ${described}; one row per arm and time${assumedOne ? '; an arm without n or spread is read as one measurement per time (n = 1)' : ''}`,
  });
  return { ...table, header, rows };
}
