// The regimen the words state when the table carries none (docs/discovery.md, "Study design"):
// - an infusion's length: "a 10-minute IV infusion", "infused over 2 h" in the context, or, when
//   the context says infusion without a length, a length in every dosed group's label
//   ("3ugkgmin_10min", "50 mg 2 h"); each group's dose is infused over it instead of being given as
//   a bolus at t = 0 — the early rising phase and the central volume depend on it (remifentanil:
//   4–20-min infusions sampled from 1.5 min);
// - a repetition: "every 12 h", "q8h", "once daily", "twice daily for 5 days", "× 6 doses"; the
//   group's dose is repeated at that interval, for the stated number of doses or up to the last
//   visit. A loading dose the words mention is not one regular regimen: nothing is built then;
// - steady state: "at steady state" with an interval puts the dose at t = 0 after earlier ones at
//   that interval (a pre-dose visit is then a trough); "last dose" ends the dosing at t = 0.
// Said in the run log; a dosing table or regimen columns always win.
import type { Dataset, Regimen } from '../data/types.ts';
import { INFUSION_RE } from './design.ts';
import { drugGiven, isDosed, measuresDrugLevel, routeFromContext, saysDosing } from './domain.ts';
import { primarySeries } from './library/scales.ts';
import { shortNumber } from '../data/short-number.ts';
import { STEADY_STATE_LEAD_IN } from '../infer/regimen.ts';

/** hours per unit, by the unit's first letters as people write them */
const HOURS: [RegExp, number][] = [[/^s(ecs?|econds?)?$/i, 1 / 3600], [/^m(in|ins|inutes?)?$/i, 1 / 60], [/^h(ours?|rs?|r)?$/i, 1], [/^d(ays?)?$/i, 24], [/^w(eeks?|k|ks)?$/i, 168]];
const UNIT = '(seconds?|secs?|minutes?|mins?|min|hours?|hrs?|hr|h|days?|d)';
const NUMBER = '(\\d+(?:\\.\\d+)?)';
/** "10-minute infusion", "10 min IV infusion", "2-h intravenous infusion" */
const LENGTH_BEFORE = new RegExp(`${NUMBER}\\s*-?\\s*${UNIT}\\s+(?:(?:iv|i\\.v\\.|intravenous)\\s+)?infusions?\\b`, 'i');
/** "infusion over 2 h", "infused over 30 min", "infusion lasting 10 minutes", "infusion of 20 min" */
const LENGTH_AFTER = new RegExp(`\\binfus(?:ion|ions|ed)\\s+(?:lasting\\s+|over\\s+|for\\s+|of\\s+)(?:about\\s+)?${NUMBER}\\s*-?\\s*${UNIT}\\b`, 'i');
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

const fmt = shortNumber;

/**
 * a dose rate in a group label: an amount (per kg) per unit of time, "1.5ugkgmin", "2 µg/kg/min",
 * "10 mg/h", "5 mg per hour" — only an infusion is given at a rate
 */
const LABEL_RATE = /\d\s*(?:ng|ug|µg|mcg|mg|g|iu|units?|u)\s*(?:(?:\/|per)\s*)?(?:kg\s*(?:(?:\/|per)\s*)?)?(?:min|minutes?|h|hrs?|hours?)(?![A-Za-z])/i;

/** every dosed group's label states a dose rate and a length ("3ugkgmin_10min"): the labels say infusion */
function labelsSayInfusion(dosed: readonly { name: string }[]): boolean {
  return dosed.every((g) => LABEL_RATE.test(g.name) && labelLength(g.name.replace(LABEL_RATE, ' ')) !== null);
}

/**
 * The data with each dosed group's dose infused over the length the words state, and a sentence
 * saying so; null when no group has a dose or the words state no length.
 */
function infusionFromWords(data: Dataset, context: string): { data: Dataset; note: string } | null {
  const dosed = data.groups.filter(isDosed);
  if (dosed.length === 0) return null;
  const saysInfusion = INFUSION_RE.test(context);
  const byLabels = !saysInfusion && routeFromContext(context) !== 'oral' && labelsSayInfusion(dosed);
  if (!saysInfusion && !byLabels) return null;

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
    note: `${byLabels ? 'Each group\'s label states a dose rate, which only an infusion has,' : 'The context says infusion'} and each group's label states its length (${dosed.slice(0, 4).map((g) => `"${g.name}": ${fmt(byName.get(g.name)!)} ${unit}`).join(', ')}${dosed.length > 4 ? ', …' : ''}): each group's dose is infused over that length from t = 0${assumed}.`,
  };
}

/** an interval's unit: the lengths' units and weeks */
const EVERY_UNIT = `(${UNIT.slice(1, -1)}|weeks?|wks?|w)`;
/** "every 12 h", "every 2 days", "every 3 weeks", "q12h", "q 8 h", "Q3W" */
const EVERY = new RegExp(`\\bevery\\s+${NUMBER}\\s*-?\\s*${EVERY_UNIT}\\b|\\bq\\s*${NUMBER}\\s*(h|hr|hrs|d|w|wk)\\b`, 'i');
/** "dosing interval of 12 h", "a 24-h dosing interval", "τ = 24 h", "tau 12 h", "12-hourly" */
const INTERVAL_WORDS = new RegExp(`\\bdosing\\s+interval\\s*(?:of|=|:)?\\s*${NUMBER}\\s*-?\\s*${EVERY_UNIT}\\b|\\b${NUMBER}\\s*-?\\s*${EVERY_UNIT}\\s+dosing\\s+interval\\b|(?:\\btau|τ)\\s*(?:=|:)?\\s*${NUMBER}\\s*-?\\s*${EVERY_UNIT}\\b|\\b${NUMBER}\\s*-?\\s*hourly\\b`, 'i');
/** how a repeated dose is named after "daily" or "weekly": "weekly 1-h IV infusions", "daily oral doses" */
const GIVEN = String.raw`(?:(?:oral|iv|i\.v\.|intravenous|subcutaneous|s\.?c\.?|intramuscular|i\.?m\.?|bolus|\d+(?:\.\d+)?\s*-?\s*(?:h|hr|hours?|min|minutes?))\s+)*(?:dos(?:e|es|ing)|infusions?|injections?|administrations?|tablets?|capsules?|bolus(?:es)?)\b`;
/** words for a number of doses a day (or a week) */
const PER_DAY: [RegExp, number][] = [
  [/\b(once[- ](a[- ])?daily|once a day|q\.?d\.?|daily dos(e|es|ing))\b/i, 24],
  [/\b(twice[- ](a[- ])?daily|twice a day|b\.?i\.?d\.?)\b/i, 12],
  [/\b(three times (a[- ])?(day|daily)|t\.?i\.?d\.?)\b/i, 8],
  [/\b(four times (a[- ])?(day|daily)|q\.?i\.?d\.?)\b/i, 6],
  [/\b(once[- ]weekly|once a week|every week|q\.?w\.?)\b/i, 168],
  [/\bevery (other|second) day\b/i, 48],
  [/\bevery day\b/i, 24],
  [new RegExp(`\\bweekly\\s+${GIVEN}`, 'i'), 168],
  [new RegExp(`\\bdaily\\s+${GIVEN}`, 'i'), 24],
];
/** "for 7 days", "× 6 doses", "6 doses", "x6" */
const FOR_DAYS = /\bfor\s+(\d+)\s*(days?|weeks?)\b/i;
const COUNT_WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
// a letter x counts only joined to its number ("x6") or before "doses" ("x 6 doses"): "drug X 50 mg" is a name and a dose
const DOSE_COUNT = new RegExp(`(?:(?:^|[\\s(,;])(?:×\\s*|x(?=\\d)|x\\s*(?=\\d+\\s*doses?\\b))(\\d+)(?:\\s*doses?)?\\b|\\b(\\d+|${COUNT_WORDS.join('|')})\\s+(?:doses|infusions|administrations|injections|tablets|capsules)\\b)`, 'i');
const countOf = (word: string) => (/^\d+$/.test(word) ? Number(word) : COUNT_WORDS.indexOf(word.toLowerCase()) + 2);
const LOADING = /\bloading\b/i;
/** "at steady state", "steady-state profile", "at SS" */
const STEADY = /\bsteady[- ]state\b|\bat\s+ss\b/i;
/** the profile follows the last dose: nothing is given after t = 0 */
const LAST_DOSE = /\b(last|final)\s+(dose|administration|infusion|injection)\b/i;

/** the interval the words state, in hours, and how they said it */
function intervalHours(context: string): { hours: number; words: string } | null {
  const found = (m: RegExpExecArray | null) => m !== null && !describesSampling(context, m.index);
  const every = EVERY.exec(context);
  if (found(every)) {
    const amount = Number(every![1] ?? every![3]);
    const h = hoursOf(every![2] ?? every![4]);
    return h !== null && amount > 0 ? { hours: amount * h, words: every![0] } : null;
  }
  for (const [re, hours] of PER_DAY) {
    const m = re.exec(context);
    if (found(m)) return { hours, words: m![0] };
  }
  const named = INTERVAL_WORDS.exec(context);
  if (found(named)) {
    const m = named!;
    const [amount, unit] = m[1] !== undefined ? [m[1], m[2]] : m[3] !== undefined ? [m[3], m[4]] : m[5] !== undefined ? [m[5], m[6]] : [m[7], 'h'];
    const h = hoursOf(unit);
    return h !== null && Number(amount) > 0 ? { hours: Number(amount) * h, words: m[0] } : null;
  }
  return null;
}

/** "measured every 2 h", "samples taken every 12 h", "visits once weekly": a schedule of sampling, not of dosing */
const SAMPLING = /\b(measured|measurements?|sampled|samples?|sampling|visits?|collected|observed|recorded|assessed|scored|counted|draws?|taken)\b/i;
function describesSampling(context: string, at: number): boolean {
  // the words of the same clause just before the interval
  const before = context.slice(Math.max(0, at - 40), at).split(/[,;.()]/).pop() ?? '';
  return SAMPLING.test(before) && !saysDosing(before);
}

/** a single dose stated, or no word of a drug given (no dose, no route, no dose column): nothing to repeat */
const SINGLE = /\bsingle\b|\bone (oral |iv |intravenous )?dose\b/i;
function dosingStated(data: Dataset, context: string): boolean {
  if (SINGLE.test(context)) return false;
  return drugGiven(data, context) || routeFromContext(context) !== undefined || INFUSION_RE.test(context);
}

/**
 * A repeated regimen the words state: the interval in the data's time unit (the words' unit when
 * the data state none), and the number of doses stated or up to the last visit. Null without an
 * interval, with a loading dose, or when the data's time unit is not one of min, h, day, week.
 */
function repetitionFromWords(data: Dataset, context: string): { interval: number; count: number; steadyState: boolean; note: string; unitAssumed: boolean } | null {
  if (LOADING.test(context) || !dosingStated(data, context)) return null;
  const stated = intervalHours(context);
  if (!stated) return null;
  const to = hoursOf(data.timeUnit);
  if (data.timeUnit !== undefined && to === null) return null;
  // without a time unit in the data, hours (the unit of almost every dosing interval)
  const perUnit = to ?? 1;
  const interval = stated.hours / perUnit;
  const lastVisit = Math.max(...data.series.flatMap((s) => s.times));
  const unit = data.timeUnit ?? 'h';
  // at steady state the table's t = 0 is a dose after earlier ones (simulated before it), and the
  // dosing from t = 0 on is counted as for any repetition, or ends there when the profile
  // follows the last dose
  const said = STEADY.test(context);
  const trough = said ? null : troughBeforeDose(data, context);
  const steady = said || trough !== null;
  const last = steady && LAST_DOSE.test(context);
  const days = FOR_DAYS.exec(context);
  const doses = DOSE_COUNT.exec(context);
  const count = last ? 1
    : doses ? countOf(doses[1] ?? doses[2]!)
      : days ? Math.max(1, Math.round((Number(days[1]) * (/^w/i.test(days[2]!) ? 168 : 24)) / stated.hours))
        : Math.floor(lastVisit / interval + 1e-9) + 1;
  if (!(interval > 0) || !Number.isFinite(interval) || !(count >= (steady ? 1 : 2)) || count > 10_000) return null;
  const source = last ? 'the profile follows the last dose' : doses ? 'as stated' : days ? `for the ${days[1]} ${days[2]} stated` : `up to the last visit (${fmt(lastVisit)} ${unit})`;
  if (steady) {
    const why = trough ? `; the words do not say steady state, but the drug level before the dose at t = ${fmt(trough.time)} is ${fmt(trough.mean)}, ${Math.round((100 * trough.mean) / trough.max)}% of its peak: what earlier doses left (say "first dose" if it was not)` : '';
    return { interval, count, steadyState: true, unitAssumed: to === null, note: `"${stated.words}" at steady state${why}: the dose at t = 0 follows ${STEADY_STATE_LEAD_IN} earlier doses every ${fmt(interval)} ${unit} (so a pre-dose visit is a trough); ${last ? source : `${count} dose${count > 1 ? 's' : ''} from t = 0, ${source}`}` };
  }
  return { interval, count, steadyState: false, unitAssumed: to === null, note: `"${stated.words}": each group's dose is repeated every ${fmt(interval)} ${unit}, ${count} doses ${source}` };
}

/** "first dose", "single dose", "day 1": the dose at t = 0 is the first one */
const FIRST_DOSE = /\bfirst\s+(dose|administration|infusion|injection)\b|\bday\s*1\b|\bsingle\b/i;

/**
 * A drug level well above zero (a tenth of its peak or more) at a visit before the first dose of a
 * repeated regimen: the trough that earlier doses left; null when the first visit is after the
 * dose, near zero, not a drug concentration, or the words say the dose at t = 0 is the first.
 */
function troughBeforeDose(data: Dataset, context: string): { time: number; mean: number; max: number } | null {
  if (FIRST_DOSE.test(context) || !measuresDrugLevel(data, context)) return null;
  const s = primarySeries(data);
  if (!s || s.times.length < 3 || !(s.times[0]! <= 0)) return null;
  const max = Math.max(...s.mean);
  return max > 0 && s.mean[0]! >= 0.1 * max && s.mean[0]! < max ? { time: s.times[0]!, mean: s.mean[0]!, max } : null;
}

/**
 * Groups whose own regimen repeats at an interval, put at steady state when the words say so
 * (a table with interval columns and "at steady state" in its context); null otherwise.
 */
function steadyStateFromWords(data: Dataset, context: string): { data: Dataset; note: string } | null {
  if (!STEADY.test(context)) return null;
  const fits = (r: Regimen | undefined) => r !== undefined && !r.steadyState && r.interval !== undefined && !r.administrations?.length;
  if (!data.groups.some((g) => fits(g.regimen))) return null;
  const groups = data.groups.map((g) => (fits(g.regimen) ? { ...g, regimen: { ...g.regimen!, steadyState: true } } : g));
  return { data: { ...data, groups }, note: `The context says steady state: each group's dose at t = 0 follows ${STEADY_STATE_LEAD_IN} earlier doses at its dosing interval (so a pre-dose visit is a trough).` };
}

/**
 * The data with the regimen the words state (an infusion's length, a repetition, or both) and a
 * sentence for the run log; null when the data carry a regimen or the words state neither.
 */
export function regimenFromWords(data: Dataset, context = ''): { data: Dataset; note: string } | null {
  if (data.groups.some((g) => g.regimen !== undefined)) return steadyStateFromWords(data, context);
  const infusion = infusionFromWords(data, context);
  const repeat = repetitionFromWords(infusion?.data ?? data, context);
  if (!repeat) return infusion;
  const base = infusion?.data ?? data;
  const route = routeFromContext(context);
  // a repeated regimen of every group with a dose (of every group when none states one: the dose is then the models' default)
  const dosed = base.groups.some(isDosed) ? isDosed : () => true;
  const repeated = (g: Dataset['groups'][number]): Regimen => {
    const r: Regimen = g.regimen ?? (route === 'oral' ? { route: 'oral' } : route === 'iv' ? { route: 'iv' } : {});
    return r.duration !== undefined && r.duration > repeat.interval ? r : { ...r, interval: repeat.interval, count: repeat.count, ...(repeat.steadyState ? { steadyState: true } : {}) };
  };
  const groups = base.groups.map((g) => (dosed(g) ? { ...g, regimen: repeated(g) } : g));
  const assumed = repeat.unitAssumed ? ' (the data state no time unit: their times are taken to be in h)' : '';
  return { data: { ...base, groups }, note: `${infusion ? `${infusion.note} ` : ''}The context states a repeated regimen, ${repeat.note}${assumed}.` };
}
