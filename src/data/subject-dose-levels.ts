// Individual rows whose dose differs between the subjects of a group, each subject at one dose
// (docs/data-format.md, "Individual rows"): R's Theoph as it ships gives each subject's 320 mg as
// 3.10–5.86 mg/kg, and a trial's rows often carry each subject's dose level (100, 200, 400 mg)
// without a group column. A group needs one dose, so these had stopped with `inconsistent-dose`.
// Doses that fall into levels shared by several subjects (dose-levels.ts: within 5%, a level
// spanning at most 10%) become a group per level, at the level's mean dose; doses that scatter
// (by body weight, rounded amounts) keep the group at its subjects' mean dose — for linear
// kinetics the mean concentration of subjects dosed D_i is the concentration under the mean of the
// D_i, exactly, when the doses are unrelated to the subjects' kinetics. A warning says which.
import { doseLevels } from './dose-levels.ts';
import type { IssueCollector } from './issues.ts';
import { DEFAULT_GROUP, type IndividualRow } from './rows.ts';
import { shortNumber } from './short-number.ts';

/**
 * The rows with each group's dose made one: a group per shared dose level, else the group's mean
 * dose (see the file comment). `keepGroups`: never split a group (its name is matched elsewhere, as
 * a dosing table's groups are); rows of a subject with two doses are returned unchanged, for the
 * group check to name.
 */
export function oneDosePerGroup(rows: readonly IndividualRow[], issues: IssueCollector, column: string, doseUnit: string | undefined, keepGroups: boolean): readonly IndividualRow[] {
  const byGroup = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (r.dose === undefined) continue;
    const subjects = byGroup.get(r.group) ?? new Map<string, number>();
    byGroup.set(r.group, subjects);
    const seen = subjects.get(r.id);
    if (seen !== undefined && seen !== r.dose) return rows;
    subjects.set(r.id, r.dose);
  }
  const unit = doseUnit ? ` ${doseUnit}` : '';
  // per group with doses that differ: each subject's new group and dose
  const moved = new Map<string, { group: string; dose: number }>();
  const key = (group: string, id: string) => JSON.stringify([group, id]);
  for (const [group, subjects] of byGroup) {
    const doses = [...subjects.values()];
    const lowest = Math.min(...doses), highest = Math.max(...doses);
    if (lowest === highest) continue;
    const levels = doseLevels([...subjects].map(([id, amount]) => ({ id, schedule: group, amount })));
    const firstRow = firstDiffering(rows, group);
    const range = `${shortNumber(lowest)} to ${shortNumber(highest)}${unit}`;
    const named = group === DEFAULT_GROUP ? '' : `${group}, `;
    if (!keepGroups && levels.length >= 2 && levels.every((l) => l.subjects.length >= 2)) {
      for (const l of levels) for (const id of l.subjects) moved.set(key(group, id), { group: `${named}${unit ? '' : 'dose '}${shortNumber(l.amount)}${unit}`, dose: l.amount });
      issues.warn({
        code: 'dose-per-subject', ...(firstRow !== undefined ? { row: firstRow } : {}), column,
        message: `the dose differs between the subjects of group "${group}" (${range}), each subject at one dose: they fall into ${levels.length} dose levels, a group each at its subjects' mean dose (doses within 5% of one another, a level spanning at most 10%): ${levels.map((l) => `${shortNumber(l.amount)}${unit} (${l.subjects.length} subjects)`).join(', ')}`,
      });
      continue;
    }
    const mean = doses.reduce((a, d) => a + d, 0) / doses.length;
    for (const id of subjects.keys()) moved.set(key(group, id), { group, dose: mean });
    issues.warn({
      code: 'dose-per-subject', ...(firstRow !== undefined ? { row: firstRow } : {}), column,
      message: `the dose differs between the subjects of group "${group}" (${range}, ${subjects.size} subjects), each subject at one dose, in no levels shared by several subjects (a dose by body weight, a rounded amount): the group's dose is its subjects' mean, ${shortNumber(mean)}${unit} (for linear kinetics the mean concentration under doses D_i is the concentration under their mean, exactly, when the doses are unrelated to the subjects' kinetics)`,
    });
  }
  if (moved.size === 0) return rows;
  return rows.map((r) => {
    const m = moved.get(key(r.group, r.id));
    return m ? { ...r, group: m.group, dose: m.dose } : r;
  });
}

/** the row of a group's first dose that differs from the group's first dose (for the warning) */
function firstDiffering(rows: readonly IndividualRow[], group: string): number | undefined {
  const first = rows.find((r) => r.group === group && r.dose !== undefined)?.dose;
  return rows.find((r) => r.group === group && r.dose !== undefined && r.dose !== first)?.row;
}
