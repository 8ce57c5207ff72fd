// Epidemic motifs in counts: SIR, SEIR, SIRS. The observable is the number currently infected.
// N (the population at risk) is a parameter: aggregate prevalence data rarely give it exactly;
// when the context states it ("a school of 763 boys"), its prior is centred there and narrow.
import type { ModelSpec, ParameterSpec, StateSpec } from '../../model/spec.ts';
import type { Motif, Shape } from './motif.ts';
import { assayError, obsUnit, param, perTime } from './priors.ts';
import type { DataScales } from './scales.ts';

function i0(s: DataScales): number {
  return s.yFirst > 0 ? s.yFirst : s.yMax / 100;
}

function common(s: DataScales): ParameterSpec[] {
  return [
    param('beta', perTime(s), 20 / s.tMax, 3, true, 'transmission rate'),
    param('gamma', perTime(s), 8 / s.tMax, 3, true, 'recovery rate (1/infectious period)'),
    param('I0', obsUnit(s), i0(s), 4, false, 'infected at time 0'),
    // a population stated in the context is nearly fixed; otherwise a wide prior above the peak
    s.population !== undefined && s.population > s.yMax
      ? param('Npop', obsUnit(s), s.population, 1.05, false, 'population at risk (stated in the context)')
      : param('Npop', obsUnit(s), 5 * s.yMax, 4, false, 'population at risk'),
  ];
}

function spec(id: string, title: string, mechanism: string, s: DataScales, states: StateSpec[], params: ParameterSpec[], equations: Record<string, string>): ModelSpec {
  return {
    name: id, description: title, rationale: mechanism, timeUnit: s.timeUnit, states, parameters: params, equations,
    observables: [{ name: s.observables[0] ?? 'infected', unit: obsUnit(s), expression: 'I' }],
    error: assayError(s, 0.05),
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
      { S: '-beta*S*I/Npop', I: 'beta*S*I/Npop - gamma*I', R: 'gamma*I' })),
  motif('epi-seir', 'SEIR epidemic', 'As SIR with a latent (exposed, not yet infectious) stage, which delays and broadens the wave.', ['peak', 'rise'], 5, (s) =>
    spec('epi-seir', 'SEIR epidemic', 'Mass-action transmission with a latent period, recovery with immunity.', s,
      [{ name: 'S', unit: u(s), initial: 'Npop - I0' }, { name: 'E', unit: u(s), initial: '0' }, { name: 'I', unit: u(s), initial: 'I0' }, { name: 'R', unit: u(s), initial: '0' }],
      [...common(s), param('sigma', perTime(s), 10 / s.tMax, 3, false, 'rate of becoming infectious (1/latent period)')],
      { S: '-beta*S*I/Npop', E: 'beta*S*I/Npop - sigma*E', I: 'sigma*E - gamma*I', R: 'gamma*I' })),
  motif('epi-sirs', 'SIRS epidemic', 'As SIR, but immunity wanes so recovered people become susceptible again: damped waves toward an endemic level.', ['peak', 'plateau', 'oscillation'], 5, (s) =>
    spec('epi-sirs', 'SIRS epidemic', 'Mass-action transmission, recovery with waning immunity.', s,
      [{ name: 'S', unit: u(s), initial: 'Npop - I0' }, { name: 'I', unit: u(s), initial: 'I0' }, { name: 'R', unit: u(s), initial: '0' }],
      [...common(s), param('xi', perTime(s), 2 / s.tMax, 4, false, 'rate of waning immunity')],
      { S: '-beta*S*I/Npop + xi*R', I: 'beta*S*I/Npop - gamma*I', R: 'gamma*I - xi*R' })),
];
