// The motif library: every built-in mechanism, by family.
import { DISEASE_MOTIFS } from './disease.ts';
import { EPIDEMIC_MOTIFS } from './epidemic.ts';
import { GROWTH_MOTIFS } from './growth.ts';
import type { Motif } from './motif.ts';
import { PD_MOTIFS } from './pd.ts';
import { PK_MOTIFS } from './pk.ts';
import { ECOLOGY_MOTIFS } from './ecology.ts';
import { TISSUE_MOTIFS } from './tissue.ts';
import { METABOLITE_MOTIFS } from './metabolite.ts';
import { EVENT_MOTIFS } from './event.ts';
import { STEP_MOTIFS } from './step.ts';
import { TUMOUR_MOTIFS } from './tumour.ts';
import { DEGRADATION_MOTIFS } from './degradation.ts';
import { VIRAL_MOTIFS } from './viral.ts';
import { HEAT_MOTIFS } from './heat.ts';
import { MICROBIAL_MOTIFS } from './microbial.ts';

export type { Family, Motif, PkDescriptor, Shape } from './motif.ts';
export { dataScales, doseFromContext, primarySeries, type DataScales } from './scales.ts';
export { buildPk, pkId, pkMotif, PK_DESCRIPTORS } from './pk.ts';

export const MOTIFS: readonly Motif[] = [
  ...PK_MOTIFS, ...METABOLITE_MOTIFS, ...PD_MOTIFS, ...EVENT_MOTIFS, ...STEP_MOTIFS, ...GROWTH_MOTIFS, ...MICROBIAL_MOTIFS, ...TUMOUR_MOTIFS, ...DISEASE_MOTIFS, ...EPIDEMIC_MOTIFS, ...TISSUE_MOTIFS, ...ECOLOGY_MOTIFS, ...DEGRADATION_MOTIFS, ...VIRAL_MOTIFS, ...HEAT_MOTIFS,
];

export function motifById(id: string): Motif | undefined {
  return MOTIFS.find((m) => m.id === id);
}
