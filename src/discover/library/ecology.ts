// Ecology motifs: two interacting populations — predator and prey, or two competitors.
import type { CovariateSpec } from '../../model/spec.ts';
import type { Motif } from './motif.ts';
import { assayError, groupTag, obsUnit, param, perObservableError, perTime } from './priors.ts';
import type { DataScales } from './scales.ts';

const perAmountTime = (s: DataScales) => `1/(${obsUnit(s)}·${s.timeUnit ?? 'time'})`;

/**
 * Initial size of a species that only some groups hold (monocultures beside a mixture): the size
 * parameter times the sum of those groups' indicators, so the species starts at 0 — and stays
 * absent — in the groups whose table has no series of it. Everywhere when every group has one.
 */
function inoculum(s: DataScales, species: string, size: string, indicators: Map<string, string>, taken: Set<string>): string {
  const groups = s.groupsObserving?.[species];
  if (!groups) return size;
  const names = groups.map((g, i) => {
    let name = indicators.get(g);
    if (!name) {
      name = [`in_${groupTag(g)}`, `in_g${i + 1}_${species}`].find((n) => n.length <= 32 && /^[A-Za-z]/.test(n) && !taken.has(n)) ?? `in_${indicators.size + 1}`;
      taken.add(name);
      indicators.set(g, name);
    }
    return name;
  });
  return `${size}*(${names.join(' + ')})`;
}

export const ECOLOGY_MOTIFS: Motif[] = [
  {
    id: 'predator-prey', family: 'ecology', title: 'Lotka–Volterra predator–prey',
    mechanism: 'Prey grow exponentially and are eaten by predators (mass action); predators grow by eating and die off: sustained oscillations with the predator lagging the prey.',
    needsDose: false, shapes: ['oscillation'], complexity: 6, words: /predat|\bprey|lynx|\bhares?\b|didinium|parasitoid|herbivor|grazer/i,
    build: (s) => {
      const x0 = s.yFirst > 0 ? s.yFirst : s.yMax / 2;
      const obs = [{ name: s.observables[0] ?? 'prey', unit: obsUnit(s), expression: 'X' }];
      if (s.observables[1]) obs.push({ name: s.observables[1], unit: obsUnit(s), expression: 'Y' });
      return {
        name: 'predator-prey', description: 'Lotka–Volterra predator–prey', rationale: 'Prey growth, predation by mass action, predator death.', timeUnit: s.timeUnit,
        states: [{ name: 'X', unit: obsUnit(s), initial: 'X0' }, { name: 'Y', unit: obsUnit(s), initial: 'Y0' }],
        parameters: [
          param('X0', obsUnit(s), x0, 2, true, 'initial prey'),
          param('Y0', obsUnit(s), x0 / 2, 4, false, 'initial predators'),
          param('a', perTime(s), 8 / s.tMax, 3, true, 'prey growth rate'),
          param('b', perAmountTime(s), 8 / s.tMax / x0, 4, false, 'predation rate'),
          param('c', perTime(s), 8 / s.tMax, 3, false, 'predator death rate'),
          param('d', perAmountTime(s), 8 / s.tMax / x0, 4, false, 'predator growth per prey eaten'),
        ],
        equations: { X: 'a*X - b*X*Y', Y: 'd*X*Y - c*Y' },
        observables: obs,
        error: assayError(s, 0.05),
      };
    },
  },
  {
    // Gause (1934): two species on one resource, each logistic alone, each crowded by the other
    // in proportion to a competition coefficient. Needs both species measured: a competitor that
    // is never observed is not identifiable from one series.
    id: 'competition', family: 'ecology', title: 'Lotka–Volterra competition',
    mechanism: 'Two species share a resource: each grows logistically toward its own carrying capacity and is held back by the other in proportion to a competition coefficient (Gause\'s experiments): monocultures rise to their plateaus, and in mixture one species may exclude the other.',
    needsDose: false, shapes: ['rise', 'sigmoid', 'plateau'], complexity: 8, minObservables: 2,
    words: /\bcompet(e|es|ed|ing|ition|itors?)\b|coexist|monoculture|mixed culture|grown (alone|together)/i,
    build: (s) => {
      const [a = 'species1', b = 'species2'] = s.observables;
      const n0 = s.yFirst > 0 ? s.yFirst : s.yMax / 20;
      const r = Math.max(Math.log(Math.max(s.yMax / n0, 1.5)), 0.5) / s.tMax;
      const taken = new Set(['N1', 'N2', 'N1_0', 'N2_0', 'r1', 'r2', 'K1', 'K2', 'a12', 'a21', a, b, 'dose']);
      const indicators = new Map<string, string>();
      const first = inoculum(s, a, 'N1_0', indicators, taken), second = inoculum(s, b, 'N2_0', indicators, taken);
      const absent = s.groupsObserving !== undefined ? ' A species starts at zero in the groups whose table has no series of it (monocultures).' : '';
      return {
        name: 'competition', description: 'Lotka–Volterra competition', timeUnit: s.timeUnit,
        rationale: `Logistic growth of each species, crowded by the other (competition coefficients a12, a21).${absent}`,
        states: [{ name: 'N1', unit: obsUnit(s), initial: first }, { name: 'N2', unit: obsUnit(s), initial: second }],
        parameters: [
          param('N1_0', obsUnit(s), n0, 3, true, `initial ${a}`),
          param('N2_0', obsUnit(s), n0, 3, true, `initial ${b}`),
          param('r1', perTime(s), 2 * r, 4, false, `intrinsic growth rate of ${a}`),
          param('r2', perTime(s), 2 * r, 4, false, `intrinsic growth rate of ${b}`),
          param('K1', obsUnit(s), 1.2 * s.yMax, 3, true, `carrying capacity of ${a}`),
          param('K2', obsUnit(s), 1.2 * s.yMax, 3, true, `carrying capacity of ${b}`),
          param('a12', undefined, 1, 3, false, `crowding of ${a} by each unit of ${b}`),
          param('a21', undefined, 1, 3, false, `crowding of ${b} by each unit of ${a}`),
        ],
        ...(indicators.size > 0 ? { covariates: [...indicators].map(([group, name]): CovariateSpec => ({ name, group, default: 0 })) } : {}),
        equations: { N1: 'r1*N1*(1 - (N1 + a12*N2)/K1)', N2: 'r2*N2*(1 - (N2 + a21*N1)/K2)' },
        observables: [{ name: a, unit: obsUnit(s), expression: 'N1' }, { name: b, unit: obsUnit(s), expression: 'N2' }],
        error: perObservableError(0.05),
      };
    },
  },
];
