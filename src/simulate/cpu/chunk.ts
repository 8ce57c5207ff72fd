// Work units of the CPU backend: a contiguous chunk of trajectories (plain data in, typed arrays
// out), run in a worker or in the calling thread by exactly the same code.
import type { CompiledModel } from '../../model/compiled.ts';
import { allocMoments, reduceGroup, type MomentArrays } from '../moments.ts';
import { momentStorage, type MomentTarget, type SolverOptions, type StepStats } from '../types.ts';
import { Engine } from './engine.ts';
import { modelFunctions } from './functions.ts';
import { specialisedKernels } from './kernels.ts';

export interface ChunkJob {
  model: CompiledModel;
  /** this chunk's rows only: count × nParams */
  params: Float64Array;
  /** this chunk's rows (covStride = nC) or one broadcast row (covStride = 0) */
  covariates: Float64Array;
  covStride: number;
  count: number;
  t0: number;
  times: Float64Array;
  solver: SolverOptions;
  save: 'observables' | 'states';
  /** use generated specialised stepping code where available (default true) */
  specialise?: boolean;
}

export interface ChunkResult {
  outputs: Float64Array;
  status: Uint8Array;
  stats: StepStats;
}

export interface MomentsChunkResult extends MomentArrays {
  stats: StepStats;
}

function engineFor(job: ChunkJob): Engine {
  return new Engine({
    model: job.model,
    fns: modelFunctions(job.model),
    t0: job.t0,
    times: job.times,
    solver: job.solver,
    save: job.save,
    kernels: job.specialise === false ? undefined : specialisedKernels(job.model),
  });
}

export function simulateChunk(job: ChunkJob): ChunkResult {
  const eng = engineFor(job);
  const per = eng.nTimes * eng.nOut;
  const outputs = new Float64Array(job.count * per);
  const status = new Uint8Array(job.count);
  for (let i = 0; i < job.count; i++) {
    status[i] = eng.run(job.params, i * eng.nP, job.covariates, i * job.covStride, outputs, i * per);
  }
  return { outputs, status, stats: eng.stats };
}

/**
 * Simulates group by group (groupSize trajectories) and keeps only the moments: in new arrays, or
 * written into `into` (e.g. views of memory shared with the calling thread).
 */
export function momentsChunk(job: ChunkJob, groupSize: number, into?: MomentTarget): MomentsChunkResult {
  const eng = engineFor(job);
  const per = eng.nTimes * eng.nOut;
  const nGroups = job.count / groupSize;
  const dst: MomentArrays = into
    ? { nGroups, nObs: eng.nOut, nTimes: eng.nTimes, ...momentStorage(nGroups, eng.nOut, eng.nTimes, into) }
    : allocMoments(nGroups, eng.nOut, eng.nTimes);
  const outputs = new Float64Array(groupSize * per);
  const status = new Uint8Array(groupSize);
  const scratch = new Float64Array(groupSize * eng.nTimes);
  for (let g = 0; g < nGroups; g++) {
    for (let r = 0; r < groupSize; r++) {
      const i = g * groupSize + r;
      status[r] = eng.run(job.params, i * eng.nP, job.covariates, i * job.covStride, outputs, r * per);
    }
    reduceGroup(outputs, status, 0, groupSize, dst, g, scratch);
  }
  return { ...dst, stats: eng.stats };
}
