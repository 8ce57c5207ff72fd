// `mechanist bench [--json] [--only NAME] [--n N] [--backend cpu|webgpu] [--workers W]`
import { createCpuBackend } from '../simulate/index.ts';
import type { EnsembleBackend } from '../simulate/types.ts';
import { createNodeWebGpuBackend } from '../bench/node-gpu.ts';
import { lorenzRequest } from '../bench/cases.ts';
import { BENCHES, runBenchmarks, type BenchLine, type BenchName } from '../bench/run.ts';
import { CliUsageError, numberFlag, parseCli } from './simulate.ts';

const USAGE = 'usage: mechanist bench [--json] [--only lorenz-rk4|pk-oral-adaptive|stiff-robertson|fit-sweep-groups] [--n N] [--backend cpu|webgpu] [--workers W]';

async function makeBackend(kind: string, workers: number | undefined): Promise<{ backend: EnsembleBackend; workers: number }> {
  if (kind === 'cpu') {
    const b = createCpuBackend({ workers });
    await b.simulate(lorenzRequest(1)); // starts the workers, so the line can report their count
    for (const note of b.notes) process.stderr.write(`mechanist bench: ${note}\n`);
    return { backend: b, workers: b.workers };
  }
  const backend = await createNodeWebGpuBackend((m) => process.stderr.write(`mechanist bench: ${m}\n`));
  return { backend, workers: 0 };
}

export async function runBench(args: string[]): Promise<number> {
  let only: BenchName | undefined;
  let n: number | undefined;
  let workers: number | undefined;
  let kind: string;
  let json: boolean;
  try {
    const { values, positionals } = parseCli(args, {
      json: { type: 'boolean' }, only: { type: 'string' }, n: { type: 'string' }, backend: { type: 'string' }, workers: { type: 'string' },
    });
    if (positionals.length) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
    if (values.only !== undefined && !BENCHES.includes(values.only as BenchName)) {
      throw new CliUsageError(`--only must be one of ${BENCHES.join(', ')} (got "${String(values.only)}")`);
    }
    only = values.only as BenchName | undefined;
    kind = (values.backend as string | undefined) ?? 'cpu';
    if (kind !== 'cpu' && kind !== 'webgpu') throw new CliUsageError(`--backend must be cpu or webgpu (got "${kind}")`);
    n = numberFlag('n', values.n, { integer: true, min: 1, max: 2 ** 24 });
    workers = numberFlag('workers', values.workers, { integer: true, min: 1, max: 256 });
    json = values.json === true;
  } catch (e) {
    if (e instanceof CliUsageError) {
      process.stderr.write(`mechanist bench: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  let made: { backend: EnsembleBackend; workers: number };
  try {
    made = await makeBackend(kind, workers);
  } catch (e) {
    process.stderr.write(`mechanist bench: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const emit = (line: BenchLine): void => {
    if (json) process.stdout.write(JSON.stringify(line) + '\n');
    else process.stdout.write(`${line.bench.padEnd(18)} ${line.backend.padEnd(15)} workers=${line.workers} n=${line.n} ${line.ms} ms ${line.trajPerS} traj/s\n`);
  };
  try {
    await runBenchmarks({ only, n, backend: made.backend, workers: made.workers }, emit);
  } finally {
    await made.backend.dispose();
  }
  return 0;
}
