// Two independent fits of one model (the full fit and its refit at larger sizes) pooled into one
// evidence. Each SMC run's evidence estimate Ẑ is unbiased for Z, so their weighted mean (by
// work, particles × subjects) is too; its log is what the ranking uses. Taking the refit alone
// threw the full fit away, and a refit trapped in a poor mode replaced a good full fit (real
// warfarin PCA, pd-idr-1: full −52.5 ± 0.5, refit −87.0 ± 3.9 with the baseline's BSV at ω 2).
// The posterior shown is that of the run that carries most of the pooled Ẑ. Where the two runs
// disagree by more than their stated errors, the errors were understated: the SE is then half
// their difference (the standard error of a mean of two draws).
import type { FitReport } from '../infer/report.ts';

export interface PooledEvidence {
  report: FitReport;
  /** the two runs differ by more than twice their combined SE */
  disagree: boolean;
}

export function poolEvidence(full: FitReport, refit: FitReport, refitWork: number): PooledEvidence {
  const runs = [{ r: full, w: 1 }, { r: refit, w: refitWork }];
  const top = Math.max(full.logEvidence, refit.logEvidence);
  const mass = runs.map(({ r, w }) => w * Math.exp(r.logEvidence - top));
  const total = mass[0]! + mass[1]!;
  const share = mass.map((m) => m / total);
  const logEvidence = top + Math.log(total / (1 + refitWork));
  const gap = Math.abs(full.logEvidence - refit.logEvidence);
  const deltaSE = Math.hypot(share[0]! * full.logEvidenceSE, share[1]! * refit.logEvidenceSE);
  const base = share[1]! >= share[0]! ? refit : full;
  return {
    report: { ...base, logEvidence, logEvidenceSE: Math.max(deltaSE, gap / 2) },
    disagree: gap > 2 * Math.hypot(full.logEvidenceSE, refit.logEvidenceSE),
  };
}
