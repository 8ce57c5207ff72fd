// `mechanist simulate <spec.json> --params <params.json> --times 0,1,2 …` (flags: flag-table.ts)
// Prints JSON: per trajectory its parameters, status and outputs per observable per time.
// Params file: {name: value} or an array of such objects; names may be parameters or covariates;
// parameters left out take their prior median. --subjects M draws M virtual subjects per row:
// θ = θ_row · exp(ω·η), η ~ N(0, 1) seeded by --seed, ω as the spec implies (infer/cohort.ts).
import { existsSync } from 'node:fs';
import { InputFileError, readTextFile } from './read-text.ts';
import { compileSpec, didYouMean, LIMITS, SpecError, typicalOmega } from '../model/index.ts';
import type { CompiledModel } from '../model/compiled.ts';
import { priorCentre } from '../model/prior-centre.ts';
import { checkWork, createRng, estimateSimulationWork, WorkBudgetError } from '../infer/index.ts';
import { meanSd, okSubjects, sampleSubjects, statusName, valuesAt } from '../infer/cohort.ts';
import type { EnsembleBackend, EnsembleResult } from '../simulate/index.ts';
import { CliError } from './errors.ts';
import { SIMULATE } from './flag-table.ts';
import { parseCommandArgs } from './flags.ts';
import { openBackend } from './backend.ts';

/** a problem with an input file or its content (code `file` or `params`) */
const inputError = (code: 'file' | 'params', message: string, path = '') => new CliError(code, message, { details: { path } });

/** values in one answer (≈ 200 MB of JSON) */
const MAX_OUTPUT_VALUES = 10_000_000;

/** a parameter file: one row of values per subject, a few MB at most */
const PARAMS_FILE_CHARS = 10_000_000;

function readLimited(file: string, what: string, maxChars: number): string {
  try {
    return readTextFile(file, what, maxChars);
  } catch (e) {
    if (e instanceof InputFileError) throw inputError('file', e.message);
    throw e;
  }
}

function readJson(file: string, what: string): unknown {
  if (!existsSync(file)) throw inputError('file', `${what} file not found: ${file}`);
  const text = readLimited(file, what, PARAMS_FILE_CHARS);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw inputError('file', `${what} file ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

interface Rows { params: number[][]; covariates: number[][] }

/** Turns the params file into parameter and covariate rows (by name), checking every name and value. */
export function paramRows(m: CompiledModel, input: unknown): Rows {
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0) throw inputError('params', 'params file: the array is empty');
  const rows: Rows = { params: [], covariates: [] };
  list.forEach((row, r) => {
    const where = Array.isArray(input) ? `params file, item ${r + 1}` : 'params file';
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw inputError('params', `${where}: expected an object {name: value}`, `/${r}`);
    const p = m.spec.parameters.map((p) => priorCentre(p.prior));
    const c = [...m.covariateDefaults];
    for (const [name, value] of Object.entries(row as Record<string, unknown>)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw inputError('params', `${where}: "${name}" must be a finite number (got ${JSON.stringify(value)})`);
      const j = m.parameterNames.indexOf(name);
      const k = m.covariateNames.indexOf(name);
      if (j >= 0) {
        if (!(value > 0)) throw inputError('params', `${where}: parameter "${name}" must be positive (got ${value})`);
        p[j] = value;
      } else if (k >= 0) c[k] = value;
      else {
        const hint = didYouMean(name, [...m.parameterNames, ...m.covariateNames]);
        throw inputError('params', `${where}: "${name}" is not a parameter or covariate of ${m.spec.name}${hint ? ` (did you mean ${hint}?)` : ''}; known: ${[...m.parameterNames, ...m.covariateNames].join(', ')}`);
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
  const omega = m.spec.parameters.map(typicalOmega);
  const out: Rows = { params: [], covariates: [] };
  rows.params.forEach((row, r) => {
    const drawn = sampleSubjects(rng, row, omega, M, new Float64Array(M * row.length));
    for (let i = 0; i < M; i++) {
      out.params.push([...drawn.subarray(i * row.length, (i + 1) * row.length)]);
      out.covariates.push(rows.covariates[r]!);
    }
  });
  return out;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function report(m: CompiledModel, rows: Rows, times: Float64Array, res: EnsembleResult, names: string[], backend: EnsembleBackend, subjects?: number): unknown {
  const T = res.nTimes;
  const O = res.nOut;
  const trajectories = rows.params.map((p, i) => ({
    params: Object.fromEntries(m.parameterNames.map((n, j) => [n, p[j]])),
    ...(m.covariateNames.length > 1 || subjects === undefined ? { covariates: Object.fromEntries(m.covariateNames.map((n, k) => [n, rows.covariates[i]![k]])) } : {}),
    status: statusName(res.status[i]!),
    outputs: Object.fromEntries(names.map((n, o) => [n, Array.from({ length: T }, (_, t) => finiteOrNull(res.outputs[(i * T + t) * O + o]!))])),
  }));
  const out: Record<string, unknown> = {
    model: m.spec.name, backend: res.backend, device: backend.description, times: [...times], outputs: names, n: res.n,
    failed: [...res.status].filter((s) => s !== 0).length, stats: res.stats,
  };
  if (subjects !== undefined) {
    // mean and SD across the successful virtual subjects, per observable per time
    const ok = okSubjects(res);
    out.summary = Object.fromEntries(names.map((n, o) => {
      const across = Array.from({ length: T }, (_, t) => meanSd(valuesAt(res, ok, o, t)));
      return [n, { mean: across.map((s) => finiteOrNull(s.mean)), sd: across.map((s) => finiteOrNull(s.sd)), n: ok.length }];
    }));
  }
  out.trajectories = trajectories;
  return out;
}

export async function runSimulate(args: string[]): Promise<number> {
  const { positionals: [spec], flags } = parseCommandArgs(SIMULATE, args);
  const specFile = spec!;
  if (!existsSync(specFile)) throw inputError('file', `spec file not found: ${specFile}`);
  let model: CompiledModel;
  try {
    model = compileSpec(readLimited(specFile, 'spec', LIMITS.sourceLength));
  } catch (e) {
    if (e instanceof SpecError) throw new CliError('spec', `${specFile}: ${e.message}`, { details: { issues: e.issues } });
    throw e;
  }
  let rows = paramRows(model, readJson(flags.params!, 'params'));
  const times = Float64Array.from(flags.times!);
  const kind = flags.backend ?? 'cpu';
  const save = flags.save ?? 'observables';
  const subjects = flags.subjects;
  const solver = { method: flags.method ?? 'auto', rtol: flags.rtol, atol: flags.atol };
  if (flags.seed !== undefined && subjects === undefined) throw new CliError('usage', '--seed only makes sense with --subjects M');
  if (subjects !== undefined) rows = virtualSubjects(model, rows, subjects, flags.seed ?? 1);
  // the answer is JSON on stdout: bound its size before any work
  const values = rows.params.length * times.length * (save === 'states' ? model.stateNames.length : model.observableNames.length);
  if (values > MAX_OUTPUT_VALUES) throw new CliError('work-budget', `this simulation would print ${values.toExponential(1)} values (subjects × times × outputs); the limit is ${MAX_OUTPUT_VALUES.toExponential(0)}: simulate fewer subjects or times`);
  const backend = await openBackend(kind, { onNotice: (m) => process.stderr.write(`mechanist simulate: ${m}\n`) });
  // the work budget from the input and a pilot of the first row (the steps it takes), before the work
  try {
    const work = await estimateSimulationWork(model, { params: Float64Array.from(rows.params[0]!), covariates: Float64Array.from(rows.covariates[0]!), times, solver }, rows.params.length, backend);
    const warning = checkWork(work, 'this simulation', 'simulate fewer subjects or times, or a smaller model');
    if (warning) process.stderr.write(`mechanist simulate: ${warning} (Ctrl-C cancels)\n`);
  } catch (e) {
    await backend.dispose();
    if (e instanceof WorkBudgetError) throw new CliError('work-budget', e.message);
    throw e;
  }
  try {
    for (const note of (backend as { notes?: string[] }).notes ?? []) process.stderr.write(`mechanist simulate: ${note}\n`);
    const res = await backend.simulate({
      model, params: Float64Array.from(rows.params.flat()), covariates: Float64Array.from(rows.covariates.flat()),
      times, save, solver,
    });
    const names = save === 'states' ? model.stateNames : model.observableNames;
    process.stdout.write(JSON.stringify(report(model, rows, times, res, names, backend, subjects)) + '\n');
    return 0;
  } finally {
    await backend.dispose();
  }
}
