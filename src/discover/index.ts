// Public API of the discovery stage.
import { fitModel } from '../infer/index.ts';
import { compileSpec } from '../model/index.ts';
import type { RunDiscovery } from './api.ts';
import { createRunDiscovery } from './loop.ts';
import { candidateKey } from './structure-key.ts';

export type { DiscoveryContext, DiscoveryOptions, DiscoveryProgress, HistoryEntry, Proposal, Proposer, RunDiscovery } from './api.ts';
export type { DiscoveryReport, RankedModel } from './report.ts';
export { createRunDiscovery, DEFAULT_DISCOVERY, DISCOVERY_VERSION, QUICK_DISCOVERY, discoveryFitSizes, type DiscoveryDeps } from './loop.ts';
export { createLibraryProposer } from './library-proposer.ts';
export { DiscoveryCancelled, NoModelError } from './errors.ts';
export { dataFeatures, describeFeatures, type DataFeatures } from './features.ts';
export { firstPick, scoreMotifs, primaryShape, type ScoredMotif } from './first-pick.ts';
export { mutate, symptoms, type Symptoms, type MutationInput } from './mutations.ts';
export { modelWeights, rankByEvidence } from './rank.ts';
export { explain } from './explain.ts';
export { dataObservableLabels, labelTable, observableIdentifiers, withDataLabels, type ObservableLabel } from './data-labels.ts';
export { candidateKey, structureKey } from './structure-key.ts';
export { MOTIFS, motifById, dataScales, type Motif, type DataScales, type Family } from './library/index.ts';

/** The discovery loop wired to the real model compiler and fitter. */
export const runDiscovery: RunDiscovery = createRunDiscovery({
  fit: fitModel,
  compile: (spec) => compileSpec(spec),
  key: candidateKey,
});
