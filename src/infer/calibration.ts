// Calibration study: synthetic cohorts with truths drawn around the priors, fitted as a user
// would fit them; the coverage of the 50% and 90% posterior intervals for population medians
// and ω, and the spread of z = (posterior median − truth)/posterior SD (on the log scale).
import type { CompiledModel } from '../model/compiled.ts';
import type { EnsembleBackend } from '../simulate/types.ts';
import type { FitReport, Quantiles } from './report.ts';
import { fitModel } from './fit.ts';
import { simulateCohort, type CohortTruth } from './synthetic.ts';
import { createRng, type Rng } from './rng.ts';
import { DEFAULT_PROPORTIONAL_PRIOR } from './population.ts';
import { DEFAULT_OMEGA_PRIOR } from '../model/omega.ts';

export interface CalibrationFamily { model: CompiledModel; times: number[]; dose?: number }

export interface CalibrationOptions {
  cohorts: number;
  seed: number;
  particles: number;
  subjects: number;
  /** subjects per cohort drawn uniformly in [nMin, nMax] */
  nMin?: number;
  nMax?: number;
  /** truths are drawn from the priors truncated to ±this many prior SDs (log scale) */
  truncate?: number;
  /** rows of an earlier run with the same seed and settings: those cohorts are skipped (their random draws are replayed) and the rows kept */
  previous?: CalibrationRow[];
  /** cheaper SMC settings (see FitOptions.screening) */
  screening?: boolean;
  signal?: AbortSignal;
  onCohort?: (row: CalibrationRow, index: number) => void;
}

export interface CalibrationCheck { kind: 'theta' | 'omega'; name: string; truth: number; q: Quantiles; in50: boolean; in90: boolean; z: number }

export interface CalibrationRow { family: string; n: number; seed: number; checks: CalibrationCheck[]; wallSeconds: number; error?: string }

export interface CoverageSummary { count: number; cover50: number; cover90: number; zMean: number; zSd: number }

export interface CalibrationSummary {
  cohorts: number;
  failed: number;
  theta: CoverageSummary;
  omega: CoverageSummary;
  byFamily: Record<string, { theta: CoverageSummary; omega: CoverageSummary }>;
  settings: { particles: number; subjects: number; nMin: number; nMax: number; truncate: number };
  wallSeconds: number;
}

function truncatedNormal(rng: Rng, limit: number): number {
  for (;;) { const z = rng.normal(); if (Math.abs(z) <= limit) return z; }
}

export function drawTruth(model: CompiledModel, rng: Rng, limit: number): CohortTruth {
  const theta: Record<string, number> = {}, omega: Record<string, number> = {};
  for (const p of model.spec.parameters) {
    const pr = p.prior;
    theta[p.name] = pr.type === 'lognormal'
      ? pr.median * Math.exp(Math.log(pr.gsd) * truncatedNormal(rng, limit))
      : pr.type === 'uniform' ? pr.lower + (pr.upper - pr.lower) * (0.1 + 0.8 * rng.uniform())
      : Math.exp(Math.log(pr.lower) + (Math.log(pr.upper) - Math.log(pr.lower)) * (0.1 + 0.8 * rng.uniform()));
    if (p.varies) {
      const o = p.omega ?? { median: DEFAULT_OMEGA_PRIOR.median, gsd: DEFAULT_OMEGA_PRIOR.gsd };
      omega[p.name] = o.median * Math.exp(Math.log(o.gsd) * truncatedNormal(rng, limit));
    }
  }
  const err = model.spec.error;
  const sigma: CohortTruth['sigma'] = {};
  const errModel = err?.model ?? 'proportional';
  if (errModel !== 'additive') {
    const pp = err?.proportional ?? { median: DEFAULT_PROPORTIONAL_PRIOR.median, gsd: DEFAULT_PROPORTIONAL_PRIOR.gsd };
    sigma.proportional = pp.median * Math.exp(Math.log(pp.gsd) * truncatedNormal(rng, 1));
  }
  if (errModel !== 'proportional' && err?.additive) sigma.additive = err.additive.median * Math.exp(Math.log(err.additive.gsd) * truncatedNormal(rng, 1));
  return { theta, omega, sigma };
}

const Z90 = 1.6448536269514722;

export function checksOf(report: FitReport, truth: CohortTruth): CalibrationCheck[] {
  const out: CalibrationCheck[] = [];
  const check = (kind: 'theta' | 'omega', name: string, t: number, q: Quantiles) => {
    const sd = (Math.log(q.q95) - Math.log(q.q05)) / (2 * Z90);
    out.push({
      kind, name, truth: t, q,
      in50: q.q25 !== undefined && q.q75 !== undefined && t >= q.q25 && t <= q.q75,
      in90: t >= q.q05 && t <= q.q95,
      z: sd > 0 ? (Math.log(q.median) - Math.log(t)) / sd : NaN,
    });
  };
  // flip-flop (flip-flop.ts): the report presents the ka > k reading of a curve; a truth with
  // ka < k describes the same curve as its mirror image (ka = CL/V, V = CL/ka), so θ is checked
  // against the reading the report presents
  const theta = { ...truth.theta };
  const { ka, CL, V } = theta;
  if (report.flipFlop && ka !== undefined && CL !== undefined && V !== undefined && ka < CL / V) {
    theta.ka = CL / V;
    theta.V = CL / ka;
  }
  for (const [name, q] of Object.entries(report.parameters)) check('theta', name, theta[name], q);
  for (const [name, b] of Object.entries(report.bsv)) if (truth.omega[name] !== undefined) check('omega', name, truth.omega[name], b.omega);
  return out;
}

export function summarizeChecks(checks: CalibrationCheck[]): CoverageSummary {
  const zs = checks.map((c) => c.z).filter(Number.isFinite);
  const zMean = zs.reduce((a, b) => a + b, 0) / Math.max(1, zs.length);
  const zSd = Math.sqrt(zs.reduce((a, b) => a + (b - zMean) ** 2, 0) / Math.max(1, zs.length - 1));
  return {
    count: checks.length,
    cover50: checks.filter((c) => c.in50).length / Math.max(1, checks.length),
    cover90: checks.filter((c) => c.in90).length / Math.max(1, checks.length),
    zMean, zSd,
  };
}

export async function runCalibration(families: CalibrationFamily[], opts: CalibrationOptions, backend: EnsembleBackend): Promise<{ rows: CalibrationRow[]; summary: CalibrationSummary }> {
  const started = performance.now();
  const rng = createRng(opts.seed);
  const nMin = opts.nMin ?? 8, nMax = opts.nMax ?? 30, limit = opts.truncate ?? 1.5;
  const rows: CalibrationRow[] = [];
  const previous = opts.previous ?? [];
  for (let i = 0; i < opts.cohorts; i++) {
    const fam = families[i % families.length];
    const n = nMin + rng.int(nMax - nMin + 1);
    const truth = drawTruth(fam.model, rng, limit);
    const seed = rng.int(2 ** 31);
    const earlier = previous[i];
    if (earlier) {
      if (earlier.seed !== seed || earlier.family !== fam.model.spec.name) throw new Error(`calibration resume: cohort ${i + 1} of the earlier run does not match this seed and family list`);
      rows.push(earlier);
      continue;
    }
    const t0 = performance.now();
    let row: CalibrationRow;
    try {
      const { dataset } = await simulateCohort(fam.model, truth, { times: fam.times, n, ...(fam.dose !== undefined ? { groups: [{ name: 'all', dose: fam.dose }] } : {}) }, seed, backend);
      const report = await fitModel(fam.model, dataset, { particles: opts.particles, subjects: opts.subjects, seed, screening: opts.screening ?? false }, backend, opts.signal ? { signal: opts.signal } : undefined);
      row = { family: fam.model.spec.name, n, seed, checks: checksOf(report, truth), wallSeconds: (performance.now() - t0) / 1000 };
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      row = { family: fam.model.spec.name, n, seed, checks: [], wallSeconds: (performance.now() - t0) / 1000, error: err instanceof Error ? err.message : String(err) };
    }
    rows.push(row);
    opts.onCohort?.(row, i);
  }
  const all = rows.flatMap((r) => r.checks);
  const byFamily: CalibrationSummary['byFamily'] = {};
  for (const fam of new Set(rows.map((r) => r.family))) {
    const c = rows.filter((r) => r.family === fam).flatMap((r) => r.checks);
    byFamily[fam] = { theta: summarizeChecks(c.filter((x) => x.kind === 'theta')), omega: summarizeChecks(c.filter((x) => x.kind === 'omega')) };
  }
  return {
    rows,
    summary: {
      cohorts: rows.length,
      failed: rows.filter((r) => r.error).length,
      theta: summarizeChecks(all.filter((c) => c.kind === 'theta')),
      omega: summarizeChecks(all.filter((c) => c.kind === 'omega')),
      byFamily,
      settings: { particles: opts.particles, subjects: opts.subjects, nMin, nMax, truncate: limit },
      wallSeconds: (performance.now() - started) / 1000,
    },
  };
}
