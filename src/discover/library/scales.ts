// Data scales that motif priors are centred on: time span, magnitudes, dose.
// Priors are weakly informative (wide log-normals) but live on the data's scale, so a motif
// fits a study in hours and one in years without hand-tuning.
import type { Dataset, Regimen, Series } from '../../data/types.ts';
import { dataDosed, timeOrigin } from '../../data/time-origin.ts';
import { identifiersFor } from '../../model/labels.ts';
import { mixedRoutes } from '../../infer/regimen.ts';
import { bodyWeightOf, type BodyWeight } from './allometry.ts';
import { pairIdentifiers, parentAndMetabolite, type ParentMetaboliteScales } from './metabolite.ts';
import { FATE_RE } from './degradation.ts';
import { interventionNamed, onsetFromContext, onsetWindowFromData } from './step.ts';
import { routeFromContext } from '../route-words.ts';

export interface DataScales {
  /** identifiers of the data's observables (model/labels.ts), first = primary; the labels stay in the data */
  observables: string[];
  /** unit of the primary observable */
  unit?: string;
  timeUnit?: string;
  /** last observation time (> 0), counted from where the models' clock starts (data/time-origin.ts) */
  tMax: number;
  /** first positive observation time */
  tFirst: number;
  /** largest |mean| of the primary observable (> 0) */
  yMax: number;
  /** smallest positive |mean| of the primary observable (yMax when there is none) */
  yMinPositive: number;
  /** smallest stated lower limit of quantification of the primary observable, when the data give one */
  lloq?: number;
  /** mean at the first visit */
  yFirst: number;
  /** the first visit's SD over its mean, where it states an SD of n ≥ 2 subjects: a baseline's between-subject spread (priors.ts baselineParam) */
  yFirstCv?: number;
  /** mean at the last visit */
  yLast: number;
  /** smallest mean of the primary observable */
  yMin: number;
  /** direction of the largest excursion from the first visit */
  direction: 'up' | 'down';
  /** when a sustained change starts, as the context states it, in the data's time unit (step.ts) */
  onset?: number;
  /** where the words speak of an intervention without its time: the visits between which the series leaves its resting baseline for good (step.ts) */
  onsetWindow?: { after: number; by: number };
  /** largest dose across groups (or stated in the context); null when there is no dosing */
  dose: number | null;
  /**
   * some group is dosed more than once (a repeated regimen, a steady state, a dosing table with
   * several administrations): an absorption lag switched on the clock (pk.ts) delays only a dose
   * at t = 0, so the lag motifs are not proposed
   */
  repeatedDoses?: boolean;
  /** some groups are dosed by mouth and others intravenously: only models with a dose entry per route take them all */
  mixedRoutes?: boolean;
  doseUnit?: string;
  /** where the dose comes from: the data's dose column, the context text, or nothing */
  doseSource?: 'data' | 'context';
  /** the groups' body-weight covariate, when the data carry one: PK motifs scale allometrically (allometry.ts) */
  weight?: BodyWeight;
  /**
   * the quantity accumulates from the start of the experiment, so it is 0 at time 0 (oxygen demand
   * exerted since incubation began, a cumulative amount) and the data have no non-zero visit there:
   * a first-order approach then starts from 0 (growth.ts)
   */
  fromZero?: boolean;
  /**
   * the primary series is first seen after time 0 and rises slower over its first interval than
   * over its first third: its start accelerates (a tree's height from age 3, a sigmoid's early
   * phase). A first-order approach cannot accelerate; it can only start late (growth.ts, von
   * Bertalanffy from size 0 at an age before the first visit)
   */
  lateAcceleratingStart?: boolean;
  /**
   * the primary observable is a log10 count or titre (log10 CFU/mL, "log CFU/g", log10 copies/mL), as
   * the label, its unit or the context says: microbial, viral and biphasic-decay models then observe
   * log10 of their state (disease.ts onLog10Scale)
   */
  log10Counts?: boolean;
  /**
   * every observable's first and largest visit mean (identifiers in `observables`' order, each in
   * the group primarySeries picks): motifs that fit several series set each one's priors from its own
   */
  series?: { first: number; max: number }[];
  /** size of the population at risk stated in the context ("a school of 763 boys"), for epidemic motifs */
  population?: number;
  /**
   * the primary observable counts new cases per interval (an epidemic curve: "weekly reported
   * cases", "daily incidence", "new cases by onset"), not the number currently ill: the epidemic
   * motifs observe the rate of new infections times `interval`, the visits' usual spacing in the
   * data's time unit (epidemic.ts)
   */
  incidence?: { interval: number };
  /**
   * For each observable (by identifier), the groups whose table has a series of it that is not all
   * zeros — present only when some group lacks some observable (monocultures beside a mixture): a
   * species without such a series in a group is taken as absent from it (ecology.ts).
   */
  groupsObserving?: Record<string, string[]>;
  /** a drug and its metabolite measured together: parent–metabolite motifs fit both (metabolite.ts) */
  parentMetabolite?: ParentMetaboliteScales;
  /** a degrading parent and the two products it forms one after the other (identifiers, parent first): degradation.ts's SFO chain */
  /**
   * a degradation study's substances in the order they form (identifiers, the parent first) and,
   * for each, the one it forms from as its name reads (A2 from A1; the parent where no name says)
   */
  degradationPathway?: DegradationPathway;
  /** concentration and response measured together: PD motifs then use a PK drive and fit both (names: the observables' identifiers) */
  pkpd?: { conc: DataScales; response: DataScales; oral: boolean; concName: string; responseName: string };
}

/** a mass or an amount of substance: g with a prefix (pg, mcg, µg), mol (pmol, nmol), mEq */
const SUBSTANCE = String.raw`(?:[fpnuµμm]|mc)?g|[fpnuµμm]?mol|m?eq`;
/** a volume: L, dL, mL, µL, or "100 mL" */
const VOLUME = String.raw`(?:[dcmµμu]?l|100\s*ml)`;
/**
 * A concentration unit: substance per volume, with a slash (mg/L, pg/mL, mcg/mL, nmol/L, mEq/L)
 * or a negative power (mg L-1, ng·mL⁻¹, ng.mL^-1). Not after a letter ("omg/l" is no unit).
 */
const PER_VOLUME = String.raw`(?<![a-z])(?:${SUBSTANCE})\s*(?:\/\s*${VOLUME}\b|[·.*\s]\s*${VOLUME}\s*(?:\^?\s*\(?\s*[-−–]\s*1\)?|⁻¹))`;
/** a molar concentration (nM, µM, mM): case matters, "nm" is a wavelength and "mm" a length */
const MOLAR_RE = /(?<![A-Za-z])[fpnuµμm]M(?![A-Za-z])/;
const PER_VOLUME_RE = new RegExp(PER_VOLUME, 'i');
/** Does the text give a concentration unit (mg/L, pg/mL, mg L-1, nmol/L, µM)? A drug level, or any dissolved substance. */
export const concentrationUnit = (text: string): boolean => PER_VOLUME_RE.test(text) || MOLAR_RE.test(text);
const CONC_WORDS_RE = /concentration|\bconc\b|\bc\s*p\b|plasma (drug|level)|drug level/i;
/** Do the words or the unit say "concentration"? */
export const saysConcentration = (text: string): boolean => CONC_WORDS_RE.test(text) || concentrationUnit(text);

/** a log10 count or titre (log10 CFU, log10 copies/mL); above 10^12 a count per mL is not physical, so larger numbers are no log10 values whatever the label says */
const LOG_COUNT_RE = /log\s*10|\blog10|\blg\b|\blog\s*(cfu|counts?\b|n\b|density|\()/i;
const LOG_COUNT_CEILING = 12;

/** words for a quantity that is 0 when the experiment starts: biochemical oxygen demand, a cumulative amount, the drug dissolved from a tablet */
/** words of an epidemic curve: new cases counted per day or week, not the number currently ill */
const INCIDENCE_RE = /incidence|\bnew (?:cases|infections)\b|\bonsets?\b|\bnotifi(?:ed|cations?)\b|\b(?:daily|weekly|monthly) (?:\w+ )?cases\b|\bcases (?:per|a|each|by) (?:day|week|month)|\breported cases\b|\bcases reported\b/i;

/**
 * The primary observable counts new cases: the words say so. (A bare label "cases" stays the
 * number currently infected: reading it as new cases had cost the recovery benchmark its SEIR
 * cohort, whose "cases" are the infected.)
 */
function countsNewCases(context: string | undefined, s: Series | undefined): boolean {
  return INCIDENCE_RE.test(`${context ?? ''} ${s?.observable ?? ''} ${s?.unit ?? ''}`.replace(/_/g, ' '));
}

/** The usual spacing of the visits (their median gap), the interval each count of an epidemic curve covers. */
function countingInterval(times: number[]): number {
  const gaps = times.slice(1).map((t, i) => t - times[i]!).filter((g) => g > 0).sort((a, b) => a - b);
  return gaps.length > 0 ? gaps[Math.floor((gaps.length - 1) / 2)]! : 1;
}

const FROM_ZERO_RE = /oxygen demand|\bBOD\b|\bcumulative\b|\bdissol(ved|ution)\b|\b(drug )?released\b/i;

/** A dose stated in the context, e.g. "a single 100 mg dose", "dose of 2.5 mg/kg" → {100, 'mg'}. */
export function doseFromContext(text: string | undefined): { amount: number; unit: string } | null {
  if (!text) return null;
  // the amount's unit, with "per kg" or "per m²" where a dose is given per body size ("1.5 mg/kg")
  const unit = String.raw`(mg|g|ug|µg|mcg|ng|mmol|µmol|umol|IU|units?)(\s*\/\s*(?:kg|m2|m²))?`;
  const m = new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${unit}\b[^.;]{0,40}?\b(dose|bolus|injection|tablet|capsule|infusion|administ)`, 'i').exec(text)
    ?? new RegExp(String.raw`\bdose\w*\s*(?:of|=|:)?\s*(\d+(?:\.\d+)?)\s*${unit}(?![\w/])`, 'i').exec(text)
    // "320 mg orally once daily", "500 mg IV every 8 h": an amount given by a route or on a schedule
    // (not an amount per volume: "10 mg/L" is a concentration)
    ?? new RegExp(String.raw`(\d+(?:\.\d+)?)\s*${unit}(?![\w/]|\s+\/)[^.;]{0,20}?\b(orally|oral|by mouth|po|intravenous(?:ly)?|iv|subcutaneous(?:ly)?|sc|intramuscular(?:ly)?|im|once|twice|daily|every|bid|tid|qd|q\d+h)\b`, 'i').exec(text);
  if (!m) return null;
  const amount = Number(m[1]);
  return amount > 0 && Number.isFinite(amount) ? { amount, unit: m[2]! + (m[3] ? m[3].replace(/\s+/g, '') : '') } : null;
}

/** A population size stated in the context, e.g. "a boarding school of 763 boys", "population of 12,000" → 763, 12000. */
export function populationFromContext(text: string | undefined): number | null {
  if (!text) return null;
  const m = /\b(\d{1,3}(?:[,\s]\d{3})+|\d+)\s+(?:people|persons|individuals|inhabitants|residents|boys|girls|students|pupils|children|adults|patients|animals|birds|mice)\b/i.exec(text)
    ?? /\bpopulation(?:\s+size)?\s*(?:of|=|:)?\s*(\d{1,3}(?:[,\s]\d{3})+|\d+)\b/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]!.replace(/[,\s]/g, ''));
  return Number.isFinite(n) && n >= 2 ? n : null;
}

const TINY = 1e-9;

/** The primary series: the first observable (or the one named), in the group with the largest dose (or the first group). */
export function primarySeries(data: Dataset, observable?: string): Series | undefined {
  const obs = observable ?? data.observables[0]?.name ?? data.series[0]?.observable;
  const candidates = data.series.filter((s) => s.observable === obs && s.times.length > 0);
  if (candidates.length === 0) return undefined;
  const doseOf = (s: Series) => data.groups.find((g) => g.name === s.group)?.covariates.dose ?? 0;
  return [...candidates].sort((a, b) => doseOf(b) - doseOf(a))[0];
}

export function dataScales(data: Dataset, context?: string, observable?: string): DataScales {
  const s = primarySeries(data, observable);
  const labels = data.observables.length > 0 ? data.observables.map((o) => o.name) : [...new Set(data.series.map((x) => x.observable))];
  const observables = [...identifiersFor(labels).values()];
  const means = s?.mean ?? [1];
  const doses = data.groups.map((g) => g.covariates.dose).filter((d): d is number => typeof d === 'number' && d > 0);
  // times from where the models' clock starts (calendar years count from the first visit)
  const allTimes = data.series.flatMap((x) => x.times);
  const anchored = dataDosed(data) || doseFromContext(context) !== null;
  const origin = allTimes.length > 0 ? timeOrigin(Math.min(...allTimes), Math.max(...allTimes), anchored) : 0;
  const times = (s?.times ?? [1]).map((t) => t - Math.max(origin, 0));
  const tMax = Math.max(...times, TINY);
  const positiveTimes = times.filter((t) => t > 0);
  const tFirst = positiveTimes.length > 0 ? Math.min(...positiveTimes) : tMax / 10;
  const statedOnset = onsetFromContext(context, data.timeUnit);
  const yMax = Math.max(...means.map((m) => Math.abs(m)), TINY);
  const positive = means.map(Math.abs).filter((m) => m > TINY);
  const lloqs = data.series.filter((x) => x.observable === s?.observable).flatMap((x) => x.lloq ?? []).filter((l): l is number => typeof l === 'number' && l > 0);
  return {
    observables: observables.length > 0 ? observables : ['y'],
    unit: s?.unit ?? data.observables.find((o) => o.name === s?.observable)?.unit,
    timeUnit: data.timeUnit,
    tMax,
    tFirst,
    yMax,
    yMinPositive: positive.length > 0 ? Math.min(...positive) : yMax,
    ...(lloqs.length > 0 ? { lloq: Math.min(...lloqs) } : {}),
    yFirst: means[0] ?? 0,
    ...((): { yFirstCv?: number } => { const sd = s?.sd[0], m = Math.abs(means[0] ?? 0); return typeof sd === 'number' && sd > 0 && (s?.n[0] ?? 0) >= 2 && m > TINY ? { yFirstCv: sd / m } : {}; })(),
    yLast: means[means.length - 1] ?? 0,
    yMin: Math.min(...means),
    direction: Math.max(...means) - (means[0] ?? 0) >= (means[0] ?? 0) - Math.min(...means) ? 'up' : 'down',
    ...(doses.length > 0
      ? { dose: Math.max(...doses), doseSource: 'data' as const, ...dataDoseUnit(data, context) }
      : (() => { const c = doseFromContext(context); return c ? { dose: c.amount, doseUnit: c.unit, doseSource: 'context' as const } : { dose: null }; })()),
    ...(data.groups.some((g) => repeatedRegimen(g.regimen)) ? { repeatedDoses: true } : {}),
    ...(mixedRoutes(data.groups) ? { mixedRoutes: true } : {}),
    // a drug with its metabolite, else a concentration with a response
    ...(observable === undefined ? parentMetaboliteScales(data, labels, context) ?? pkpdScales(data, context) : {}),
    ...((): { degradationPathway?: DegradationPathway } => { const c = observable === undefined ? degradationPathway(data, labels, context) : null; return c ? { degradationPathway: c } : {}; })(),
    ...(observable === undefined ? observedGroups(data) : {}),
    ...(observable === undefined && labels.length > 1 ? { series: labels.map((l) => seriesEnds(primarySeries(data, l))) } : {}),
    ...((): { weight?: BodyWeight } => { const w = bodyWeightOf(data, s?.group); return w ? { weight: w } : {}; })(),
    ...((): { population?: number } => { const n = populationFromContext(context); return n !== null ? { population: n } : {}; })(),
    ...(countsNewCases(context, s) ? { incidence: { interval: countingInterval(times) } } : {}),
    // (an onset the visits do not straddle changes nothing they show)
    ...((): { onset?: number } => { const t = statedOnset === null ? null : statedOnset - Math.max(origin, 0); return t !== null && t > Math.min(...times) && t < tMax ? { onset: t } : {}; })(),
    ...((): { onsetWindow?: { after: number; by: number } } => { const w = statedOnset === null && interventionNamed(context) ? onsetWindowFromData(times, means) : null; return w ? { onsetWindow: w } : {}; })(),
    // (a visit at time 0 with a clearly non-zero mean says otherwise)
    ...(FROM_ZERO_RE.test([context ?? '', ...labels].join(' ')) && times.every((t, i) => t > 0 || Math.abs(means[i] ?? 0) <= 0.02 * yMax) ? { fromZero: true } : {}),
    ...(times[0]! > 0 && startAccelerates(times, means) ? { lateAcceleratingStart: true } : {}),
    ...(yMax <= LOG_COUNT_CEILING && LOG_COUNT_RE.test([context ?? '', s?.observable ?? '', s?.unit ?? ''].join(' ')) ? { log10Counts: true } : {}),
  };
}

/** the mean at time t, interpolated linearly between visits (the last visit's beyond it) */
export function meanAt(times: readonly number[], means: readonly number[], t: number): number {
  for (let i = 1; i < times.length; i++) if (times[i]! >= t) return means[i - 1]! + ((means[i]! - means[i - 1]!) * (t - times[i - 1]!)) / (times[i]! - times[i - 1]!);
  return means[means.length - 1]!;
}

/** the series rises over its first third of time, and its first interval more slowly than that third on average */
export function startAccelerates(times: readonly number[], means: readonly number[]): boolean {
  if (times.length < 3 || means.length !== times.length) return false;
  const t0 = times[0]!, span = times[times.length - 1]! - t0;
  if (!(span > 0) || !(times[1]! > t0)) return false;
  const thirdSlope = (meanAt(times, means, t0 + span / 3) - means[0]!) / (span / 3);
  const firstSlope = (means[1]! - means[0]!) / (times[1]! - times[0]!);
  return thirdSlope > 0 && firstSlope < thirdSlope;
}

/** more than one administration, or a steady state (earlier doses before t = 0) */
function repeatedRegimen(r: Regimen | undefined): boolean {
  return r !== undefined && (r.steadyState === true || (r.count ?? 1) > 1 || (r.administrations?.length ?? 0) > 1);
}

/** a series' first and largest mean (0 and 0 for a missing one) */
function seriesEnds(x: Series | undefined): { first: number; max: number } {
  return { first: x?.mean[0] ?? 0, max: x && x.mean.length > 0 ? Math.max(...x.mean) : 0 };
}

/** Which groups have a non-zero series of each observable, when some group lacks one (else nothing). */
function observedGroups(data: Dataset): { groupsObserving?: Record<string, string[]> } {
  if (data.groups.length < 2 || data.observables.length < 2) return {};
  const ids = identifiersFor(data.observables.map((o) => o.name));
  // a series of zeros is the table's way of saying "none here" (the source's zeros for the species a monoculture lacks)
  const has = (g: string, o: string) => data.series.some((x) => x.group === g && x.observable === o && x.mean.some((m) => m !== 0));
  const out: Record<string, string[]> = {};
  let partial = false;
  for (const o of data.observables) {
    const groups = data.groups.map((g) => g.name).filter((g) => has(g, o.name));
    if (groups.length < data.groups.length) partial = true;
    out[ids.get(o.name)!] = groups;
  }
  return partial ? { groupsObserving: out } : {};
}

/** A drug and its metabolite (by the observables' names): the parent–metabolite setting. */
function parentMetaboliteScales(data: Dataset, labels: string[], context?: string): { parentMetabolite: ParentMetaboliteScales } | null {
  const pair = parentAndMetabolite(labels) ?? formedByCurves(data, labels, context);
  if (!pair) return null;
  return { parentMetabolite: { parent: dataScales(data, context, pair.parent), metabolite: dataScales(data, context, pair.metabolite), ...pairIdentifiers(labels, pair) } };
}

/**
 * A substance and what it forms, told by their curves where the labels do not say which is which
 * (2,4,5-T and its phenol; ADAPT's y1 and y2) but the words speak of degradation or of a
 * metabolite (formationOrder).
 */
function formedByCurves(data: Dataset, labels: string[], context?: string): { parent: string; metabolite: string } | null {
  const order = labels.length === 2 ? formationOrder(data, labels, context) : null;
  return order ? { parent: order[0]!, metabolite: order[1]! } : null;
}

/** a name's stem and number (A2 → A, 2; M23 → M, 23), or null without a trailing number */
const numbered = (name: string): { stem: string; number: number } | null => {
  const m = /^(.*?)(\d+)$/.exec(name);
  return m ? { stem: m[1]!, number: Number(m[2]) } : null;
};

/** a product numbered as it was found (M1, TP2, metabolite_3), not along the pathway */
const isRunningNumber = (name: string): boolean => /^(m|met|metab|metabolite|tp|dp|product|degradate)[\s_.-]?$/i.test(numbered(name)?.stem ?? '-');

/** words that say one measured substance forms another */
const FORMS_RE = /metabolit|transformation product|degradate/i;

export interface DegradationPathway {
  names: string[];
  /** sources[i]: the substance names[i] forms from (names[0] itself for the parent) */
  sources: string[];
  parentStart: number;
  /** every product is named by a running number (M1, M2; TP1): the names say nothing of the route */
  numberedProducts: boolean;
}

/** the most substances a pathway model is built for (a parent and five products) */
const MAX_PATHWAY = 6;

/** Three to six observables of a degradation study: a parent and the products it forms. */
function degradationPathway(data: Dataset, labels: string[], context?: string): DegradationPathway | null {
  const order = labels.length >= 3 && labels.length <= MAX_PATHWAY && FATE_RE.test(wordsOf(data, context)) ? formationOrder(data, labels, context) : null;
  if (!order) return null;
  const ids = identifiersFor(labels);
  const names = order.map((l) => ids.get(l)!);
  const parentStart = Math.max(...data.series.filter((x) => x.observable === order[0]).map((x) => x.mean[0]!));
  const named = names.map((n, i) => (i === 0 ? n : namedSource(n, names.slice(1)) ?? names[0]!));
  const linkedByName = named.some((src, i) => i > 0 && src !== names[0]);
  const fromCurves = linkedByName ? null : sourcesFromCurves(data, order);
  return { names, sources: fromCurves ? fromCurves.map((l) => ids.get(l)!) : named, parentStart, numberedProducts: names.slice(1).every(isRunningNumber) };
}

/**
 * Where the names link no products, the route the curves give (one series each): a product formed
 * from the parent keeps a steady share of what has been formed so far, while one formed through a
 * transient product (one that peaks and falls back by a quarter) lags behind and its share grows
 * by half or more as the intermediate drains — on α-pinene (Box et al. 1973) the dimer's share of
 * the products grows from 15% to 27% while allo-ocimene rises and falls; dipentene's stays at
 * 62–66%. Such products form from the earliest-peaking transient; null when none does. Read at the
 * visits every substance was measured at (a value below the detection limit is often left blank).
 */
function sourcesFromCurves(data: Dataset, order: string[]): string[] | null {
  const one = (label: string) => { const s = data.series.filter((x) => x.observable === label); return s.length === 1 ? s[0]! : null; };
  const series = order.map(one);
  if (series.some((s) => s === null)) return null;
  const times = series[0]!.times.filter((t) => series.every((s) => s!.times.includes(t)));
  const n = times.length;
  if (n < 3) return null;
  const curves = order.slice(1).map((label, i) => { const s = series[i + 1]!; return { label, mean: times.map((t) => s.mean[s.times.indexOf(t)]!) }; });
  const transient = curves.find((c) => { const peak = Math.max(...c.mean); return c.mean.indexOf(peak) < n - 1 && c.mean[n - 1]! <= 0.75 * peak; });
  if (!transient) return null;
  // the share among the products measured (what the parent has formed so far, whatever its
  // unmeasured sink), from the first visit where they add up to a tenth of their largest total
  const formed = times.map((_, i) => curves.reduce((sum, c) => sum + Math.max(c.mean[i]!, 0), 0));
  const first = formed.findIndex((x) => x > 0 && x >= 0.1 * Math.max(...formed));
  if (first < 0 || first >= n - 1) return null;
  const share = (c: (typeof curves)[number], i: number) => c.mean[i]! / formed[i]!;
  const via = curves.filter((c) => c !== transient && share(c, first) > 0 && share(c, n - 1) >= 1.5 * share(c, first)).map((c) => c.label);
  if (via.length === 0) return null;
  return order.map((l, i) => (i === 0 ? l : via.includes(l) ? transient.label : order[0]!));
}

/**
 * The product a product's name says it forms from: the same stem with the number before
 * it (A2 from A1, the notation of Schäfer et al. 2007 and of metabolism schemes); none otherwise.
 * Not a metabolite's or transformation product's running number (M1, M2; TP1, TP2; metabolite 1,
 * 2), which counts products as they were identified, not the steps that form them: mkin's
 * synthetic UBA 2014 sets call both metabolites M1 and M2 whether they form in turn or in parallel.
 */
function namedSource(name: string, products: string[]): string | undefined {
  const m = numbered(name);
  if (!m || m.number < 2 || isRunningNumber(name)) return undefined;
  return products.find((e) => e === `${m.stem}${m.number - 1}`);
}

const wordsOf = (data: Dataset, context?: string) => [context ?? '', ...data.observables.map((o) => `${o.name} ${o.unit ?? ''}`)].join(' ');

/**
 * The labels in the order of formation: the parent peaks first (a degrading chemical at the start,
 * an oral drug within hours) and falls after; each product starts low (at most half its own peak)
 * and peaks later, the earlier-peaking product first. Null unless the words speak of degradation
 * or of a metabolite, the observables share a unit, and every curve fits that picture.
 */
function formationOrder(data: Dataset, labels: string[], context?: string): string[] | null {
  const words = wordsOf(data, context);
  if (!FATE_RE.test(words) && !FORMS_RE.test(words)) return null;
  if (new Set(data.observables.map((o) => o.unit ?? '')).size > 1) return null;
  const curves = labels.map((label) => {
    const s = data.series.filter((x) => x.observable === label && x.mean.length >= 3);
    if (s.length === 0) return null;
    const first = Math.max(...s.map((x) => x.mean[0]!)), last = Math.max(...s.map((x) => x.mean[x.mean.length - 1]!));
    const tFirst = Math.min(...s.map((x) => x.times[0]!));
    let peak = -Infinity, tPeak = 0;
    for (const x of s) x.mean.forEach((m, i) => { if (m > peak) { peak = m; tPeak = x.times[i]!; } });
    return { label, first, tFirst, last, peak, tPeak };
  });
  if (curves.some((c) => c === null)) return null;
  const cs = curves as NonNullable<(typeof curves)[number]>[];
  const parent = cs.reduce((a, b) => (b.tPeak < a.tPeak || (b.tPeak === a.tPeak && b.peak > a.peak) ? b : a));
  const products = cs.filter((c) => c !== parent);
  // a product first measured after the parent's first visit had nothing to show then (mkin's
  // tables leave a metabolite blank at application: below the detection limit), so it starts at 0
  const start = (m: (typeof cs)[number]) => (m.tFirst > parent.tFirst ? 0 : m.first);
  if (!(parent.peak > 0 && parent.last < parent.peak) || !products.every((m) => m.tPeak > parent.tPeak && start(m) <= 0.5 * m.peak)) return null;
  return [parent.label, ...products.sort((a, b) => a.tPeak - b.tPeak).map((c) => c.label)];
}

/** Two observables, one a concentration and one not: the PK-PD setting. */
function pkpdScales(data: Dataset, context?: string): { pkpd?: DataScales['pkpd'] } {
  if (data.observables.length !== 2) return {};
  const isConc = (o: { name: string; unit?: string }) => saysConcentration(`${o.name} ${o.unit ?? ''}`);
  const conc = data.observables.find(isConc);
  const resp = data.observables.find((o) => !isConc(o));
  if (!conc || !resp) return {};
  const c = dataScales(data, context, conc.name);
  const r = dataScales(data, context, resp.name);
  const cs = primarySeries(data, conc.name)!;
  // the route the data state, else the one the words state (nlmixr2's warfarin gives no CMT; most
  // of its subjects were first sampled at 24 h, past the peak), else the shape: oral when the
  // concentration rises from ~0 to an interior peak, IV when it starts at its maximum
  const stated = data.groups.find((g) => g.regimen?.route !== undefined)?.regimen?.route ?? routeFromContext(context);
  const oral = stated !== undefined ? stated === 'oral' : cs.mean.indexOf(Math.max(...cs.mean)) > 0;
  const ids = identifiersFor(data.observables.map((o) => o.name));
  return { pkpd: { conc: c, response: r, oral, concName: ids.get(conc.name)!, responseName: ids.get(resp.name)! } };
}

/**
 * the unit of the data's doses: the dose column's ("dose (mg)"), else the one every dosed group's
 * name gives after its own dose ("25mg"), else the one the context gives after one of the doses
 * ("… of 25, 37.5 or 50 mg", "a single 100 mg dose")
 */
function dataDoseUnit(data: Dataset, context?: string): { doseUnit?: string } {
  const doses = [...new Set(data.groups.flatMap((g) => (g.covariates.dose !== undefined && g.covariates.dose > 0 ? [g.covariates.dose] : [])))];
  const byName = data.groups.flatMap((g) => (g.covariates.dose !== undefined && g.covariates.dose > 0 ? [unitAfter(g.name, g.covariates.dose) ?? ''] : []));
  const fromNames = byName.length > 0 && byName.every((u) => u !== '' && u === byName[0]) ? byName[0] : undefined;
  const inContext = context ? [...new Set(doses.flatMap((d) => { const u = unitAfter(context, d); return u ? [u] : []; }))] : [];
  // (a unit the context gives with another amount is not taken: "10 mg" beside doses of 10000 in
  // the table says the table counts in another unit)
  const unit = data.doseUnit ?? fromNames ?? (inContext.length === 1 ? inContext[0] : undefined);
  return unit !== undefined ? { doseUnit: unit } : {};
}

/** the amount unit written right after `amount` in `text` ("25mg", "50 mg/kg"); null when none is */
function unitAfter(text: string, amount: number): string | null {
  const m = new RegExp(String.raw`(?:^|[^\d.])${String(amount).replace('.', '\\.')}\s*(mg|g|µg|μg|ug|mcg|ng|mmol|µmol|μmol|umol)(\s*\/\s*(?:kg|m2|m²))?(?![a-zµμ/])`, 'i').exec(text.slice(0, 2000));
  return m ? m[1]!.toLowerCase() + (m[2] ? m[2].replace(/\s+/g, '') : '') : null;
}
