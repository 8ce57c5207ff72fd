// Discovery's fit sizes on a short budget: a study whose one full fit would eat the budget gets
// smaller fits (same factor on particles and subjects, not below the floors), so candidates are
// ranked at all; studies that fit the budget keep the usual sizes.
import { describe, expect, it } from 'vitest';
import { discoveryFitSizes, FULL_FIT_BUDGET_SHARE, SIZE_FLOORS, sizesWithinBudget } from '../../src/discover/sizes.ts';

describe('fit sizes within the time budget', () => {
  const cpu = discoveryFitSizes('cpu');
  it('keeps the usual sizes when one full fit takes at most its share of the budget', () => {
    expect(sizesWithinBudget(cpu, FULL_FIT_BUDGET_SHARE * 180, 180)).toEqual({ sizes: cpu, factor: 1 });
    expect(sizesWithinBudget(cpu, 1, 180).sizes).toEqual(cpu);
  });
  it("shrinks a full fit's particles and subjects by the same factor so the work fits the share", () => {
    const r = sizesWithinBudget(discoveryFitSizes('webgpu'), 4 * FULL_FIT_BUDGET_SHARE * 180, 180);
    expect(r.factor).toBeCloseTo(0.25, 12);
    expect(r.sizes.full).toEqual({ particles: 512, subjects: 128 });
  });
  it("takes screening's share from its subjects first, then from its particles, its work shrinking by the same factor", () => {
    // the slower machine's acop_oral_2cptmm: a full fit ~77 s of 180 (factor 0.58): 64 particles kept (49 had collapsed)
    const r = sizesWithinBudget(cpu, 77, 180);
    expect(r.sizes.screen.subjects).toBe(Math.round(32 * r.factor));
    expect(r.sizes.screen.particles).toBe(Math.round((64 * 32 * r.factor) / r.sizes.screen.subjects));
    expect(r.sizes.screen.particles).toBeGreaterThan(Math.round(64 * Math.sqrt(r.factor)) + 10);
    expect(r.sizes.full.particles).toBe(Math.round(192 * Math.sqrt(r.factor)));
    // below the subjects' floor the particles give the rest
    const q = sizesWithinBudget(cpu, 4 * FULL_FIT_BUDGET_SHARE * 180, 180);
    expect(q.sizes.screen).toEqual({ particles: 32, subjects: 16 });
    const w = sizesWithinBudget(discoveryFitSizes('webgpu'), 4 * FULL_FIT_BUDGET_SHARE * 180, 180);
    expect(w.sizes.screen).toEqual({ particles: 256, subjects: 32 });
    for (const f of [0.9, 0.6, 0.4, 0.3]) {
      const s = sizesWithinBudget(cpu, (FULL_FIT_BUDGET_SHARE * 180) / f, 180).sizes.screen;
      expect(s.particles * s.subjects / (64 * 32)).toBeCloseTo(f, 1);
    }
  });
  it('never goes below the floors (the remifentanil-like case: 11 arms, ~6 min per fit)', () => {
    const r = sizesWithinBudget(cpu, 341, 180);
    expect(r.factor).toBeLessThan(0.2);
    expect(r.sizes.full.particles).toBeGreaterThanOrEqual(SIZE_FLOORS.full.particles);
    expect(r.sizes.full.subjects).toBeGreaterThanOrEqual(SIZE_FLOORS.full.subjects);
    expect(r.sizes.screen).toEqual(SIZE_FLOORS.screen);
    expect(sizesWithinBudget(cpu, 1e9, 10).sizes).toEqual(SIZE_FLOORS);
  });
  it('gives one series more particles, eight times for a full fit and twice for screening, and shrinks only them', () => {
    const one = discoveryFitSizes('cpu', true);
    expect(one.full).toEqual({ particles: 8 * cpu.full.particles, subjects: cpu.full.subjects });
    expect(one.screen).toEqual({ particles: 2 * cpu.screen.particles, subjects: cpu.screen.subjects });
    // one subject is simulated whatever the size says, so the whole factor goes to the particles
    const r = sizesWithinBudget(one, 2 * FULL_FIT_BUDGET_SHARE * 180, 180, true);
    expect(r.sizes.full).toEqual({ particles: 4 * cpu.full.particles, subjects: cpu.full.subjects });
    expect(r.sizes.screen).toEqual({ particles: cpu.screen.particles, subjects: cpu.screen.subjects });
  });
});
