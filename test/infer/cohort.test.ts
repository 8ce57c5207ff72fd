// The virtual cohort, defined once: θ_i = θ · exp(ω · η_i) with one seeded standard normal per
// parameter per subject, mean and sample SD across subjects, status names from the Status table.
import { describe, expect, test } from 'vitest';
import { meanSd, okSubjects, sampleSubjects, statusName, valuesAt } from '../../src/infer/cohort.ts';
import { createRng } from '../../src/infer/rng.ts';
import { DEFAULT_OMEGA, typicalOmega } from '../../src/model/index.ts';
import { Status, type EnsembleResult } from '../../src/simulate/types.ts';

describe('sampleSubjects', () => {
  test('θ·exp(ω·η) with η the generator\'s normals in subject-major order, one per parameter even where ω = 0', () => {
    const theta = [2, 5, 7], omega = [0.5, 0, 0.2];
    const out = sampleSubjects(createRng(11), theta, omega, 4, new Float64Array(5 * 3), 1);
    const rng = createRng(11);
    expect([...out.subarray(0, 3)]).toEqual([0, 0, 0]); // rows before firstRow untouched
    for (let i = 1; i <= 4; i++) {
      for (let j = 0; j < 3; j++) expect(out[i * 3 + j]).toBeCloseTo(theta[j]! * Math.exp(omega[j]! * rng.normal()), 12);
    }
    expect(out.filter((_, k) => k >= 3 && k % 3 === 1).every((v) => v === 5)).toBe(true);
  });
});

describe('summaries across subjects', () => {
  test('mean and sample SD (n − 1); NaN where undefined', () => {
    expect(meanSd([1, 2, 3, 6])).toEqual({ mean: 3, sd: Math.sqrt((4 + 1 + 0 + 9) / 3) });
    expect(meanSd([4]).mean).toBe(4);
    expect(meanSd([4]).sd).toBeNaN();
    expect(meanSd([]).mean).toBeNaN();
  });
  test('values of the trajectories that ended ok, by output and time', () => {
    // 3 trajectories × 2 times × 2 outputs; the second failed
    const outputs = Float64Array.from({ length: 12 }, (_, k) => k);
    const res = { n: 3, nTimes: 2, nOut: 2, outputs, status: Uint8Array.of(Status.ok, Status.nonFinite, Status.ok) } as unknown as EnsembleResult;
    expect(okSubjects(res)).toEqual([0, 2]);
    expect(valuesAt(res, okSubjects(res), 1, 1)).toEqual([3, 11]);
  });
});

test('status names come from the simulator\'s Status table', () => {
  expect([Status.ok, Status.maxSteps, Status.nonFinite, Status.stepUnderflow].map(statusName)).toEqual(['ok', 'max-steps', 'non-finite', 'step-underflow']);
  expect(statusName(9)).toBe('status-9');
});

test('the ω a parameter spec implies', () => {
  const prior = { type: 'lognormal', median: 1, gsd: 2 } as const;
  expect(typicalOmega({ name: 'k', prior })).toBe(0);
  expect(typicalOmega({ name: 'k', prior, varies: true })).toBe(DEFAULT_OMEGA);
  expect(typicalOmega({ name: 'k', prior, varies: true, omega: { type: 'lognormal', median: 0.5, gsd: 1.5 } })).toBe(0.5);
});
