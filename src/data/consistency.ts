// Checks across rows: a dose is a property of a group, a unit of an observable.
import type { IssueCollector } from './issues.ts';
import type { Regimen } from './types.ts';

interface Located {
  row?: number;
  group: string;
  observable: string;
  dose?: number;
  unit?: string;
}

/** row number for messages: the source row, else the position as in a table with a header */
export const rowOf = (r: { row?: number }, index: number): number => r.row ?? index + 2;

export function checkDosesPerGroup(rows: readonly Located[], issues: IssueCollector, column = 'dose'): Map<string, number> {
  const first = new Map<string, { dose: number; row: number }>();
  rows.forEach((r, i) => {
    if (r.dose === undefined) return;
    const seen = first.get(r.group);
    if (!seen) first.set(r.group, { dose: r.dose, row: rowOf(r, i) });
    else if (seen.dose !== r.dose) {
      issues.error({
        code: 'inconsistent-dose', row: rowOf(r, i), column,
        message: `group "${r.group}" has dose ${seen.dose} at row ${seen.row} but ${r.dose} here; a dose must be constant within a group (use separate groups)`,
      });
    }
  });
  return new Map([...first].map(([g, v]) => [g, v.dose]));
}

/** The regimen is a property of a group: every row of a group that states one must state the same. */
export function checkRegimensPerGroup(rows: readonly (Located & { regimen?: Regimen })[], issues: IssueCollector, column = 'route'): Map<string, Regimen> {
  const first = new Map<string, { regimen: Regimen; key: string; row: number }>();
  rows.forEach((r, i) => {
    if (r.regimen === undefined) return;
    const key = JSON.stringify([r.regimen.route ?? null, r.regimen.duration ?? null, r.regimen.interval ?? null, r.regimen.count ?? null]);
    const seen = first.get(r.group);
    if (!seen) first.set(r.group, { regimen: r.regimen, key, row: rowOf(r, i) });
    else if (seen.key !== key) {
      issues.error({
        code: 'inconsistent-regimen', row: rowOf(r, i), column,
        message: `group "${r.group}" has a different dosing regimen here than at row ${seen.row} (route, duration, interval and doses must be constant within a group; use separate groups)`,
      });
    }
  });
  return new Map([...first].map(([g, v]) => [g, v.regimen]));
}

export function checkUnitsPerObservable(rows: readonly Located[], issues: IssueCollector, column = 'unit'): Map<string, string> {
  const first = new Map<string, { unit: string; row: number }>();
  rows.forEach((r, i) => {
    if (r.unit === undefined || r.unit === '') return;
    const seen = first.get(r.observable);
    if (!seen) first.set(r.observable, { unit: r.unit, row: rowOf(r, i) });
    else if (seen.unit !== r.unit) {
      issues.error({
        code: 'mixed-units', row: rowOf(r, i), column,
        message: `observable "${r.observable}" is in "${seen.unit}" at row ${seen.row} but "${r.unit}" here; convert to one unit`,
      });
    }
  });
  return new Map([...first].map(([o, v]) => [o, v.unit]));
}
