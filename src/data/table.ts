// The Dataset as a table of cells and typed rows: for the app's editable table and for export.
import { readHeaderCell } from './columns.ts';
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
  const covariatesOf = new Map(d.groups.map((g) => [g.name, otherCovariates(g.covariates)]));
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
        ...(s.meanBelowLloq?.[i] ? { meanBelowLloq: true as const } : {}),
        ...(regimenOf.get(s.group) ? { regimen: regimenOf.get(s.group)! } : {}),
        ...(covariatesOf.get(s.group) ? { covariates: covariatesOf.get(s.group)! } : {}),
      });
    });
  }
  return out;
}

/** a group's covariates other than dose; undefined when it has none */
function otherCovariates(c: Record<string, number>): Record<string, number> | undefined {
  const { dose: _dose, ...rest } = c;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * The covariate columns of the table: the dataset's list (with units), then any other group
 * covariate; a name that would read back as a known column (a NONMEM `GROUP` covariate) is left out.
 */
function covariateColumns(d: Dataset): { name: string; unit?: string }[] {
  const listed = d.covariates ?? [];
  const more = [...new Set(d.groups.flatMap((g) => Object.keys(otherCovariates(g.covariates) ?? {})))].filter((n) => !listed.some((c) => c.name === n));
  return [...listed, ...more.map((name) => ({ name }))].filter((c) => readHeaderCell(c.name).key === null);
}

/** The aggregate table: observable, group, [dose], time [(unit)], mean, sd, n, [unit], [censoring, regimen and covariate columns]. */
export function tableOf(d: Dataset): CellTable {
  const rows = rowsOf(d);
  const covariates = covariateColumns(d);
  const hasDose = rows.some((r) => r.dose !== undefined);
  const hasUnit = rows.some((r) => r.unit !== undefined);
  const hasLloq = rows.some((r) => r.lloq !== undefined);
  const hasBlq = rows.some((r) => r.nBlq !== undefined);
  const reg = {
    route: rows.some((r) => r.regimen?.route !== undefined), duration: rows.some((r) => r.regimen?.duration !== undefined),
    interval: rows.some((r) => r.regimen?.interval !== undefined), doses: rows.some((r) => r.regimen?.count !== undefined),
    steady: rows.some((r) => r.regimen?.steadyState),
  };
  const header = ['observable', 'group', ...(hasDose ? [d.doseUnit ? `dose (${d.doseUnit})` : 'dose'] : []), d.timeUnit ? `time (${d.timeUnit})` : 'time', 'mean', 'sd', 'n', ...(hasUnit ? ['unit'] : []), ...(hasLloq ? ['lloq'] : []), ...(hasBlq ? ['n_blq'] : []),
    ...(reg.route ? ['route'] : []), ...(reg.duration ? ['duration'] : []), ...(reg.interval ? ['interval'] : []), ...(reg.doses ? ['doses'] : []), ...(reg.steady ? ['steady_state'] : []),
    ...covariates.map((c) => (c.unit ? `${c.name} (${c.unit})` : c.name))];
  const num = (x: number | null | undefined): string => (x === null || x === undefined ? '' : String(x));
  return {
    header,
    rows: rows.map((r) => [
      r.observable, r.group, ...(hasDose ? [num(r.dose)] : []), num(r.time), r.meanBelowLloq ? belowCell(r) : num(r.mean), num(r.sd), num(r.n), ...(hasUnit ? [r.unit ?? ''] : []),
      ...(hasLloq ? [num(r.lloq)] : []), ...(hasBlq ? [num(r.nBlq)] : []),
      ...(reg.route ? [r.regimen?.route ?? ''] : []), ...(reg.duration ? [num(r.regimen?.duration)] : []),
      ...(reg.interval ? [num(r.regimen?.interval)] : []), ...(reg.doses ? [num(r.regimen?.count)] : []),
      ...(reg.steady ? [r.regimen?.steadyState ? 'yes' : 'no'] : []),
      ...covariates.map((c) => num(r.covariates?.[c.name])),
    ]),
  };
}

/** a censored mean as the table wrote it: "<LLOQ" where its LLOQ is known, else "BLQ" */
const belowCell = (r: AggregateRow): string => (r.lloq !== undefined ? `<${r.lloq}` : 'BLQ');

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
