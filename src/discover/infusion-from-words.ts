// An infusion the words state when the table carries no regimen: "a 10-minute IV infusion",
// "infused over 2 h" in the context, or, when the context says infusion without a length, a
// length in every dosed group's label ("3ugkgmin_10min", "50 mg 2 h"). Each group's dose is then
// infused over that length instead of being given as a bolus at t = 0 — the early rising phase and
// the central volume depend on it (remifentanil: 4–20-min infusions sampled from 1.5 min). Said in
// the run log; a dosing table or regimen columns always win (docs/discovery.md, "Study design").
import type { Dataset } from '../data/types.ts';

/** hours per unit, by the unit's first letters as people write them */
const HOURS: [RegExp, number][] = [[/^s(ecs?|econds?)?$/i, 1 / 3600], [/^m(in|ins|inutes?)?$/i, 1 / 60], [/^h(ours?|rs?|r)?$/i, 1], [/^d(ays?)?$/i, 24], [/^w(eeks?|k|ks)?$/i, 168]];
const UNIT = '(seconds?|secs?|minutes?|mins?|min|hours?|hrs?|hr|h|days?|d)';
const NUMBER = '(\\d+(?:\\.\\d+)?)';
/** "10-minute infusion", "10 min IV infusion", "2-h intravenous infusion" */
const LENGTH_BEFORE = new RegExp(`${NUMBER}\\s*-?\\s*${UNIT}\\s+(?:(?:iv|i\\.v\\.|intravenous)\\s+)?infusions?\\b`, 'i');
/** "infusion over 2 h", "infused over 30 min", "infusion lasting 10 minutes", "infusion of 20 min" */
const LENGTH_AFTER = new RegExp(`\\binfus(?:ion|ions|ed)\\s+(?:lasting\\s+|over\\s+|for\\s+|of\\s+)(?:about\\s+)?${NUMBER}\\s*-?\\s*${UNIT}\\b`, 'i');
const SAYS_INFUSION = /\binfus(ion|ions|ed)\b/i;
/** a length in a group label: "_10min", " 2 h", "(20 min)"; the last one counts */
const LABEL_LENGTH = new RegExp(`(?:^|[^A-Za-z0-9.])${NUMBER}\\s*${UNIT}(?![A-Za-z])`, 'gi');

function hoursOf(unit: string | undefined): number | null {
  if (!unit) return null;
  const u = unit.trim();
  for (const [re, h] of HOURS) if (re.test(u)) return h;
  return null;
}

/** the time of each dosed group's highest mean (its first series), where it has one */
function peakTimes(data: Dataset, groups: readonly string[]): (number | null)[] {
  return groups.map((g) => {
    const s = data.series.find((x) => x.group === g && x.times.length > 0);
    if (!s) return null;
    const i = s.mean.indexOf(Math.max(...s.mean));
    return s.times[i]! > 0 ? s.times[i]! : null;
  });
}

/**
 * Stated lengths in the data's time unit. When the data state no unit, the unit is the one that
 * puts the infusions' ends nearest (in log time) the peaks of the group means, where an
 * infusion's concentration peaks: a 10-minute infusion sampled in hours peaks at 0.2, not 10.
 */
function inDataUnits(lengths: readonly { amount: number; unit: string }[], data: Dataset, groups: readonly string[]): { values: number[]; assumed?: string } | null {
  const to = hoursOf(data.timeUnit);
  const from = lengths.map((l) => hoursOf(l.unit));
  if (from.some((h) => h === null)) return null;
  if (to !== null) return { values: lengths.map((l, i) => (l.amount * from[i]!) / to) };
  const peaks = peakTimes(data, groups);
  const options = [['min', 1 / 60], ['h', 1], ['day', 24]] as const;
  const misfit = (hours: number) => peaks.reduce<number>((a, p, i) => (p === null ? a : a + Math.abs(Math.log(p / ((lengths[i]!.amount * from[i]!) / hours)))), 0);
  const best = [...options].sort((a, b) => misfit(a[1]) - misfit(b[1]))[0]!;
  return { values: lengths.map((l, i) => (l.amount * from[i]!) / best[1]), assumed: best[0] };
}

function labelLength(label: string): { amount: number; unit: string } | null {
  const all = [...label.matchAll(LABEL_LENGTH)];
  const m = all[all.length - 1];
  return m ? { amount: Number(m[1]), unit: m[2]! } : null;
}

const fmt = (x: number) => Number(x.toPrecision(4)).toString();

/**
 * The data with each dosed group's dose infused over the length the words state, and a sentence
 * saying so; null when the data carry a regimen, no group has a dose, or the words state no length.
 */
export function infusionFromWords(data: Dataset, context = ''): { data: Dataset; note: string } | null {
  if (data.groups.some((g) => g.regimen !== undefined)) return null;
  const dosed = data.groups.filter((g) => (g.covariates.dose ?? 0) > 0);
  if (dosed.length === 0 || !SAYS_INFUSION.test(context)) return null;

  const stated = LENGTH_BEFORE.exec(context) ?? LENGTH_AFTER.exec(context);
  const lengths = stated ? dosed.map(() => ({ amount: Number(stated[1]), unit: stated[2]! })) : dosed.map((g) => labelLength(g.name));
  if (lengths.some((l) => l === null)) return null;
  const converted = inDataUnits(lengths as { amount: number; unit: string }[], data, dosed.map((g) => g.name));
  if (!converted || converted.values.some((v) => !(v > 0) || !Number.isFinite(v))) return null;
  const byName = new Map(dosed.map((g, i) => [g.name, converted.values[i]!]));
  const withInfusions = { ...data, groups: data.groups.map((g) => (byName.has(g.name) ? { ...g, regimen: { route: 'infusion' as const, duration: byName.get(g.name)! } } : g)) };
  const unit = data.timeUnit ?? converted.assumed!;
  const assumed = converted.assumed ? ` (the data state no time unit; in ${converted.assumed} the group means peak nearest the infusions' ends, so their times are taken to be in ${converted.assumed})` : '';
  if (stated) return { data: withInfusions, note: `The context states a ${stated[1]} ${stated[2]} infusion: each group's dose is infused over ${fmt(converted.values[0]!)} ${unit} from t = 0${assumed}.` };
  return {
    data: withInfusions,
    note: `The context says infusion and each group's label states its length (${dosed.slice(0, 4).map((g) => `"${g.name}": ${fmt(byName.get(g.name)!)} ${unit}`).join(', ')}${dosed.length > 4 ? ', …' : ''}): each group's dose is infused over that length from t = 0${assumed}.`,
  };
}
