// One ensemble on one device: buffers per chunk, every chunk's dispatch (and the moment
// reduction) encoded into ONE submit, then one read-back of what the caller needs. Kept apart
// from the backend so the benchmark can time the dispatches alone, as the reference kernels do.
import type { CompiledModel } from '../../model/compiled.ts';
import { momentStorage, Status, type MomentTarget, type StepStats } from '../types.ts';
import type { MomentArrays } from '../moments.ts';
import { dispatchShape, planChunks, type Chunk, type DispatchShape } from './chunking.ts';
import type { GpuContext } from './device.ts';
import { momentsKernel, simulationKernel, WORKGROUP_SIZE } from './kernels.ts';
import type { ResolvedRequest } from './request.ts';
import { packStops } from './stops.ts';
import { GROUP_STATS, infoRejected, infoStatus, packStructs, readStruct, REDUCE, RUN, TRAJECTORY_INFO } from './layouts.ts';

const U = () => GPUBufferUsage;
const INFO_BYTES = TRAJECTORY_INFO.words * 4;

export interface SimulationData { outputs: Float64Array; status: Uint8Array; stats: StepStats }
export type MomentsData = Omit<MomentArrays, 'nTimes' | 'nObs'> & { stats: StepStats };

interface ChunkBuffers {
  chunk: Chunk;
  outputs: GPUBuffer;
  info: GPUBuffer;
  shape: DispatchShape;
  bind: GPUBindGroup;
  moments?: { groups: number; means: GPUBuffer; gstats: GPUBuffer; cross: GPUBuffer; passes: { bind: GPUBindGroup; shape: DispatchShape }[] };
}

/** The device was lost while the ensemble ran; the backend recreates it or falls back. */
export class DeviceLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceLostError';
  }
}

export interface RawTrajectories {
  /** n × nTimes × nOut, f32 as computed (failed trajectories: whatever they held) */
  outputs: Float32Array;
  /** n TrajectoryInfo structs (layouts.ts) */
  info: Uint32Array;
}

export interface PreparedEnsemble {
  readonly n: number;
  readonly nTimes: number;
  readonly nOut: number;
  /** chunks the ensemble was split into */
  readonly chunks: number;
  /** submits every dispatch once and waits for the queue (no read-back): what benchmarks time */
  execute(): Promise<void>;
  /** runs and reads back outputs (f32 widened to f64, NaN for failed trajectories) and statuses */
  readSimulation(): Promise<SimulationData>;
  /** reads the device's per-trajectory outputs and info as they are; `run`: simulate first */
  readRaw(run: boolean): Promise<RawTrajectories>;
  /** overwrites trajectories `idx` (ascending) with other results, e.g. a Rosenbrock rerun */
  patch(idx: readonly number[], raw: RawTrajectories): void;
  /**
   * runs and reads back the per-group moments only (needs a groupSize at preparation);
   * `simulate: false` reduces what the output buffers already hold (after a patch)
   */
  readMoments(simulate?: boolean, into?: MomentTarget): Promise<MomentsData>;
  destroy(): void;
}

function makeBuffer(device: GPUDevice, size: number, usage: number, label: string, data?: ArrayBufferView): GPUBuffer {
  const b = device.createBuffer({ size: Math.max(16, Math.ceil(size / 4) * 4), usage, label });
  if (data) device.queue.writeBuffer(b, 0, data.buffer, data.byteOffset, data.byteLength);
  return b;
}

/** Rejects with DeviceLostError as soon as the device is lost, instead of hanging. */
export function guardLoss<T>(ctx: GpuContext, work: Promise<T>): Promise<T> {
  const lost = ctx.lost.then((info) => {
    throw new DeviceLostError(`WebGPU device lost (${info.reason}): ${info.message}`);
  });
  return Promise.race([work, lost]);
}

export async function prepareEnsemble(ctx: GpuContext, model: CompiledModel, r: ResolvedRequest, groupSize?: number): Promise<PreparedEnsemble> {
  const { device } = ctx;
  if (ctx.isLost) throw new DeviceLostError('WebGPU device lost before the ensemble started');
  const kernel = simulationKernel(model, r.method, r.save);
  const nTimes = r.times.length;
  const nOut = kernel.nOut;
  const simPipeline = await guardLoss(ctx, ctx.cache.pipeline(kernel, 'main', ctx.simLayout));
  const reduce = groupSize === undefined ? undefined : momentsKernel(nOut);
  const [meansPipeline, crossPipeline] = reduce
    ? await guardLoss(ctx, Promise.all([ctx.cache.pipeline(reduce, 'group_means', ctx.momentsLayout), ctx.cache.pipeline(reduce, 'group_cross', ctx.momentsLayout)]))
    : [undefined, undefined];
  if (groupSize !== undefined && r.n % groupSize !== 0) throw new Error(`ensemble of ${r.n} is not a whole number of groups of ${groupSize}`);

  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  const stops = packStops(r.times, model.doses, r.t0, kernel.fixedStep ? r.steps : undefined);
  const stopBuf = makeBuffer(device, stops.bytes.byteLength, U().STORAGE | U().COPY_DST, 'stops', stops.bytes);
  const sharedCovs = r.covStride === 0 ? makeBuffer(device, r.covs.byteLength, U().STORAGE | U().COPY_DST, 'covariates', r.covs) : undefined;
  const perTraj = Math.max(r.nP * 4, r.covStride * 4, nTimes * nOut * 4, INFO_BYTES,
    groupSize ? Math.ceil((nOut * nTimes * nTimes * 12) / groupSize) : 0);
  const chunks = planChunks(r.n, perTraj, ctx.caps, WORKGROUP_SIZE, groupSize ?? 1);
  const owned: GPUBuffer[] = [stopBuf];
  if (sharedCovs) owned.push(sharedCovs);
  const parts: ChunkBuffers[] = chunks.map((chunk, ci) => {
    const shape = dispatchShape(chunk.count, WORKGROUP_SIZE, ctx.caps.maxComputeWorkgroupsPerDimension);
    const runData = packStructs(RUN, [{
      n: chunk.count, nev: stops.count, n_times: nTimes, cov_stride: r.covStride, row_width: shape.rowWidth, max_steps: r.maxSteps,
      detect_stiff: r.autoStiff ? 1 : 0, pad1: 0, t0: r.t0, h0: r.h0, rtol: r.rtol, atol: r.atol,
    }]);
    const uni = makeBuffer(device, runData.byteLength, U().UNIFORM | U().COPY_DST, `run ${ci}`, runData);
    const params = makeBuffer(device, chunk.count * r.nP * 4, U().STORAGE | U().COPY_DST, `params ${ci}`,
      r.params.subarray(chunk.start * r.nP, (chunk.start + chunk.count) * r.nP));
    const covs = sharedCovs ?? makeBuffer(device, chunk.count * r.nC * 4, U().STORAGE | U().COPY_DST, `covariates ${ci}`,
      r.covs.subarray(chunk.start * r.nC, (chunk.start + chunk.count) * r.nC));
    const outputs = makeBuffer(device, chunk.count * nTimes * nOut * 4, U().STORAGE | U().COPY_SRC | U().COPY_DST, `outputs ${ci}`);
    const info = makeBuffer(device, chunk.count * INFO_BYTES, U().STORAGE | U().COPY_SRC | U().COPY_DST, `info ${ci}`);
    owned.push(uni, params, outputs, info);
    if (!sharedCovs) owned.push(covs);
    const bind = device.createBindGroup({
      layout: ctx.simLayout,
      entries: [uni, params, covs, stopBuf, outputs, info].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const part: ChunkBuffers = { chunk, outputs, info, shape, bind };
    if (groupSize !== undefined) {
      const groups = chunk.count / groupSize;
      const means = makeBuffer(device, groups * nOut * nTimes * 4, U().STORAGE | U().COPY_SRC, `means ${ci}`);
      const gstats = makeBuffer(device, groups * GROUP_STATS.words * 4, U().STORAGE | U().COPY_SRC, `group stats ${ci}`);
      const cross = makeBuffer(device, groups * nOut * nTimes * nTimes * 12, U().STORAGE | U().COPY_SRC, `cross moments ${ci}`);
      owned.push(means, gstats, cross);
      const passes = [groups * nOut * nTimes, groups * nOut * nTimes * nTimes].map((count, pi) => {
        const pshape = dispatchShape(count, WORKGROUP_SIZE, ctx.caps.maxComputeWorkgroupsPerDimension);
        const reduceData = packStructs(REDUCE, [{ n_groups: groups, group_size: groupSize, n_times: nTimes, row_width: pshape.rowWidth }]);
        const red = makeBuffer(device, reduceData.byteLength, U().UNIFORM | U().COPY_DST, `reduce ${ci}.${pi}`, reduceData);
        owned.push(red);
        const pbind = device.createBindGroup({
          layout: ctx.momentsLayout,
          entries: [red, outputs, info, means, gstats, cross].map((buffer, binding) => ({ binding, resource: { buffer } })),
        });
        return { bind: pbind, shape: pshape };
      });
      part.moments = { groups, means, gstats, cross, passes };
    }
    return part;
  });
  const scopeErrors = Promise.all([device.popErrorScope(), device.popErrorScope()]);
  const checkScopes = async () => {
    const errs = (await scopeErrors).filter((e): e is GPUError => e !== null);
    if (errs.length) throw new Error(`WebGPU refused the ensemble buffers: ${errs.map((e) => e.message).join('; ')}`);
  };
  try {
    await guardLoss(ctx, checkScopes());
  } catch (e) {
    for (const b of owned) b.destroy();
    throw e;
  }

  const encodeDispatches = (enc: GPUCommandEncoder, simulate = true, reduce = true) => {
    const pass = enc.beginComputePass();
    if (simulate) {
      pass.setPipeline(simPipeline);
      for (const p of parts) {
        pass.setBindGroup(0, p.bind);
        pass.dispatchWorkgroups(p.shape.x, p.shape.y);
      }
    }
    if (reduce && meansPipeline && crossPipeline) {
      // a later dispatch in the same pass sees the earlier one's writes (WebGPU orders usage scopes)
      for (const [pi, pipe] of [meansPipeline, crossPipeline].entries()) {
        pass.setPipeline(pipe);
        for (const p of parts) {
          const ps = p.moments!.passes[pi]!;
          pass.setBindGroup(0, ps.bind);
          pass.dispatchWorkgroups(ps.shape.x, ps.shape.y);
        }
      }
    }
    pass.end();
  };

  /** encodes the dispatches plus copies of `pick(part)` buffers, submits once, maps them all */
  let patchErrors: Promise<GPUError | null> | null = null;
  const runAndRead = async (pick: (p: ChunkBuffers) => GPUBuffer[], simulate = true, reduce = true): Promise<ArrayBuffer[][]> => {
    if (patchErrors) {
      const err = await guardLoss(ctx, patchErrors);
      patchErrors = null;
      if (err) throw new Error(`WebGPU refused to update trajectories in place: ${err.message}`);
    }
    const enc = device.createCommandEncoder();
    encodeDispatches(enc, simulate, reduce);
    const reads = parts.map((p) => pick(p).map((src) => {
      const dst = device.createBuffer({ size: src.size, usage: U().MAP_READ | U().COPY_DST });
      enc.copyBufferToBuffer(src, 0, dst, 0, src.size);
      return dst;
    }));
    device.queue.submit([enc.finish()]);
    try {
      await guardLoss(ctx, Promise.all(reads.flat().map((b) => b.mapAsync(GPUMapMode.READ))));
      return reads.map((list) => list.map((b) => b.getMappedRange().slice(0)));
    } finally {
      for (const b of reads.flat()) b.destroy();
    }
  };

  const per = nTimes * nOut;
  const prepared: PreparedEnsemble = {
    n: r.n,
    nTimes,
    nOut,
    chunks: parts.length,
    async execute() {
      const enc = device.createCommandEncoder();
      encodeDispatches(enc);
      device.queue.submit([enc.finish()]);
      await guardLoss(ctx, device.queue.onSubmittedWorkDone());
    },
    async readRaw(run) {
      const data = await runAndRead((p) => [p.outputs, p.info], run, false);
      const outputs = new Float32Array(r.n * per);
      const W = TRAJECTORY_INFO.words;
      const info = new Uint32Array(r.n * W);
      parts.forEach((p, ci) => {
        outputs.set(new Float32Array(data[ci]![0]!, 0, p.chunk.count * per), p.chunk.start * per);
        info.set(new Uint32Array(data[ci]![1]!, 0, p.chunk.count * W), p.chunk.start * W);
      });
      return { outputs, info };
    },
    async readSimulation() {
      const { outputs: out, info } = await prepared.readRaw(true);
      const outputs = new Float64Array(r.n * per);
      const status = new Uint8Array(r.n);
      const stats = emptyStats();
      const { words: W, word } = TRAJECTORY_INFO;
      for (let i = 0; i < r.n; i++) {
        const code = info[i * W + word.code]!;
        const st = infoStatus(code);
        status[i] = st;
        stats.accepted += info[i * W + word.accepted]!;
        stats.rejected += infoRejected(code);
        countStatus(stats, st, 1);
        const base = i * per;
        if (st === Status.ok) for (let q = 0; q < per; q++) outputs[base + q] = out[base + q]!;
        else outputs.fill(NaN, base, base + per);
      }
      return { outputs, status, stats };
    },
    patch(idx, raw) {
      device.pushErrorScope('validation');
      // consecutive indices inside one chunk go in one write
      let j = 0;
      while (j < idx.length) {
        const i0 = idx[j]!;
        const part = parts.find((p) => i0 >= p.chunk.start && i0 < p.chunk.start + p.chunk.count)!;
        let len = 1;
        while (j + len < idx.length && idx[j + len] === i0 + len && i0 + len < part.chunk.start + part.chunk.count) len++;
        const local = i0 - part.chunk.start;
        device.queue.writeBuffer(part.outputs, local * per * 4, raw.outputs.buffer, raw.outputs.byteOffset + j * per * 4, len * per * 4);
        device.queue.writeBuffer(part.info, local * INFO_BYTES, raw.info.buffer, raw.info.byteOffset + j * INFO_BYTES, len * INFO_BYTES);
        j += len;
      }
      patchErrors = device.popErrorScope();
    },
    async readMoments(simulate = true, into?: MomentTarget) {
      if (groupSize === undefined) throw new Error('readMoments needs an ensemble prepared with a groupSize');
      const data = await runAndRead((p) => [p.moments!.means, p.moments!.gstats, p.moments!.cross], simulate, true);
      const nGroups = r.n / groupSize;
      const block = nOut * nTimes;
      const blockTT = block * nTimes;
      const res: MomentsData = { nGroups, ...momentStorage(nGroups, nOut, nTimes, into), stats: emptyStats() };
      parts.forEach((p, ci) => {
        const g0 = p.chunk.start / groupSize;
        const groups = p.moments!.groups;
        const means = new Float32Array(data[ci]![0]!, 0, groups * block);
        const gstats = new Uint32Array(data[ci]![1]!, 0, groups * GROUP_STATS.words);
        const cross = new Float32Array(data[ci]![2]!, 0, groups * blockTT * 3);
        for (let g = 0; g < groups; g++) {
          const gs = readStruct(GROUP_STATS, gstats, g);
          const ok = gs.ok_count;
          res.okCount[g0 + g] = ok;
          res.stats.accepted += gs.accepted;
          res.stats.rejected += gs.rejected;
          res.stats.maxStepsHit += gs.max_steps;
          res.stats.nonFinite += gs.non_finite;
          res.stats.underflow += gs.underflow;
          for (let q = 0; q < block; q++) res.mean[(g0 + g) * block + q] = ok ? means[g * block + q]! : NaN;
          for (let q = 0; q < blockTT; q++) {
            const src = 3 * (g * blockTT + q);
            const dst = (g0 + g) * blockTT + q;
            res.cov[dst] = ok ? cross[src]! : NaN;
            res.m22[dst] = ok ? cross[src + 1]! : NaN;
            res.m12[dst] = ok ? cross[src + 2]! : NaN;
          }
        }
      });
      return res;
    },
    destroy() {
      for (const b of owned) b.destroy();
    },
  };
  return prepared;
}

export function emptyStats(): StepStats {
  return { accepted: 0, rejected: 0, maxStepsHit: 0, nonFinite: 0, underflow: 0 };
}

function countStatus(stats: StepStats, st: number, k: number): void {
  if (st === Status.maxSteps) stats.maxStepsHit += k;
  else if (st === Status.nonFinite) stats.nonFinite += k;
  else if (st === Status.stepUnderflow) stats.underflow += k;
}
