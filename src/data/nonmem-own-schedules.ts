// NONMEM-style tables whose subjects were dosed on schedules of their own (docs/data-format.md,
// "Subjects → groups"): routine care, where every infant gets its own loading and maintenance doses
// at its own times (nlmixr2's pheno_sd: 57 regimens for 59 subjects), a trial whose weekly
// infusions each patient received on other days and hours (nimoData), doses by body surface
// area, each patient's own amount and infusion length (wbcSim), or single doses by body weight
// (real warfarin: 60–153 mg). A group per distinct regimen would make every subject a group of one. The subjects are grouped by dose level (their first
// amounts, when those fall into levels shared by several subjects) or else by route alone; each
// group's doses are read as its cohort-mean regimen (cohort-regimen.ts, as for a dosing table with a
// subject column), and its rows are aggregated as individual rows are, binned at each subject's own
// doses (subject-doses.ts).
import { individualsToDataset } from './aggregate.ts';
import { cohortMeanAdministrations } from './cohort-regimen.ts';
import type { VisitSample } from './censored.ts';
import { doseLevels } from './dose-levels.ts';
import { regimenFromAdministrations, subjectKey } from './dosing-table.ts';
import type { IssueCollector } from './issues.ts';
import type { SubjectRegimen } from './nonmem-regimen.ts';
import type { IndividualRow, ParseOptions, ParseResult } from './rows.ts';
import { shortNumber } from './short-number.ts';
import type { Regimen } from './types.ts';

/** a cohort too small to tell schedules of its own from arms of one or two subjects keeps a group per regimen */
export const OWN_SCHEDULES_MIN_SUBJECTS = 6;

/** each dosed subject's first amount, in dose levels per route (dose-levels.ts) */
function amountLevels(regimens: ReadonlyMap<string, SubjectRegimen>) {
  return doseLevels([...regimens].filter(([, r]) => r.given.length > 0).map(([id, r]) => ({ id, schedule: routeOf(r), amount: r.amount })));
}

const routeOf = (r: SubjectRegimen): string => r.regimen?.route ?? '';

/**
 * Whether the subjects were dosed on schedules or amounts of their own, in a cohort of
 * OWN_SCHEDULES_MIN_SUBJECTS or more: at least 3 regimens (dose levels already pooled) with half the
 * subjects alone on theirs, or first amounts that leave two subjects or more alone at their level
 * (per-kilogram doses: real warfarin's 60–153 mg). A trial's arms each hold several subjects.
 */
export function ownSchedules(subjectsPerRegimen: readonly number[], regimens?: ReadonlyMap<string, SubjectRegimen>): boolean {
  const subjects = subjectsPerRegimen.reduce((a, n) => a + n, 0);
  if (subjects < OWN_SCHEDULES_MIN_SUBJECTS) return false;
  const alone = subjectsPerRegimen.filter((n) => n === 1).length;
  if (subjectsPerRegimen.length >= 3 && alone >= subjects / 2) return true;
  return regimens !== undefined && amountLevels(regimens).filter((l) => l.subjects.length === 1).length >= 2;
}

export interface OwnScheduleObservation { subject: string; observable: string; time: number; row: number; sample: VisitSample }

const ROUTE_WORDS: Record<string, string> = { oral: 'oral', iv: 'IV bolus', infusion: 'IV infusion', '': 'dosed' };

/**
 * The dataset of subjects dosed on their own schedules: groups by dose level or route, each with
 * its cohort-mean regimen, the rows aggregated at each subject's own doses. `covariates` are the
 * per-subject covariates (name → unit and values by subject).
 */
export function ownScheduleDataset(
  regimens: ReadonlyMap<string, SubjectRegimen>, observations: readonly OwnScheduleObservation[], issues: IssueCollector,
  opts: ParseOptions, context: { timeUnit?: string; doseUnit?: string; dvUnit?: string; timeColumn: string; dvColumn: string; idColumn: string; sourceRows: number; covariates: ReadonlyMap<string, { unit?: string; values: ReadonlyMap<string, number> }> },
): ParseResult {
  const dosed = [...regimens].filter(([, r]) => r.given.length > 0);
  // dose levels of the first amounts, when every level is shared; else one group per route
  const levels = amountLevels(regimens);
  const byLevel = levels.every((l) => l.subjects.length >= 2);
  const groupOfSubject = new Map<string, string>();
  const members = new Map<string, { route: string; subjects: string[] }>();
  const unit = context.doseUnit ? ` ${context.doseUnit}` : '';
  for (const [id, r] of dosed) {
    const level = levels.find((l) => l.subjects.includes(id))!;
    const route = routeOf(r);
    const name = byLevel ? `${shortNumber(level.amount)}${unit} ${ROUTE_WORDS[route]}, own doses` : `${ROUTE_WORDS[route]}, own doses`;
    groupOfSubject.set(id, name);
    const m = members.get(name) ?? { route, subjects: [] };
    m.subjects.push(id);
    members.set(name, m);
  }
  for (const [id, r] of regimens) if (r.given.length === 0) groupOfSubject.set(id, 'no dose');

  // each group's cohort-mean regimen, and each subject's dose times for binning
  const regimenOf = new Map<string, { regimen: Regimen; dose: number }>();
  const subjectDoses = new Map<string, number[]>();
  for (const [name, m] of members) {
    const given = m.subjects.flatMap((id) => regimens.get(id)!.given.map((a) => ({ ...a, subject: id })));
    const mean = cohortMeanAdministrations(given);
    const route = m.route === '' ? undefined : (m.route as Regimen['route']);
    regimenOf.set(name, { regimen: regimenFromAdministrations(route, mean.given), dose: mean.given[0]!.amount });
    for (const id of m.subjects) subjectDoses.set(subjectKey(name, id), regimens.get(id)!.given.map((a) => a.time));
  }
  const first = [...members][0];
  issues.warn({
    code: 'own-schedules', column: context.timeColumn,
    message: `the subjects were dosed on schedules or amounts of their own (${new Set([...regimens.values()].map((r) => JSON.stringify(r.regimen ?? null))).size} regimens for ${regimens.size} subjects): they are grouped ${byLevel ? 'by dose level' : 'by route'}, each group's doses read as its cohort's mean regimen and its samples binned at each subject's own doses${first ? ` (the first group, "${first[0]}": ${first[1].subjects.length} subjects)` : ''}`,
  });

  const rows: IndividualRow[] = observations.map((o) => ({
    row: o.row, id: o.subject, observable: o.observable, group: groupOfSubject.get(o.subject)!, time: o.time,
    ...(o.sample.blq ? { value: 0, blq: true as const, ...(o.sample.lloq !== null ? { lloq: o.sample.lloq } : {}) } : { value: o.sample.value }),
    dose: regimenOf.get(groupOfSubject.get(o.subject)!)?.dose ?? 0,
    ...(context.dvUnit !== undefined ? { unit: context.dvUnit } : {}),
    covariates: Object.fromEntries([...context.covariates].flatMap(([name, c]) => (c.values.has(o.subject) ? [[name, c.values.get(o.subject)!]] : []))),
  }));
  const result = individualsToDataset(rows, { ...opts, subjectDoses }, issues, {
    ...(context.timeUnit !== undefined ? { timeUnit: context.timeUnit } : {}),
    ...(context.doseUnit !== undefined ? { doseUnit: context.doseUnit } : {}),
    covariates: [...context.covariates].map(([name, c]) => ({ name, label: name, ...(c.unit !== undefined ? { unit: c.unit } : {}) })),
    labels: { time: context.timeColumn, value: context.dvColumn, id: context.idColumn },
    sourceRows: context.sourceRows,
  });
  if (!result.ok) return result;
  return {
    ...result,
    dataset: { ...result.dataset, groups: result.dataset.groups.map((g) => { const r = regimenOf.get(g.name); return r ? { ...g, regimen: r.regimen } : g; }) },
  };
}
