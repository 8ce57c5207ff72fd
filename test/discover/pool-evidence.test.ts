// Pooling a full fit with its refit: the work-weighted mean of the two evidence estimates Ẑ.
import { describe, expect, it } from 'vitest';
import { poolEvidence } from '../../src/discover/pool-evidence.ts';
import type { FitReport } from '../../src/infer/report.ts';

const fit = (logEvidence: number, logEvidenceSE: number, tag: string): FitReport => ({ logEvidence, logEvidenceSE, model: tag } as unknown as FitReport);

describe('poolEvidence', () => {
  it('averages Ẑ weighted by work: equal evidences stay put, the SE shrinks below either run', () => {
    const { report, disagree } = poolEvidence(fit(-50, 0.4, 'full'), fit(-50, 0.4, 'refit'), 4);
    expect(report.logEvidence).toBeCloseTo(-50, 12);
    // shares 0.2 and 0.8: √(0.08² + 0.32²) = 0.330
    expect(report.logEvidenceSE).toBeCloseTo(Math.hypot(0.08, 0.32), 12);
    expect(disagree).toBe(false);
    expect((report as unknown as { model: string }).model).toBe('refit');
  });

  it('matches the weighted mean computed on the natural scale', () => {
    const { report } = poolEvidence(fit(3, 0.3, 'full'), fit(2, 0.3, 'refit'), 2.89);
    expect(report.logEvidence).toBeCloseTo(Math.log((Math.exp(3) + 2.89 * Math.exp(2)) / 3.89), 12);
  });

  it('keeps the good run when a refit is trapped in a poor mode, and widens the SE to the spread', () => {
    // real warfarin PCA, pd-idr-1: full −52.46 ± 0.54, refit −87.02 ± 3.92 at 2× sizes
    const { report, disagree } = poolEvidence(fit(-52.46, 0.54, 'full'), fit(-87.02, 3.92, 'refit'), 4);
    expect(report.logEvidence).toBeCloseTo(-52.46 + Math.log(1 / 5), 6);
    expect(report.logEvidenceSE).toBeCloseTo((87.02 - 52.46) / 2, 12);
    expect(disagree).toBe(true);
    expect((report as unknown as { model: string }).model).toBe('full');
  });

  it('survives evidences far below the floating-point range', () => {
    const { report } = poolEvidence(fit(-15_000_555, 1, 'full'), fit(-15_000_560, 1, 'refit'), 4);
    expect(Number.isFinite(report.logEvidence)).toBe(true);
    expect(report.logEvidence).toBeCloseTo(-15_000_555 + Math.log((1 + 4 * Math.exp(-5)) / 5), 6);
  });
});
