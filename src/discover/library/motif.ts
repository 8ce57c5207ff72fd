// A motif: a named mechanism that builds a ModelSpec on the data's scales.
import type { LogNormalPrior, ModelSpec } from '../../model/spec.ts';
import type { DataScales } from './scales.ts';
import type { DataFeatures } from '../features.ts';

export type Family = 'pk' | 'pd' | 'growth' | 'disease' | 'epidemic' | 'tissue' | 'ecology' | 'fate' | 'heat';

/** Curve shapes a motif can produce; the first pick matches them against data features. */
export type Shape = 'rise' | 'decay' | 'peak' | 'sigmoid' | 'oscillation' | 'plateau' | 'biphasic' | 'linear' | 'return';

/** PK structure as data, so mutations can move between neighbouring PK motifs. */
export interface PkDescriptor {
  compartments: 1 | 2 | 3;
  route: 'iv' | 'oral';
  absorption: 'first-order' | 'lag' | 'transit' | 'none';
  elimination: 'linear' | 'mm' | 'mixed';
  /**
   * oral groups beside intravenous ones: the oral dose, times the bioavailability F, enters the gut
   * and the IV dose the central compartment (one dose entry per route); proposed only then
   */
  alsoIv?: true;
}

export interface Motif {
  id: string;
  family: Family;
  title: string;
  /** a sentence on the mechanism (becomes the proposal's rationale) */
  mechanism: string;
  /** true when the model is driven by the data's doses */
  needsDose: boolean;
  shapes: Shape[];
  /**
   * shapes the motif also explains where the words name its family: von Bertalanffy's approach
   * follows a fall to a plateau as a weight on a diet, while a falling marker with no such words
   * is named by the turnover model (dp-turnover, the same equation)
   */
  shapesWhenNamed?: Shape[];
  /** rough structural complexity (number of population parameters); simpler first on ties */
  complexity: number;
  pk?: PkDescriptor;
  /** the parent drug's PK structure of a parent–metabolite motif (metabolite.ts; not `pk`: PK mutations would drop the metabolite) */
  parentPk?: PkDescriptor;
  /**
   * words that name this mechanism among its family's (predator and prey, competition). When the
   * words name a sibling and not this one, this motif is not proposed: Huffaker's predatory mites
   * are not competitors, whatever a competition model's evidence on their cycles.
   */
  words?: RegExp;
  /** proposed only when its words appear (a specialised mechanism: myelosuppression for blood counts) */
  onlyWhenNamed?: boolean;
  /**
   * the id of another family's motif with the same structure: where the words name that family,
   * its motif alone is offered (the biphasic decay of two pools is DFOP in a degradation study; both
   * offered, one structure took two shares of the prior and two rows of the ranking)
   */
  sameAs?: string;
  /**
   * offered only where the words name its family; elsewhere its `sameAs` twin of another family is
   * (a straight line is linear growth where the words speak of growth, linear progression otherwise)
   */
  onlyInNamedFamily?: boolean;
  /** proposed only for data of this primary shape (a viral infection's titre rises, peaks and falls; a decline under therapy is another model's) */
  needsShape?: Shape;
  /** the way the response moves from its baseline (indirect responses): the first pick prefers the data's direction */
  direction?: 'up' | 'down';
  /** proposed only for data with these features and words (context and labels): an event's transient response needs an undosed marker that moves once and recovers */
  when?: (f: DataFeatures, words: string) => boolean;
  /** a drug's effect on the PD motifs' drive outside the PD family (tumour growth inhibition): with concentrations measured it explains both, as they do */
  drugDriven?: boolean;
  /** proposed only where the data's scales allow it (a pathway model needs products whose names link them) */
  applies?: (s: DataScales) => boolean;
  /** the prior on ω a parameter gets when a mutation lets it vary (fate: replicate flasks of one soil differ little); the library's default when absent */
  bsvOmega?: LogNormalPrior;
  /** the fewest observables the data must have (two interacting species need both measured); 1 when absent */
  minObservables?: number;
  build(s: DataScales): ModelSpec;
}
