// Tables of events, one row per dose or measurement, as R's nlme keeps its pharmacokinetic data
// (Phenobarb: Subject, Wt, Apgar, time, dose, conc; Quinidine adds an interval): the dose column
// is filled on the rows of a dose and the measurement column on the others. Read as individual rows
// they lost every dose (the doses were an unused column, the model given a unit dose at t = 0);
// they are the records of a NONMEM-style table under other names, and are read as one.
import type { RawTable } from './csv.ts';
import { splitUnitSuffix } from './columns.ts';

const SUBJECT = ['id', 'subject', 'subject_id', 'patient', 'patient_id'];
const TIME = ['time'];
const DOSE = ['dose', 'amt', 'amount'];
const MEASURED = ['conc', 'concentration', 'value', 'dv', 'cp'];
const INTERVAL = ['interval', 'ii', 'tau'];

const filled = (cell: string | undefined) => cell !== undefined && cell.trim() !== '' && cell.trim() !== '.' && cell.trim().toUpperCase() !== 'NA';

/**
 * The table as a NONMEM-style one (ID, TIME, AMT, DV, MDV and II with SS 1 where an interval is
 * given: steady state) when it is a table of dose and measurement events — a subject, a time, a
 * dose and a measurement column, the dose and the measurement never in one row, both present —
 * else null. Other columns (covariates) keep their names.
 */
export function doseEventsAsNonmem(table: RawTable): { table: RawTable; dose: string; measured: string } | null {
  const names = table.header.map((h) => { const m = splitUnitSuffix(h.trim()); return (m ? m.name : h).trim().toLowerCase().replace(/[\s.-]+/g, '_'); });
  const find = (aliases: readonly string[]) => { const i = names.findIndex((n) => aliases.includes(n)); return i >= 0 ? i : undefined; };
  const id = find(SUBJECT), time = find(TIME), dose = find(DOSE), value = find(MEASURED), interval = find(INTERVAL);
  if (id === undefined || time === undefined || dose === undefined || value === undefined) return null;
  let doses = 0, measured = 0;
  for (const { cells } of table.rows) {
    const d = filled(cells[dose]), v = filled(cells[value]);
    if (d && v) return null;
    if (d) doses++;
    if (v) measured++;
  }
  if (doses === 0 || measured === 0) return null;
  const renamed = (i: number, to: string) => { const unit = splitUnitSuffix(table.header[i]!.trim())?.unit; return unit ? `${to} (${unit})` : to; };
  const header = table.header.map((h, i) => (i === id ? 'ID' : i === time ? renamed(i, 'TIME') : i === dose ? renamed(i, 'AMT') : i === value ? renamed(i, 'DV') : i === interval ? 'II' : h));
  return { dose: table.header[dose]!.trim(), measured: table.header[value]!.trim(), table: {
    ...table,
    header: [...header, 'MDV', ...(interval !== undefined ? ['SS (from interval)'] : [])],
    rows: table.rows.map(({ row, cells }) => {
      const isDose = filled(cells[dose]);
      const steady = interval !== undefined && isDose && filled(cells[interval]);
      return { row, cells: [...cells, isDose || !filled(cells[value]) ? '1' : '0', ...(interval !== undefined ? [steady ? '1' : '0'] : [])] };
    }),
  } };
}
