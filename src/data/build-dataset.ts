// Typed aggregate rows → Dataset. Used for CSV import, for the app's editable table, and
// (after local aggregation) for individual data. Every row is re-checked here because rows
// from the table editor never went through the CSV reader.
import { checkCovariatesPerGroup } from './covariates.ts';
import { checkDosesPerGroup, checkRegimensPerGroup, checkUnitsPerObservable, rowOf } from './consistency.ts';
import { IssueCollector } from './issues.ts';
import { poolReplicates } from './replicates.ts';
import type { AggregateRow, ParseOptions, ParseResult } from './rows.ts';
import type { Dataset, Group, Series } from './types.ts';

export interface BuildContext {
  source: Dataset['source'];
  individuals?: Dataset['individuals'];
  timeUnit?: string;
  /** the dose column's unit ("dose (mg)") */
  doseUnit?: string;
  /** header text per column key, so messages name columns as the user wrote them */
  labels?: Partial<Record<string, string>>;
  /** the covariate columns: header text (for messages) and unit */
  covariates?: { name: string; label: string; unit?: string; row?: number }[];
}

/** Builds a Dataset from typed rows; errors name the row (`row`, else its position + 1 after a header). */
/**
 * An SD that is no spread at all: equal values summarised in floating point leave a residue of
 * ~1e-16 of their mean (three 0.1s give 1.7e-17), which a likelihood would read as an absurdly
 * tight visit. Below 1e-10 of the mean no measured spread lies.
 */
function roundingResidue(sd: number | null, mean: number): boolean {
  return sd !== null && sd > 0 && sd <= 1e-10 * Math.abs(mean);
}

export function datasetFromRows(rows: readonly AggregateRow[], opts: ParseOptions = {}, issues = new IssueCollector(), context?: BuildContext): ParseResult {
  const covariateLabels = new Map((context?.covariates ?? []).map((c) => [c.name, c.label]));
  const label = (column: string): string => context?.labels?.[column] ?? covariateLabels.get(column) ?? column;
  const ok = rows.map((r, i) => checkRow(r, rowOf(r, i), issues, label));
  if (rows.length === 0 && !issues.hasErrors) issues.error({ code: 'no-data', message: 'there are no data rows (only a header?)' });
  const doses = checkDosesPerGroup(rows, issues, label('dose'));
  const units = checkUnitsPerObservable(rows, issues, label('unit'));
  const regimens = checkRegimensPerGroup(rows, issues, label('route'));
  const covariates = checkCovariatesPerGroup(rows, issues, covariateLabels);
  const usedCovariates = new Set([...covariates.values()].flatMap((c) => Object.keys(c)));
  for (const c of context?.covariates ?? []) {
    if (usedCovariates.has(c.name)) issues.warn({ code: 'covariate-column', row: c.row ?? 1, column: c.label, message: `column "${c.label}" is read as the covariate "${c.name}"${c.unit ? ` (${c.unit})` : ''}, available to models by that name` });
  }

  const series = new Map<string, Series & { rows: number[] }>();
  const groupOrder = new Set<string>(); // insertion order = order of first appearance
  const observableOrder = new Set<string>();
  // censoring columns, kept per series only when some row states them
  const blq = { lloq: new Map<string, (number | null)[]>(), nBlq: new Map<string, (number | null)[]>(), meanBelow: new Map<string, boolean[]>() };
  const unsorted = new Set<string>(); // series whose rows were out of time order (one warning each)
  poolReplicates(rows, ok, issues, label('time')).forEach((r) => {
    const at = r.row!;
    const key = JSON.stringify([r.group, r.observable]);
    let s = series.get(key);
    if (!s) {
      groupOrder.add(r.group);
      observableOrder.add(r.observable);
      const unit = units.get(r.observable);
      s = { observable: r.observable, group: r.group, ...(unit !== undefined ? { unit } : {}), times: [], mean: [], sd: [], n: [], rows: [] };
      series.set(key, s);
      blq.lloq.set(key, []);
      blq.nBlq.set(key, []);
      blq.meanBelow.set(key, []);
    }
    // a row's place among its series' rows is found by its time: a table's row order says nothing
    let k = s.times.length;
    while (k > 0 && s.times[k - 1]! > r.time) k--;
    if (k > 0 && s.times[k - 1] === r.time) {
      issues.error({ code: 'duplicate-time', row: at, column: label('time'), message: `time ${r.time} appears twice for group "${r.group}", observable "${r.observable}" (rows ${s.rows[k - 1]} and ${at})` });
      return;
    }
    if (k < s.times.length && !unsorted.has(key)) {
      unsorted.add(key);
      issues.warn({ code: 'unsorted-time', row: at, column: label('time'), message: `time ${r.time} comes after time ${s.times[s.times.length - 1]} (row ${s.rows[s.rows.length - 1]}) for group "${r.group}", observable "${r.observable}": its rows are read in time order` });
    }
    s.times.splice(k, 0, r.time);
    s.mean.splice(k, 0, r.mean);
    s.sd.splice(k, 0, roundingResidue(r.sd, r.mean) ? 0 : r.sd);
    if (roundingResidue(r.sd, r.mean) && !issues.warnings.some((w) => w.code === 'sd-rounding')) {
      issues.warn({ code: 'sd-rounding', row: at, column: label('sd'), message: `SD ${String(r.sd)} is below 1e-10 of its mean ${String(r.mean)}: the rounding residue of equal values (all subjects at one value, e.g. an imputed LLOQ), read as 0 (and so at any other such visit)` });
    }
    s.n.splice(k, 0, r.n);
    s.rows.splice(k, 0, at);
    blq.lloq.get(key)!.splice(k, 0, r.lloq ?? null);
    blq.nBlq.get(key)!.splice(k, 0, r.nBlq ?? null);
    blq.meanBelow.get(key)!.splice(k, 0, r.meanBelowLloq === true);
  });
  if (issues.hasErrors) return { ok: false, issues: issues.errorList(), warnings: issues.warningList() };

  const timeUnit = opts.timeUnit ?? context?.timeUnit;
  const dataset: Dataset = {
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(timeUnit !== undefined ? { timeUnit } : {}),
    observables: [...observableOrder].map((name) => {
      const unit = units.get(name);
      return unit !== undefined ? { name, unit } : { name };
    }),
    ...(context?.doseUnit !== undefined && doses.size > 0 ? { doseUnit: context.doseUnit } : {}),
    ...covariateList(covariates, context?.covariates),
    groups: [...groupOrder].map((name): Group => {
      const dose = doses.get(name);
      const regimen = regimens.get(name);
      return { name, covariates: { ...(dose !== undefined ? { dose } : {}), ...covariates.get(name) }, ...(regimen ? { regimen } : {}) };
    }),
    series: [...series.entries()].map(([key, { rows: _rows, ...s }]) => {
      const lloq = blq.lloq.get(key)!, nBlq = blq.nBlq.get(key)!, meanBelowLloq = blq.meanBelow.get(key)!;
      return { ...s, ...(lloq.some((v) => v !== null) ? { lloq } : {}), ...(nBlq.some((v) => v !== null) ? { nBlq } : {}), ...(meanBelowLloq.some(Boolean) ? { meanBelowLloq } : {}) };
    }),
    source: context?.source ?? { format: 'aggregate', rows: rows.length },
    ...(context?.individuals ? { individuals: context.individuals } : {}),
  };
  return { ok: true, dataset, warnings: issues.warningList() };
}

function checkRow(r: AggregateRow, row: number, issues: IssueCollector, label: (column: string) => string): boolean {
  const problems: { column: string; code: string; message: string }[] = [];
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (typeof r.group !== 'string' || r.group.trim() === '') problems.push({ column: 'group', code: 'missing-value', message: 'group is empty' });
  if (typeof r.observable !== 'string' || r.observable.trim() === '') problems.push({ column: 'observable', code: 'missing-value', message: 'observable is empty' });
  if (!finite(r.time)) problems.push({ column: 'time', code: 'not-a-number', message: `time must be a finite number, found ${String(r.time)}` });
  if (!finite(r.mean)) problems.push({ column: 'mean', code: 'not-a-number', message: `mean must be a finite number, found ${String(r.mean)}` });
  if (!(Number.isInteger(r.n) && r.n >= 1)) problems.push({ column: 'n', code: 'bad-n', message: `n must be a whole number ≥ 1, found ${String(r.n)}` });
  if (r.sd !== null && !(finite(r.sd) && r.sd >= 0)) problems.push({ column: 'sd', code: 'negative-sd', message: `SD must be a number ≥ 0 (or empty), found ${String(r.sd)}` });
  if (r.lloq !== undefined && !(finite(r.lloq) && r.lloq >= 0)) problems.push({ column: 'lloq', code: 'negative-lloq', message: `the LLOQ must be a number ≥ 0, found ${String(r.lloq)}` });
  if (r.nBlq !== undefined && !(Number.isInteger(r.nBlq) && r.nBlq >= 0 && r.nBlq <= r.n)) problems.push({ column: 'n_blq', code: 'bad-n-blq', message: `n_blq must be a whole number from 0 to n, found ${String(r.nBlq)}` });
  if (r.dose !== undefined && !(finite(r.dose) && r.dose >= 0)) problems.push({ column: 'dose', code: 'negative-dose', message: `dose must be a number ≥ 0, found ${String(r.dose)}` });
  for (const [name, v] of Object.entries(r.covariates ?? {})) {
    if (!finite(v)) problems.push({ column: name, code: 'not-a-number', message: `covariate ${name} must be a finite number, found ${String(v)}` });
  }
  for (const p of problems) issues.error({ ...p, column: label(p.column), row });
  return problems.length === 0;
}

/** the covariates some group has, in column order, with their units */
function covariateList(byGroup: ReadonlyMap<string, Record<string, number>>, columns: BuildContext['covariates']): Pick<Dataset, 'covariates'> {
  const names = new Set([...byGroup.values()].flatMap((c) => Object.keys(c)));
  if (names.size === 0) return {};
  const unitOf = new Map((columns ?? []).map((c) => [c.name, c.unit]));
  return { covariates: [...names].map((name) => { const unit = unitOf.get(name); return unit !== undefined ? { name, unit } : { name }; }) };
}
