// Pharmacodynamic motifs on a K-PD drive: the dose enters a virtual biophase amount A that
// decays first-order (kde). With response-only data the volume is not identifiable, so potency
// is expressed in dose units (A50). Responses: direct (sigmoid) Emax, effect compartment,
// indirect response I–IV (turnover R with kin = kout·R0, so R(0) = R0 is the baseline).
import type { ModelSpec, ObservableSpec, ParameterSpec, StateSpec } from '../../model/spec.ts';
import type { Motif, Shape } from './motif.ts';
import { assayError, baselineParam, concentrationOf, doseScale, doseUnit, obsUnit, param, perObservableError, perTime, volumeScale } from './priors.ts';
import type { DataScales } from './scales.ts';
import { BLOOD_COUNT_RE } from './event.ts';


export interface Drive {
  states: StateSpec[];
  params: ParameterSpec[];
  equations: Record<string, string>;
  /** the drug drive entering the effect: K-PD amount A, or the concentration central/V */
  drive: string;
  /** potency parameter name (A50 in dose units, EC50 in concentration units) */
  potency: string;
  doseState: string;
  /** the concentration observable when concentrations are measured too */
  concObservable?: ObservableSpec;
}

/**
 * The drug drive. Response-only data: K-PD (virtual amount A decaying at kde, potency in dose
 * units). Concentration measured too: one-compartment PK (oral or IV as the concentrations show),
 * fitted jointly, potency in concentration units.
 */
export function drive(s: DataScales): Drive {
  const pk = s.pkpd;
  if (!pk) {
    return {
      states: [{ name: 'A', unit: doseUnit(s), initial: '0' }],
      params: [
        param('kde', perTime(s), 3 / s.tMax, 4, true, 'elimination rate of the drug drive'),
        param('A50', doseUnit(s), doseScale(s) / 3, 5, false, 'drug amount at half-maximal effect'),
      ],
      equations: { A: '-kde*A' },
      drive: 'A', potency: 'A50', doseState: 'A',
    };
  }
  const c = pk.conc;
  const { unit: vu, factor } = volumeScale(c);
  const V = (pk.oral ? 0.6 : 1) * factor * doseScale(s) / c.yMax;
  const states: StateSpec[] = [];
  const params: ParameterSpec[] = [];
  const equations: Record<string, string> = {};
  if (pk.oral) {
    states.push({ name: 'gut', unit: doseUnit(s), initial: '0' });
    params.push(param('ka', perTime(s), 15 / c.tMax, 5, false, 'first-order absorption rate'));
    equations.gut = '-ka*gut';
  }
  states.push({ name: 'central', unit: doseUnit(s), initial: '0' });
  params.push(param('CL', `${vu}/${s.timeUnit ?? 'time'}`, (2.5 / c.tMax) * V, 4, true, 'clearance'));
  params.push(param('V', vu, V, 3, false, 'volume of distribution'));
  params.push(param('EC50', obsUnit(c), c.yMax / 3, 5, false, 'concentration at half-maximal effect'));
  equations.central = pk.oral ? 'ka*gut - CL/V*central' : '-CL/V*central';
  return {
    states, params, equations, drive: `(${concentrationOf('central', 'V', factor)})`, potency: 'EC50', doseState: pk.oral ? 'gut' : 'central',
    concObservable: { name: pk.concName, unit: obsUnit(c), expression: concentrationOf('central', 'V', factor) },
  };
}

/** scales of the response (the data's own, or the response series in the PK-PD setting) */
function resp(s: DataScales): DataScales {
  return s.pkpd?.response ?? s;
}

function baseline(s: DataScales): number {
  return Math.abs(s.yFirst) > 1e-12 ? Math.abs(s.yFirst) : s.yMax / 2;
}

/** size of the response excursion from baseline */
function excursion(s: DataScales): number {
  const b = s.yFirst;
  return Math.max(Math.abs(s.yMax - b), Math.abs(b - s.yMin), 1e-6 * s.yMax);
}

export function pdSpec(id: string, title: string, mechanism: string, s: DataScales, d: Drive, observable: string): ModelSpec {
  const r = resp(s);
  const responseName = s.pkpd ? s.pkpd.responseName : s.observables[0] ?? 'response';
  const observables: ObservableSpec[] = [{ name: responseName, unit: obsUnit(r), expression: observable }];
  if (d.concObservable) observables.unshift(d.concObservable);
  return {
    name: id,
    description: title,
    rationale: mechanism + (s.pkpd ? ' Drug concentrations are fitted jointly with a one-compartment PK model.' : ''),
    timeUnit: s.timeUnit,
    states: d.states,
    parameters: d.params,
    equations: d.equations,
    observables,
    doses: [{ type: 'bolus', state: d.doseState, amount: 'dose', time: 0 }],
    error: s.pkpd ? perObservableError() : assayError(r, 0.05),
  };
}

function emaxLike(id: string, title: string, mechanism: string, hill: boolean, effectCmt: boolean): Motif {
  const build = (s: DataScales): ModelSpec => {
    const b = drive(s);
    const r = resp(s);
    const sign = r.direction === 'up' ? '+' : '-';
    b.params.push(baselineParam('E0', r, obsUnit(r), baseline(r), 'baseline response'));
    b.params.push(param('Emax', obsUnit(r), excursion(r) * 1.5, 3, true, 'maximal drug effect'));
    let x = b.drive;
    if (effectCmt) {
      b.params.push(param('ke0', perTime(s), 6 / s.tMax, 4, false, 'equilibration rate of the effect site'));
      b.states.push({ name: 'Ce', unit: s.pkpd ? obsUnit(s.pkpd.conc) : doseUnit(s), initial: '0' });
      b.equations.Ce = `ke0*(${b.drive} - Ce)`;
      x = 'Ce';
    }
    let effect = `Emax*${x}/(${b.potency} + ${x})`;
    if (hill) {
      b.params.push(param('gamma', undefined, 2, 2, false, 'Hill coefficient (steepness)'));
      effect = `Emax*hill(${x}, ${b.potency}, gamma)`;
    }
    return pdSpec(id, title, mechanism, s, b, `E0 ${sign} ${effect}`);
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
    const b = drive(s);
    const r = resp(s);
    b.params.push(baselineParam('R0', r, obsUnit(r), baseline(r), 'baseline response (kin/kout)'));
    b.params.push(param('kout', perTime(s), 4 / s.tMax, 4, true, 'first-order loss rate of the response'));
    const frac = Math.min(0.95, Math.max(0.05, excursion(r) / Math.max(baseline(r), 1e-12)));
    // a fraction of production or loss, so at most 1: beyond it the rate would turn negative
    // (real warfarin PCA: a log-normal prior let Imax reach 1.3, negative synthesis at the peak)
    if (inhibit) b.params.push({ name: 'Imax', prior: { type: 'uniform', lower: 0, upper: 1 }, description: 'maximal fractional inhibition (0–1)' });
    else b.params.push(param('Smax', undefined, Math.max(0.2, frac * 2), 3, false, 'maximal fractional stimulation'));
    const x = b.drive;
    const mod = inhibit ? `(1 - Imax*${x}/(${b.potency} + ${x}))` : `(1 + Smax*${x}/(${b.potency} + ${x}))`;
    b.states.push({ name: 'R', unit: obsUnit(r), initial: 'R0' });
    b.equations.R = onKin ? `kout*R0*${mod} - kout*R` : `kout*R0 - kout*${mod}*R`;
    return pdSpec(id, title, mechanism, s, b, 'R');
  };
  const shapes: Shape[] = ['peak', 'return'];
  return { id, family: 'pd', title, mechanism, needsDose: true, shapes, complexity: 6, build, direction: type === 2 || type === 3 ? 'up' : 'down' };
}

/**
 * Myelosuppression (Friberg et al. 2002, J Clin Oncol 20:4713): proliferating cells (Prol) mature
 * through three transit compartments into circulating cells (Circ), each step at ktr = 4/MTT; the
 * drug inhibits proliferation, and feedback (Circ0/Circ)^gamma speeds it while counts are low,
 * which gives the nadir and the rebound above baseline that an indirect response cannot. The
 * drug effect is a fraction (Emax ≤ 1, as Imax of the indirect responses): beyond 1 proliferation
 * would turn negative.
 */
function myelosuppression(): Motif {
  const id = 'pd-myelosuppression';
  const title = 'Myelosuppression (proliferation, maturation chain, feedback; Friberg)';
  const mechanism = 'Proliferating progenitors mature through three transit compartments into circulating cells (mean transit time MTT); the drug inhibits proliferation and low counts feed back to speed it, so counts fall to a nadir days after the dose and rebound above baseline before settling.';
  const build = (s: DataScales): ModelSpec => {
    const b = drive(s);
    const r = resp(s);
    b.params.push(param('Circ0', obsUnit(r), baseline(r), 2, true, 'baseline count of circulating cells'));
    b.params.push(param('MTT', s.timeUnit ?? 'time', s.tMax / 4, 3, true, 'mean transit time of maturation'));
    b.params.push(param('gamma', undefined, 0.2, 3, false, 'feedback exponent of circulating cells on proliferation'));
    b.params.push({ name: 'Emax', prior: { type: 'uniform', lower: 0, upper: 1 }, description: 'maximal fractional inhibition of proliferation (0–1)' });
    const x = b.drive;
    const ktr = '(4/MTT)';
    const chain = ['Prol', 'T1', 'T2', 'T3', 'Circ'];
    for (const c of chain) b.states.push({ name: c, unit: obsUnit(r), initial: 'Circ0' });
    b.equations.Prol = `${ktr}*Prol*(1 - Emax*${x}/(${b.potency} + ${x}))*(Circ0/Circ)^gamma - ${ktr}*Prol`;
    for (let i = 1; i < chain.length; i++) b.equations[chain[i]!] = `${ktr}*${chain[i - 1]} - ${ktr}*${chain[i]}`;
    return pdSpec(id, title, mechanism, s, b, 'Circ');
  };
  return {
    // a count sampled past its nadir rebounds above baseline (the feedback): a trough with an
    // overshoot turns twice, which the shape reader calls an oscillation; sampled to the nadir, a decay
    id, family: 'pd', title, mechanism, needsDose: true, shapes: ['peak', 'return', 'oscillation', 'decay'], complexity: 7, build, onlyWhenNamed: true, direction: 'down',
    words: new RegExp(String.raw`${BLOOD_COUNT_RE.source}|myelosuppress|neutropeni|ha?ematolog|nadir`, 'i'),
  };
}

export const PD_MOTIFS: Motif[] = [
  emaxLike('pd-direct-emax', 'Direct Emax response', 'The response follows the drug at once through a saturable (Emax) relation and returns to baseline as the drug is eliminated.', false, false),
  emaxLike('pd-sigmoid-emax', 'Sigmoid Emax response (Hill)', 'As direct Emax, with a Hill coefficient for a steeper or shallower concentration–effect relation.', true, false),
  emaxLike('pd-effect-cmt', 'Effect-compartment Emax response', 'The effect site equilibrates with the drug with rate ke0, so the response peaks after the drug and lags it (hysteresis).', false, true),
  idr(1), idr(2), idr(3), idr(4),
  myelosuppression(),
];
