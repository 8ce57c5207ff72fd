// The Dataset as a table of cells and typed rows: for the app's editable table and for export.
import type { RawTable } from './csv.ts';
import { parseTable } from './parse.ts';
import type { AggregateRow, ParseOptions, ParseResult } from './rows.ts';
import type { Dataset } from './types.ts';

/** A header and rows of cell text, as a table editor holds them. */
export interface CellTable {
  header: string[];
  rows: string[][];
}

/** One typed row per visit, series by series (the inverse of datasetFromRows). */
export function rowsOf(d: Dataset): AggregateRow[] {
  const doseOf = new Map(d.groups.map((g) => [g.name, g.covariates.dose]));
  const regimenOf = new Map(d.groups.map((g) => [g.name, g.regimen]));
  const unitOf = new Map(d.observables.map((o) => [o.name, o.unit]));
  const out: AggregateRow[] = [];
  for (const s of d.series) {
    const dose = doseOf.get(s.group);
    const unit = s.unit ?? unitOf.get(s.observable);
    s.times.forEach((time, i) => {
      out.push({
        observable: s.observable, group: s.group, time, mean: s.mean[i], sd: s.sd[i], n: s.n[i],
        ...(dose !== undefined ? { dose } : {}), ...(unit !== undefined ? { unit } : {}),
        ...(s.lloq?.[i] != null ? { lloq: s.lloq[i]! } : {}), ...(s.nBlq?.[i] != null ? { nBlq: s.nBlq[i]! } : {}),
        ...(regimenOf.get(s.group) ? { regimen: regimenOf.get(s.group)! } : {}),
      });
    });
  }
  return out;
}

/** The aggregate table: observable, group, [dose], time [(unit)], mean, sd, n, [unit]. */
export function tableOf(d: Dataset): CellTable {
  const rows = rowsOf(d);
  const hasDose = rows.some((r) => r.dose !== undefined);
  const hasUnit = rows.some((r) => r.unit !== undefined);
  const hasLloq = rows.some((r) => r.lloq !== undefined);
  const hasBlq = rows.some((r) => r.nBlq !== undefined);
  const reg = {
    route: rows.some((r) => r.regimen?.route !== undefined), duration: rows.some((r) => r.regimen?.duration !== undefined),
    interval: rows.some((r) => r.regimen?.interval !== undefined), doses: rows.some((r) => r.regimen?.count !== undefined),
  };
  const header = ['observable', 'group', ...(hasDose ? ['dose'] : []), d.timeUnit ? `time (${d.timeUnit})` : 'time', 'mean', 'sd', 'n', ...(hasUnit ? ['unit'] : []), ...(hasLloq ? ['lloq'] : []), ...(hasBlq ? ['n_blq'] : []),
    ...(reg.route ? ['route'] : []), ...(reg.duration ? ['duration'] : []), ...(reg.interval ? ['interval'] : []), ...(reg.doses ? ['doses'] : [])];
  const num = (x: number | null | undefined): string => (x === null || x === undefined ? '' : String(x));
  return {
    header,
    rows: rows.map((r) => [
      r.observable, r.group, ...(hasDose ? [num(r.dose)] : []), num(r.time), num(r.mean), num(r.sd), num(r.n), ...(hasUnit ? [r.unit ?? ''] : []),
      ...(hasLloq ? [num(r.lloq)] : []), ...(hasBlq ? [num(r.nBlq)] : []),
      ...(reg.route ? [r.regimen?.route ?? ''] : []), ...(reg.duration ? [num(r.regimen?.duration)] : []),
      ...(reg.interval ? [num(r.regimen?.interval)] : []), ...(reg.doses ? [num(r.regimen?.count)] : []),
    ]),
  };
}

/** Parses an edited table; errors point at rows (header = row 1) and header names. Decimal commas are accepted. */
export function parseCells(t: CellTable, opts: ParseOptions = {}): ParseResult {
  const table: RawTable = {
    header: t.header,
    headerRow: 1,
    rows: t.rows.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== '')),
    delimiter: '\t',
    decimalComma: true,
  };
  return parseTable(table, opts);
}
