// Disease-progression motifs: linear, exponential, turnover (approach to a new steady state),
// linear progression with a treatment effect (protective: slows progression; symptomatic: an
// offset that washes out), and biphasic decay of two pools. The sign follows the data: a score
// that falls declines.
import type { ModelSpec, ParameterSpec, StateSpec } from '../../model/spec.ts';
import type { Motif, Shape } from './motif.ts';
import { assayError, doseScale, doseUnit, obsUnit, param, perTime } from './priors.ts';
import type { DataScales } from './scales.ts';
import { linearRate } from './growth.ts';

function s0(s: DataScales): number {
  return Math.abs(s.yFirst) > 1e-12 ? Math.abs(s.yFirst) : s.yMax / 2;
}

interface Parts { states: StateSpec[]; params: ParameterSpec[]; equations: Record<string, string>; observable: string; doses?: boolean }

function spec(id: string, title: string, mechanism: string, s: DataScales, p: Parts): ModelSpec {
  const m: ModelSpec = {
    name: id, description: title, rationale: mechanism, timeUnit: s.timeUnit,
    states: p.states, parameters: p.params, equations: p.equations,
    observables: [{ name: s.observables[0] ?? 'score', unit: obsUnit(s), expression: p.observable }],
    error: assayError(s, 0.05),
  };
  if (p.doses) m.doses = [{ type: 'bolus', state: 'A', amount: 'dose', time: 0 }];
  return m;
}

function motif(id: string, title: string, mechanism: string, needsDose: boolean, shapes: Shape[], complexity: number, make: (s: DataScales, sign: string) => Parts, extra: Partial<Motif> = {}): Motif {
  return {
    id, family: 'disease', title, mechanism, needsDose, shapes, complexity, ...extra,
    build: (s) => spec(id, title, mechanism, s, make(s, s.direction === 'up' ? '' : '-')),
  };
}

const S0 = (s: DataScales) => param('S0', obsUnit(s), s0(s), 2, true, 'baseline disease status');
const drug = (s: DataScales): ParameterSpec[] => [
  param('kde', perTime(s), 3 / s.tMax, 4, false, 'elimination rate of the drug'),
  param('A50', doseUnit(s), doseScale(s) / 2, 5, false, 'drug amount at half-maximal effect'),
];

/**
 * the data are on a log10 scale (e.g. viral load in log10 copies/mL): the model's states are not.
 * Read once, with the log10 counts, from the label, its unit or the context (scales.ts).
 */
export const onLog10Scale = (s: DataScales): boolean => s.log10Counts === true;

/**
 * Biphasic decay: two independent pools decaying first-order at different rates (e.g. viral load
 * under antiretroviral therapy, V = A·e^(−δt) + B·e^(−γt): short- and long-lived infected cells,
 * Perelson et al. 1997). On log10-scale data the observable is log10 of the total.
 */
function biphasicDecay(): Motif {
  const id = 'decay-biphasic';
  const title = 'Biphasic decay (two pools)';
  const mechanism = 'Two pools decay first-order at different rates, e.g. virus produced by short- and long-lived infected cells under therapy: a fast first phase and a slow second phase.';
  return {
    id, family: 'disease', title, mechanism, needsDose: false, shapes: ['decay', 'biphasic', 'plateau'], complexity: 6, sameAs: 'deg-dfop',
    build: (s) => {
      const log = onLog10Scale(s);
      const level = (y: number) => (log ? 10 ** y : Math.max(Math.abs(y), 1e-6 * s.yMax));
      const first = level(s.yFirst), last = level(s.yLast);
      const unit = log ? 'copies' : obsUnit(s);
      const m: ModelSpec = {
        name: id, description: title, rationale: mechanism, timeUnit: s.timeUnit,
        states: [{ name: 'F', unit, initial: 'A0' }, { name: 'L', unit, initial: 'B0' }],
        parameters: [
          param('A0', unit, Math.max(first - last, 0.5 * first), 3, true, 'initial size of the fast-decaying pool'),
          param('B0', unit, Math.min(Math.max(last, 1e-3 * first), first), 10, true, 'initial size of the slowly decaying pool'),
          param('delta', perTime(s), 10 / s.tMax, 4, true, 'decay rate of the fast pool (first phase)'),
          param('gamma', perTime(s), 1 / s.tMax, 5, false, 'decay rate of the slow pool (second phase)'),
        ],
        equations: { F: '-delta*F', L: '-gamma*L' },
        observables: [{ name: s.observables[0] ?? 'level', unit: obsUnit(s), expression: log ? 'log10(F + L)' : 'F + L' }],
        error: assayError(s, 0.05),
      };
      return m;
    },
  };
}

export const DISEASE_MOTIFS: Motif[] = [
  motif('dp-linear', 'Linear disease progression', 'Disease status changes at a constant rate (slow, steady progression).', false, ['linear', 'rise', 'decay'], 3,
    (s, sign) => ({ states: [{ name: 'S', unit: obsUnit(s), initial: 'S0' }], params: [S0(s), param('alpha', `${obsUnit(s)}/${s.timeUnit ?? 'time'}`, linearRate(s), 4, true, 'progression rate')], equations: { S: `${sign}alpha` }, observable: 'S' }), { sameAs: 'growth-linear' }),
  motif('dp-exponential', 'Exponential disease progression', 'Disease status changes in proportion to itself (accelerating worsening or proportional decline).', false, ['rise', 'decay'], 3,
    (s, sign) => ({ states: [{ name: 'S', unit: obsUnit(s), initial: 'S0' }], params: [S0(s), param('alpha', perTime(s), 1 / s.tMax, 4, true, 'relative progression rate')], equations: { S: `${sign}alpha*S` }, observable: 'S' })),
  motif('dp-turnover', 'Turnover toward a new steady state', 'Status is produced and lost at first-order rates and relaxes exponentially from its baseline to a new steady state.', false, ['rise', 'decay', 'plateau'], 4,
    (s) => ({ states: [{ name: 'S', unit: obsUnit(s), initial: 'S0' }], params: [S0(s), param('Sss', obsUnit(s), Math.max(Math.abs(s.yLast), 1e-6 * s.yMax), 3, false, 'steady-state status'), param('kout', perTime(s), 3 / s.tMax, 4, true, 'turnover rate')], equations: { S: 'kout*(Sss - S)' }, observable: 'S' })),
  motif('dp-linear-protective', 'Linear progression slowed by treatment', 'Linear progression whose rate the drug reduces while it is present (a disease-modifying, protective effect).', true, ['linear', 'rise', 'decay', 'plateau'], 6,
    (s, sign) => ({
      states: [{ name: 'S', unit: obsUnit(s), initial: 'S0' }, { name: 'A', unit: doseUnit(s), initial: '0' }],
      params: [S0(s), param('alpha', `${obsUnit(s)}/${s.timeUnit ?? 'time'}`, linearRate(s), 4, true, 'untreated progression rate'), param('Emax', undefined, 0.5, 2, false, 'maximal fractional slowing'), ...drug(s)],
      equations: { S: `${sign}alpha*(1 - Emax*A/(A50 + A))`, A: '-kde*A' }, observable: 'S', doses: true,
    })),
  motif('dp-linear-symptomatic', 'Linear progression with a symptomatic treatment effect', 'Linear progression underneath a drug effect that improves status while the drug is present and washes out (symptomatic effect).', true, ['linear', 'peak', 'return'], 6,
    (s, sign) => ({
      states: [{ name: 'S', unit: obsUnit(s), initial: 'S0' }, { name: 'A', unit: doseUnit(s), initial: '0' }],
      params: [S0(s), param('alpha', `${obsUnit(s)}/${s.timeUnit ?? 'time'}`, linearRate(s), 4, true, 'progression rate'), param('Emax', obsUnit(s), Math.max(s.yMax - s.yMin, 0.05 * s.yMax), 3, true, 'maximal symptomatic effect'), ...drug(s)],
      equations: { S: `${sign}alpha`, A: '-kde*A' }, observable: `S ${sign === '' ? '-' : '+'} Emax*A/(A50 + A)`, doses: true,
    })),
  biphasicDecay(),
];
