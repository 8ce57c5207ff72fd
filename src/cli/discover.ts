// `mechanist discover <data.csv> …` (flags: flag-table.ts)
// The DiscoveryReport JSON goes to stdout (and to --out); progress and a ranked summary to stderr.
import { writeFileSync } from 'node:fs';
import { DEFAULT_DISCOVERY, NoModelError, runDiscovery, type DiscoveryOptions, type DiscoveryProgress } from '../discover/index.ts';
import type { EnsembleBackend } from '../simulate/index.ts';
import { loadData } from './fit.ts';
import { weightText } from '../discover/weight-text.ts';
import { discoveryWorkNote } from '../discover/work-check.ts';
import { FitInputError, WorkBudgetError } from '../infer/index.ts';
import { openBackend } from './backend.ts';
import { CliError } from './errors.ts';
import { DISCOVER } from './flag-table.ts';
import { parseCommandArgs } from './flags.ts';

export interface DiscoverArgs { data: string; dosing?: string; dosingBesideData: boolean; options: DiscoveryOptions; backend: 'cpu' | 'webgpu'; out?: string; workers?: number }

export function parseDiscoverArgs(args: string[]): DiscoverArgs {
  const { positionals: [data], flags } = parseCommandArgs(DISCOVER, args);
  const options: DiscoveryOptions = {
    proposer: flags.proposer ?? 'library',
    ...(flags.context !== undefined ? { context: flags.context } : {}),
    ...(flags.rounds !== undefined ? { rounds: flags.rounds } : {}),
    ...(flags['budget-s'] !== undefined ? { budgetSeconds: flags['budget-s'] } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags['predict-times'] ? { predictTimes: flags['predict-times'] } : {}),
  };
  return { data: data!, options, backend: flags.backend ?? 'cpu', dosingBesideData: !flags['no-dosing-file'], ...(flags.out ? { out: flags.out } : {}), ...(flags.workers ? { workers: flags.workers } : {}), ...(flags.dosing ? { dosing: flags.dosing } : {}) };
}

function progressPrinter(): (p: DiscoveryProgress) => void {
  let last = '';
  return (p) => {
    const line = `[${(100 * p.fraction).toFixed(0).padStart(3)}%] round ${p.round} ${p.stage}: ${p.message}`;
    if (line !== last) process.stderr.write(line + '\n');
    last = line;
  };
}

export async function runDiscover(args: string[]): Promise<number> {
  let backend: EnsembleBackend | undefined;
  const keepAlive = setInterval(() => {}, 1000);
  const ctrl = new AbortController();
  const onSigint = () => { process.stderr.write('mechanist discover: cancelling…\n'); ctrl.abort(); };
  process.once('SIGINT', onSigint);
  try {
    const a = parseDiscoverArgs(args);
    if (a.options.proposer === 'webllm') {
      throw new CliError('usage', 'the WebLLM proposer runs a language model on WebGPU inside a browser (and needs its weights in the browser cache); it cannot run in Node. Use --proposer library here, or the app\'s LLM settings in a browser.');
    }
    const data = loadData(a.data, a.dosing, a.dosingBesideData ? 'discover' : undefined);
    backend = await openBackend(a.backend, { workers: a.workers, onNotice: (m) => process.stderr.write(`mechanist discover: ${m}\n`) });
    // the work budget up front, from the data: refused when one fit alone is far too large
    try {
      const note = discoveryWorkNote(data, a.options, backend.name);
      if (note) process.stderr.write(`mechanist discover: ${note} (Ctrl-C cancels)\n`);
    } catch (e) {
      if (e instanceof WorkBudgetError) throw new CliError('work-budget', e.message);
      throw e;
    }
    const budget = a.options.budgetSeconds ?? DEFAULT_DISCOVERY.budgetSeconds;
    process.stderr.write(`mechanist discover: library proposer on ${backend.description}, budget ${budget} s, seed ${a.options.seed ?? DEFAULT_DISCOVERY.seed}\n`);
    const report = await runDiscovery(data, a.options, backend, { onProgress: progressPrinter(), signal: ctrl.signal });
    const json = JSON.stringify(report, null, 1);
    if (a.out) writeFileSync(a.out, json + '\n');
    process.stdout.write(json + '\n');
    if (report.verdict && !report.verdict.fits) process.stderr.write(`  NO MODEL FITS THESE DATA: ${report.verdict.reasons.join(' | ')}\n`);
    else if (report.verdict) process.stderr.write(`  ${report.verdict.message}\n`);
    for (const m of report.models.slice(0, 5)) {
      process.stderr.write(`  ${m.rank}. ${m.name}: weight ${weightText(m)}, log-evidence ${m.logEvidence.toFixed(2)} ± ${m.logEvidenceSE.toFixed(2)}${m.adequacy && !m.adequacy.adequate ? ` — fails a sanity check: ${m.adequacy.problems.join('; ')}` : ''}\n`);
    }
    process.stderr.write(`  ${report.timing.candidatesFitted} fits in ${report.timing.wallSeconds.toFixed(1)} s\n`);
    return 0;
  } catch (err) {
    if ((err as Error).name === 'AbortError') { process.stderr.write('mechanist discover: cancelled\n'); return 130; }
    // a design one model run cannot take (e.g. oral and intravenous groups) is a data error
    if (err instanceof FitInputError) throw new CliError('data', err.message);
    // a run that ends without a model: exit 1 (the input itself was readable)
    if (err instanceof NoModelError) throw new CliError('no-fit', err.message, { exitCode: 1 });
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    clearInterval(keepAlive);
    await backend?.dispose();
  }
}
