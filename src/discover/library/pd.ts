// Pharmacodynamic motifs on a K-PD drive: the dose enters a virtual biophase amount A that
// decays first-order (kde). With response-only data the volume is not identifiable, so potency
// is expressed in dose units (A50). Responses: direct (sigmoid) Emax, effect compartment,
// indirect response I–IV (turnover R with kin = kout·R0, so R(0) = R0 is the baseline).
import type { ModelSpec, ParameterSpec, StateSpec } from '../../model/spec.ts';
import type { Motif, Shape } from './motif.ts';
import { combinedError, doseScale, doseUnit, obsUnit, param, perTime } from './priors.ts';
import type { DataScales } from './scales.ts';

interface PdParts {
  states: StateSpec[];
  params: ParameterSpec[];
  equations: Record<string, string>;
  observable: string;
}

function base(s: DataScales): { states: StateSpec[]; params: ParameterSpec[]; equations: Record<string, string> } {
  return {
    states: [{ name: 'A', unit: doseUnit(s), initial: '0' }],
    params: [
      param('kde', perTime(s), 3 / s.tMax, 4, true, 'elimination rate of the drug drive'),
      param('A50', doseUnit(s), doseScale(s) / 3, 5, false, 'drug amount at half-maximal effect'),
    ],
    equations: { A: '-kde*A' },
  };
}

function baseline(s: DataScales): number {
  return Math.abs(s.yFirst) > 1e-12 ? Math.abs(s.yFirst) : s.yMax / 2;
}

/** size of the response excursion from baseline */
function excursion(s: DataScales): number {
  const b = s.yFirst;
  return Math.max(Math.abs(s.yMax - b), Math.abs(b - s.yMin), 1e-6 * s.yMax);
}

function pdSpec(id: string, title: string, mechanism: string, s: DataScales, parts: PdParts): ModelSpec {
  return {
    name: id,
    description: title,
    rationale: mechanism,
    timeUnit: s.timeUnit,
    states: parts.states,
    parameters: parts.params,
    equations: parts.equations,
    observables: [{ name: s.observables[0] ?? 'response', unit: obsUnit(s), expression: parts.observable }],
    doses: [{ type: 'bolus', state: 'A', amount: 'dose', time: 0 }],
    error: combinedError(s),
  };
}

function emaxLike(id: string, title: string, mechanism: string, hill: boolean, effectCmt: boolean): Motif {
  const build = (s: DataScales): ModelSpec => {
    const b = base(s);
    const sign = s.direction === 'up' ? '+' : '-';
    b.params.push(param('E0', obsUnit(s), baseline(s), 2, true, 'baseline response'));
    b.params.push(param('Emax', obsUnit(s), excursion(s) * 1.5, 3, true, 'maximal drug effect'));
    let drive = 'A';
    if (effectCmt) {
      b.params.push(param('ke0', perTime(s), 6 / s.tMax, 4, false, 'equilibration rate of the effect site'));
      b.states.push({ name: 'Ae', unit: doseUnit(s), initial: '0' });
      b.equations.Ae = 'ke0*(A - Ae)';
      drive = 'Ae';
    }
    let effect = `Emax*${drive}/(A50 + ${drive})`;
    if (hill) {
      b.params.push(param('gamma', undefined, 2, 2, false, 'Hill coefficient (steepness)'));
      effect = `Emax*hill(${drive}, A50, gamma)`;
    }
    return pdSpec(id, title, mechanism, s, { ...b, observable: `E0 ${sign} ${effect}` });
  };
  return { id, family: 'pd', title, mechanism, needsDose: true, shapes: effectCmt ? ['peak', 'return'] : ['peak', 'decay', 'return'], complexity: effectCmt || hill ? 6 : 5, build };
}

type IdrType = 1 | 2 | 3 | 4;

function idr(type: IdrType): Motif {
  const inhibit = type === 1 || type === 2;
  const onKin = type === 1 || type === 3;
  const roman = ['I', 'II', 'III', 'IV'][type - 1]!;
  const id = `pd-idr-${type}`;
  const title = `Indirect response ${roman} (${inhibit ? 'inhibition' : 'stimulation'} of ${onKin ? 'production' : 'loss'})`;
  const mechanism = `The response R is produced at rate kin and lost at rate kout·R; the drug ${inhibit ? 'inhibits' : 'stimulates'} ${onKin ? 'production (kin)' : 'loss (kout)'}, so the response lags the drug and returns to baseline as the drug washes out.`;
  const build = (s: DataScales): ModelSpec => {
    const b = base(s);
    b.params.push(param('R0', obsUnit(s), baseline(s), 2, true, 'baseline response (kin/kout)'));
    b.params.push(param('kout', perTime(s), 4 / s.tMax, 4, true, 'first-order loss rate of the response'));
    const frac = Math.min(0.95, Math.max(0.05, excursion(s) / Math.max(baseline(s), 1e-12)));
    if (inhibit) b.params.push(param('Imax', undefined, Math.min(0.9, frac * 1.5), 2, false, 'maximal fractional inhibition'));
    else b.params.push(param('Smax', undefined, Math.max(0.2, frac * 2), 3, false, 'maximal fractional stimulation'));
    const mod = inhibit ? '(1 - Imax*A/(A50 + A))' : '(1 + Smax*A/(A50 + A))';
    b.states.push({ name: 'R', unit: obsUnit(s), initial: 'R0' });
    b.equations.R = onKin ? `kout*R0*${mod} - kout*R` : `kout*R0 - kout*${mod}*R`;
    return pdSpec(id, title, mechanism, s, { ...b, observable: 'R' });
  };
  const shapes: Shape[] = ['peak', 'return'];
  return { id, family: 'pd', title, mechanism, needsDose: true, shapes, complexity: 6, build };
}

/** direction each IDR type moves the response (used by the first pick) */
export const IDR_DIRECTION: Record<string, 'up' | 'down'> = { 'pd-idr-1': 'down', 'pd-idr-2': 'up', 'pd-idr-3': 'up', 'pd-idr-4': 'down' };

export const PD_MOTIFS: Motif[] = [
  emaxLike('pd-direct-emax', 'Direct Emax response', 'The response follows the drug at once through a saturable (Emax) relation and returns to baseline as the drug is eliminated.', false, false),
  emaxLike('pd-sigmoid-emax', 'Sigmoid Emax response (Hill)', 'As direct Emax, with a Hill coefficient for a steeper or shallower concentration–effect relation.', true, false),
  emaxLike('pd-effect-cmt', 'Effect-compartment Emax response', 'The effect site equilibrates with the drug with rate ke0, so the response peaks after the drug and lags it (hysteresis).', false, true),
  idr(1), idr(2), idr(3), idr(4),
];
