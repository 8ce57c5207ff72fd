// `mechanist bench [--json] [--only NAME] [--n N] [--backend cpu|webgpu] [--workers W]` (flags: flag-table.ts)
import type { EnsembleBackend } from '../simulate/types.ts';
import { lorenzRequest } from '../bench/cases.ts';
import { runBenchmarks, type BenchLine } from '../bench/run.ts';
import { openBackend } from './backend.ts';
import { BENCH } from './flag-table.ts';
import { parseCommandArgs } from './flags.ts';

async function makeBackend(kind: 'cpu' | 'webgpu', workers: number | undefined): Promise<{ backend: EnsembleBackend; workers: number }> {
  const onNotice = (m: string) => process.stderr.write(`mechanist bench: ${m}\n`);
  // a benchmark never falls back to the CPU under a WebGPU label
  const backend = await openBackend(kind, { onNotice, workers, cpuFallback: false });
  if (kind === 'webgpu') return { backend, workers: 0 };
  await backend.simulate(lorenzRequest(1)); // starts the workers, so the line can report their count
  const cpu = backend as EnsembleBackend & { notes: string[]; workers: number };
  for (const note of cpu.notes) onNotice(note);
  return { backend, workers: cpu.workers };
}

export async function runBench(args: string[]): Promise<number> {
  const { flags } = parseCommandArgs(BENCH, args);
  const made = await makeBackend(flags.backend ?? 'cpu', flags.workers);
  const emit = (line: BenchLine): void => {
    if (flags.json) process.stdout.write(JSON.stringify(line) + '\n');
    else process.stdout.write(`${line.bench.padEnd(18)} ${line.backend.padEnd(15)} workers=${line.workers} n=${line.n} ${line.ms} ms ${line.trajPerS} traj/s\n`);
  };
  try {
    await runBenchmarks({ only: flags.only, n: flags.n, backend: made.backend, workers: made.workers }, emit);
  } finally {
    await made.backend.dispose();
  }
  return 0;
}
