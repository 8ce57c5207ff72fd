// The worker pool (Node worker_threads + Comlink, dist/cli/cpu-worker.mjs built by
// `npm run build:cli`) gives exactly the in-thread results; cancellation; bad input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCpuBackend, splitRanges } from '../../src/simulate/cpu/backend.ts';
import { momentsInThread, momentsViaOutputs, simulateInThread } from '../../src/simulate/cpu/in-thread.ts';
import { findWorkerFile, nodeSpawner } from '../../src/simulate/cpu/spawn-node.ts';
import { RequestError } from '../../src/simulate/request.ts';
import { blowUp, pkOral, rows } from './cpu-models.ts';

const model = pkOral([{ kind: 'bolus', state: 0, times: [0, 12], amountIndex: 0 }], false);
const n = 600;
const params = rows(Array.from({ length: n }, (_, i) => [0.3 + (i % 17) * 0.1, 0.05 + (i % 7) * 0.03, 5 + (i % 5)]));
const times = Float64Array.from([0, 1, 2, 4, 8, 12, 16, 24]);
const solver = { method: 'tsit5' as const, rtol: 1e-8, atol: 1e-10 };

describe('CPU worker pool', () => {
  const backend = createCpuBackend({ workers: 2 });
  afterAll(() => backend.dispose());

  it('the worker bundle exists (npm test builds it first)', () => {
    expect(findWorkerFile()).toMatch(/cpu-worker\.mjs$/);
  });

  it('2 workers give exactly the in-thread outputs, status and step counts', async () => {
    const req = { model, params, times, solver };
    const got = await backend.simulate(req);
    expect(backend.workers).toBe(2);
    expect(backend.notes).toEqual([]);
    expect(backend.description).toMatch(/2 workers/);
    const ref = simulateInThread(req);
    expect(got.outputs).toEqual(ref.outputs);
    expect(got.status).toEqual(ref.status);
    expect(got.stats).toEqual(ref.stats);
    expect(got.n).toBe(n);
  });

  it('moments are reduced in the workers and equal the in-thread reduction of full outputs', async () => {
    const x0 = rows(Array.from({ length: 40 }, (_, i) => [0.05 * i]));
    const req = { model: blowUp, params: x0, times: Float64Array.from([0, 1, 1.5]), groupSize: 8, solver: { method: 'dopri5' as const } };
    const got = await backend.moments(req);
    const ref = momentsViaOutputs(req);
    expect(got.okCount).toEqual(ref.okCount);
    expect([...got.okCount]).toEqual([8, 6, 0, 0, 0]);
    expect(got.mean).toEqual(ref.mean);
    expect(got.cov).toEqual(ref.cov);
    expect(got.m22).toEqual(ref.m22);
    expect(got.m12).toEqual(ref.m12);
    expect(got.mean).toEqual(momentsInThread(req).mean);
    expect(Number.isNaN(got.mean[2 * 3])).toBe(true); // no survivor: NaN, and okCount says why
  });

  it("moments written into the caller's arrays ('into') are the same numbers, call after call, with calls in flight together", async () => {
    const req = { model, params, times, solver, groupSize: 40 };
    const ref = momentsInThread(req);
    const G = n / 40, T = times.length;
    const into = { okCount: new Uint32Array(G + 3), mean: new Float64Array(G * T + 5), cov: new Float64Array(G * T * T + 7), m22: new Float64Array(G * T * T + 7), m12: new Float64Array(G * T * T + 7) };
    into.cov.fill(123);
    const other = { ...req, params: params.map((x) => x * 1.1), groupSize: 40 };
    // two calls at once (as a likelihood sweep keeps them), then the first request again into the same arrays
    const [a, b] = await Promise.all([backend.moments({ ...req, into }), backend.moments(other)]);
    expect(a.cov.buffer).toBe(into.cov.buffer);
    expect(a.cov.length).toBe(G * T * T);
    for (const k of ['okCount', 'mean', 'cov', 'm22', 'm12'] as const) expect(Array.from(a[k])).toEqual(Array.from(ref[k]));
    expect(a.stats).toEqual(ref.stats);
    expect(Array.from(b.mean)).toEqual(Array.from(momentsInThread(other).mean));
    const again = await backend.moments({ ...req, into });
    expect(Array.from(again.m22)).toEqual(Array.from(ref.m22));
    await expect(backend.moments({ ...req, into: { ...into, cov: new Float64Array(3) } })).rejects.toThrow(/too short/);
  });

  it('an abort stops dispatching chunks and rejects; the backend stays usable', async () => {
    const big = rows(Array.from({ length: 20000 }, (_, i) => [1 + (i % 3) * 0.1, 0.1, 10]));
    const ctl = new AbortController();
    const run = backend.simulate({ model, params: big, times, solver }, ctl.signal);
    setTimeout(() => ctl.abort(), 5);
    await expect(run).rejects.toThrow(/abort/i);
    const pre = new AbortController();
    pre.abort();
    await expect(backend.simulate({ model, params, times, solver }, pre.signal)).rejects.toThrow(/abort/i);
    const ok = await backend.simulate({ model, params: params.subarray(0, 30), times, solver });
    expect([...ok.status].every((s) => s === 0)).toBe(true);
  });

  it('bad input is refused with a sentence naming the field', async () => {
    await expect(backend.simulate({ model, params: new Float64Array(4), times, solver })).rejects.toThrow(RequestError);
    await expect(backend.simulate({ model, params, times: Float64Array.from([0, 2, 1]), solver })).rejects.toThrow(/sorted/);
    await expect(backend.simulate({ model, params, times, solver: { method: 'euler' as never } })).rejects.toThrow(/solver.method/);
    await expect(backend.moments({ model, params, times, solver, groupSize: 7 })).rejects.toThrow(/groups of 7/);
  });
});

describe('CPU backend without workers', () => {
  it('a missing worker bundle is reported and the work runs in the calling thread', () => {
    const s = nodeSpawner(null);
    expect(s.spawn).toBeNull();
    expect(s.note).toMatch(/cpu-worker\.mjs not found/);
  });

  it('a worker that dies while loading is noticed: the request runs in the calling thread, with a note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mechanist-bad-worker-'));
    const bad = join(dir, 'broken-worker.mjs');
    writeFileSync(bad, 'throw new Error("broken on purpose");\n');
    const b = createCpuBackend({ workers: 2, spawn: nodeSpawner(bad).spawn });
    const req = { model, params: params.subarray(0, 60), times, solver };
    const got = await b.simulate(req);
    expect(got.outputs).toEqual(simulateInThread(req).outputs);
    expect(b.workers).toBe(0);
    expect(b.notes.join(' ')).toMatch(/CPU worker(s)? failed.*broken on purpose.*calling thread/);
    await b.dispose();
  });

  it('in-thread mode (spawn: null) gives the same results', async () => {
    const b = createCpuBackend({ spawn: null });
    const req = { model, params: params.subarray(0, 90), times, solver };
    const got = await b.simulate(req);
    expect(b.workers).toBe(0);
    expect(got.outputs).toEqual(simulateInThread(req).outputs);
    await b.dispose();
  });

  it('splits work into contiguous, complete ranges', () => {
    expect(splitRanges(10, 4)).toEqual([[0, 2], [2, 5], [5, 7], [7, 10]]);
    expect(splitRanges(2, 8)).toEqual([[0, 1], [1, 2]]);
  });
});
