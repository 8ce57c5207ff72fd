// Predictive microbiology: bacterial counts over time, usually read as log10 CFU per mL or g.
// Growth: Baranyi & Roberts (1994), the field's primary growth model (DMFit, ComBase): the cells
// adapt during a lag (their physiological state α rises from e^(−µmax·lag) to 1), grow
// exponentially at µmax, and stop at the maximum density:
//   α' = µmax·α·(1 − α),   L' = µmax/ln10 · α · (1 − 10^(L − LOG10Nmax))     (L = log10 N)
// Inactivation (a heat or chemical treatment): first-order (Bigelow) death, with Geeraerd et al.'s
// (2000) shoulder (cells resist until a protective component C is used up; S = ln(1 + C) keeps the
// state finite) and tail (a resistant subpopulation N_res):
//   S' = −kmax·(1 − e^(−S)),   L' = −kmax/ln10 · e^(−S) · (1 − 10^(LOG10Nres − L))
// Two flora in one medium (a pathogen and the food's background flora): each adapts and grows as
// Baranyi's model says, and both stop when their total reaches the medium's maximum density — the
// Jameson effect (Vimont et al. 2006; nlsMicrobio's jameson_baranyi stops both at one time tmax,
// the ODE brakes both by the total):
//   αi' = µi·αi·(1 − αi),   Li' = µi/ln10 · αi · (1 − (10^L1 + 10^L2)/10^LOG10Nmax)
// Parameter names follow nlsMicrobio (Baty & Delignette-Muller), so estimates read as published.
// The states are log10 counts, so the models are written the way the data are read; on data that
// are counts, not logs, the observable is 10^L.
import type { ErrorSpec, ModelSpec, ParameterSpec, StateSpec } from '../../model/spec.ts';
import type { Motif } from './motif.ts';
import { assayError, intervalScaleError, obsUnit, param, perObservableError, perTime } from './priors.ts';
import type { DataScales } from './scales.ts';
import { onLog10Scale } from './disease.ts';

/** words of microbes (bacteria, their counts as colony-forming units) */
// (not an antibacterial or antimicrobial drug, whose concentrations are pharmacokinetics)
export const MICROBE = String.raw`(?<!anti)bacteri|(?<!anti)microb|microflora|microbiota|\bCFU\b|colony[- ]forming|\bE\.? ?coli\b|escherichia|listeria|salmonella|staphylococ|bacillus|clostridi|lactobac|pseudomonas|campylobacter|\bspores?\b`;
const KILL = String.raw`inactivat|survival curve|survivors?\b|thermal death|\bD[- ]values?\b|log[- ]?reductions?|\bkill|disinfect|sterili[sz]|pasteuri[sz]|heat (treatment|resistance|challenge)|high[- ]pressure|decontaminat|lethality|die[- ]?off|death (kinetics|rate)`;

/** words of microbial inactivation: microbes and a treatment that kills them */
export const INACTIVATION_RE = new RegExp(`^(?=[\\s\\S]*(${MICROBE}))(?=[\\s\\S]*(${KILL}))`, 'i');
/** words of microbial growth: microbes, and no treatment that kills them */
export const MICROBIAL_GROWTH_RE = new RegExp(`^(?![\\s\\S]*(${KILL}))(?=[\\s\\S]*(${MICROBE}))`, 'i');

/** the data's visit means as log10 counts */
const log10Of = (s: DataScales, y: number): number => (onLog10Scale(s) ? y : Math.log10(Math.max(y, 1e-6 * s.yMax, 1e-30)));

/**
 * On log10 counts an error is a share of the range, not of the reading (log10 counts are no
 * amounts: a reading of 2 is not half as precise as one of 4); on counts, the assay's error.
 */
const countError = (s: DataScales): ErrorSpec => (onLog10Scale(s) ? intervalScaleError(s) : assayError(s, 0.2));

function microbialSpec(s: DataScales, id: string, title: string, mechanism: string, states: StateSpec[], parameters: ParameterSpec[], equations: Record<string, string>, expression = onLog10Scale(s) ? 'L' : 'pow(10, L)'): ModelSpec {
  return {
    name: id, description: title, rationale: mechanism, timeUnit: s.timeUnit,
    states, parameters, equations,
    observables: [{ name: s.observables[0] ?? 'count', unit: obsUnit(s), expression }],
    error: countError(s),
  };
}

// positive log10 counts only: priors are log-normal (a table of log reductions, 0 falling to −6, is
// not read, nor an optical density below 1 whose logs are negative)
const positiveCounts = (s: DataScales): boolean => (onLog10Scale(s) ? s.yMin > 0 : s.yMin > 1);

const BARANYI_MECHANISM = 'Cells adapt to their new environment during a lag phase, then grow exponentially at the maximum specific rate and stop at the maximum density the medium supports (Baranyi & Roberts 1994).';

/**
 * Baranyi's model on the data's own scale, for an optical density or a biomass below 1 (whose
 * logs are negative): the same curve, N = 10^L, with growthrates' parameters (y0 as N0, K as
 * Nmax, the lag as h0/µmax): N' = µmax·α·N·(1 − N/Nmax).
 */
function baranyiOnDensity(s: DataScales): ModelSpec {
  const n0 = Math.max(s.yFirst, 1e-3 * s.yMax);
  return microbialSpec(s, 'growth-baranyi', 'Baranyi–Roberts microbial growth', BARANYI_MECHANISM,
    [{ name: 'alpha', unit: 'fraction', initial: 'exp(-mumax*lag)' }, { name: 'N', unit: obsUnit(s), initial: 'N0' }],
    [
      param('N0', obsUnit(s), n0, 3, true, 'density at time 0'),
      param('Nmax', obsUnit(s), s.yMax, 2, false, 'maximum density'),
      param('mumax', perTime(s), Math.max(Math.log(s.yMax / n0), 1) / (0.5 * s.tMax), 4, true, 'maximum specific growth rate'),
      param('lag', s.timeUnit ?? 'time', s.tMax / 5, 5, true, 'lag time'),
    ],
    { alpha: 'mumax*alpha*(1 - alpha)', N: 'mumax*alpha*N*(1 - N/Nmax)' }, 'N');
}

const baranyi: Motif = {
  id: 'growth-baranyi', family: 'growth', title: 'Baranyi–Roberts microbial growth', mechanism: BARANYI_MECHANISM,
  needsDose: false, shapes: ['rise', 'sigmoid', 'plateau'], complexity: 5, words: MICROBIAL_GROWTH_RE, onlyWhenNamed: true,
  // log10 counts, counts, or a positive density below 1 (an optical density)
  applies: (s) => positiveCounts(s) || (!onLog10Scale(s) && s.yMin > 0),
  build: (s) => {
    if (!positiveCounts(s)) return baranyiOnDensity(s);
    const l0 = log10Of(s, s.yFirst);
    const lMax = log10Of(s, s.yMax);
    return microbialSpec(s, 'growth-baranyi', 'Baranyi–Roberts microbial growth', BARANYI_MECHANISM,
      // α: the cells' physiological state, q/(1+q) in Baranyi's notation; α(0) = e^(−µmax·lag)
      [{ name: 'alpha', unit: 'fraction', initial: 'exp(-mumax*lag)' }, { name: 'L', unit: 'log10 count', initial: 'LOG10N0' }],
      [
        param('LOG10N0', 'log10 count', l0, 1.5, true, 'log10 count at time 0'),
        param('LOG10Nmax', 'log10 count', lMax, 1.3, false, 'log10 of the maximum density'),
        // the rise in natural-log units over half the window
        param('mumax', perTime(s), Math.max((lMax - l0) * Math.LN10, 1) / (0.5 * s.tMax), 4, true, 'maximum specific growth rate (natural log units)'),
        param('lag', s.timeUnit ?? 'time', s.tMax / 5, 5, true, 'lag time'),
      ],
      { alpha: 'mumax*alpha*(1 - alpha)', L: 'mumax/log(10)*alpha*(1 - pow(10, L - LOG10Nmax))' });
  },
};

/**
 * two series of log10 counts that both rise: two flora growing together (the words, microbes, are
 * the motif's own). Log10 counts only: protozoa fed on bacteria (Gause's Paramecium, counted as
 * individuals or volumes) are competitors, not flora.
 */
export const twoFloraGrow = (s: DataScales): boolean =>
  onLog10Scale(s) && s.observables.length === 2 && (s.series ?? []).length === 2 && s.series!.every((x) => x.first > 0 && x.max > x.first);

const JAMESON_TITLE = 'Two flora growing together (Jameson effect, Baranyi–Roberts growth)';
const JAMESON_MECHANISM = 'Two bacterial flora share one medium: each adapts during its own lag and grows at its own maximum rate, and both stop when their total reaches the maximum density the medium supports (the Jameson effect; Vimont et al. 2006).';

const jameson: Motif = {
  id: 'growth-jameson', family: 'growth', title: JAMESON_TITLE, mechanism: JAMESON_MECHANISM,
  needsDose: false, shapes: ['rise', 'sigmoid', 'plateau'], complexity: 7, minObservables: 2, words: MICROBIAL_GROWTH_RE, onlyWhenNamed: true,
  applies: (s) => positiveCounts(s) && twoFloraGrow(s),
  build: (s) => {
    const [a = 'flora1', b = 'flora2'] = s.observables;
    const ends = (s.series ?? []).map((x) => ({ first: log10Of(s, x.first), max: log10Of(s, x.max) }));
    const states: StateSpec[] = [];
    const parameters: ParameterSpec[] = [];
    const equations: Record<string, string> = {};
    // both flora brake on the total: 10^(L1 − LOG10Nmax) + 10^(L2 − LOG10Nmax) = N_total/N_max
    const brake = '(1 - pow(10, L1 - LOG10Nmax) - pow(10, L2 - LOG10Nmax))';
    [a, b].forEach((name, i) => {
      const k = i + 1;
      const { first = log10Of(s, s.yFirst), max = log10Of(s, s.yMax) } = ends[i] ?? {};
      states.push({ name: `alpha${k}`, unit: 'fraction', initial: `exp(-mumax_${k}*lag_${k})` }, { name: `L${k}`, unit: 'log10 count', initial: `LOG10N0_${k}` });
      parameters.push(
        param(`LOG10N0_${k}`, 'log10 count', first, 1.5, true, `log10 count of ${name} at time 0`),
        param(`mumax_${k}`, perTime(s), Math.max((max - first) * Math.LN10, 1) / (0.5 * s.tMax), 4, true, `maximum specific growth rate of ${name} (natural log units)`),
        param(`lag_${k}`, s.timeUnit ?? 'time', s.tMax / 5, 5, true, `lag time of ${name}`),
      );
      equations[`alpha${k}`] = `mumax_${k}*alpha${k}*(1 - alpha${k})`;
      equations[`L${k}`] = `mumax_${k}/log(10)*alpha${k}*${brake}`;
    });
    // the total at the end: the larger flora's maximum, raised by the other's share
    const top = Math.log10(ends.reduce((sum, e) => sum + 10 ** e.max, 0) || 10 ** log10Of(s, s.yMax));
    parameters.push(param('LOG10Nmax', 'log10 count', top, 1.3, false, 'log10 of the maximum total density of both flora'));
    const observed = (k: number) => (onLog10Scale(s) ? `L${k}` : `pow(10, L${k})`);
    return {
      name: 'growth-jameson', description: JAMESON_TITLE, rationale: JAMESON_MECHANISM, timeUnit: s.timeUnit,
      states, parameters, equations,
      observables: [{ name: a, unit: obsUnit(s), expression: observed(1) }, { name: b, unit: obsUnit(s), expression: observed(2) }],
      // each flora's additive error from its own series (the fitter), as on one curve a share of the range
      error: perObservableError(onLog10Scale(s) ? 0.005 : 0.2),
    };
  },
};

function inactivation(shoulder: boolean, tail: boolean): Motif {
  const id = `inactivation-${shoulder && tail ? 'shoulder-tail' : shoulder ? 'shoulder' : tail ? 'tail' : 'log-linear'}`;
  const title = shoulder || tail ? `Microbial inactivation with a ${[shoulder ? 'shoulder' : '', tail ? 'tail' : ''].filter(Boolean).join(' and a ')} (Geeraerd)` : 'Log-linear microbial inactivation (first-order, Bigelow)';
  const mechanism = `Cells die at a constant specific rate (log-linear survival)${shoulder ? ', after a shoulder during which they resist until a protective component is used up' : ''}${tail ? '; a resistant subpopulation survives, so the count levels off (tail)' : ''}.`;
  return {
    id, family: 'growth', title, mechanism, needsDose: false, shapes: tail ? ['decay', 'plateau'] : ['decay'], complexity: 2 + (shoulder ? 1 : 0) + (tail ? 1 : 0),
    words: INACTIVATION_RE, onlyWhenNamed: true, applies: positiveCounts,
    build: (s) => {
      const l0 = log10Of(s, s.yFirst);
      const lMin = log10Of(s, s.yMin);
      const states: StateSpec[] = [{ name: 'L', unit: 'log10 count', initial: 'LOG10N0' }];
      const params: ParameterSpec[] = [
        param('LOG10N0', 'log10 count', l0, 1.5, true, 'log10 count at time 0'),
        param('kmax', perTime(s), Math.max((l0 - lMin) * Math.LN10, 1) / (0.5 * s.tMax), 4, true, 'specific inactivation rate (natural log units; D = ln10/kmax)'),
      ];
      if (shoulder) {
        // S = ln(1 + C), C the protective component: S(0) = kmax·Sl
        states.unshift({ name: 'S', unit: 'dimensionless', initial: 'kmax*Sl' });
        params.push(param('Sl', s.timeUnit ?? 'time', s.tMax / 4, 5, false, 'shoulder length'));
      }
      if (tail) params.push(param('LOG10Nres', 'log10 count', Math.max(lMin, 1e-3), 1.5, false, 'log10 count of the resistant subpopulation (tail)'));
      const equations: Record<string, string> = { L: `-kmax/log(10)${shoulder ? '*exp(-S)' : ''}${tail ? '*(1 - pow(10, LOG10Nres - L))' : ''}` };
      if (shoulder) equations.S = '-kmax*(1 - exp(-S))';
      return microbialSpec(s, id, title, mechanism, states, params, equations);
    },
  };
}

export const MICROBIAL_MOTIFS: Motif[] = [baranyi, jameson, inactivation(false, false), inactivation(true, false), inactivation(false, true), inactivation(true, true)];
