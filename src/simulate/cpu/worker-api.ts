// What a CPU worker exposes through Comlink (the same functions also run in-thread).
import { transfer } from 'comlink';
import { momentsChunk, simulateChunk, type ChunkJob, type ChunkResult, type MomentsChunkResult } from './chunk.ts';
import type { MomentTarget, StepStats } from '../types.ts';

export interface CpuWorkerApi {
  /** handshake: proves the worker's module loaded */
  ping(): number;
  simulate(job: ChunkJob): ChunkResult;
  moments(job: ChunkJob, groupSize: number): MomentsChunkResult;
  /** moments written into `into` (views of SharedArrayBuffers): only the step counts come back */
  momentsInto(job: ChunkJob, groupSize: number, into: MomentTarget): StepStats;
}

export const cpuWorkerApi: CpuWorkerApi = {
  ping: () => 1,
  simulate(job) {
    const r = simulateChunk(job);
    return transfer(r, [r.outputs.buffer, r.status.buffer]);
  },
  moments(job, groupSize) {
    const r = momentsChunk(job, groupSize);
    return transfer(r, [r.okCount.buffer, r.mean.buffer, r.cov.buffer, r.m22.buffer, r.m12.buffer]);
  },
  momentsInto(job, groupSize, into) {
    return momentsChunk(job, groupSize, into).stats;
  },
};
