// Diagnosis-driven mutations: read a fitted candidate's residuals and identifiability and
// propose neighbouring structures that address what went wrong.
//   biphasic decline under-fitted      → add a peripheral compartment
//   peak timing off                    → add an absorption lag / transit chain (PK), an effect compartment (PD)
//   dose-normalised curves diverge     → saturable (Michaelis–Menten / mixed) elimination
//   SD under-predicted                 → between-subject variability on another parameter
//   parameters not identified          → drop their BSV, or drop the compartment / saturation they belong to
//   groups nothing tells apart misfit  → a group ratio on the level parameter (group-effects.ts)
import type { Diagnostics, ResidualRow } from '../infer/report.ts';
import type { LogNormalPrior, ModelSpec } from '../model/spec.ts';
import type { Proposal } from './api.ts';
import type { DataFeatures } from './features.ts';
import { buildPk, motifById, pkId, type DataScales, type PkDescriptor } from './library/index.ts';
import { OMEGA } from './library/priors.ts';
import { groupLevelMisfit, hasGroupEffects, levelParameter, withGroupEffects } from './group-effects.ts';
import { structureName } from './structure-key.ts';

export interface Symptoms {
  /** misfit of the mean before/at the peak (timing, rise) */
  peakMisfit: boolean;
  /** systematic misfit of the mean late in the curve */
  lateMisfit: boolean;
  /** observed SDs larger than predicted */
  sdUnderPredicted: boolean;
  /** hyperparameter names barely informed by the data (posterior SD ≈ prior SD) */
  notIdentified: string[];
  /** hyperparameters in highly correlated pairs or at prior edges */
  unstable: string[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Reads the diagnostics of the primary series (z = (observed − predicted)/SE). */
export function symptoms(d: Diagnostics, f: DataFeatures, primary?: { group: string; observable: string }): Symptoms {
  const rows: ResidualRow[] = d.residuals.filter((r) => !primary || (r.group === primary.group && r.observable === primary.observable));
  const times = [...new Set(rows.map((r) => r.time))].sort((a, b) => a - b);
  const tCut = f.singlePeak ? f.peakTime : times[Math.floor(times.length / 3)] ?? 0;
  const early = rows.filter((r) => r.time <= tCut).map((r) => r.meanZ);
  const lateT = times.slice(Math.floor((2 * times.length) / 3));
  const late = rows.filter((r) => lateT.includes(r.time)).map((r) => r.meanZ);
  const sdz = rows.map((r) => r.sdZ).filter((z): z is number => z !== null && Number.isFinite(z));
  const patterns = d.patterns.join(' ').toLowerCase();
  const contraction = d.identifiability.contraction;
  return {
    peakMisfit: early.some((z) => Math.abs(z) > 2.5) || /peak/.test(patterns),
    lateMisfit: (late.length > 0 && Math.abs(mean(late)) > 1.5) || /late/.test(patterns),
    sdUnderPredicted: (sdz.length > 0 && mean(sdz) > 1) || /sd under/.test(patterns),
    notIdentified: Object.keys(contraction).filter((k) => (contraction[k] ?? 0) > 0.9),
    unstable: [...new Set([...d.identifiability.atPriorEdge, ...d.identifiability.correlated.flatMap((c) => [c.a, c.b])])],
  };
}

/** Does a hyperparameter name (e.g. "omega_CL", "log CL", "ω(CL)") refer to parameter p? */
function mentions(hyper: string, p: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${p}([^A-Za-z0-9_]|$)|_${p}$|^${p}_`).test(hyper) || hyper === p;
}

function isOmega(hyper: string): boolean {
  return /omega|ω|bsv|eta/i.test(hyper);
}

function withName(spec: ModelSpec, name: string, rationale: string): ModelSpec {
  return { ...spec, name: name.slice(0, 80), rationale };
}

function pkNeighbour(d: PkDescriptor, change: Partial<PkDescriptor>): PkDescriptor | null {
  const n = { ...d, ...change };
  if (n.route === 'iv') n.absorption = 'none';
  else if (n.absorption === 'none') n.absorption = 'first-order';
  return pkId(n) === pkId(d) ? null : n;
}

/** Copies the BSV flags of `from` onto parameters of the same name in `to`. */
function keepBsv(from: ModelSpec, to: ModelSpec): ModelSpec {
  const varies = new Map(from.parameters.map((p) => [p.name, p.varies === true]));
  return { ...to, parameters: to.parameters.map((p) => (varies.has(p.name) ? withVaries(p, varies.get(p.name)!) : p)) };
}

/** the parameter varying between subjects (with `omega`, by default the library's ω prior, when it had none) or not */
export function withVaries<P extends ModelSpec['parameters'][number]>(p: P, v: boolean, omega: LogNormalPrior = OMEGA): P {
  if (v) return { ...p, varies: true, omega: p.omega ?? { ...omega } };
  const { omega: _o, ...rest } = p;
  return { ...rest, varies: false } as P;
}

export interface MutationInput {
  spec: ModelSpec;
  diagnostics: Diagnostics;
  features: DataFeatures;
  scales: DataScales;
  primary?: { group: string; observable: string };
  /** the data's groups when nothing (dose, covariate, regimen) tells them apart; first = reference */
  indistinctGroups?: string[] | null;
}

export function mutate(input: MutationInput): Proposal[] {
  const { spec, features, scales } = input;
  const sym = symptoms(input.diagnostics, features, input.primary);
  const out: Proposal[] = [];
  const base = structureName(spec.name);
  const motif = motifById(base);
  const pk = motif?.pk;

  if (pk) {
    const push = (change: Partial<PkDescriptor>, why: string, extending = false) => {
      const n = pkNeighbour(pk, change);
      if (n) out.push({ spec: withName(keepBsv(spec, buildPk(n, scales)), pkId(n), why), rationale: why, ...(extending ? { extends: spec.name } : {}) });
    };
    if (sym.lateMisfit || (features.biphasicDecline && pk.compartments === 1)) {
      if (pk.compartments < 3) push({ compartments: (pk.compartments + 1) as 2 | 3 }, `The decline of ${base} is under-fitted late in the curve${features.biphasicDecline ? ' and the data decline biphasically' : ''}: a peripheral compartment adds a slow distribution phase.`);
    }
    if (sym.peakMisfit && pk.route === 'oral') {
      if (pk.absorption !== 'lag' && !scales.repeatedDoses) push({ absorption: 'lag' }, `The rise and peak timing of ${base} are off: an absorption lag delays the start of absorption.`);
      if (pk.absorption !== 'transit') push({ absorption: 'transit' }, `The rise and peak timing of ${base} are off: transit compartments delay and smooth absorption.`);
    }
    if (features.doseNonlinear || (sym.lateMisfit && pk.elimination === 'linear')) {
      // where exposure per dose differs between dose levels, saturable elimination extends a linear
      // parent (its limit at Km ≫ C) and is judged by a full fit, not its screen: nlmixr2data's
      // Oral_2CPTMM screened its truth 160 units below linear two-compartment PK with an SE of 29
      // (settle.ts leaderExtensions)
      const extending = features.doseNonlinear && pk.elimination === 'linear';
      if (pk.elimination !== 'mm' && pk.compartments < 3) push({ elimination: 'mm' }, `Dose-normalised curves diverge between doses (or the decline is not log-linear): saturable Michaelis–Menten elimination.`, extending);
      if (pk.elimination !== 'mixed' && pk.compartments === 1) push({ elimination: 'mixed' }, `Dose-normalised curves diverge between doses: linear plus saturable elimination.`, extending);
    }
    const periph = ['Q', 'V2', 'Q3', 'V3'];
    const weak = (names: string[]) => names.some((p) => [...sym.notIdentified, ...sym.unstable].some((h) => !isOmega(h) && mentions(h, p)));
    if (pk.compartments > 1 && weak(periph.slice(pk.compartments === 3 ? 2 : 0, pk.compartments === 3 ? 4 : 2))) {
      push({ compartments: (pk.compartments - 1) as 1 | 2 }, `The peripheral parameters of ${base} are not identified by the data: a simpler model with one compartment fewer.`);
    }
    if (pk.elimination !== 'linear' && weak(['Km', 'Vmax'])) push({ elimination: 'linear' }, `Km/Vmax of ${base} are not identified (no saturation visible): linear elimination.`);
    if (pk.absorption === 'lag' && weak(['tlag'])) push({ absorption: 'first-order' }, `The lag time of ${base} is not identified: plain first-order absorption.`);
  } else if (motif && sym.peakMisfit && motif.id === 'pd-direct-emax') {
    const m = motifById('pd-effect-cmt')!;
    const why = 'The response peaks later than the drug drive: an effect compartment adds the delay (hysteresis).';
    out.push({ spec: withName(keepBsv(spec, m.build(scales)), m.id, why), rationale: why });
  }

  // group effect: groups nothing tells apart sit at different levels
  const groups = input.indistinctGroups;
  const level = levelParameter(spec);
  if (groups && level && !hasGroupEffects(spec) && groupLevelMisfit(input.diagnostics.residuals, groups)) {
    const g = withGroupEffects(spec, level, groups);
    const why = `The groups (${groups.join(', ')}) sit at different levels that ${base} with one population cannot follow: a ratio of ${level} per group against "${groups[0]}".`;
    if (g) out.push({ spec: { ...g, rationale: why }, rationale: why, extends: spec.name });
  }

  // BSV: where the observed SD exceeds the predicted one, let one more influential parameter vary
  if (sym.sdUnderPredicted) {
    const candidates = spec.parameters.filter((p) => !p.varies).filter((p) => !sym.notIdentified.some((h) => !isOmega(h) && mentions(h, p.name)));
    for (const p of candidates.slice(0, 2)) {
      const why = `The cohort SD is under-predicted by ${base}: between-subject variability on ${p.name}.`;
      out.push({ spec: withName({ ...spec, parameters: spec.parameters.map((q) => (q.name === p.name ? withVaries(q, true, motif?.bsvOmega) : q)) }, `${base} +BSV(${p.name})`, why), rationale: why, extends: spec.name });
    }
  }
  // remove BSV that the data do not inform
  const uninformed = spec.parameters.filter((p) => p.varies && sym.notIdentified.some((h) => isOmega(h) && mentions(h, p.name)));
  if (uninformed.length > 0 && uninformed.length < spec.parameters.filter((p) => p.varies).length) {
    const names = uninformed.map((p) => p.name);
    const why = `The between-subject variability of ${names.join(', ')} is not identified by the data: fixed across subjects.`;
    out.push({ spec: withName({ ...spec, parameters: spec.parameters.map((q) => (names.includes(q.name) ? withVaries(q, false) : q)) }, `${base} -BSV(${names.join(',')})`, why), rationale: why });
  }
  return out;
}
