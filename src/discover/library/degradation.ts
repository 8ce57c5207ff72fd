// Degradation kinetics of a chemical in soil, water or sediment (environmental fate): the models
// of the FOCUS kinetics guidance (FOCUS 2006, the field's reference for pesticide dissipation
// studies, and R's mkin). Amounts are in the data's unit (usually % of applied radioactivity);
// the substance is applied once at t = 0, so nothing is dosed and the starting amount M0 is fitted.
//
// - SFO, single first-order: M' = −k·M. The default: the guidance fits it first and keeps it
//   unless the data clearly ask for a biphasic decline.
// - FOMC, first-order multi-compartment (Gustafson & Holden 1990): rate constants gamma-distributed
//   over the soil, M(t) = M0/(1 + t/β)^α, i.e. M' = −α/(β + t)·M. SFO in the limit α, β → ∞ with
//   α/β = k.
// - DFOP, double first-order in parallel: a fraction g of M0 in a fast pool (k1), the rest in a
//   slow one (k2 < k1 by its prior).
// - HS, hockey-stick: first-order at rate k1 up to a breakpoint tb, at k2 ≤ k1 after it.
// - SFO–SFO, parent and metabolite: the parent's degradation forms the metabolite with fraction
//   f (the rest goes to unmeasured products), which degrades first-order in turn.
// - DFOP–SFO and DFOP–SFO–SFO: the same with a biphasic (DFOP) parent.
// - Mineralisation (one pool, Stanford & Smith 1972; two pools in parallel, as DFOP): what an
//   incubation measures is often what has left the organic matter, the cumulative CO2-C (or
//   mineral N) evolved: the observable is C0 minus what remains, rising from 0 to C0.
// Replicates are flasks of one soil: small between-replicate spreads (withReplicateSpread).
import type { LogNormalPrior, ModelSpec, ParameterSpec } from '../../model/spec.ts';
import type { Motif, Shape } from './motif.ts';
import { constantError, obsUnit, param, perObservableError, perTime, timeUnit } from './priors.ts';
import type { DataScales } from './scales.ts';

/**
 * words of environmental fate — a chemical's degradation in soil, water or sediment — and of a
 * chemical reaction's first-order kinetics (an isomerisation, a pyrolysis: a substance turning into
 * the products measured beside it, Box et al. 1973's α-pinene), which the same schemes describe
 */
export const FATE_RE = /degrad|evolved CO2|\bCO2[- ](evolved|evolution|efflux)|\b(soil|microbial|heterotrophic) respiration|dissipat|\bDT ?[59]0\b|pesticid|herbicid|insecticid|fungicid|agrochemical|\bsoils?\b|sediment|\bresidues?\b|applied radioactivity|% ?of applied|\bAR\b|hydrolys|photolys|mineraliz|mineralis|environmental fate|persistence|transformation product|isomeri[sz]|pyroly|(thermal|chemical) decomposition|(chemical|reaction) kinetics|reaction (products?|network|scheme)|\bby-?products?\b|first-order reactions?/i;

/** starting amount: the first visit's (or the largest) mean */
/**
 * proposed only where the words (context or labels) speak of degradation: SFO is the same equation
 * as an exponential decline of anything, and a decline with no such words is not a pesticide's
 */
const FATE_ONLY = { words: FATE_RE, onlyWhenNamed: true } as const;

/** words of what an incubation releases: CO2 evolved, a soil's respiration, mineralisation */
export const MINERALISATION_RE = /mineraliz|mineralis|evolved CO2|\bCO2[- ](evolved|evolution|released|release|efflux|production)|\b(soil|microbial|heterotrophic|basal) respiration|soil incubation|\bincubat(ed|ion)\b[^.;]{0,40}\bsoils?\b/i;

const startingAmount = (s: DataScales) => param('M0', obsUnit(s), Math.abs(s.yFirst) > 1e-12 ? Math.abs(s.yFirst) : s.yMax, 1.5, true, 'amount at application (t = 0)');

const fraction = (name: string, description: string): ParameterSpec => ({ name, prior: { type: 'uniform', lower: 0, upper: 1 }, description });

/** a curve's states (by default one, M, starting at M0), parameters, equations and what is measured */
interface Parts { states?: ModelSpec['states']; params: ParameterSpec[]; equations: Record<string, string>; total: string }

function oneSubstance(id: string, title: string, mechanism: string, shapes: Shape[], complexity: number, make: (s: DataScales) => Parts): Motif {
  return {
    id, family: 'fate', title, mechanism, needsDose: false, shapes, complexity, ...FATE_ONLY,
    build: (s) => {
      const p = make(s);
      return {
        name: id, description: title, rationale: mechanism, timeUnit: s.timeUnit,
        states: p.states ?? [{ name: 'M', unit: obsUnit(s), initial: 'M0' }], parameters: p.params, equations: p.equations,
        observables: [{ name: s.observables[0] ?? 'residue', unit: obsUnit(s), expression: p.total }],
        error: constantError(s),
      };
    },
  };
}

const sfo = oneSubstance('deg-sfo', 'Single first-order degradation (SFO)',
  'The substance degrades at a rate proportional to the amount left (single first-order kinetics): a constant half-life DT50 = ln 2/k.',
  ['decay'], 2,
  (s) => ({
    params: [startingAmount(s), param('k', perTime(s), 3 / s.tMax, 4, true, 'first-order degradation rate')],
    equations: { M: '-k*M' }, total: 'M',
  }));

const fomc = oneSubstance('deg-fomc', 'First-order multi-compartment degradation (FOMC, Gustafson–Holden)',
  'Degradation is first-order everywhere, but its rate varies over the soil (gamma-distributed): the decline is fast at first and slows as the more resistant fraction remains.',
  ['decay', 'biphasic'], 3,
  (s) => ({
    params: [
      startingAmount(s),
      // both vary between replicates or soils, as in mkin's hierarchical FOMC: with neither varying
      // nothing could spread the rate, and 15 soils simulated from FOMC (mkin's ds_fomc) put DFOP first
      param('alpha', undefined, 1, 4, true, 'shape of the rate distribution (small: strongly biphasic)'),
      param('beta', timeUnit(s), s.tMax / 10, 5, true, 'location of the rate distribution (time)'),
    ],
    equations: { M: '-alpha/(beta + t)*M' }, total: 'M',
  }));

/**
 * DFOP's split and rates: a fraction g in the fast pool (k1), the rest in the slow one (k2 < k1 by
 * its prior). Both rates vary between replicates or soils, as in mkin's hierarchical DFOP: with k2
 * fixed, 15 soils simulated from DFOP (mkin's ds_dfop) tied FOMC, whose two parameters both vary.
 */
const dfopPools = (s: DataScales, of: string): ParameterSpec[] => [
  fraction('g', `fraction of ${of} in the fast pool`),
  param('k1', perTime(s), 10 / s.tMax, 5, true, `degradation rate of ${of}'s fast pool`),
  param('k2', perTime(s), 1 / s.tMax, 5, true, `degradation rate of ${of}'s slow pool`),
];

const dfop = oneSubstance('deg-dfop', 'Double first-order in parallel (DFOP)',
  'The substance sits in two fractions that degrade first-order in parallel, a fast one and a slow one: a fast first phase, then a slower tail.',
  ['decay', 'biphasic'], 4,
  (s) => ({
    states: [{ name: 'fast', unit: obsUnit(s), initial: 'g*M0' }, { name: 'slow', unit: obsUnit(s), initial: '(1 - g)*M0' }],
    params: [
      startingAmount(s),
      ...dfopPools(s, 'the substance'),
    ],
    equations: { fast: '-k1*fast', slow: '-k2*slow' }, total: 'fast + slow',
  }));

/**
 * Hockey-stick (HS, FOCUS 2006): first-order at one rate up to a breakpoint tb, at a slower one
 * after it — a biphasic decline whose rate drops abruptly, as when the soil's conditions change
 * during the study. The fourth of the guidance's parent models (mkin's "HS"); the rate switches by a
 * unit step in time, which the adaptive solvers step across. Only ever slower after the break
 * (min(k1, k2)): a rate that rises after it is a lag phase, which the guidance does not fit this
 * way — with it allowed, FOCUS A's short lag (101, 99, 90 % at days 0, 3, 7) put HS first at 99%
 * over the SFO every package of the software comparison fits.
 */
const hockeyStick = oneSubstance('deg-hs', 'Hockey-stick degradation (HS): first-order with a breakpoint',
  'The substance degrades first-order at one rate until a breakpoint, then first-order at another rate: a decline that changes pace abruptly, as when the conditions in the soil change.',
  ['decay', 'biphasic'], 4,
  (s) => ({
    params: [
      startingAmount(s),
      param('k1', perTime(s), 3 / s.tMax, 4, true, 'degradation rate before the breakpoint'),
      param('k2', perTime(s), 1 / s.tMax, 5, true, 'degradation rate after the breakpoint (at most k1)'),
      param('tb', timeUnit(s), s.tMax / 5, 3, false, 'breakpoint: when the rate drops'),
    ],
    equations: { M: '-(k1 + (min(k1, k2) - k1)*step(t - tb))*M' }, total: 'M',
  }));

/** Parent and metabolite (FOCUS's SFO–SFO): needs both measured (scales.parentMetabolite names them). */
const sfoSfo: Motif = {
  id: 'deg-sfo-sfo', family: 'fate', title: 'Parent and metabolite, single first-order each (SFO–SFO)',
  mechanism: 'The parent degrades first-order; a fraction f of what degrades forms the metabolite, which degrades first-order in turn.',
  needsDose: false, shapes: ['decay'], complexity: 5, minObservables: 2, ...FATE_ONLY,
  build: (s) => {
    const pm = s.parentMetabolite;
    const parent = pm?.parent ?? s, metabolite = pm?.metabolite ?? s;
    const unit = obsUnit(parent);
    const params: ParameterSpec[] = [
      startingAmount(parent),
      param('k_parent', perTime(s), 3 / s.tMax, 4, true, 'first-order degradation rate of the parent'),
      fraction('f', 'fraction of the degraded parent that forms the metabolite'),
      param('k_metabolite', perTime(s), 1 / s.tMax, 5, true, 'first-order degradation rate of the metabolite'),
    ];
    return {
      name: 'deg-sfo-sfo', description: sfoSfo.title, rationale: sfoSfo.mechanism, timeUnit: s.timeUnit,
      states: [{ name: 'parent', unit, initial: 'M0' }, { name: 'metab', unit, initial: '0' }],
      parameters: params,
      equations: { parent: '-k_parent*parent', metab: 'f*k_parent*parent - k_metabolite*metab' },
      observables: [
        { name: pm?.parentName ?? s.observables[0] ?? 'parent', unit, expression: 'parent' },
        { name: pm?.metaboliteName ?? 'metabolite', unit: obsUnit(metabolite), expression: 'metab' },
      ],
      error: perObservableError(0.05),
    };
  },
};

/**
 * A parent and two products formed in turn (FOCUS's SFO–SFO–SFO; 2,4,5-T → its phenol → its
 * anisole, McCall et al. 1981): each step forms the next with its own fraction. Needs the three
 * measured and ordered (scales.degradationPathway: the parent falls, the earlier-peaking product
 * comes first).
 */
const sfoChain: Motif = {
  id: 'deg-sfo-sfo-sfo', family: 'fate', title: 'Parent and two products in turn, single first-order each (SFO–SFO–SFO)',
  mechanism: 'The parent degrades first-order and a fraction f1 of it forms the first product, which degrades first-order and forms the second with fraction f2; that one degrades first-order too.',
  needsDose: false, shapes: ['decay'], complexity: 8, minObservables: 3, ...FATE_ONLY,
  build: (s) => {
    const [parent, first, second] = s.degradationPathway?.names ?? [s.observables[0] ?? 'parent', 'product1', 'product2'];
    const unit = obsUnit(s);
    return {
      name: 'deg-sfo-sfo-sfo', description: sfoChain.title, rationale: sfoChain.mechanism, timeUnit: s.timeUnit,
      states: [{ name: 'P', unit, initial: 'M0' }, { name: 'A', unit, initial: '0' }, { name: 'B', unit, initial: '0' }],
      parameters: [
        param('M0', unit, s.degradationPathway?.parentStart ?? Math.max(s.yMax, 1e-12), 1.5, true, 'amount of the parent at application (t = 0)'),
        param('k_parent', perTime(s), 3 / s.tMax, 4, true, 'first-order degradation rate of the parent'),
        fraction('f1', 'fraction of the degraded parent that forms the first product'),
        param('k_first', perTime(s), 3 / s.tMax, 5, true, 'first-order degradation rate of the first product'),
        fraction('f2', 'fraction of the degraded first product that forms the second'),
        param('k_second', perTime(s), 1 / s.tMax, 5, true, 'first-order degradation rate of the second product'),
      ],
      equations: { P: '-k_parent*P', A: 'f1*k_parent*P - k_first*A', B: 'f2*k_first*A - k_second*B' },
      observables: [
        { name: parent!, unit, expression: 'P' },
        { name: first!, unit, expression: 'A' },
        { name: second!, unit, expression: 'B' },
      ],
      error: perObservableError(0.05),
    };
  },
};

/**
 * A parent and two to five products, each formed first-order from the parent or from another
 * product, every substance also degrading first-order to what is not measured (a sink): the
 * metabolism schemes of FOCUS and mkin (Schäfer et al. 2007: a parent forming A1, B1 and C1, A1
 * forming A2). Formation is written with rate constants, k_from_to, so the fractions formed from one
 * substance, k_from_to over that substance's total rate, can never add up to more than 1.
 * `named`: products whose names say so form from the product before them (A2 from A1), or where no
 * names link them, the route the curves give (scales.ts, sourcesFromCurves); otherwise every
 * product forms from the parent.
 */
function sfoPathway(named: boolean): Motif {
  const id = named ? 'deg-sfo-pathway' : 'deg-sfo-parallel';
  const title = named ? 'Parent and products along the pathway their names or curves give, single first-order each' : 'Parent and products formed in parallel, single first-order each';
  const mechanism = named
    ? 'The parent degrades first-order, forming its primary products; a product whose name follows another\'s (A2 after A1) is formed from that one — or, where no names link them, a product whose share of the converted parent grows is formed from the product that rises and falls; every substance also degrades first-order to unmeasured products.'
    : 'The parent degrades first-order, forming each measured product directly; every product degrades first-order to unmeasured products.';
  const motif: Motif = {
    id, family: 'fate', title, mechanism, needsDose: false, shapes: ['decay'], complexity: 8, minObservables: 3, ...FATE_ONLY,
    // the pathway by name only where a name links two products, and not the plain chain of three
    // (deg-sfo-sfo-sfo). The parallel scheme from four substances, and for a parent and two
    // products only where these are numbered (M1, M2): named ones (a phenol and its anisole) are
    // ordered by the chemistry the chain states, the field's first hypothesis, which the data alone
    // cannot overturn — the parallel scheme fits McCall's transient phenol more freely — while
    // numbers say nothing of the route (mkin's synthetic UBA 2014 sets form M1 and M2 both ways)
    applies: (s) => {
      const p = s.degradationPathway;
      if (!p || !named) return p !== undefined && (p.names.length >= 4 || p.numberedProducts);
      const linked = p.sources.filter((src, i) => i > 0 && src !== p.names[0]).length;
      return linked > 0 && !(p.names.length === 3 && linked === 1 && p.sources[2] === p.names[1]);
    },
    build: (s) => pathwaySpec(s, named, id, title, mechanism),
  };
  return motif;
}

function pathwaySpec(s: DataScales, named: boolean, id: string, title: string, mechanism: string): ModelSpec {
  const p = s.degradationPathway ?? { names: [s.observables[0] ?? 'parent', 'product1', 'product2'], sources: [], parentStart: s.yMax, numberedProducts: false };
  const sources = p.names.map((n, i) => (i === 0 ? n : named ? (p.sources[i] ?? p.names[0]!) : p.names[0]!));
  const unit = obsUnit(s);
  // state names must differ from the observables' (names are unique across a spec)
  const taken = new Set(p.names.map((n) => n.toLowerCase()));
  const prefix = p.names.some((_, i) => taken.has((i === 0 ? 'p' : `x${i}`))) ? 'amount_' : '';
  const state = (i: number) => `${prefix}${i === 0 ? 'P' : `X${i}`}`;
  const m0 = taken.has('m0') ? 'M0_applied' : 'M0';
  // parameter names carry the substances' names where they stay short; state letters otherwise
  const short = p.names.every((n) => n.length <= 13 && n !== 'sink');
  const label = (i: number) => (short ? p.names[i]! : state(i));
  const children = (i: number) => p.names.map((_, j) => j).filter((j) => j > 0 && sources[j] === p.names[i]);
  const rate = 3 / s.tMax;
  const params: ParameterSpec[] = [param(m0, unit, p.parentStart > 0 ? p.parentStart : s.yMax, 1.5, true, `amount of ${p.names[0]} at application (t = 0)`)];
  const equations: Record<string, string> = {};
  p.names.forEach((name, i) => {
    const formedHere = children(i);
    const out = formedHere.map((j) => {
      const k = `k_${label(i)}_${label(j)}`;
      params.push(param(k, perTime(s), rate / (formedHere.length + 1), 5, false, `rate at which ${name} forms ${p.names[j]}`));
      return k;
    });
    const sink = `k_${label(i)}_sink`;
    params.push(param(sink, perTime(s), (i === 0 ? rate : 1 / s.tMax) / (out.length + 1), 5, true, `rate at which ${name} degrades to unmeasured products`));
    const loss = `-(${[...out, sink].join(' + ')})*${state(i)}`;
    const from = p.names.indexOf(sources[i]!);
    equations[state(i)] = i === 0 ? loss : `k_${label(from)}_${label(i)}*${state(from)} ${loss}`;
  });
  return {
    name: id, description: title, rationale: mechanism, timeUnit: s.timeUnit,
    states: p.names.map((_, i) => ({ name: state(i), unit, initial: i === 0 ? m0 : '0' })),
    parameters: params, equations,
    observables: p.names.map((name, i) => ({ name, unit, expression: state(i) })),
    error: perObservableError(0.05),
  };
}

/**
 * The same scheme with a biphasic parent (DFOP, as mkin's dfop_sfo and dfop_sfo_sfo): the parent
 * sits in a fast and a slow pool, and what degrades from either forms the first product with the
 * same fraction. The guidance's next step when the parent's decline is not first-order while its
 * products' are (mkin's example fit for the imazamox soils of the UBA 2019 datasets). Built from
 * the SFO scheme: the parent's state is split in two and k_parent·P becomes k1·P_fast + k2·P_slow.
 */
function withDfopParent(sfoSpec: ModelSpec, s: DataScales, motif: Pick<Motif, 'id' | 'title' | 'mechanism'>): ModelSpec {
  const parent = sfoSpec.states[0]!;
  const fast = `${parent.name}_fast`, slow = `${parent.name}_slow`;
  const formed = new RegExp(`\\bk_parent\\*${parent.name}\\b`, 'g');
  const equations: Record<string, string> = { [fast]: `-k1*${fast}`, [slow]: `-k2*${slow}` };
  for (const [state, rhs] of Object.entries(sfoSpec.equations)) if (state !== parent.name) equations[state] = rhs.replace(formed, `(k1*${fast} + k2*${slow})`);
  return {
    ...sfoSpec, name: motif.id, description: motif.title, rationale: motif.mechanism,
    states: [{ name: fast, unit: parent.unit, initial: `g*${parent.initial}` }, { name: slow, unit: parent.unit, initial: `(1 - g)*${parent.initial}` }, ...sfoSpec.states.slice(1)],
    parameters: sfoSpec.parameters.flatMap((p) => (p.name === 'k_parent' ? dfopPools(s, 'the parent') : [p])),
    equations,
    observables: sfoSpec.observables.map((o) => (o.expression === parent.name ? { ...o, expression: `${fast} + ${slow}` } : o)),
  };
}

function dfopParent(sfoMotif: Motif, id: string, title: string, mechanism: string): Motif {
  const motif: Motif = {
    ...sfoMotif, id, title, mechanism, shapes: ['decay', 'biphasic'], complexity: sfoMotif.complexity + 2,
    build: (s) => withDfopParent(sfoMotif.build(s), s, motif),
  };
  return motif;
}

const dfopSfo = dfopParent(sfoSfo, 'deg-dfop-sfo', 'Biphasic parent (DFOP) and metabolite (SFO)',
  'The parent degrades in two pools, a fast and a slow one (DFOP); a fraction f of what degrades from either forms the metabolite, which degrades first-order.');
const dfopChain = dfopParent(sfoChain, 'deg-dfop-sfo-sfo', 'Biphasic parent (DFOP) and two products in turn (SFO each)',
  'The parent degrades in two pools, a fast and a slow one (DFOP); a fraction f1 of what degrades forms the first product, which degrades first-order and forms the second with fraction f2.');

/**
 * The pathway schemes with a biphasic parent (DFOP; mkin's SFORB parent of the dimethenamid
 * pathway is the same curve): the parent sits in a fast and a slow pool, and of what degrades from
 * either a fixed fraction forms each of its direct products. The fractions are written as weights
 * against the sink, f_j = w_j/(1 + Σw), so they never add up to more than 1 and no rate scale is
 * left unidentified (the SFO scheme's rate constants would be, with the parent's rate split in k1, k2).
 */
function withDfopPathwayParent(sfoSpec: ModelSpec, s: DataScales, motif: Pick<Motif, 'id' | 'title' | 'mechanism'>): ModelSpec {
  const parent = sfoSpec.states[0]!;
  const fast = `${parent.name}_fast`, slow = `${parent.name}_slow`;
  // the parent's rate constants: k_<parent>_<product> (formation) and k_<parent>_sink
  const parentSink = sfoSpec.parameters.find((p) => p.name.endsWith('_sink'))!.name;
  const prefix = parentSink.slice(0, -'sink'.length);
  const formation = sfoSpec.parameters.filter((p) => p.name.startsWith(prefix) && p.name !== parentSink).map((p) => p.name);
  const weight = (k: string) => `w${k.slice(1)}`;
  const total = `(1 + ${formation.map(weight).join(' + ')})`;
  const degraded = `(k1*${fast} + k2*${slow})`;
  const equations: Record<string, string> = { [fast]: `-k1*${fast}`, [slow]: `-k2*${slow}` };
  for (const [state, rhs] of Object.entries(sfoSpec.equations)) {
    if (state === parent.name) continue;
    equations[state] = formation.reduce((e, k) => e.replace(new RegExp(`\\b${k}\\*${parent.name}\\b`, 'g'), `${weight(k)}/${total}*${degraded}`), rhs);
  }
  const weights = formation.map((k) => param(weight(k), 'ratio', 1, 5, false, `what ${parent.name} forms of ${k.slice(prefix.length)} per share lost to the sink (fraction formed w/(1 + Σw))`));
  return {
    ...sfoSpec, name: motif.id, description: motif.title, rationale: motif.mechanism,
    states: [{ name: fast, unit: parent.unit, initial: `g*${parent.initial}` }, { name: slow, unit: parent.unit, initial: `(1 - g)*${parent.initial}` }, ...sfoSpec.states.slice(1)],
    parameters: [...sfoSpec.parameters.filter((p) => p.name !== parentSink && !formation.includes(p.name)).flatMap((p, i) => (i === 0 ? [p, ...dfopPools(s, 'the parent'), ...weights] : [p]))],
    equations,
    observables: sfoSpec.observables.map((o) => (o.expression === parent.name ? { ...o, expression: `${fast} + ${slow}` } : o)),
  };
}

function dfopPathway(named: boolean): Motif {
  const sfoMotif = sfoPathway(named);
  const id = named ? 'deg-dfop-pathway' : 'deg-dfop-parallel';
  const title = named ? 'Biphasic parent (DFOP) and products along the pathway their names or curves give' : 'Biphasic parent (DFOP) and products formed in parallel';
  const mechanism = `The parent degrades in two pools, a fast and a slow one (DFOP), and a fixed fraction of what degrades from either forms each of its direct products; ${named ? 'a product whose name follows another\'s (A2 after A1), or whose curve says so, is formed from that one; ' : ''}every product degrades first-order to unmeasured products.`;
  const motif: Motif = {
    ...sfoMotif, id, title, mechanism, shapes: ['decay', 'biphasic'], complexity: sfoMotif.complexity + 2,
    build: (s) => withDfopPathwayParent(sfoMotif.build(s), s, motif),
  };
  return motif;
}

/** the water and the sediment phase of a water–sediment study, by the observables' names */
const WATER = /water|aqueous|supernatant|(^|[\s_(-])w($|[\s_)])/i;
const SEDIMENT = /sediment|(^|[\s_(-])sed($|[\s_)])|(^|[\s_(-])s($|[\s_)])/i;
function phases(s: DataScales): { water: number; sediment: number } | null {
  if (s.observables.length !== 2) return null;
  const names = s.observables;
  const water = names.findIndex((n) => WATER.test(n) && !SEDIMENT.test(n));
  const sediment = names.findIndex((n) => SEDIMENT.test(n) && !WATER.test(n));
  return water >= 0 && sediment >= 0 && water !== sediment ? { water, sediment } : null;
}

/**
 * A water–sediment study (OECD 308; FOCUS 2006, "level P-II"): the substance applied to the water
 * moves into the sediment and back at first-order rates and degrades first-order in each phase.
 * The parent-and-metabolite scheme would take the sediment's share for a product formed once and
 * for all; here it can return to the water (mkin's example for the UBA 2014 river system).
 */
const waterSediment: Motif = {
  id: 'deg-water-sediment', family: 'fate', title: 'Water and sediment with exchange, single first-order degradation in each',
  mechanism: 'The substance is applied to the water; it moves into the sediment and back at first-order rates and degrades first-order in each phase.',
  needsDose: false, shapes: ['decay'], complexity: 6, minObservables: 2, words: /sediment/i, onlyWhenNamed: true,
  applies: (s) => phases(s) !== null,
  build: (s) => {
    // (built for any data, as every motif is; proposed only where the names tell the phases apart)
    const { water, sediment } = phases(s) ?? { water: 0, sediment: 1 };
    const unit = obsUnit(s);
    const start = s.series?.[water]?.first ?? s.yFirst;
    const inWater = { name: s.observables[water] ?? 'water', unit, expression: 'W' };
    const inSediment = { name: s.observables[sediment] ?? 'sediment', unit, expression: 'S' };
    return {
      name: 'deg-water-sediment', description: waterSediment.title, rationale: waterSediment.mechanism, timeUnit: s.timeUnit,
      states: [{ name: 'W', unit, initial: 'M0' }, { name: 'S', unit, initial: '0' }],
      parameters: [
        param('M0', unit, start > 1e-12 ? start : s.yMax, 1.5, true, 'amount in the water at application (t = 0)'),
        param('k_water', perTime(s), 1 / s.tMax, 5, true, 'first-order degradation rate in the water'),
        param('k_sediment', perTime(s), 1 / s.tMax, 5, false, 'first-order degradation rate in the sediment'),
        param('k_to_sediment', perTime(s), 3 / s.tMax, 5, false, 'rate of transfer from the water into the sediment'),
        param('k_to_water', perTime(s), 1 / s.tMax, 5, false, 'rate of transfer from the sediment back into the water'),
      ],
      equations: { W: '-(k_water + k_to_sediment)*W + k_to_water*S', S: 'k_to_sediment*W - (k_to_water + k_sediment)*S' },
      // in the data's order of the two observables
      observables: water < sediment ? [inWater, inSediment] : [inSediment, inWater],
      error: perObservableError(0.05),
    };
  },
};

/**
 * What has left the organic matter: a cumulative release (CO2-C evolved, N mineralised) that rises
 * from 0 toward the pool it comes from, C0 (proposed for a rising series where the words speak of
 * mineralisation or respiration).
 */
function released(id: string, title: string, mechanism: string, complexity: number, make: (s: DataScales) => Omit<Parts, 'total'> & { remaining: string }): Motif {
  const m = oneSubstance(id, title, mechanism, ['rise', 'plateau'], complexity, (s) => { const p = make(s); return { ...p, total: `C0 - (${p.remaining})` }; });
  return { ...m, words: MINERALISATION_RE, applies: (s) => s.direction === 'up' && s.yFirst <= 0.25 * s.yMax };
}
const mineralisable = (s: DataScales) => param('C0', obsUnit(s), 1.2 * s.yMax, 3, true, 'mineralisable pool at the start (what can be released)');

const mineralOnePool = released('mineral-one-pool', 'First-order mineralisation, one pool (Stanford & Smith)',
  'The mineralisable organic matter decomposes first-order; what is released accumulates toward the size of the pool.', 2,
  (s) => ({ states: [{ name: 'C', unit: obsUnit(s), initial: 'C0' }], params: [mineralisable(s), param('k', perTime(s), 3 / s.tMax, 4, true, 'first-order decomposition rate')], equations: { C: '-k*C' }, remaining: 'C' }));

const mineralTwoPools = released('mineral-two-pool', 'First-order mineralisation, two pools in parallel (labile and resistant)',
  'The organic matter sits in a labile pool that decomposes fast and a resistant one that decomposes slowly, each first-order: a fast early release, then a slow one.', 4,
  (s) => ({
    states: [{ name: 'fast', unit: obsUnit(s), initial: 'g*C0' }, { name: 'slow', unit: obsUnit(s), initial: '(1 - g)*C0' }],
    params: [mineralisable(s), ...dfopPools(s, 'the organic matter')],
    equations: { fast: '-k1*fast', slow: '-k2*slow' }, remaining: 'fast + slow',
  }));

/**
 * Between-replicate spread of a fate study: its replicates are flasks of one homogenised soil
 * (or water) dosed with one known amount, so the amount at application differs between them only
 * by the few per cent of analytical recovery, and their rates by little more. With the default
 * spread (30% CV) a single first-order decline absorbed a biphasic one as flask-to-flask variation
 * (FOCUS L2: SFO with 45% CV on the applied amount tied FOMC and DFOP); the field fits one curve
 * to the replicates. Several soils or sites are groups, each with its own parameters.
 */
export const REPLICATE_AMOUNT_OMEGA: LogNormalPrior = { type: 'lognormal', median: 0.05, gsd: 2 };
export const REPLICATE_RATE_OMEGA: LogNormalPrior = { type: 'lognormal', median: 0.1, gsd: 2.5 };

function withReplicateSpread(spec: ModelSpec): ModelSpec {
  // the starting amounts: what the states' initial values are made of (DFOP splits M0 by g)
  const amounts = new Set(spec.states.flatMap((st) => st.initial.match(/[A-Za-z_]\w*/g) ?? []));
  return {
    ...spec,
    parameters: spec.parameters.map((p) => (p.varies ? { ...p, omega: { ...(amounts.has(p.name) ? REPLICATE_AMOUNT_OMEGA : REPLICATE_RATE_OMEGA) } } : p)),
  };
}

export const DEGRADATION_MOTIFS: Motif[] = [sfo, fomc, dfop, hockeyStick, sfoSfo, sfoChain, dfopSfo, dfopChain, sfoPathway(false), sfoPathway(true), dfopPathway(false), dfopPathway(true), waterSediment, mineralOnePool, mineralTwoPools]
  .map((m) => ({ ...m, bsvOmega: REPLICATE_RATE_OMEGA, build: (s: DataScales) => withReplicateSpread(m.build(s)) }));
