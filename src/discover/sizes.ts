// Fit sizes of discovery, apart from the loop so the app can estimate a run's cost without it.

/**
 * Fit sizes used by discovery (particles × virtual subjects). Screening is deliberately tiny:
 * it only has to tell promising structures from hopeless ones; the full fits of the leaders are
 * what the ranking rests on. On the CPU the full fits are smaller than a stand-alone
 * `mechanist fit` so that several candidates fit within a few minutes on 2 cores.
 */
export function discoveryFitSizes(backend: 'cpu' | 'webgpu'): { screen: { particles: number; subjects: number }; full: { particles: number; subjects: number } } {
  return backend === 'webgpu'
    ? { screen: { particles: 256, subjects: 128 }, full: { particles: 1024, subjects: 256 } }
    : { screen: { particles: 64, subjects: 32 }, full: { particles: 192, subjects: 96 } };
}
