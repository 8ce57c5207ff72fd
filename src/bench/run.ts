// `mechanist bench`: times the ensemble backends on fixed problems and prints one JSON object per
// line (bench, backend, workers, n, ms, trajPerS, …). The lorenz-rk4 case also times a
// hand-written scalar JS loop of the same problem in the same run (backend "handwritten-js").
import type { EnsembleBackend, EnsembleRequest, EnsembleResult } from '../simulate/types.ts';
import { LORENZ_STEPS, lorenzRequest, lorenzRho, pkOralRequest, robertsonRequest } from './cases.ts';
import { lorenzHandwritten } from './handwritten.ts';
import { sweepBench } from './sweep.ts';

export const BENCHES = ['lorenz-rk4', 'pk-oral-adaptive', 'stiff-robertson', 'fit-sweep-groups'] as const;
export type BenchName = (typeof BENCHES)[number];

export interface BenchLine {
  bench: BenchName;
  backend: string;
  workers: number;
  n: number;
  ms: number;
  trajPerS: number;
  [extra: string]: unknown;
}

export interface BenchOptions {
  only?: BenchName;
  /** one ensemble size for every selected bench (default: per bench) */
  n?: number;
  backend: EnsembleBackend;
  /** worker count to report (CPU) */
  workers: number;
}

/** Default sizes. The CPU lorenz sweep stops at 2^18 so `npm run bench` ends in minutes on 2 cores. */
export function defaultSizes(bench: BenchName, backend: string): number[] {
  if (bench === 'lorenz-rk4') return backend === 'cpu' ? [2 ** 12, 2 ** 14, 2 ** 16, 2 ** 18] : [2 ** 12, 2 ** 14, 2 ** 16, 2 ** 18, 2 ** 20];
  if (bench === 'pk-oral-adaptive') return [2 ** 16];
  return [backend === 'cpu' ? 2 ** 12 : 2 ** 14];
}

const REQUESTS: Record<Exclude<BenchName, 'fit-sweep-groups'>, (n: number) => EnsembleRequest> = {
  'lorenz-rk4': lorenzRequest,
  'pk-oral-adaptive': pkOralRequest,
  'stiff-robertson': robertsonRequest,
};

const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

async function timed<T>(f: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}

function failures(r: EnsembleResult): number {
  let k = 0;
  for (const s of r.status) if (s !== 0) k++;
  return k;
}

function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!) / Math.max(1e-12, Math.abs(b[i]!)));
  return m;
}

export async function runBenchmarks(opts: BenchOptions, emit: (line: BenchLine) => void): Promise<void> {
  const { backend } = opts;
  const selected = opts.only ? [opts.only] : [...BENCHES];
  for (const bench of selected) {
    if (bench === 'fit-sweep-groups') {
      // n: particles (default: the fit's default on this backend)
      const particles = opts.n ?? (backend.name === 'cpu' ? 256 : 2048);
      for (const G of [1, 6, 20]) {
        const r = await sweepBench(backend, G, particles);
        emit({ bench, backend: backend.name, workers: opts.workers, n: r.trajectoriesPerSweep, ms: r.msPerSweep, device: backend.description, ...r });
      }
      continue;
    }
    const sizes = opts.n ? [opts.n] : defaultSizes(bench, backend.name);
    const make = REQUESTS[bench];
    // warm-up: starts the workers / device, compiles the kernels and lets the JIT settle
    await backend.simulate(make(Math.min(2048, sizes[0]!)));
    if (bench === 'lorenz-rk4') lorenzHandwritten(2048, LORENZ_STEPS, lorenzRho(2048));
    for (const n of sizes) {
      const req = make(n);
      // lorenz-rk4: generated and hand-written runs alternate, best of `repeats` each, so a busy
      // machine disturbs both alike
      const repeats = bench === 'lorenz-rk4' ? (n <= 2 ** 16 ? 3 : 2) : 1;
      let gen = await timed(() => backend.simulate(req));
      let hand: { ms: number; value: Float64Array } | null = null;
      for (let r = 0; r < repeats; r++) {
        if (r > 0) {
          const g = await timed(() => backend.simulate(req));
          if (g.ms < gen.ms) gen = g;
        }
        if (bench === 'lorenz-rk4') {
          const h = await timed(() => lorenzHandwritten(n, LORENZ_STEPS, lorenzRho(n)));
          if (!hand || h.ms < hand.ms) hand = h;
        }
      }
      const base: BenchLine = {
        bench, backend: backend.name, workers: opts.workers, n, ms: round(gen.ms), trajPerS: Math.round(n / (gen.ms / 1000)),
        method: req.solver.method, accepted: gen.value.stats.accepted, failed: failures(gen.value), device: backend.description, runs: repeats,
      };
      if (!hand) {
        emit(base);
        continue;
      }
      emit({ ...base, vsHandwritten: round(hand.ms / gen.ms, 3), maxRelDiffVsHandwritten: maxRelDiff(gen.value.outputs, hand.value) });
      emit({ bench, backend: 'handwritten-js', workers: 1, n, ms: round(hand.ms), trajPerS: Math.round(n / (hand.ms / 1000)), method: 'rk4', runs: repeats });
    }
  }
}
