// GPU fit timing bundle (built by scripts/build-gpu-bench.mjs into ONE ES module, .gpu/fit.mjs)
// for Deno's WebGPU on the GPU machine. It runs the same fitModel as `mechanist fit`, on the
// WebGPU backend without a CPU fallback, and prints one JSON line per run (stdout); progress and
// backend notices go to stderr. Exit 0 ok, 1 fit failed, 2 bad arguments/data or no GPU.
// Usage: deno run -A --unstable-webgpu fit.mjs [data.csv] [--model NAME] [--particles N]
//   [--subjects M] [--seed S] [--runs K]
// Defaults: pk-1cmt-oral, data/pk-oral-cohort.csv next to the bundle, 2048 × 256, seed 1, 1 run.
// Later runs reuse the device's compiled pipelines, so run 1 − run 2 ≈ shader compilation.
import { compileSpec } from '../model/compile.ts';
import { SpecError } from '../model/errors.ts';
import type { CompiledModel } from '../model/compiled.ts';
import { DataError, parseDataset, type Dataset } from '../data/index.ts';
import { fitModel, FitInputError, type FitOptions, type FitReport } from '../infer/index.ts';
import { createWebGpuBackend, type WebGpuBackend } from '../simulate/webgpu/backend.ts';
import type { EnsembleBackend } from '../simulate/types.ts';
import pk1cmtOral from '../../public/examples/models/pk-1cmt-oral.json';
import pk2cmtIv from '../../public/examples/models/pk-2cmt-iv.json';
import growthGompertz from '../../public/examples/models/growth-gompertz.json';
import epiSir from '../../public/examples/models/epi-sir.json';
import pdIndirectResponse from '../../public/examples/models/pd-indirect-response.json';
import diseaseProgression from '../../public/examples/models/disease-progression.json';

/** the example models that have an example dataset (public/examples/data/index.json) */
const MODELS: Record<string, unknown> = {
  'pk-1cmt-oral': pk1cmtOral,
  'pk-2cmt-iv': pk2cmtIv,
  'growth-gompertz': growthGompertz,
  'epi-sir': epiSir,
  'pd-indirect-response': pdIndirectResponse,
  'disease-progression': diseaseProgression,
};

interface DenoLike { args: string[]; exit(code: number): never; readTextFile(path: string | URL): Promise<string> }
const denoGlobal = (globalThis as { Deno?: DenoLike }).Deno;

class UsageError extends Error {}

export interface FitBenchArgs { model: string; data: string | URL; options: FitOptions; runs: number }

export function parseArgs(argv: string[], defaultData: string | URL): FitBenchArgs {
  const options: FitOptions = {};
  let model = 'pk-1cmt-oral', runs = 1;
  let data: string | URL = defaultData;
  const count = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs an integer ≥ ${min} (got ${v ?? 'nothing'})`);
    return n;
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = () => (eq > 0 ? a.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--model': model = value() ?? ''; break;
      case '--particles': options.particles = count(flag, value(), 1); break;
      case '--subjects': options.subjects = count(flag, value(), 1); break;
      case '--seed': options.seed = count(flag, value(), 0); break;
      case '--runs': runs = count(flag, value(), 1); break;
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
        positional.push(a);
    }
  }
  if (positional.length > 1) throw new UsageError(`one data file expected (got ${positional.join(' ')})`);
  if (positional[0]) data = positional[0];
  if (!MODELS[model]) throw new UsageError(`--model must be one of ${Object.keys(MODELS).join(', ')} (got "${model}")`);
  return { model, data, options, runs };
}

/** delegates to the backend and adds up the wall time spent inside its calls (upload, kernels, read-back) */
function timed(backend: EnsembleBackend) {
  const t = { seconds: 0, calls: 0 };
  const wrap = async <R>(p: () => Promise<R>): Promise<R> => {
    const start = performance.now();
    try {
      return await p();
    } finally {
      t.seconds += (performance.now() - start) / 1000;
      t.calls++;
    }
  };
  const wrapped: EnsembleBackend = {
    name: backend.name,
    description: backend.description,
    simulate: (req, signal) => wrap(() => backend.simulate(req, signal)),
    moments: (req, signal) => wrap(() => backend.moments(req, signal)),
    dispose: () => backend.dispose(),
  };
  return { backend: wrapped, totals: t };
}

const q = (x: { median: number; q05: number; q95: number }) => ({ median: +x.median.toPrecision(4), q05: +x.q05.toPrecision(4), q95: +x.q95.toPrecision(4) });

/** the figures `mechanist fit` prints on stderr, as one JSON object */
export function fitLine(report: FitReport, extra: Record<string, unknown>): Record<string, unknown> {
  const { wallSeconds, sweeps, trajectories, temperatures } = report.timing;
  return {
    bench: 'fit', backend: report.backend, ...extra,
    model: report.model, particles: report.particles, subjects: report.subjects, seed: report.seed,
    wallSeconds: +wallSeconds.toFixed(3), sweeps, temperatures, trajectories, trajPerS: Math.round(trajectories / wallSeconds),
    logEvidence: +report.logEvidence.toFixed(3), logEvidenceSE: +report.logEvidenceSE.toFixed(3),
    parameters: Object.fromEntries(Object.entries(report.parameters).map(([k, v]) => [k, q(v)])),
    omega: Object.fromEntries(Object.entries(report.bsv).map(([k, v]) => [k, q(v.omega)])),
    failedFraction: report.diagnostics.failedFraction, warnings: report.diagnostics.warnings,
  };
}

const emit = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const say = (m: string) => console.error(`fit.mjs: ${m}`);

async function load(deno: DenoLike, a: FitBenchArgs): Promise<{ model: CompiledModel; data: Dataset }> {
  const model = compileSpec(MODELS[a.model]);
  let text: string;
  try {
    text = await deno.readTextFile(a.data);
  } catch (e) {
    throw new UsageError(`cannot read data file ${String(a.data)}: ${(e as Error).message}`);
  }
  return { model, data: parseDataset(text) };
}

async function main(deno: DenoLike): Promise<number> {
  let a: FitBenchArgs, model: CompiledModel, data: Dataset;
  try {
    a = parseArgs(deno.args, new URL('./data/pk-oral-cohort.csv', import.meta.url));
    ({ model, data } = await load(deno, a));
  } catch (e) {
    if (e instanceof UsageError || e instanceof DataError || e instanceof SpecError) {
      const issues = (e as { issues?: { message: string }[] }).issues;
      emit({ error: `${e.message}${issues?.[0] ? `: ${issues[0].message}` : ''}` });
      return 2;
    }
    throw e;
  }
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  let gpuBackend: WebGpuBackend;
  const openStart = performance.now();
  let notices = 0;
  try {
    gpuBackend = await createWebGpuBackend({
      gpu, fallback: null,
      // stiff reruns can repeat every sweep: the first few say enough
      onNotice: (m) => { if (++notices <= 3) say(m); },
    });
  } catch (e) {
    emit({ error: `no WebGPU device: ${(e as Error).message}` });
    return 2;
  }
  const openSeconds = +((performance.now() - openStart) / 1000).toFixed(3);
  const device = gpuBackend.description.replace(/^WebGPU: /, '');
  say(`${model.spec.name} on ${gpuBackend.description}`);
  try {
    for (let run = 1; run <= a.runs; run++) {
      const { backend, totals } = timed(gpuBackend);
      const noticesBefore = notices;
      let last = 0;
      const report = await fitModel(model, data, a.options, backend, {
        onProgress: (p) => {
          const now = performance.now();
          if (p.stage !== 'done' && now - last < 5000) return;
          last = now;
          say(`run ${run}: ${(100 * p.fraction).toFixed(0)}% ${p.stage} ${p.message}, ${p.sweeps} sweeps`);
        },
      });
      emit(fitLine(report, {
        device, run, data: String(a.data).replace(/^file:\/\//, ''), openSeconds,
        backendSeconds: +totals.seconds.toFixed(3), backendCalls: totals.calls, notices: notices - noticesBefore,
      }));
    }
    return 0;
  } catch (e) {
    const bad = e instanceof FitInputError;
    emit({ bench: 'fit', backend: 'webgpu', device, error: bad ? (e as Error).message : ((e as Error).stack ?? String(e)) });
    return bad ? 2 : 1;
  } finally {
    await gpuBackend.dispose();
  }
}

// under Deno only: a test in Node imports parseArgs/fitLine without running a fit
if (denoGlobal) {
  const code = await main(denoGlobal).catch((e: unknown) => {
    emit({ error: (e as Error).stack ?? String(e) });
    return 1;
  });
  denoGlobal.exit(code);
}
