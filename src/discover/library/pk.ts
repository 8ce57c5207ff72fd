// Pharmacokinetic motifs: 1/2/3 compartments, IV bolus or oral, first-order absorption,
// absorption lag, transit chain, linear / Michaelis–Menten / mixed elimination.
//
// Absorption lag is a SMOOTH switch, ka·gut·½(1 + tanh(4(t − tlag)/tlag)): absorption rises
// from ~0 to full over about tlag/2 around t = tlag. A hard step would put a discontinuity in
// the right-hand side that adaptive integrators can only cross by crushing the step size; the
// tanh switch is smooth, bounded (no overflow for any t ≥ 0), and equals 3·10⁻⁴ at t = 0.
// The transit chain (depot → transit1 → transit2 → central, rate ktr) is the other, fully linear,
// way to delay the peak.
import type { ModelSpec, ParameterSpec, StateSpec } from '../../model/spec.ts';
import type { Motif, PkDescriptor } from './motif.ts';
import { assayError, concentrationOf, doseScale, doseUnit, obsUnit, param, perTime, timeUnit, volumeScale } from './priors.ts';
import type { DataScales } from './scales.ts';
import { allometric, CLEARANCE_EXPONENT, referenceSubject } from './allometry.ts';

export function pkId(d: PkDescriptor): string {
  const parts = [`pk-${d.compartments}cmt-${d.route}${d.alsoIv ? '-iv' : ''}`];
  if (d.route === 'oral' && d.absorption !== 'first-order') parts.push(d.absorption);
  if (d.elimination !== 'linear') parts.push(d.elimination);
  return parts.join('-');
}

function pkTitle(d: PkDescriptor): string {
  const cm = `${d.compartments}-compartment`;
  const route = d.route === 'iv' ? 'IV bolus' : d.alsoIv ? 'oral and IV' : 'oral';
  const abs = d.absorption === 'lag' ? ', absorption lag' : d.absorption === 'transit' ? ', transit absorption' : '';
  const el = d.elimination === 'mm' ? ', Michaelis–Menten elimination' : d.elimination === 'mixed' ? ', linear + saturable elimination' : '';
  return `${cm} ${route} PK${abs}${el}`;
}

function pkMechanism(d: PkDescriptor): string {
  const bits = [`Drug amount moves between ${d.compartments} well-mixed compartment${d.compartments > 1 ? 's' : ''}`];
  if (d.route === 'iv') bits.push('the dose enters the central compartment at once');
  else if (d.absorption === 'lag') bits.push('absorption from the gut starts after a delay');
  else if (d.absorption === 'transit') bits.push('the dose passes a chain of transit compartments before reaching plasma, delaying and smoothing the peak');
  else bits.push('absorption from the gut is first-order');
  if (d.alsoIv) bits.push('an oral dose reaches the circulation in the fraction F (bioavailability), an IV dose enters the central compartment at once');
  if (d.elimination === 'mm') bits.push('elimination saturates at high concentration (enzyme capacity)');
  else if (d.elimination === 'mixed') bits.push('elimination has a linear and a saturable pathway');
  else bits.push('elimination is first-order (clearance)');
  return bits.join('; ') + '.';
}

export function buildPk(d: PkDescriptor, s: DataScales): ModelSpec {
  const T = s.tMax;
  const D = doseScale(s);
  const cmax = s.yMax;
  const { unit: vu, factor } = volumeScale(s);
  const cl = `${vu}/${timeUnit(s)}`;
  // V from dose/Cmax (oral peaks lower than dose/V, hence the factor), in litres where the units
  // convert (volumeScale); k ≈ 2.5/T (a few half-lives in the window)
  const V = (d.route === 'oral' ? 0.6 : 1) * factor * D / cmax;
  const k = 2.5 / T;
  const states: StateSpec[] = [];
  const params: ParameterSpec[] = [];
  const eq: Record<string, string> = {};
  const centralIn: string[] = [];
  const centralOut: string[] = [];
  const amt = doseUnit(s);
  let doseState = 'central';
  // with body weight: clearances and volumes are those of the reference subject (allometry.ts);
  // priors move from the primary group's weight to the reference by the same exponents
  const w = s.weight;
  const size = allometric(w);
  const vRef = w ? w.reference / w.primary : 1;
  const clRef = vRef ** CLEARANCE_EXPONENT;
  const of = w ? ` of ${referenceSubject(w)}` : '';

  if (d.route === 'oral') {
    params.push(param('ka', perTime(s), 15 / T, 5, true, 'first-order absorption rate'));
    // only IV groups beside oral ones tell F apart from CL and V: uniform over (0, 1]
    if (d.alsoIv) params.push({ name: 'F', unit: '1', prior: { type: 'uniform', lower: 0.01, upper: 1 }, description: 'bioavailability: the fraction of an oral dose that reaches the circulation' });
    if (d.absorption === 'transit') {
      params.push(param('ktr', perTime(s), 40 / T, 4, false, 'transit rate between delay compartments'));
      states.push({ name: 'depot', unit: amt, initial: '0' }, { name: 'transit1', unit: amt, initial: '0' }, { name: 'transit2', unit: amt, initial: '0' });
      eq.depot = '-ktr*depot';
      eq.transit1 = 'ktr*depot - ktr*transit1';
      eq.transit2 = 'ktr*transit1 - ka*transit2';
      centralIn.push('ka*transit2');
      doseState = 'depot';
    } else {
      states.push({ name: 'gut', unit: amt, initial: '0' });
      doseState = 'gut';
      if (d.absorption === 'lag') {
        // the lag varies between subjects, as in the published warfarin models (Holford; nlmixr2):
        // with one lag for all, the spread of early concentrations is put on ka or a second compartment
        params.push(param('tlag', timeUnit(s), 0.04 * T, 3, true, 'absorption lag time'));
        eq.gut = '-ka*gut*0.5*(1 + tanh(4*(t - tlag)/tlag))';
        centralIn.push('ka*gut*0.5*(1 + tanh(4*(t - tlag)/tlag))');
      } else {
        eq.gut = '-ka*gut';
        centralIn.push('ka*gut');
      }
    }
  }
  states.push({ name: 'central', unit: amt, initial: '0' });
  if (d.elimination === 'linear' || d.elimination === 'mixed') {
    params.push(param('CL', cl, clRef * k * V * (d.elimination === 'mixed' ? 0.5 : 1), 4, true, `clearance${of}`));
    centralOut.push(`${size.clearance('CL')}/${size.volume('V')}*central`);
  }
  params.push(param('V', vu, vRef * V, 3, true, `central volume of distribution${of}`));
  if (d.elimination === 'mm' || d.elimination === 'mixed') {
    params.push(param('Vmax', `${amt}/${timeUnit(s)}`, clRef * k * V * cmax / factor * (d.elimination === 'mixed' ? 0.5 : 1), 5, d.elimination === 'mm', `maximum elimination rate${of}`));
    params.push(param('Km', obsUnit(s), cmax / 2, 5, false, 'concentration at half-maximal elimination'));
    const conc = concentrationOf('central', size.volume('V'), factor);
    centralOut.push(`${size.clearance('Vmax')}*(${conc})/(Km + ${conc})`);
  }
  for (let i = 2; i <= d.compartments; i++) {
    const p = i === 2 ? 'peripheral' : 'peripheral2';
    const Q = i === 2 ? 'Q' : 'Q3';
    const Vp = i === 2 ? 'V2' : 'V3';
    params.push(param(Q, cl, clRef * k * V, 4, false, `inter-compartmental clearance to ${p}${of}`));
    params.push(param(Vp, vu, vRef * V * (i === 2 ? 1.5 : 3), 4, false, `volume of ${p}${of}`));
    states.push({ name: p, unit: amt, initial: '0' });
    const flow = `${size.clearance(Q)}/${size.volume('V')}*central - ${size.clearance(Q)}/${size.volume(Vp)}*${p}`;
    eq[p] = flow;
    centralOut.push(flow);
  }
  eq.central = [...centralIn, ...centralOut.map((x) => (x.includes(' - ') ? `(${x})` : x)).map((x) => `- ${x}`)].join(' ').replace(/^- /, '-');
  return {
    name: pkId(d),
    description: pkTitle(d) + (w ? `, allometric body-weight scaling` : ''),
    rationale: pkMechanism(d) + (w ? ` ${allometryNote(w)}` : ''),
    timeUnit: s.timeUnit,
    states,
    parameters: params,
    equations: eq,
    ...(w ? { covariates: [{ name: w.name, ...(w.unit !== undefined ? { unit: w.unit } : {}), default: w.reference }] } : {}),
    observables: [{ name: s.observables[0] ?? 'concentration', unit: obsUnit(s), expression: concentrationOf('central', size.volume('V'), factor) }],
    doses: d.alsoIv
      ? [{ type: 'bolus', state: doseState, amount: 'F*dose', time: 0, route: 'oral' }, { type: 'bolus', state: 'central', amount: 'dose', time: 0, route: 'iv' }]
      : [{ type: 'bolus', state: doseState, amount: 'dose', time: 0 }],
    error: assayError(s),
  };
}

/** the sentence the rationale gets when the model scales with body weight */
function allometryNote(w: NonNullable<DataScales['weight']>): string {
  return `Clearances scale with body weight as (${w.name}/${w.reference})^${CLEARANCE_EXPONENT} and volumes as ${w.name}/${w.reference} (fixed allometric exponents), so CL and V are those of ${referenceSubject(w)}.`;
}

export function pkMotif(d: PkDescriptor): Motif {
  const shapes: Motif['shapes'] = d.route === 'iv' ? ['decay'] : ['peak'];
  if (d.compartments > 1) shapes.push('biphasic');
  const base = { 1: 3, 2: 5, 3: 7 }[d.compartments];
  const extra = (d.route === 'oral' ? 1 : 0) + (d.absorption === 'lag' || d.absorption === 'transit' ? 1 : 0) + (d.elimination === 'mm' ? 1 : d.elimination === 'mixed' ? 2 : 0);
  return {
    id: pkId(d),
    family: 'pk',
    title: pkTitle(d),
    mechanism: pkMechanism(d),
    needsDose: true,
    shapes,
    complexity: base + extra,
    pk: d,
    // the lag switches absorption on at t = tlag, which delays a dose at t = 0 only; a model dosed
    // both ways only for oral groups beside IV ones, and no other then
    applies: (s: DataScales) => (d.absorption !== 'lag' || !s.repeatedDoses) && (d.alsoIv === true) === (s.mixedRoutes === true),
    build: (s) => buildPk(d, s),
  };
}

const D = (compartments: 1 | 2 | 3, route: 'iv' | 'oral', absorption: PkDescriptor['absorption'], elimination: PkDescriptor['elimination']): PkDescriptor => ({ compartments, route, absorption, elimination });

/** The PK motifs in the library (descriptors; mutations move between them). */
export const PK_DESCRIPTORS: PkDescriptor[] = [
  D(1, 'iv', 'none', 'linear'), D(2, 'iv', 'none', 'linear'), D(3, 'iv', 'none', 'linear'),
  D(1, 'oral', 'first-order', 'linear'), D(2, 'oral', 'first-order', 'linear'), D(3, 'oral', 'first-order', 'linear'),
  D(1, 'oral', 'lag', 'linear'), D(2, 'oral', 'lag', 'linear'),
  D(1, 'oral', 'transit', 'linear'), D(2, 'oral', 'transit', 'linear'),
  D(1, 'iv', 'none', 'mm'), D(1, 'oral', 'first-order', 'mm'),
  D(1, 'iv', 'none', 'mixed'), D(1, 'oral', 'first-order', 'mixed'),
  D(2, 'iv', 'none', 'mm'),
  // oral groups beside IV ones (a bioavailability study)
  { ...D(1, 'oral', 'first-order', 'linear'), alsoIv: true }, { ...D(2, 'oral', 'first-order', 'linear'), alsoIv: true },
  { ...D(3, 'oral', 'first-order', 'linear'), alsoIv: true }, { ...D(1, 'oral', 'transit', 'linear'), alsoIv: true },
  { ...D(1, 'oral', 'first-order', 'mm'), alsoIv: true },
];

export const PK_MOTIFS: Motif[] = PK_DESCRIPTORS.map(pkMotif);
