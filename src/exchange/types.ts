// Model exchange: what an export needs (a spec and, when fitted, its estimates) and the error
// every exporter and importer throws for something it cannot express.
import type { ModelSpec } from '../model/spec.ts';

export const EXPORT_FORMATS = ['sbml', 'nlmixr2', 'nonmem', 'monolix', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** a model to export: its spec and, when it was fitted, the posterior medians (a RankedModel or FitReport fits) */
export interface ExportInput {
  spec: ModelSpec;
  parameters?: Record<string, { median: number }>;
  bsv?: Record<string, { omega: { median: number } }>;
  /** residual error SDs: `additive`/`proportional`, with `_<observable>` when several observables were fitted */
  residualError?: Record<string, { median: number }>;
}

export class ExchangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExchangeError';
  }
}
