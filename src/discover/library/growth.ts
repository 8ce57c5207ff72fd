// Growth motifs (no dosing): exponential, logistic, Gompertz, von Bertalanffy, Richards.
import type { ModelSpec, ParameterSpec } from '../../model/spec.ts';
import type { Motif, Shape } from './motif.ts';
import { assayError, obsUnit, param, perTime } from './priors.ts';
import type { DataScales } from './scales.ts';

export function start(s: DataScales): number {
  return s.yFirst > 0 ? s.yFirst : s.yMax / 20;
}

/** growth rate that takes the start value to the data's maximum over the window */
export function rate(s: DataScales): number {
  return Math.max(Math.log(Math.max(s.yMax / start(s), 1.5)), 0.5) / s.tMax;
}

/**
 * `startsAtZero`: the curve starts from 0 at time 0 (a first-order approach to a quantity that
 * accumulates from the start), so N0 is no parameter; `why` says why, where it is another reason
 */
export function growthSpec(id: string, title: string, mechanism: string, s: DataScales, params: ParameterSpec[], rhs: string, startsAtZero = false, why = 'The quantity accumulates from the start of the experiment, so the curve starts from 0 at time 0.'): ModelSpec {
  return {
    name: id,
    description: title,
    rationale: startsAtZero ? `${mechanism} ${why}` : mechanism,
    timeUnit: s.timeUnit,
    states: [{ name: 'N', unit: obsUnit(s), initial: startsAtZero ? '0' : 'N0' }],
    parameters: [...(startsAtZero ? [] : [param('N0', obsUnit(s), start(s), 3, true, 'size at time 0')]), ...params],
    equations: { N: rhs },
    observables: [{ name: s.observables[0] ?? 'size', unit: obsUnit(s), expression: 'N' }],
    error: assayError(s, 0.05),
  };
}

function motif(id: string, title: string, mechanism: string, shapes: Shape[], complexity: number, make: (s: DataScales) => { params: ParameterSpec[]; rhs: string; startsAtZero?: boolean; why?: string }, shapesWhenNamed?: Shape[], extra: Partial<Motif> = {}): Motif {
  return {
    id, family: 'growth', title, mechanism, needsDose: false, shapes, ...(shapesWhenNamed ? { shapesWhenNamed } : {}), complexity, ...extra,
    build: (s) => {
      const m = make(s);
      return growthSpec(id, title, mechanism, s, m.params, m.rhs, m.startsAtZero, m.why);
    },
  };
}

/** the rate of a straight line from the first visit to the last (at least 5% of the range per window) */
export function linearRate(s: DataScales): number {
  return Math.max(Math.abs(s.yLast - s.yFirst), 0.05 * s.yMax) / s.tMax;
}

const approachRate = (s: DataScales) => param('k', perTime(s), 2 / s.tMax, 4, true, 'approach rate');
const asymptote = (s: DataScales) => param('Linf', obsUnit(s), s.direction === 'down' ? Math.max(s.yLast, 1e-6 * s.yMax) : s.yMax * 1.2, 3, false, 'asymptotic size');

/** a rise first seen after time 0 whose start accelerates, with nothing accumulating from time 0 */
const lateStart = (s: DataScales) => s.lateAcceleratingStart === true && s.direction === 'up' && s.fromZero !== true;

/**
 * Von Bertalanffy's curve cannot accelerate. A rise first seen after time 0 whose start does (the
 * mean height of loblolly pines from age 3: 3.0 ft a year, then 3.5, then slowing to 1.8) is growth
 * that began from size 0 at an age t0 before the first visit: the classic form
 * L∞·(1 − e^(−k·(t − t0))), forestry's asymptotic regression (Pinheiro & Bates fit Loblolly with
 * SSasymp: t0 = 2.1 years), held at 0 before t0. From a size at time 0 instead, the curve starts
 * too high and too steep, and only a spread of several hundred percent on that size had let it
 * near the data.
 */
function emergingVonBertalanffy(s: DataScales): { params: ParameterSpec[]; rhs: string; startsAtZero: true; why: string } {
  return {
    params: [
      approachRate(s),
      asymptote(s),
      { name: 't0', unit: s.timeUnit ?? 'time', prior: { type: 'uniform', lower: 0, upper: s.tFirst }, description: 'age at which growth starts from size 0 (before the first visit)' },
    ],
    rhs: 'step(t - t0)*k*(Linf - N)',
    startsAtZero: true,
    why: 'The series is first seen after time 0 and its start accelerates, which a first-order approach cannot: growth starts from size 0 at an age t0 before the first visit.',
  };
}

const K = (s: DataScales) => param('K', obsUnit(s), s.yMax * 1.2, 3, false, 'carrying capacity (plateau)');

export const GROWTH_MOTIFS: Motif[] = [
  motif('growth-exponential', 'Exponential growth', 'Growth proportional to size with no limit (early, unconstrained growth).', ['rise'], 3,
    (s) => ({ params: [param('r', perTime(s), rate(s), 4, true, 'growth rate')], rhs: 'r*N' })),
  motif('growth-logistic', 'Logistic growth', 'Growth proportional to size, slowing symmetrically as resources run out toward a carrying capacity.', ['rise', 'sigmoid', 'plateau'], 4,
    (s) => ({ params: [param('r', perTime(s), 2 * rate(s), 4, true, 'intrinsic growth rate'), K(s)], rhs: 'r*N*(1 - N/K)' })),
  motif('growth-gompertz', 'Gompertz growth', 'Growth whose relative rate decays with log size (typical of tumours): an asymmetric sigmoid with an early inflection.', ['rise', 'sigmoid', 'plateau'], 4,
    (s) => ({ params: [param('r', perTime(s), rate(s), 4, true, 'growth rate'), K(s)], rhs: 'r*N*log(K/N)' })),
  // the first-order approach works from either side: growth to a size, or a fall to a new level
  // where the words speak of a size (a weight on a diet: the asymptote then lies near the last
  // visit, not above the largest)
  motif('growth-von-bertalanffy', 'Von Bertalanffy growth', 'Size approaches an asymptote at a rate proportional to the remaining distance (no inflection).', ['rise', 'plateau'], 4,
    (s) => (lateStart(s) ? emergingVonBertalanffy(s) : { params: [approachRate(s), asymptote(s)], rhs: 'k*(Linf - N)', startsAtZero: s.fromZero === true }), ['decay']),
  motif('growth-richards', 'Richards growth', 'Generalised logistic growth with a shape exponent that moves the inflection point.', ['rise', 'sigmoid', 'plateau'], 5,
    (s) => ({ params: [param('r', perTime(s), 2 * rate(s), 4, true, 'growth rate'), K(s), param('nu', undefined, 1, 3, false, 'shape exponent')], rhs: 'r*N*(1 - pow(N/K, nu))/nu' })),
  // a constant growth rate over the window observed (adolescent height, a rat's weight over weeks:
  // Pinheiro & Bates fit Oxboys, Orthodont and BodyWeight with straight lines). It is dp-linear's
  // structure; where the words speak of growth it is offered under growth, with growth's prior,
  // and dp-linear is not (its sameAs). A rise: a fall at a constant rate is no growth (on log
  // counts it is log-linear inactivation, the microbial motif's), though it is built with the
  // data's sign where offered.
  motif('growth-linear', 'Linear growth', 'Size increases at a constant rate over the window observed (steady growth, no acceleration and no limit reached).', ['linear', 'rise'], 3,
    (s) => ({ params: [param('g', `${obsUnit(s)}/${s.timeUnit ?? 'time'}`, linearRate(s), 4, true, 'growth rate (size per unit time)')], rhs: s.direction === 'down' ? '-g' : 'g' }), undefined, { onlyInNamedFamily: true }),
];
