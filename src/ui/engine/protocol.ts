// What the page asks of the engine worker. Everything crossing the boundary is structured-cloneable.
import type { Dataset } from '../../data/types.ts';
import type { DiscoveryOptions, DiscoveryProgress } from '../../discover/api.ts';
import type { DiscoveryReport } from '../../discover/report.ts';
import type { SpecIssue } from '../../model/errors.ts';
import type { ModelSpec } from '../../model/spec.ts';
import type { BackendChoice } from '../state/session.ts';
import type { ExportFormat, ExportInput } from '../../exchange/types.ts';

export interface BackendInfo {
  name: 'cpu' | 'webgpu';
  /** adapter name, or "CPU × N workers" */
  description: string;
  /** why WebGPU is not used although it was allowed (shown as a visible notice) */
  fallbackReason?: string;
}

export interface CompiledView {
  name: string;
  spec: ModelSpec;
  latex: { equations: string[]; observables: string[]; initial: string[] };
}

export type ValidationResult = { ok: true; model: CompiledView } | { ok: false; issues: SpecIssue[] };

export interface CohortBand {
  observable: string;
  times: number[];
  median: number[];
  q05: number[];
  q95: number[];
  mean: number[];
  sd: number[];
}

export interface CohortRequest {
  spec: ModelSpec;
  /** population medians by parameter name */
  params: Record<string, number>;
  /** between-subject SD of log(parameter) by name (0 = fixed) */
  omegas: Record<string, number>;
  covariates: Record<string, number>;
  /** the data group simulated: sets the model's group indicators (ModelSpec covariates[].group) */
  group?: string;
  times: number[];
  subjects: number;
  seed: number;
  prefer: BackendChoice;
}

export interface EngineApi {
  backendInfo(prefer: BackendChoice): Promise<BackendInfo>;
  /** validate + compile spec source text (JSON); issues carry path/line/column */
  validate(text: string): Promise<ValidationResult>;
  /** LaTeX of an already valid spec (report models, gallery) */
  describe(spec: ModelSpec): Promise<CompiledView>;
  discover(
    runId: string,
    data: Dataset,
    options: DiscoveryOptions,
    prefer: BackendChoice,
    onProgress: (p: DiscoveryProgress) => void,
    llmModelId?: string,
  ): Promise<{ report: DiscoveryReport; backend: BackendInfo }>;
  cancel(runId: string): void;
  simulateCohort(req: CohortRequest): Promise<CohortBand[]>;
  /** a model as SBML / nlmixr2 / NONMEM / Monolix text (here: validation needs the worker's schema validator) */
  exportModel(input: ExportInput, format: ExportFormat): Promise<{ ok: true; text: string } | { ok: false; message: string }>;
}
