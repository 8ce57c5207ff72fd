// GPU benchmark bundle (built by scripts/build-gpu-bench.mjs into ONE ES module, .gpu/bench.mjs)
// for Deno's WebGPU on the GPU machine, next to the hand-written reference kernels. Everything
// goes through the normal path: ModelSpec → compileSpec → WebGPU backend. Timing matches the
// references (.gpu/lorenz-wgsl.mjs, .gpu/pk-wgsl.mjs): inputs uploaded once, then the median of
// `reps` × (submit every dispatch + wait for the queue), without read-back.
// Usage: deno run -A --unstable-webgpu bench.mjs [lorenzNs] [pkNs] [reps] [robertsonNs]
//   e.g. bench.mjs 65536,1048576,8388608 65536,1048576,4194304 5 65536   ("-" skips a benchmark)
import { compileSpec } from '../model/compile.ts';
import { createWebGpuBackend, type WebGpuBackend } from '../simulate/webgpu/backend.ts';
import type { EnsembleRequest } from '../simulate/types.ts';
import lorenzSpec from '../../public/examples/models/lorenz.json';
import pkSpec from '../../public/examples/models/pk-1cmt-oral.json';
import robertsonSpec from '../../public/examples/models/stiff-robertson.json';

interface DenoLike { args: string[]; exit(code: number): never }
const deno = (globalThis as { Deno?: DenoLike }).Deno;
const argv = deno?.args ?? [];
const exit = (code: number) => deno?.exit(code);

const parseSizes = (s: string | undefined, dflt: string) => ((s ?? dflt) === '-' ? [] : (s ?? dflt).split(',').map(Number));
const lorenzNs = parseSizes(argv[0], '65536');
const pkNs = parseSizes(argv[1], '65536');
const reps = Number(argv[2] ?? 5);
const robertsonNs = parseSizes(argv[3], '-');
const median = (a: number[]) => a.slice().sort((x, y) => x - y)[a.length >> 1]!;

function emit(o: Record<string, unknown>): void {
  console.log(JSON.stringify(o));
}

/** time `reps` dispatch-and-wait rounds after a warm-up, like the reference kernels */
async function timeKernel(backend: WebGpuBackend, req: EnsembleRequest) {
  const prep = await backend.prepare(req);
  try {
    const check = await prep.readSimulation(); // warm-up + results for the accuracy check
    const times: number[] = [];
    for (let r = 0; r < reps; r++) {
      const t = performance.now();
      await prep.execute();
      times.push(performance.now() - t);
    }
    return { ms: median(times), check, chunks: prep.chunks };
  } finally {
    prep.destroy();
  }
}

/** one whole simulate() call: upload, dispatch, read-back, widening to f64 */
async function timeEndToEnd(backend: WebGpuBackend, req: EnsembleRequest): Promise<number> {
  const t = performance.now();
  await backend.simulate(req);
  return +(performance.now() - t).toFixed(1);
}

function lorenzRef(r: number, steps: number, h: number): number[] {
  const f = (x: number, y: number, z: number) => [10 * (y - x), x * (r - z) - y, x * y - (8 / 3) * z];
  let u = [1, 0, 0];
  for (let s = 0; s < steps; s++) {
    const k1 = f(u[0]!, u[1]!, u[2]!);
    const k2 = f(...(u.map((v, j) => v + 0.5 * h * k1[j]!) as [number, number, number]));
    const k3 = f(...(u.map((v, j) => v + 0.5 * h * k2[j]!) as [number, number, number]));
    const k4 = f(...(u.map((v, j) => v + h * k3[j]!) as [number, number, number]));
    u = u.map((v, j) => v + (h / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
  }
  return u;
}

/** deterministic standard normals (Box–Muller on a xorshift), as in the reference PK bench */
function normal(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const u = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return (s + 0.5) / 4294967296; };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

async function lorenz(backend: WebGpuBackend, device: string): Promise<void> {
  const model = compileSpec(lorenzSpec);
  const steps = 1000;
  const [si, bi, ri] = ['sigma', 'beta', 'rho'].map((name) => model.parameterNames.indexOf(name)) as [number, number, number];
  for (const n of lorenzNs) {
    const params = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      params[3 * i + si] = 10;
      params[3 * i + bi] = 8 / 3;
      params[3 * i + ri] = (21 * i) / n;
    }
    const req: EnsembleRequest = { model, params, times: Float64Array.of(1), save: 'states', solver: { method: 'rk4', steps } };
    const { ms, check, chunks } = await timeKernel(backend, req);
    let maxErr = 0;
    for (const i of [0, n >> 2, n >> 1, n - 1]) {
      const ref = lorenzRef((21 * i) / n, steps, 1 / steps);
      for (let j = 0; j < 3; j++) maxErr = Math.max(maxErr, Math.abs(check.outputs[3 * i + j]! - ref[j]!) / Math.max(1, Math.abs(ref[j]!)));
    }
    const endToEndMs = await timeEndToEnd(backend, req);
    emit({ bench: 'lorenz-rk4', backend: 'webgpu', n, steps, ms: +ms.toFixed(3), trajPerS: Math.round(n / (ms / 1000)), device, chunks, endToEndMs, maxRelErrVsF64: +maxErr.toExponential(2) });
  }
}

const TS = [0.25, 0.5, 1, 2, 3.5, 5, 7, 9, 12, 18, 24];
const exactPk = (ka: number, cl: number, v: number, t: number) => {
  const ke = cl / v;
  return ((320 * ka) / (v * (ka - ke))) * (Math.exp(-ke * t) - Math.exp(-ka * t));
};

async function pk(backend: WebGpuBackend, device: string): Promise<void> {
  const model = compileSpec(pkSpec);
  const [ka, cl, vi] = ['ka', 'CL', 'V'].map((name) => model.parameterNames.indexOf(name)) as [number, number, number];
  for (const n of pkNs) {
    const z = normal(12345);
    const params = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) { // same draws, same order as the reference
      params[3 * i + ka] = 1.2 * Math.exp(0.5 * z());
      params[3 * i + cl] = 3 * Math.exp(0.3 * z());
      params[3 * i + vi] = 30 * Math.exp(0.15 * z());
    }
    const covariates = Float64Array.from(model.covariateNames.map((c, j) => (c === 'dose' ? 320 : model.covariateDefaults[j]!)));
    const req: EnsembleRequest = {
      model, params, covariates, times: Float64Array.from(TS),
      solver: { method: 'dopri5', rtol: 1e-5, atol: 1e-5, h0: 0.05, maxSteps: 4096 },
    };
    const { ms, check, chunks } = await timeKernel(backend, req);
    let maxErr = 0;
    for (const i of [0, 1, n >> 1, n - 1]) {
      TS.forEach((t, k) => {
        const ex = exactPk(params[3 * i + ka]!, params[3 * i + cl]!, params[3 * i + vi]!, t);
        maxErr = Math.max(maxErr, Math.abs(check.outputs[11 * i + k]! - ex) / Math.max(Math.abs(ex), 1e-3));
      });
    }
    const failed = check.status.reduce((s, x) => s + (x ? 1 : 0), 0);
    const endToEndMs = await timeEndToEnd(backend, req);
    emit({
      bench: 'pk-oral-adaptive', backend: 'webgpu', n, ms: +ms.toFixed(3), trajPerS: Math.round(n / (ms / 1000)), device, chunks, endToEndMs,
      meanSteps: +((check.stats.accepted + check.stats.rejected) / n).toFixed(1), failed, maxRelErrVsExact: +maxErr.toExponential(2),
    });
  }
}

/** Robertson kinetics on the Rosenbrock (RODAS4) path, rate constants spread ±20 % */
async function robertson(backend: WebGpuBackend, device: string): Promise<void> {
  const model = compileSpec(robertsonSpec);
  const base: Record<string, number> = { k1: 0.04, k2: 3e7, k3: 1e4 };
  const nP = model.parameterNames.length;
  for (const n of robertsonNs) {
    const params = new Float64Array(nP * n);
    for (let i = 0; i < n; i++) {
      model.parameterNames.forEach((name, j) => { params[nP * i + j] = base[name]! * (0.8 + (0.4 * ((i * 2654435761 + j * 40503) % 4096)) / 4096); });
    }
    const req: EnsembleRequest = { model, params, times: Float64Array.of(0.4, 4, 40), solver: { method: 'rosenbrock', rtol: 1e-5, atol: 1e-9 } };
    const { ms, check, chunks } = await timeKernel(backend, req);
    const failed = check.status.reduce((s, x) => s + (x ? 1 : 0), 0);
    emit({
      bench: 'stiff-robertson', backend: 'webgpu', n, ms: +ms.toFixed(3), trajPerS: Math.round(n / (ms / 1000)), device, chunks,
      meanSteps: +((check.stats.accepted + check.stats.rejected) / n).toFixed(1), failed,
    });
  }
}

async function main(): Promise<void> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  let backend: WebGpuBackend;
  try {
    backend = await createWebGpuBackend({ gpu, fallback: null, onNotice: (m) => console.error(m) });
  } catch (e) {
    emit({ error: `no WebGPU device: ${(e as Error).message}` });
    exit(2);
    return;
  }
  const device = backend.description.replace(/^WebGPU: /, '');
  let failed = 0;
  // each benchmark on its own: one failing does not cost the others' numbers
  for (const [name, run, sizes] of [['lorenz-rk4', lorenz, lorenzNs], ['pk-oral-adaptive', pk, pkNs], ['stiff-robertson', robertson, robertsonNs]] as const) {
    if (!sizes.length) continue;
    try {
      await run(backend, device);
    } catch (e) {
      failed++;
      emit({ bench: name, backend: 'webgpu', error: (e as Error).stack ?? String(e) });
    }
  }
  await backend.dispose();
  exit(failed ? 1 : 0);
}

await main();
