// Epidemic motifs in counts: SIR, SEIR, SIRS. Each observable is read by its name as one of the
// model's quantities: the number currently infected (the default; also cases or deaths per week,
// which are proportional to it), the susceptibles, the recovered, or the cumulative count of
// infections. Several such observables (Eyam's susceptibles and infected) are fitted together.
// N (the population at risk) is a parameter: aggregate data rarely give it exactly; when the
// context states it ("a school of 763 boys"), its prior is centred there and narrow.
import type { ModelSpec, ParameterSpec, StateSpec } from '../../model/spec.ts';
import type { Motif, Shape } from './motif.ts';
import { assayError, obsUnit, param, perObservableError, perTime } from './priors.ts';
import type { DataScales } from './scales.ts';

export type EpidemicRole = 'infected' | 'susceptible' | 'recovered' | 'cumulative';

const ROLES: [RegExp, EpidemicRole][] = [
  [/cumulat|\btotal\b|ever infected|attack/i, 'cumulative'],
  [/suscept|uninfected|^s$/i, 'susceptible'],
  [/recover|removed|immune|^r$/i, 'recovered'],
  [/infect|^i$|\bcases?\b|prevalen|\bsick\b|\bill\b|\bbed(ridden)?\b|death|died|dead/i, 'infected'],
];

/** What an observable's name says it counts; null when the name says none of these. */
export function epidemicRole(name: string): EpidemicRole | null {
  const words = name.replace(/_/g, ' ');
  return ROLES.find(([re]) => re.test(words))?.[1] ?? null;
}

/** Several observables that are distinct quantities of one epidemic (susceptibles and infected). */
export function epidemicQuantities(names: string[]): boolean {
  const roles = names.map(epidemicRole);
  return names.length >= 2 && roles.every((r) => r !== null) && new Set(roles).size === roles.length;
}

const primaryRole = (s: DataScales): EpidemicRole => epidemicRole(s.observables[0] ?? '') ?? 'infected';

/**
 * counted cases (new ones, or their running total) are a reported share of the infections: the
 * population is stated, so the share is not absorbed by it
 */
const reported = (s: DataScales) => (s.incidence !== undefined || primaryRole(s) === 'cumulative') && s.population !== undefined && s.population > s.yMax;

function common(s: DataScales): ParameterSpec[] {
  const role = primaryRole(s);
  // the scales are the primary observable's: the susceptibles start near the population, the
  // infected and the cumulative count near the first infected (for counted new cases, the
  // infected behind them: a count over the interval's transmission, wider where few were reported)
  const beta = 20 / s.tMax;
  const first = s.yFirst > 0 ? s.yFirst : s.yMax / 100;
  const i0 = role === 'susceptible' ? s.yFirst / 50 : s.incidence && role === 'infected' ? first / Math.min(1, beta * s.incidence.interval) : first;
  return [
    param('beta', perTime(s), beta, 3, true, 'transmission rate'),
    param('gamma', perTime(s), 8 / s.tMax, 3, true, 'recovery rate (1/infectious period)'),
    param('I0', obsUnit(s), i0, role === 'susceptible' ? 5 : reported(s) ? 8 : 4, false, 'infected at time 0'),
    ...(reported(s) ? [{ name: 'rho', unit: '1', prior: { type: 'uniform' as const, lower: 0, upper: 1 }, description: 'share of infections reported as cases' }] : []),
    // a population stated in the context is nearly fixed; otherwise a wide prior above the peak
    s.population !== undefined && s.population > s.yMax
      ? param('Npop', obsUnit(s), s.population, 1.05, false, 'population at risk (stated in the context)')
      : role === 'susceptible'
        ? param('Npop', obsUnit(s), 1.05 * s.yMax, 1.5, false, 'population at risk')
        : param('Npop', obsUnit(s), (role === 'cumulative' ? 2 : 5) * s.yMax, 4, false, 'population at risk'),
  ];
}

const EXPRESSION: Record<EpidemicRole, string> = { infected: 'I', susceptible: 'S', recovered: 'R', cumulative: 'C' };

/** the counted new cases: the rate of new infections over the counting interval, a reported share where the population is stated */
function incidenceExpression(s: DataScales, newInfections: string): string {
  const interval = s.incidence!.interval;
  return [reported(s) ? 'rho' : '', interval !== 1 ? String(+interval.toPrecision(6)) : '', newInfections].filter(Boolean).join('*');
}

function spec(id: string, title: string, mechanism: string, s: DataScales, states: StateSpec[], params: ParameterSpec[], equations: Record<string, string>, newInfections: string): ModelSpec {
  const observed = s.observables.length > 0 ? s.observables : ['infected'];
  const roles = observed.map((o) => epidemicRole(o) ?? 'infected');
  const expression = (role: EpidemicRole) => (role === 'infected' && s.incidence ? incidenceExpression(s, newInfections) : role === 'cumulative' && reported(s) ? 'rho*C' : EXPRESSION[role]);
  // the cumulative count of infections: a state that adds up the incidence
  const cumulative = roles.includes('cumulative');
  const allStates = cumulative ? [...states, { name: 'C', unit: obsUnit(s), initial: 'I0' }] : states;
  const allEquations = cumulative ? { ...equations, C: 'beta*S*I/Npop' } : equations;
  // a state named like an observable ("S", "I") is renamed: names are unique across a spec
  const clash = new Set(observed);
  const rename = (x: string) => (clash.has(x) ? `${x}_n` : x);
  const renamed = (e: string) => e.replace(/\b([SEIRC])\b/g, (m) => rename(m));
  return {
    name: id, description: title, rationale: mechanism, timeUnit: s.timeUnit,
    states: allStates.map((st) => ({ ...st, name: rename(st.name), initial: renamed(st.initial) })),
    parameters: params,
    equations: Object.fromEntries(Object.entries(allEquations).map(([k, e]) => [rename(k), renamed(e)])),
    observables: observed.map((o, i) => ({ name: o, unit: obsUnit(s), expression: renamed(expression(roles[i]!)) })),
    error: observed.length > 1 ? perObservableError(0.05) : assayError(s, 0.05),
  };
}

function motif(id: string, title: string, mechanism: string, shapes: Shape[], complexity: number, build: (s: DataScales) => ModelSpec): Motif {
  return { id, family: 'epidemic', title, mechanism, needsDose: false, shapes, complexity, build };
}

const u = (s: DataScales) => obsUnit(s);

export const EPIDEMIC_MOTIFS: Motif[] = [
  motif('epi-sir', 'SIR epidemic', 'Susceptibles are infected by contact with the infected (mass action), who recover with lasting immunity: one epidemic wave.', ['peak', 'rise'], 4, (s) =>
    spec('epi-sir', 'SIR epidemic', 'Mass-action transmission, recovery with immunity.', s,
      [{ name: 'S', unit: u(s), initial: 'Npop - I0' }, { name: 'I', unit: u(s), initial: 'I0' }, { name: 'R', unit: u(s), initial: '0' }],
      common(s),
      { S: '-beta*S*I/Npop', I: 'beta*S*I/Npop - gamma*I', R: 'gamma*I' }, 'beta*S*I/Npop')),
  motif('epi-seir', 'SEIR epidemic', 'As SIR with a latent (exposed, not yet infectious) stage, which delays and broadens the wave.', ['peak', 'rise'], 5, (s) =>
    spec('epi-seir', 'SEIR epidemic', 'Mass-action transmission with a latent period, recovery with immunity.', s,
      [{ name: 'S', unit: u(s), initial: 'Npop - I0' }, { name: 'E', unit: u(s), initial: '0' }, { name: 'I', unit: u(s), initial: 'I0' }, { name: 'R', unit: u(s), initial: '0' }],
      [...common(s), param('sigma', perTime(s), 10 / s.tMax, 3, false, 'rate of becoming infectious (1/latent period)')],
      { S: '-beta*S*I/Npop', E: 'beta*S*I/Npop - sigma*E', I: 'sigma*E - gamma*I', R: 'gamma*I' }, 'sigma*E')),
  motif('epi-sirs', 'SIRS epidemic', 'As SIR, but immunity wanes so recovered people become susceptible again: damped waves toward an endemic level.', ['peak', 'plateau', 'oscillation'], 5, (s) =>
    spec('epi-sirs', 'SIRS epidemic', 'Mass-action transmission, recovery with waning immunity.', s,
      [{ name: 'S', unit: u(s), initial: 'Npop - I0' }, { name: 'I', unit: u(s), initial: 'I0' }, { name: 'R', unit: u(s), initial: '0' }],
      [...common(s), param('xi', perTime(s), 2 / s.tMax, 4, false, 'rate of waning immunity')],
      { S: '-beta*S*I/Npop + xi*R', I: 'beta*S*I/Npop - gamma*I', R: 'gamma*I - xi*R' }, 'beta*S*I/Npop')),
];
