// The whole request in the calling thread: the reference the worker pool must reproduce exactly,
// and the fallback when no worker can be started.
import { computeMoments } from '../moments.ts';
import { checkRequest } from '../request.ts';
import type { EnsembleRequest, EnsembleResult, MomentsRequest, MomentsResult } from '../types.ts';
import { momentsChunk, simulateChunk, type ChunkJob } from './chunk.ts';

export function chunkJobOf(req: EnsembleRequest, first: number, count: number, specialise?: boolean): ChunkJob {
  const shape = checkRequest(req);
  const { nP, covStride } = shape;
  return {
    model: req.model,
    params: req.params.subarray(first * nP, (first + count) * nP),
    covariates: covStride > 0 ? shape.covariates.subarray(first * covStride, (first + count) * covStride) : shape.covariates,
    covStride,
    count,
    t0: shape.t0,
    times: req.times,
    solver: req.solver,
    save: req.save ?? 'observables',
    specialise,
  };
}

export function simulateInThread(req: EnsembleRequest, specialise?: boolean): EnsembleResult {
  const { n, nTimes, nOut } = checkRequest(req);
  const r = simulateChunk(chunkJobOf(req, 0, n, specialise));
  return { n, nTimes, nOut, outputs: r.outputs, status: r.status, stats: r.stats, backend: 'cpu' };
}

export function momentsInThread(req: MomentsRequest, specialise?: boolean): MomentsResult {
  const { n } = checkRequest(req);
  const r = momentsChunk(chunkJobOf(req, 0, n, specialise), req.groupSize);
  return { ...r, backend: 'cpu' };
}

/** Moments through full outputs (the slow, obvious way): what momentsChunk must equal. */
export function momentsViaOutputs(req: MomentsRequest): MomentsResult {
  const res = simulateInThread(req);
  return { ...computeMoments(res.outputs, res.status, res.nTimes, res.nOut, req.groupSize), stats: res.stats, backend: 'cpu' };
}
