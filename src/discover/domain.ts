// What the words say: the context text and the data's labels name a domain (PK, a PD marker,
// growth, …). Used twice, openly: to score motifs for the first round, and as prior model
// probabilities in the ranking (docs/discovery.md, "Prior model probabilities").
import type { Dataset } from '../data/types.ts';
import type { ModelSpec } from '../model/spec.ts';
import { dataFeatures, type DataFeatures } from './features.ts';
import { doseFromContext, MOTIFS, type Family } from './library/index.ts';
import { concentrationUnit, dataScales, meanAt, primarySeries, saysConcentration } from './library/scales.ts';
import { BLOOD_COUNT_RE, ENDOGENOUS_RE } from './library/event.ts';
import { DEFAULT_OBSERVABLE } from '../data/rows.ts';
import { structureName } from './structure-key.ts';
export { routeFromContext } from './route-words.ts';
import { FATE_RE } from './library/degradation.ts';
import { WITHIN_HOST_RE } from './library/viral.ts';
import { HEAT_RE } from './library/heat.ts';
import { INACTIVATION_RE, MICROBE, MICROBIAL_GROWTH_RE } from './library/microbial.ts';

/** words only an epidemic in a population has */
export const EPIDEMIC_ONLY_RE = /epidemic|outbreak|\bcases\b|prevalence|incidence|transmission|pandemic|plague/i;

export const FAMILY_KEYWORDS: Record<Family, RegExp> = {
  pk: /pharmacokinetic|\bpk\b|concentration|\bconc\b|\bc\s*p\b|plasma|serum|drug level|clearance|absorption|\boral\b|intravenous|\biv\b|infusion|bolus/i,
  pd: /response|biomarker|marker|pharmacodynamic|\bpd\b|inhibit|stimulat|\beffect\b|\bactivity|prothrombin|\binr\b|clotting|coagulat|suppression|% of (normal|baseline)|heart rate|blood pressure|glucose|cortisol|platelet|neutrophil|antibod|\bIg[GMAE]\b|immunoglobulin|seroconver/i,
  // (microbes' counts too: their growth, and their inactivation, a growth that runs backwards)
  growth: new RegExp(String.raw`tumou?r|growth|\bsize\b|weight|height|circumference|diameter|girth|(?<!blood )cell count|colony|biomass|length|volume|population (size|dynamics)|\bcensus\b|\bcultures?\b|\bflies\b|\byeast\b|bacterial (density|count)|optical density|\bOD ?600\b|inhabitants|oxygen demand|\bBOD\b|${MICROBE}`, 'i'),
  disease: /progression|\bscore\b|disease|rating|\bscale\b|decline|function|viral|virus|\bhiv\b|\brna\b|copies|antiretroviral/i,
  epidemic: /epidemic|outbreak|infect|\bcases\b|prevalence|incidence|transmission|pandemic|suscept|plague/i,
  tissue: /wound|healing|repair|ulcer|closure|regenerat|scar/i,
  ecology: /predator|prey|lynx|hare|ecolog|species|\bcompet(e|es|ed|ing|ition|itors?)\b|coexist|monoculture|mixed culture|paramecium/i,
  // environmental fate: a chemical's degradation in soil, water or sediment (degradation.ts)
  fate: FATE_RE,
  // a body cooling or warming toward its surroundings (heat.ts)
  heat: HEAT_RE,
};

/** words that say a drug was given */
const DOSE_WORDS = /\bdos(e|es|ed|ing)\b|\bdrug\b|administ|\bmg\s*\/\s*kg\b|\binject|\binfus(ed|ion)|\bbolus|\btablets?\b|\bcapsules?\b/i;

/** a group the table doses (a positive dose) */
export const isDosed = (g: Dataset['groups'][number]): boolean => (g.covariates.dose ?? 0) > 0;

/** Was a drug given? A dose or regimen in the data, or a dose (amount or word) in the context. */
export function drugGiven(data: Pick<Dataset, 'groups'>, context = ''): boolean {
  return data.groups.some((g) => isDosed(g) || g.regimen !== undefined) || DOSE_WORDS.test(context) || doseFromContext(context) !== null;
}

/** do these words (a clause) speak of giving a drug? */
export const saysDosing = (words: string): boolean => DOSE_WORDS.test(words);

/**
 * Do the words speak of pharmacokinetics? PK words do (plasma, clearance, oral, …). A
 * concentration unit alone does only when a drug was given (a dose in the data or the context)
 * or the curve washes out like a drug level (peaks from near zero, or falls toward zero): the
 * oxygen demand of a water sample in mg/L that rises to a plateau is not a drug.
 */
export function speaksPk(data: Dataset, context = ''): boolean {
  const text = domainText(data, context);
  // serum C-reactive protein after surgery: a lab word and a unit, but no drug
  if (ENDOGENOUS_RE.test(text) && !drugGiven(data, context)) return false;
  if (FAMILY_KEYWORDS.pk.test(text)) return true;
  if (!concentrationUnit(text)) return false;
  if (drugGiven(data, context)) return true;
  const f = dataFeatures(data);
  return (f.singlePeak && f.startsNearZero) || (f.decay && f.endsBelowStart);
}

/**
 * A measured marker that is not a drug concentration: a percentage, an activity, a score, a
 * count or a size. Such a series starts from an endogenous baseline, so it points away from PK
 * even when the context names a drug and a dose.
 */
export const MARKER_RE = /%|percent|\bactivity\b|\bscore\b|\bcount\b|\bsize\b|\bindex\b|\bratio\b|\binr\b|cells?\s*\/|\/\s*mm3|\bIU\b|\bU\/L\b|mmHg|\bbpm\b/i;

/** Context plus the data's observable names and units: the text the domain is read from. */
export function domainText(data: Dataset, context = ''): string {
  return [context, ...data.observables.map((o) => `${o.name} ${o.unit ?? ''}`)].join(' ');
}

/**
 * Activity per volume (IU/mL, mIU/mL, U/L): an enzyme's unit, but also the unit antibiotics,
 * heparin or insulin are assayed in, so alone it does not make a series a marker.
 */
const ACTIVITY_UNIT_RE = /\b[mµu]?I?U\s*\/\s*[dm]?L\b/i;

/** the (primary) observable's name and unit */
const primaryLabel = (data: Dataset): string | null => {
  const o = data.observables[0];
  return o ? `${o.name} ${o.unit ?? ''}` : null;
};

/**
 * Is the (primary) observable a drug concentration by its words? Its name or unit says so (mg/L,
 * "conc"), or it is in units of activity per volume (tetracycline in IU/mL) and the context calls
 * it a concentration of a drug that was given.
 */
export function measuresConcentration(data: Dataset, context = ''): boolean {
  const label = primaryLabel(data);
  if (label === null) return false;
  if (saysConcentration(label)) return true;
  const activityOnly = ACTIVITY_UNIT_RE.test(label) && !MARKER_RE.test(label.replace(ACTIVITY_UNIT_RE, ' '));
  return activityOnly && !ENDOGENOUS_RE.test(label) && saysConcentration(context) && drugGiven(data, context);
}

/** True when the (primary) observable is a marker, not a drug concentration: by its unit, or an endogenous analyte by name (event.ts). */
export function measuresMarker(data: Dataset, context = ''): boolean {
  const label = primaryLabel(data);
  if (label === null) return false;
  if ((MARKER_RE.test(label) && !measuresConcentration(data, context)) || ENDOGENOUS_RE.test(label)) return true;
  // a table without an observable column names its quantity only in the context ("white blood cell
  // count after paclitaxel"): an endogenous analyte named there, and no concentration, is the marker
  return data.observables.length === 1 && data.observables[0]!.name === DEFAULT_OBSERVABLE && ENDOGENOUS_RE.test(context) && !saysConcentration(`${label} ${context}`);
}

/**
 * The measured series is a drug level: a concentration by its own words, or, in a table that names
 * its quantity only in the context, by the context's; never a marker.
 */
export function measuresDrugLevel(data: Dataset, context = ''): boolean {
  if (measuresMarker(data, context)) return false;
  if (measuresConcentration(data, context)) return true;
  return data.observables.length === 1 && data.observables[0]!.name === DEFAULT_OBSERVABLE && saysConcentration(context);
}

/** Families the words name; PK is dropped when the measured series is a marker, not a concentration. */
export function namedFamilies(data: Dataset, context = ''): Set<Family> {
  const text = domainText(data, context);
  const out = new Set<Family>();
  for (const [f, re] of Object.entries(FAMILY_KEYWORDS) as [Family, RegExp][]) if (f === 'pk' ? speaksPk(data, context) : re.test(text)) out.add(f);
  // a virus counted within its host (a titre, a viral load) is no epidemic, though its hosts were infected
  if (WITHIN_HOST_RE.test(text) && !EPIDEMIC_ONLY_RE.test(text)) out.delete('epidemic');
  // blood counts after a drug are its haematological effect, not cells growing in a culture
  if (BLOOD_COUNT_RE.test(text)) out.delete('growth');
  if (measuresMarker(data, context) && data.observables.length === 1) {
    out.delete('pk');
    if (!out.has('growth') && !out.has('disease') && !out.has('epidemic') && !out.has('fate')) out.add('pd');
  }
  // a drug was given and the one series, no concentration, starts from a baseline, with no field
  // named (FEV1 after an inhaled dose of salbutamol): the drug's effect
  if (out.size === 0 && data.observables.length === 1 && drugGiven(data, context) && !measuresConcentration(data, context) && dataFeatures(data).startsAtBaseline) out.add('pd');
  return out;
}

/**
 * The structures each field reports by default. Within Monte-Carlo error of a same-sized
 * alternative (rank.ts), these rank first: Gompertz may fit a sigmoid as well as the logistic,
 * but a reviewer expects the logistic unless the data clearly ask for the asymmetry. Of the
 * indirect responses, the drug acting on production (I for a marker that falls, III for one that
 * rises: warfarin on clotting-factor synthesis, EPO on red-cell production) is the usual first
 * model; acting on loss (II, IV) needs the data to say so. A chemical's degradation is single
 * first-order (SFO, with its metabolite SFO–SFO, its products in a chain or along the pathway their
 * names give) unless the data clearly ask for a biphasic decline (the FOCUS kinetics guidance's
 * order of fitting) or another scheme.
 */
export const CONVENTIONAL_MOTIFS: ReadonlySet<string> = new Set(['growth-logistic', 'epi-sir', 'pk-1cmt-oral', 'pk-1cmt-iv', 'pk-2cmt-iv', 'predator-prey', 'dp-linear', 'pd-idr-1', 'pd-idr-3', 'deg-sfo', 'deg-sfo-sfo', 'deg-sfo-sfo-sfo', 'deg-sfo-pathway', 'mineral-one-pool', 'viral-tcl']);

/**
 * Refinements a reviewer accepts of a conventional structure as routinely as the structure itself:
 * a delay of one-compartment oral absorption (a lag time, NONMEM's ALAG; or a transit compartment,
 * Savic et al. 2007) is how oral PK is reported when the first samples lag (warfarin: Holford;
 * nlmixr2's examples). In the ranking they count as conventional (a two-compartment model has to
 * beat them by strong evidence, as it has to beat the plain one), while the plain structure, the
 * smaller one, still goes first among them within the band; promotion to a full fit
 * (steps/promote.ts) puts the plain structure first and these with the rest.
 */
const CONVENTIONAL_REFINEMENTS: readonly string[] = ['pk-1cmt-oral-lag', 'pk-1cmt-oral-transit'];

/** The structures the ranking treats as conventional: the field's own and their routine refinements. */
export function withRefinements(conventions: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...conventions, ...CONVENTIONAL_REFINEMENTS]);
}

/**
 * Fields whose reference growth curve is not the logistic: tumours grow by Gompertz (Laird 1964;
 * the curve tumour-growth studies report first), fish length-at-age by von Bertalanffy (the
 * fisheries standard, also for other animals' body length by age), oxygen demand by first-order
 * kinetics. Read from the context and the data's labels.
 */
const GROWTH_CONVENTIONS: readonly { words: RegExp; motif: string; field: string }[] = [
  // predictive microbiology: log-linear survival (Bigelow 1921) for an inactivation, Baranyi &
  // Roberts (1994) for growth — the first model DMFit and ComBase fit
  { words: INACTIVATION_RE, motif: 'inactivation-log-linear', field: 'microbial inactivation' },
  { words: MICROBIAL_GROWTH_RE, motif: 'growth-baranyi', field: 'predictive microbiology (Baranyi & Roberts 1994)' },
  { words: /tumou?r|xenograft|cancer|carcinoma|neoplas|spheroid/i, motif: 'growth-gompertz', field: 'tumour growth' },
  { words: /\bfish|length[- ]at[- ]age|otolith|salmon|trout|\bcod\b/i, motif: 'growth-von-bertalanffy', field: 'fish growth' },
  // biochemical oxygen demand is exerted at a first-order rate towards its ultimate demand
  // (Streeter & Phelps 1925): y = L·(1 − e^(−k·t)), von Bertalanffy's curve from 0
  { words: /oxygen demand|\bBOD\b/i, motif: 'growth-von-bertalanffy', field: 'biochemical oxygen demand (first-order kinetics)' },
  // an animal's body length by its age (dugongs, turtles, whales): the same convention beyond fish
  { words: /\blength\b[^.;]{0,80}\b(by|over|at|against|versus|vs\.?|and|with) (its |their )?age\b|\blength[-–/]age\b|\bage\b[^.;]{0,40}\band (body )?lengths?\b/i, motif: 'growth-von-bertalanffy', field: 'length at age' },
];

/**
 * A series that falls from its first visit toward a plateau, without rising or turning back (a
 * patient's weight on a diet, Venables & Ripley's `wtloss`): the approach to an asymptote from
 * above. A logistic or Gompertz curve could follow it only from above its carrying capacity, which
 * is no growth; the first-order approach (von Bertalanffy's curve, the monomolecular or
 * "asymptotic regression" model) is the conventional one.
 */
export const fallsToPlateau = (f: Pick<DataFeatures, 'decay' | 'plateau' | 'rise' | 'singlePeak' | 'oscillation'>): boolean =>
  f.decay && f.plateau && !f.rise && !f.singlePeak && !f.oscillation;

/**
 * A series that rises from its first visit at a falling rate (no accelerating phase): over the
 * three thirds of its time span it rises less each third, and its first interval is at least as
 * steep as the first third on average. That is the first-order approach to an asymptote (Bates &
 * Watts' asymptotic regression; chloride uptake, Sitka spruce log size, BoxBOD, cows' weight), not
 * a sigmoid seen from before its inflection (Orange's circumference, the US census), whose first
 * interval is flatter than its first third.
 */
export function risesDecelerating(times: readonly number[], means: readonly number[]): boolean {
  if (times.length < 4) return false;
  const at = (t: number): number => meanAt(times, means, t);
  const t0 = times[0]!, span = times[times.length - 1]! - t0;
  if (!(span > 0)) return false;
  const [a, b, c, d] = [0, 1, 2, 3].map((k) => at(t0 + (k * span) / 3));
  const [r1, r2, r3] = [b! - a!, c! - b!, d! - c!];
  const firstSlope = (means[1]! - means[0]!) / (times[1]! - times[0]!);
  return r1 > 0 && r1 > r2 && r2 > r3 && firstSlope >= r1 / (span / 3);
}

/**
 * The conventional structures for this text (domainText) and curve: CONVENTIONAL_MOTIFS, with the
 * field's growth curve in place of the logistic, or the first-order approach when the series falls
 * to a plateau (fallsToPlateau) or rises to one at a falling rate (risesDecelerating).
 */
export function conventionalMotifs(text = '', falling = false, fits: (motif: string) => boolean = () => true, decelerating = false): { motifs: ReadonlySet<string>; note?: string } {
  // (a field's curve that cannot be built for these data, as Baranyi's in log10 units for negative logs, is no convention here)
  const field = GROWTH_CONVENTIONS.find((c) => c.words.test(text) && fits(c.motif));
  const swap = (motif: string) => new Set([...CONVENTIONAL_MOTIFS].filter((m) => m !== 'growth-logistic').concat(motif));
  if (field) {
    return {
      motifs: swap(field.motif),
      note: `The words speak of ${field.field}: ${field.motif} is taken as the field's conventional growth curve in place of the logistic (it ranks first when a same-sized curve is within Monte-Carlo error of it).`,
    };
  }
  if (!falling && decelerating) {
    return {
      motifs: swap('growth-von-bertalanffy'),
      note: 'The series rises from its first visit at a falling rate, with no accelerating phase: growth-von-bertalanffy, the first-order approach to an asymptote (asymptotic regression), is taken as the conventional curve in place of the logistic, whose curve accelerates before its inflection.',
    };
  }
  if (!falling) return { motifs: CONVENTIONAL_MOTIFS };
  return {
    motifs: swap('growth-von-bertalanffy'),
    note: 'The series falls toward a plateau: growth-von-bertalanffy, the first-order approach to an asymptote (from above here), is taken as the conventional curve in place of the logistic, which could follow a fall only from above its carrying capacity.',
  };
}

/**
 * conventionalMotifs for a data set and its context: the falling series' convention where the words
 * name growth (a weight, a size), as the first pick proposes von Bertalanffy for a fall only then
 */
export function conventionsFor(data: Dataset, context?: string): { motifs: ReadonlySet<string>; note?: string } {
  const text = domainText(data, context);
  const scales = dataScales(data, context);
  const fits = (id: string) => MOTIFS.find((m) => m.id === id)?.applies?.(scales) ?? true;
  const primary = primarySeries(data);
  const growth = conventionalMotifs(text, FAMILY_KEYWORDS.growth.test(text) && fallsToPlateau(dataFeatures(data)), fits, primary !== undefined && risesDecelerating(primary.times, primary.mean));
  const design = STUDY_CONVENTIONS.find((c) => c.words.test(text) && fits(c.motif));
  if (!design) return growth;
  const motifs = new Set([...growth.motifs].filter((m) => m !== design.replaces).concat(design.motif));
  const note = `The data are ${design.study}: ${design.motif} is taken as the conventional structure in place of ${design.replaces} (it ranks first when a model of its family is within Monte-Carlo error of it).`;
  return { motifs, note: growth.note ? `${growth.note} ${note}` : note };
}

/**
 * Study designs and diseases whose guidance or literature names the structure to report first. A water–sediment study (OECD
 * 308) observes one substance in two phases; FOCUS (2006) fits it at level P-II with first-order
 * degradation in each phase and transfer both ways (mkin's example for the UBA 2014 river system;
 * FOCUS dataset F). The parent-and-metabolite scheme, SFO–SFO, takes the sediment's share for a
 * product formed once and for all; it had been first by convention on both tables with the
 * water–sediment model at 63% of the weight. Applied where the observables name the two phases
 * (the motif's own test) and the words speak of sediment.
 */
const STUDY_CONVENTIONS: readonly { words: RegExp; motif: string; replaces: string; study: string }[] = [
  { words: /sediment/i, motif: 'deg-water-sediment', replaces: 'deg-sfo-sfo', study: 'a water–sediment study (FOCUS 2006, level P-II: first-order degradation in each phase, transfer both ways)' },
  // Diseases spread person to person whose incubation (one to three weeks) spans the reporting
  // interval are modelled with a latent stage by default: Ebola (Chowell et al. 2004; Legrand et
  // al. 2007), measles and smallpox (Anderson & May 1991), COVID-19. Not influenza or plague, whose
  // latent periods are days (the boarding-school outbreak and Eyam: SIR), nor vector-borne
  // diseases, whose published models add the vector rather than one latent stage.
  { words: /\bebola|\bmeasles|\bsmallpox|\bvariola|\bcovid|\bsars\b|sars-cov|\bmers\b|\bmumps|\brubella|\bvaricella|\bchickenpox/i, motif: 'epi-seir', replaces: 'epi-sir', study: 'an outbreak of a disease whose incubation of one to three weeks spans the reporting interval (an SEIR model with a latent stage, as its field reports first: Chowell et al. 2004 for Ebola; Anderson & May 1991)' },
];

/** A conventional structure, also with another random-effects model or group effects (structureName). */
export function isConventional(spec: Pick<ModelSpec, 'name'>, conventions: ReadonlySet<string> = CONVENTIONAL_MOTIFS): boolean {
  return conventions.has(structureName(spec.name));
}

/** How much more prior probability a model of a named family gets than one of another family. */
export const NAMED_FAMILY_PRIOR = 3;

/** The motif family a spec was built from (library names start with the motif id); null for others. */
export function familyOf(spec: ModelSpec): Family | null {
  let best: { id: string; family: Family } | null = null;
  for (const m of MOTIFS) if ((spec.name === m.id || spec.name.startsWith(`${m.id} `) || spec.name.startsWith(`${m.id}-`)) && (!best || m.id.length > best.id.length)) best = m;
  return best?.family ?? null;
}

/**
 * Prior model probabilities (unnormalised) for the candidates: NAMED_FAMILY_PRIOR for a model of a
 * family the words name, 1 otherwise (and 1 for everyone when the words name no family, or for
 * models of unknown family: user-written and LLM specs).
 */
export function modelPriors(specs: ModelSpec[], named: Set<Family>): number[] {
  return specs.map((s) => {
    const f = familyOf(s);
    return named.size > 0 && f !== null && named.has(f) ? NAMED_FAMILY_PRIOR : 1;
  });
}

