// The inference stage's entry point, as the discovery stage, the CLI and the UI call it.
import type { Dataset } from '../data/types.ts';
import type { CompiledModel } from '../model/compiled.ts';
import type { EnsembleBackend } from '../simulate/types.ts';
import type { FitReport } from './report.ts';

export interface FitOptions {
  /** SMC particles (default 2048 on WebGPU; a documented smaller default on CPU) */
  particles?: number;
  /** virtual subjects per group (common random numbers), default 256 */
  subjects?: number;
  seed?: number;
  /** extra times (beyond the data's) at which to report predictive bands, e.g. forecasts */
  predictTimes?: number[];
  /** cheaper settings for screening many candidates */
  screening?: boolean;
}

export interface FitProgress {
  stage: 'setup' | 'tempering' | 'mutation' | 'predictive' | 'done';
  /** current tempering exponent in [0, 1] */
  temperature: number;
  sweeps: number;
  /** rough overall fraction done in [0, 1] */
  fraction: number;
  etaSeconds?: number;
  message: string;
}

export interface FitHooks {
  onProgress?: (p: FitProgress) => void;
  /** the work estimate is large (above WORK_LIMITS.warnSeconds): said before the work starts */
  onWorkWarning?: (message: string) => void;
  signal?: AbortSignal;
}

export type FitModel = (
  model: CompiledModel,
  data: Dataset,
  options: FitOptions,
  backend: EnsembleBackend,
  hooks?: FitHooks,
) => Promise<FitReport>;
