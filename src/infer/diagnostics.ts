// Diagnostics fed back to proposers and shown to users: standardized residuals of the cohort
// mean and SD at each visit (against the posterior predictive), patterns in them,
// identifiability (contraction, strong correlations, prior edges) and failed trajectories.
import type { Diagnostics, ResidualRow } from './report.ts';
import type { FitPlan } from './plan.ts';
import type { PredictiveDraws } from './predictive.ts';
import { priorBounds, samplePrior, type PopulationLayout } from './population.ts';
import { createRng } from './rng.ts';

function meanSd(x: ArrayLike<number>): { mean: number; sd: number } {
  let n = 0, s = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) { s += x[i]; n++; }
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) v += (x[i] - mean) ** 2;
  return { mean, sd: Math.sqrt(v / Math.max(1, n - 1)) };
}

const fmt = (x: number) => Number(x.toPrecision(3));

/** |z| reported where the model predicts no spread at all and the data differ from it */
export const UNBOUNDED_Z = 99;

/**
 * (observed − predicted) / predictive SD of the cohort mean. Where the model predicts no spread
 * (e.g. zero before a dose with no additive error) the data's own SEM stands in, and where there is
 * none either, a difference is a misfit of ±UNBOUNDED_Z — never a silent 0.
 */
export function standardizedResidual(observed: number, pred: { mean: number; sd: number }, sd: number | null, n: number): number {
  const diff = observed - pred.mean;
  if (!Number.isFinite(pred.mean)) return UNBOUNDED_Z;
  const scale = Math.max(Math.abs(observed), Math.abs(pred.mean), 1e-300);
  if (pred.sd > 1e-9 * scale) return diff / pred.sd;
  if (sd !== null && sd > 0) return Math.max(-UNBOUNDED_Z, Math.min(UNBOUNDED_Z, diff / (sd / Math.sqrt(n))));
  return Math.abs(diff) <= 1e-9 * scale ? 0 : Math.sign(diff) * UNBOUNDED_Z;
}

export function residualRows(plan: FitPlan, draws: PredictiveDraws): ResidualRow[] {
  const rows: ResidualRow[] = [];
  plan.series.forEach((s, i) => {
    // a visit known only to lie below the LLOQ (everyone below, or a censored mean) fits while the
    // predicted mean is below the limit, and misses by how far it is above
    const censoredAt = new Map((s.data.censored ?? []).filter((c) => c.all).map((c) => [c.k, c.lloq]));
    s.source.times.forEach((time, k) => {
      const m = meanSd(draws.meanAtVisits[i][k]);
      const lloq = censoredAt.get(k);
      const meanZ = lloq === undefined ? standardizedResidual(s.data.mean[k]!, m, s.data.sd[k] ?? null, s.data.n[k]!)
        : m.mean <= lloq ? 0 : standardizedResidual(lloq, m, null, s.data.n[k]!);
      const sd = s.data.sd[k];
      let sdZ: number | null = null;
      if (sd !== null && sd > 0 && s.data.n[k] >= 2) {
        const l = meanSd(draws.logSdAtVisits[i][k]);
        if (l.sd > 0 && Number.isFinite(l.mean)) sdZ = (Math.log(sd) - l.mean) / l.sd;
      }
      rows.push({ group: plan.groups[s.group].name, observable: s.source.observable, time, meanZ, sdZ });
    });
  });
  return rows;
}

/**
 * Visits where the model predicts (almost) nothing yet but the data clearly show something:
 * typically pre-dose samples (an endogenous compound, carry-over from earlier doses). The model
 * cannot fit them, so they inflate the residual error; the user should know.
 */
export function baselineWarnings(plan: FitPlan, draws: PredictiveDraws): string[] {
  const out: string[] = [];
  plan.series.forEach((s, i) => {
    const pred = draws.meanAtVisits[i].map((d) => Math.abs(meanSd(d).mean));
    const predPeak = Math.max(...pred);
    const obsPeak = Math.max(...s.data.mean.map(Math.abs));
    if (!(predPeak > 0 && obsPeak > 0)) return;
    // (the predictive cohort means carry residual error, so "nothing" is below 1% of the peak)
    const times = s.source.times.filter((_, k) => pred[k]! <= 0.01 * predPeak && Math.abs(s.data.mean[k]!) > 0.05 * obsPeak);
    if (!times.length) return;
    const label = `${s.source.observable}${plan.groups.length > 1 ? ` (${plan.groups[s.group].name})` : ''}`;
    out.push(`${label}: at t = ${times.join(', ')} the data mean is clearly above zero but the model predicts nothing yet (pre-dose samples of an endogenous compound, carry-over, or troughs of a study at steady state?); the model cannot fit these visits and they inflate the residual error: remove them, give the model a baseline, or, at steady state, say so (a steady_state column with the interval, or "at steady state" and the interval in the context)`);
  });
  return out;
}

/** Human-readable patterns in one series' residuals. */
export function residualPatterns(rows: ResidualRow[], plan: FitPlan, draws: PredictiveDraws): string[] {
  const out: string[] = [];
  plan.series.forEach((s, i) => {
    const label = `${s.source.observable}${plan.groups.length > 1 ? ` (${plan.groups[s.group].name})` : ''}`;
    const r = rows.filter((x) => x.group === plan.groups[s.group].name && x.observable === s.source.observable);
    const K = r.length;
    if (K === 0) return;
    const third = Math.max(1, Math.floor(K / 3));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const early = avg(r.slice(0, third).map((x) => x.meanZ));
    const late = avg(r.slice(K - third).map((x) => x.meanZ));
    if (early > 1.5) out.push(`${label}: early mean under-predicted (mean z ${fmt(early)})`);
    if (early < -1.5) out.push(`${label}: early mean over-predicted (mean z ${fmt(early)})`);
    if (late > 1.5) out.push(`${label}: late mean under-predicted (mean z ${fmt(late)})`);
    if (late < -1.5) out.push(`${label}: late mean over-predicted (mean z ${fmt(late)})`);
    for (const x of r) if (Math.abs(x.meanZ) > 3) out.push(`${label}: mean at t=${x.time} off by ${fmt(x.meanZ)} SD`);
    // peak timing: observed peak vs predicted (median of predictive mean) at the visits
    const pred = draws.meanAtVisits[i].map((d) => meanSd(d).mean);
    const obsPeak = s.data.mean.indexOf(Math.max(...s.data.mean));
    const predPeak = pred.indexOf(Math.max(...pred));
    // only when the misplaced peak shows in the residuals (flat peaks shift by noise alone)
    if (obsPeak > 0 && obsPeak < K - 1 && obsPeak !== predPeak && (r[obsPeak].meanZ > 1.5 || r[predPeak].meanZ < -1.5)) {
      out.push(`${label}: observed peak at t=${s.source.times[obsPeak]} but predicted at t=${s.source.times[predPeak]}`);
    }
    const sdz = r.map((x) => x.sdZ).filter((x): x is number => x !== null);
    if (sdz.length > 0) {
      const a = avg(sdz);
      if (a > 1.5) out.push(`${label}: SD under-predicted (more spread between subjects than the model allows; mean z ${fmt(a)})`);
      if (a < -1.5) out.push(`${label}: SD over-predicted (mean z ${fmt(a)})`);
      const lateSd = avg(sdz.slice(Math.floor((2 * sdz.length) / 3)));
      const earlySd = avg(sdz.slice(0, Math.max(1, Math.floor(sdz.length / 3))));
      if (Math.abs(a) <= 1.5 && lateSd - earlySd > 2) out.push(`${label}: SD grows faster over time than predicted`);
      if (Math.abs(a) <= 1.5 && earlySd - lateSd > 2) out.push(`${label}: SD grows slower over time than predicted`);
    }
  });
  return out;
}

/** prior SD of each φ coordinate (exact for normal/log-uniform priors, sampled otherwise) */
export function priorSds(layout: PopulationLayout): number[] {
  const rng = createRng(12345);
  return layout.hyper.map((h) => {
    const p = h.prior;
    if (p.type === 'normal') return p.sd;
    if (p.type === 'loguniform') return (Math.log(p.upper) - Math.log(p.lower)) / Math.sqrt(12);
    const xs = Array.from({ length: 4000 }, () => samplePrior(p, rng));
    return meanSd(xs).sd;
  });
}

export function identifiability(layout: PopulationLayout, phi: Float64Array, N: number): Diagnostics['identifiability'] {
  const D = layout.hyper.length;
  const names = layout.hyper.map((h) => h.name);
  const cols = names.map((_, k) => Float64Array.from({ length: N }, (_, i) => phi[i * D + k]));
  const stats = cols.map(meanSd);
  const psd = priorSds(layout);
  const contraction: Record<string, number> = {};
  names.forEach((n, k) => { contraction[n] = psd[k] > 0 ? stats[k].sd / psd[k] : NaN; });
  const correlated: { a: string; b: string; corr: number }[] = [];
  for (let a = 0; a < D; a++) {
    for (let b = a + 1; b < D; b++) {
      if (!(stats[a].sd > 0 && stats[b].sd > 0)) continue;
      let c = 0;
      for (let i = 0; i < N; i++) c += (cols[a][i] - stats[a].mean) * (cols[b][i] - stats[b].mean);
      const corr = c / (N - 1) / (stats[a].sd * stats[b].sd);
      if (Math.abs(corr) > 0.95) correlated.push({ a: names[a], b: names[b], corr: fmt(corr) });
    }
  }
  const atPriorEdge: string[] = [];
  layout.hyper.forEach((h, k) => {
    const bounds = priorBounds(h.prior);
    if (bounds) {
      const w = 0.025 * (bounds[1] - bounds[0]);
      let near = 0;
      for (let i = 0; i < N; i++) if (cols[k][i] < bounds[0] + w || cols[k][i] > bounds[1] - w) near++;
      if (near > 0.2 * N) atPriorEdge.push(h.name);
    } else if (h.prior.type === 'normal') {
      if (Math.abs(stats[k].mean - h.prior.mean) > 2.5 * h.prior.sd) atPriorEdge.push(h.name);
    }
  });
  return { contraction, correlated, atPriorEdge };
}
