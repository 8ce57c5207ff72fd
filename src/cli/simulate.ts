// `mechanist simulate <spec.json> --params <params.json> --times 0,1,2 [--backend cpu|webgpu]
//   [--subjects M --seed S] [--method auto|rk4|dopri5|tsit5|rosenbrock] [--rtol R] [--atol A] [--save observables|states]`
// Prints JSON: per trajectory its parameters, status and outputs per observable per time.
// Params file: {name: value} or an array of such objects; names may be parameters or covariates;
// parameters left out take their prior median. --subjects M draws M virtual subjects per row:
// θ = θ_row · exp(ω·η), η ~ N(0, 1) seeded by --seed, ω = the median of the parameter's omega
// prior for parameters with `varies: true` (0.3 when no omega prior is given), 0 otherwise.
import { existsSync } from 'node:fs';
import { MAX_ABS_TIME } from '../data/index.ts';
import { InputFileError, readTextFile } from './read-text.ts';
import { parseArgs } from 'node:util';
import { compileSpec, didYouMean, LIMITS, SpecError } from '../model/index.ts';
import type { CompiledModel } from '../model/compiled.ts';
import { checkWork, createRng, doseEvents, estimateWork, stepCost, WorkBudgetError } from '../infer/index.ts';
import { createNodeWebGpuBackend } from '../bench/node-gpu.ts';
import { createCpuBackend, METHODS, type EnsembleBackend, type EnsembleResult, type Method } from '../simulate/index.ts';

const USAGE = 'usage: mechanist simulate <spec.json> --params <params.json> --times 0,1,2 [--backend cpu|webgpu] [--subjects M --seed S] [--method auto|rk4|dopri5|tsit5|rosenbrock] [--rtol R] [--atol A] [--save observables|states]';
const STATUS_NAMES = ['ok', 'max-steps', 'non-finite', 'step-underflow'];
const DEFAULT_OMEGA = 0.3;

export class CliUsageError extends Error {
  constructor(message: string, readonly path = '') {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** Parses argv with node:util parseArgs; unknown flags and missing values become CliUsageError. */
export function parseCli(args: string[], options: Record<string, { type: 'string' | 'boolean' }>): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  } catch (e) {
    throw new CliUsageError((e as Error).message.split('\n')[0]!);
  }
}

/** A flag value as a number in [min, max] (integer when asked). */
export function numberFlag(name: string, v: string | boolean | undefined, opts: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  const { integer = false, min = -Infinity, max = Infinity } = opts;
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new CliUsageError(`--${name} needs ${integer ? 'an integer' : 'a number'}${min > -Infinity ? ` ≥ ${min}` : ''}${max < Infinity ? ` ≤ ${max}` : ''} (got ${JSON.stringify(v)})`);
  }
  return n;
}

function parseTimes(v: string | boolean | undefined): Float64Array {
  if (typeof v !== 'string' || !v.trim()) throw new CliUsageError('--times is required, e.g. --times 0,1,2,4');
  const parts = v.split(',').map((s) => s.trim());
  const times = parts.map((s, i) => {
    const t = Number(s);
    if (s === '' || !Number.isFinite(t)) throw new CliUsageError(`--times: item ${i + 1} ("${s}") is not a number`);
    // the data's bound on times: beyond it, step sizes and dose schedules overflow
    if (Math.abs(t) > MAX_ABS_TIME) throw new CliUsageError(`--times: item ${i + 1} (${s}) is beyond ${MAX_ABS_TIME.toExponential(0)}, the largest time the engine handles`);
    return t;
  });
  for (let i = 1; i < times.length; i++) {
    if (times[i]! < times[i - 1]!) throw new CliUsageError(`--times must be sorted: ${times[i]} comes after ${times[i - 1]}`);
  }
  if (times[0]! < 0) throw new CliUsageError(`--times: ${times[0]} is before t0 = 0`);
  return Float64Array.from(times);
}

/** values in one answer (≈ 200 MB of JSON) */
const MAX_OUTPUT_VALUES = 10_000_000;

/** a parameter file: one row of values per subject, a few MB at most */
const PARAMS_FILE_CHARS = 10_000_000;

function readLimited(file: string, what: string, maxChars: number): string {
  try {
    return readTextFile(file, what, maxChars);
  } catch (e) {
    if (e instanceof InputFileError) throw new CliUsageError(e.message);
    throw e;
  }
}

function readJson(file: string, what: string): unknown {
  if (!existsSync(file)) throw new CliUsageError(`${what} file not found: ${file}`);
  const text = readLimited(file, what, PARAMS_FILE_CHARS);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliUsageError(`${what} file ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

function priorMedian(m: CompiledModel, j: number): number {
  const p = m.spec.parameters[j]!.prior;
  return p.type === 'lognormal' ? p.median : p.type === 'loguniform' ? Math.sqrt(p.lower * p.upper) : (p.lower + p.upper) / 2;
}

interface Rows { params: number[][]; covariates: number[][] }

/** Turns the params file into parameter and covariate rows (by name), checking every name and value. */
export function paramRows(m: CompiledModel, input: unknown): Rows {
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0) throw new CliUsageError('params file: the array is empty');
  const rows: Rows = { params: [], covariates: [] };
  list.forEach((row, r) => {
    const where = Array.isArray(input) ? `params file, item ${r + 1}` : 'params file';
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new CliUsageError(`${where}: expected an object {name: value}`, `/${r}`);
    const p = m.parameterNames.map((_, j) => priorMedian(m, j));
    const c = [...m.covariateDefaults];
    for (const [name, value] of Object.entries(row as Record<string, unknown>)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new CliUsageError(`${where}: "${name}" must be a finite number (got ${JSON.stringify(value)})`);
      const j = m.parameterNames.indexOf(name);
      const k = m.covariateNames.indexOf(name);
      if (j >= 0) {
        if (!(value > 0)) throw new CliUsageError(`${where}: parameter "${name}" must be positive (got ${value})`);
        p[j] = value;
      } else if (k >= 0) c[k] = value;
      else {
        const hint = didYouMean(name, [...m.parameterNames, ...m.covariateNames]);
        throw new CliUsageError(`${where}: "${name}" is not a parameter or covariate of ${m.spec.name}${hint ? ` (did you mean ${hint}?)` : ''}; known: ${[...m.parameterNames, ...m.covariateNames].join(', ')}`);
      }
    }
    rows.params.push(p);
    rows.covariates.push(c);
  });
  return rows;
}

/** M log-normal virtual subjects around each row (seeded; see the header comment). */
export function virtualSubjects(m: CompiledModel, rows: Rows, M: number, seed: number): Rows {
  const rng = createRng(seed);
  const omega = m.spec.parameters.map((p) => (p.varies ? p.omega?.median ?? DEFAULT_OMEGA : 0));
  const out: Rows = { params: [], covariates: [] };
  rows.params.forEach((row, r) => {
    for (let i = 0; i < M; i++) {
      out.params.push(row.map((v, j) => (omega[j]! > 0 ? v * Math.exp(omega[j]! * rng.normal()) : v)));
      out.covariates.push(rows.covariates[r]!);
    }
  });
  return out;
}

async function backendOf(kind: string): Promise<EnsembleBackend> {
  if (kind === 'cpu') return createCpuBackend();
  try {
    return await createNodeWebGpuBackend((m) => process.stderr.write(`mechanist simulate: ${m}\n`));
  } catch (e) {
    throw new CliUsageError((e as Error).message);
  }
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function report(m: CompiledModel, rows: Rows, times: Float64Array, res: EnsembleResult, names: string[], backend: EnsembleBackend, subjects?: number): unknown {
  const T = res.nTimes;
  const O = res.nOut;
  const trajectories = rows.params.map((p, i) => ({
    params: Object.fromEntries(m.parameterNames.map((n, j) => [n, p[j]])),
    ...(m.covariateNames.length > 1 || subjects === undefined ? { covariates: Object.fromEntries(m.covariateNames.map((n, k) => [n, rows.covariates[i]![k]])) } : {}),
    status: STATUS_NAMES[res.status[i]!] ?? `status-${res.status[i]}`,
    outputs: Object.fromEntries(names.map((n, o) => [n, Array.from({ length: T }, (_, t) => finiteOrNull(res.outputs[(i * T + t) * O + o]!))])),
  }));
  const out: Record<string, unknown> = {
    model: m.spec.name, backend: res.backend, device: backend.description, times: [...times], outputs: names, n: res.n,
    failed: [...res.status].filter((s) => s !== 0).length, stats: res.stats,
  };
  if (subjects !== undefined) {
    // mean and SD across the successful virtual subjects, per observable per time
    const ok = [...res.status.keys()].filter((i) => res.status[i] === 0);
    out.summary = Object.fromEntries(names.map((n, o) => {
      const mean: (number | null)[] = [];
      const sd: (number | null)[] = [];
      for (let t = 0; t < T; t++) {
        const v = ok.map((i) => res.outputs[(i * T + t) * O + o]!);
        const mu = v.reduce((a, b) => a + b, 0) / v.length;
        const s2 = v.length > 1 ? v.reduce((a, b) => a + (b - mu) ** 2, 0) / (v.length - 1) : NaN;
        mean.push(finiteOrNull(mu));
        sd.push(finiteOrNull(Math.sqrt(s2)));
      }
      return [n, { mean, sd, n: ok.length }];
    }));
  }
  out.trajectories = trajectories;
  return out;
}

function fail(code: string, message: string, extra: Record<string, unknown> = {}): number {
  process.stdout.write(JSON.stringify({ error: { code, message, ...extra } }) + '\n');
  process.stderr.write(`mechanist simulate: ${message}\n`);
  return 2;
}

export async function runSimulate(args: string[]): Promise<number> {
  let model: CompiledModel;
  let rows: Rows;
  let times: Float64Array;
  let kind: string;
  let method: Method;
  let save: 'observables' | 'states';
  let rtol: number | undefined;
  let atol: number | undefined;
  let subjects: number | undefined;
  try {
    const { values, positionals } = parseCli(args, {
      params: { type: 'string' }, times: { type: 'string' }, backend: { type: 'string' }, subjects: { type: 'string' },
      seed: { type: 'string' }, method: { type: 'string' }, rtol: { type: 'string' }, atol: { type: 'string' }, save: { type: 'string' },
    });
    if (positionals.length !== 1) throw new CliUsageError(positionals.length ? `expected one spec file, got ${positionals.length} arguments` : 'the spec file is missing');
    const specFile = positionals[0]!;
    if (!existsSync(specFile)) throw new CliUsageError(`spec file not found: ${specFile}`);
    try {
      model = compileSpec(readLimited(specFile, 'spec', LIMITS.sourceLength));
    } catch (e) {
      if (e instanceof SpecError) return fail('spec', `${specFile}: ${e.message}`, { issues: e.issues });
      throw e;
    }
    if (typeof values.params !== 'string') throw new CliUsageError('--params <params.json> is required');
    rows = paramRows(model, readJson(values.params, 'params'));
    times = parseTimes(values.times);
    kind = (values.backend as string | undefined) ?? 'cpu';
    if (kind !== 'cpu' && kind !== 'webgpu') throw new CliUsageError(`--backend must be cpu or webgpu (got "${kind}")`);
    method = ((values.method as string | undefined) ?? 'auto') as Method;
    if (!METHODS.includes(method)) throw new CliUsageError(`--method must be one of ${METHODS.join(', ')} (got "${method}")`);
    const s = (values.save as string | undefined) ?? 'observables';
    if (s !== 'observables' && s !== 'states') throw new CliUsageError(`--save must be observables or states (got "${s}")`);
    save = s;
    rtol = numberFlag('rtol', values.rtol, { min: 1e-14, max: 1 });
    atol = numberFlag('atol', values.atol, { min: 1e-300, max: 1e6 });
    subjects = numberFlag('subjects', values.subjects, { integer: true, min: 1, max: 1_000_000 });
    const seed = numberFlag('seed', values.seed, { integer: true, min: 0, max: 2 ** 53 - 1 });
    if (seed !== undefined && subjects === undefined) throw new CliUsageError('--seed only makes sense with --subjects M');
    if (subjects !== undefined) rows = virtualSubjects(model, rows, subjects, seed ?? 1);
  } catch (e) {
    if (e instanceof CliUsageError) {
      process.stderr.write(`${USAGE}\n`);
      return fail('usage', e.message);
    }
    throw e;
  }
  // the work budget from the input (subjects × times × model size), before any work
  try {
    const work = estimateWork({ trajectories: rows.params.length, outputs: times.length, doseEvents: doseEvents(model), stepCost: stepCost(model), backend: kind as 'cpu' | 'webgpu' });
    // the answer is JSON on stdout: bound its size as well as the compute
    const values = rows.params.length * times.length * (save === 'states' ? model.stateNames.length : model.observableNames.length);
    if (values > MAX_OUTPUT_VALUES) return fail('work-budget', `this simulation would print ${values.toExponential(1)} values (subjects × times × outputs); the limit is ${MAX_OUTPUT_VALUES.toExponential(0)}: simulate fewer subjects or times`);
    const warning = checkWork(work, 'this simulation', 'simulate fewer subjects or times, or a smaller model');
    if (warning) process.stderr.write(`mechanist simulate: ${warning} (Ctrl-C cancels)\n`);
  } catch (e) {
    if (e instanceof WorkBudgetError) return fail('work-budget', e.message);
    throw e;
  }
  let backend: EnsembleBackend;
  try {
    backend = await backendOf(kind);
  } catch (e) {
    return fail('backend', (e as Error).message);
  }
  try {
    for (const note of (backend as { notes?: string[] }).notes ?? []) process.stderr.write(`mechanist simulate: ${note}\n`);
    const res = await backend.simulate({
      model, params: Float64Array.from(rows.params.flat()), covariates: Float64Array.from(rows.covariates.flat()),
      times, save, solver: { method, rtol, atol },
    });
    const names = save === 'states' ? model.stateNames : model.observableNames;
    process.stdout.write(JSON.stringify(report(model, rows, times, res, names, backend, subjects)) + '\n');
    return 0;
  } finally {
    await backend.dispose();
  }
}
