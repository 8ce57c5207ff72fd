// A fit's defaults come from one named policy: per backend and per mode (full / screening).
import { expect, test } from 'vitest';
import { FIT_POLICY, resolveFitSettings } from '../../src/infer/index.ts';

test('defaults per backend and mode come from FIT_POLICY; options override them', () => {
  for (const backend of ['cpu', 'webgpu'] as const) {
    for (const screening of [false, true]) {
      const effort = screening ? FIT_POLICY.screening : FIT_POLICY.full;
      expect(resolveFitSettings({ screening }, backend)).toEqual({ particles: effort.particles[backend], subjects: effort.subjects, seed: FIT_POLICY.seed, screening });
    }
  }
  expect(resolveFitSettings({ particles: 64, subjects: 16, seed: 9 }, 'cpu')).toEqual({ particles: 64, subjects: 16, seed: 9, screening: false });
  // a screening fit is the cheaper look in every respect
  const { full, screening } = FIT_POLICY;
  expect(screening.particles.cpu).toBeLessThan(full.particles.cpu);
  expect(screening.noiseCheck.redraws).toBeLessThan(full.noiseCheck.redraws);
  expect(screening.predictive.particles).toBeLessThan(full.predictive.particles);
});
