// Parent and metabolite PK (docs/discovery.md, "Parent and metabolite"): a table with the drug's
// concentrations and its metabolite's is one mechanism — the parent's clearance forms the
// metabolite, which has its own clearance and volume — so both are fitted by one model.
//
// The fraction of the parent's clearance that forms the metabolite (fm) cannot be told apart from
// the metabolite's volume when only plasma concentrations are measured (the curve depends on
// Vm/fm), so fm is fixed at 1 and Vm is the APPARENT volume Vm/fm, which also absorbs the
// molar-mass ratio and any difference between the two concentration units. CLm/Vm is still the
// metabolite's own elimination rate.
import type { ModelSpec } from '../../model/spec.ts';
import { identifiersFor } from '../../model/labels.ts';
import { allometric, CLEARANCE_EXPONENT } from './allometry.ts';
import type { Motif, PkDescriptor } from './motif.ts';
import { buildPk, pkId } from './pk.ts';
import { concentrationOf, obsUnit, param, perObservableError, timeUnit, volumeScale } from './priors.ts';
import type { DataScales } from './scales.ts';

/** names that say "metabolite": metabolite, M1, desmethyl-, hydroxy-, -glucuronide, N-oxide */
export const METABOLITE_RE = /metabolit|\bm\d{1,3}\b|transformation product|degradate|desmethyl|demethyl|hydroxy|\b\d*-?oh\b|glucuronid|sulfate|sulphate|n-oxide/i;

const plain = (l: string) => l.toLowerCase().replace(/[_\s]+/g, ' ').trim();

/** what a metabolite's name adds to its parent's: nor-, des(m)ethyl-, 1-OH-, -3-glucuronide, -epoxide */
const AFFIX_RE = /^(?:[\s\-,()]|\d+|nor|n?-?de[sm]?\w{0,4}yl|hydroxy|oh|keto|oxo|dihydro|carboxy|epoxide|glucuronide|sulfate|sulphate|n-oxide|oxide|acid|metabolite|m\d)+$/;

/** the parent's label when `metabolite` is `parent` with a metabolite's affix (norfluoxetine, fluoxetine) */
function affixed(parent: string, metabolite: string): boolean {
  const p = plain(parent), m = plain(metabolite);
  const at = m.indexOf(p);
  return p.length >= 4 && m !== p && at >= 0 && AFFIX_RE.test(m.slice(0, at) + m.slice(at + p.length));
}

/**
 * Two observables, one of them the other's metabolite: its label and the parent's; else null. A
 * label that is the other's name with a metabolite's affix (norfluoxetine and fluoxetine, 1-OH
 * midazolam and midazolam) is the metabolite; else the one label with a metabolite's word.
 */
export function parentAndMetabolite(labels: string[]): { parent: string; metabolite: string } | null {
  if (labels.length !== 2) return null;
  const [a, b] = labels as [string, string];
  if (affixed(a, b)) return { parent: a, metabolite: b };
  if (affixed(b, a)) return { parent: b, metabolite: a };
  const named = labels.filter((l) => METABOLITE_RE.test(plain(l)));
  if (named.length !== 1) return null;
  return { parent: labels.find((l) => l !== named[0])!, metabolite: named[0]! };
}

/** The scales of both observables, for the motifs below (scales.ts puts it in DataScales). */
export interface ParentMetaboliteScales {
  parent: DataScales;
  metabolite: DataScales;
  /** the observables' identifiers */
  parentName: string;
  metaboliteName: string;
}

/** the labels → identifiers of the pair, in the data's observable order */
export function pairIdentifiers(labels: string[], pair: { parent: string; metabolite: string }): { parentName: string; metaboliteName: string } {
  const ids = identifiersFor(labels);
  return { parentName: ids.get(pair.parent)!, metaboliteName: ids.get(pair.metabolite)! };
}

function buildParentMetabolite(d: PkDescriptor, s: DataScales): ModelSpec {
  const pm = s.parentMetabolite;
  // without a metabolite in the data the motif is never proposed (minObservables, covers); a spec
  // built anyway names a metabolite observable the data lack, which admission rejects by name
  const parentScales = { ...(pm?.parent ?? s), observables: [pm?.parentName ?? s.observables[0] ?? 'parent'] };
  const metaboliteScales = pm?.metabolite ?? s;
  const metaboliteName = pm?.metaboliteName ?? 'metabolite';
  const base = buildPk(d, parentScales);
  const size = allometric(parentScales.weight);
  const formation = `${size.clearance('CL')}/${size.volume('V')}*central`;
  // the metabolite peaks later than the parent: its elimination rate sits near the parent's
  const k = 2.5 / s.tMax;
  const parentCmax = parentScales.yMax;
  const V = (base.parameters.find((p) => p.name === 'V')!.prior as { median: number }).median;
  // metabolite amount formed is of the order of the dose: Vm ≈ V·(parent Cmax / metabolite Cmax)
  // (in litres where both concentrations' units convert: volumeScale)
  const parentScale = volumeScale(parentScales);
  const metaboliteScale = volumeScale(metaboliteScales);
  const Vm = V * (metaboliteScale.factor / parentScale.factor) * parentCmax / Math.max(metaboliteScales.yMax, 1e-12);
  // V (hence Vm) is the reference subject's; a clearance moves to the reference by 0.75, not 1
  const w = parentScales.weight;
  const clearancePerVolume = w ? (w.reference / w.primary) ** (CLEARANCE_EXPONENT - 1) : 1;
  const vu = base.parameters.find((p) => p.name === 'V')!.unit;
  const mu = obsUnit(metaboliteScales);
  const volumeUnit = vu && metaboliteScale.unit === parentScale.unit ? vu : undefined;
  const name = `${pkId(d)}-metabolite`;
  return {
    ...base,
    name,
    description: `${base.description}, with a metabolite formed by the parent's clearance`,
    rationale: `${base.rationale} The parent's clearance forms the metabolite, which is eliminated with its own clearance CLm; Vm is the apparent metabolite volume (Vm/fm: the fraction metabolised is not identifiable from plasma concentrations).`,
    states: [...base.states, { name: 'metab', unit: base.states.find((x) => x.name === 'central')!.unit, initial: '0' }],
    parameters: [
      ...base.parameters,
      param('CLm', volumeUnit ? `${volumeUnit}/${timeUnit(s)}` : undefined, k * Vm * clearancePerVolume, 4, true, 'clearance of the metabolite (apparent, per fm)'),
      param('Vm', volumeUnit, Vm, 4, false, 'apparent volume of the metabolite (Vm/fm)'),
    ],
    equations: { ...base.equations, metab: `${formation} - ${size.clearance('CLm')}/${size.volume('Vm')}*metab` },
    observables: [...base.observables, { name: metaboliteName, unit: mu, expression: concentrationOf('metab', size.volume('Vm'), metaboliteScale.factor) }],
    error: perObservableError(),
  };
}

function parentMetaboliteMotif(d: PkDescriptor): Motif {
  const title = `Parent ${d.compartments}-compartment ${d.route === 'iv' ? 'IV bolus' : 'oral'} PK with a metabolite`;
  return {
    id: `${pkId(d)}-metabolite`,
    family: 'pk',
    title,
    mechanism: `The parent drug follows ${d.compartments}-compartment ${d.route === 'iv' ? 'IV' : 'oral'} kinetics and its clearance forms a metabolite with its own clearance and (apparent) volume.`,
    needsDose: true,
    shapes: d.route === 'iv' ? ['decay', ...(d.compartments > 1 ? ['biphasic' as const] : [])] : ['peak', ...(d.compartments > 1 ? ['biphasic' as const] : [])],
    complexity: (d.compartments === 1 ? 5 : 7) + (d.route === 'oral' ? 1 : 0),
    parentPk: d,
    minObservables: 2,
    build: (s) => buildParentMetabolite(d, s),
  };
}

const D = (compartments: 1 | 2, route: 'iv' | 'oral'): PkDescriptor => ({ compartments, route, absorption: route === 'oral' ? 'first-order' : 'none', elimination: 'linear' });

export const METABOLITE_MOTIFS: Motif[] = [D(1, 'iv'), D(2, 'iv'), D(1, 'oral'), D(2, 'oral')].map(parentMetaboliteMotif);
