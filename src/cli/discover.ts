// `mechanist discover <data.csv> [--dosing doses.csv] [--context "text"] [--proposer library|webllm] [--rounds R]
//   [--budget-s S] [--seed S] [--predict-times 36,48] [--backend cpu|webgpu] [--out report.json]`
// The DiscoveryReport JSON goes to stdout (and to --out); progress and a ranked summary to stderr.
import { writeFileSync } from 'node:fs';
import { DEFAULT_DISCOVERY, runDiscovery, type DiscoveryOptions, type DiscoveryProgress } from '../discover/index.ts';
import { createCpuBackend, type EnsembleBackend } from '../simulate/index.ts';
import { loadData, openBackend } from './fit.ts';
import { weightText } from '../discover/weight-text.ts';
import { RUN_LIMITS, runLimitProblem } from '../discover/run-limits.ts';
import { MAX_ABS_TIME } from '../data/index.ts';
import { discoveryWorkNote } from '../discover/work-check.ts';
import { WorkBudgetError } from '../infer/index.ts';

const USAGE = 'usage: mechanist discover <data.csv> [--dosing doses.csv] [--context "text"] [--proposer library|webllm] [--rounds R] [--budget-s S] [--seed S] [--predict-times 36,48] [--backend cpu|webgpu] [--workers W] [--out report.json]';

class UsageError extends Error {}

export interface DiscoverArgs { data: string; dosing?: string; options: DiscoveryOptions; backend: 'cpu' | 'webgpu'; out?: string; workers?: number }

export function parseDiscoverArgs(args: string[]): DiscoverArgs {
  const positional: string[] = [];
  const options: DiscoveryOptions = { proposer: 'library' };
  let backend: 'cpu' | 'webgpu' = 'cpu';
  let out: string | undefined;
  let workers: number | undefined;
  let dosing: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => { const v = inline ?? args[++i]; if (v === undefined) throw new UsageError(`${flag} needs a value`); return v; };
    const num = (v: string, ok: (n: number) => boolean, what: string) => { const n = Number(v); if (v.trim() === '' || !ok(n)) throw new UsageError(`${flag} needs ${what} (got "${v}")`); return n; };
    switch (flag) {
      case '--context': options.context = value(); break;
      case '--proposer': {
        const v = value();
        if (v !== 'library' && v !== 'webllm') throw new UsageError(`--proposer must be library or webllm (got "${v}")`);
        options.proposer = v;
        break;
      }
      case '--rounds': options.rounds = num(value(), (n) => runLimitProblem('rounds', n) === null, `an integer from ${RUN_LIMITS.rounds.min} to ${RUN_LIMITS.rounds.max}`); break;
      case '--budget-s': options.budgetSeconds = num(value(), (n) => Number.isFinite(n) && n > 0 && n <= RUN_LIMITS.budgetSeconds.max, `a number of seconds > 0 and ≤ ${RUN_LIMITS.budgetSeconds.max}`); break;
      case '--seed': options.seed = num(value(), (n) => runLimitProblem('seed', n) === null, `an integer from 0 to ${RUN_LIMITS.seed.max}`); break;
      case '--predict-times': {
        const v = value();
        const ts = v.split(',').map((x) => x.trim()).filter((x) => x !== '').map(Number);
        if (ts.length === 0 || ts.some((t) => !Number.isFinite(t) || t < 0 || t > MAX_ABS_TIME)) throw new UsageError(`--predict-times needs comma-separated non-negative numbers up to ${MAX_ABS_TIME.toExponential(0)} (got "${v}")`);
        options.predictTimes = [...new Set(ts)].sort((x, y) => x - y);
        break;
      }
      case '--backend': {
        const v = value();
        if (v !== 'cpu' && v !== 'webgpu') throw new UsageError(`--backend must be cpu or webgpu (got "${v}")`);
        backend = v;
        break;
      }
      case '--out': out = value(); break;
      case '--dosing': dosing = value(); break;
      case '--workers': workers = num(value(), (n) => Number.isInteger(n) && n >= 1 && n <= 256, 'a positive integer'); break;
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a}\n${USAGE}`);
        positional.push(a);
    }
  }
  if (positional.length !== 1) throw new UsageError(USAGE);
  return { data: positional[0]!, options, backend, ...(out ? { out } : {}), ...(workers ? { workers } : {}), ...(dosing ? { dosing } : {}) };
}

function progressPrinter(): (p: DiscoveryProgress) => void {
  let last = '';
  return (p) => {
    const line = `[${(100 * p.fraction).toFixed(0).padStart(3)}%] round ${p.round} ${p.stage}: ${p.message}`;
    if (line !== last) process.stderr.write(line + '\n');
    last = line;
  };
}

function usageFail(message: string): number {
  process.stdout.write(JSON.stringify({ error: { code: 'usage', message } }) + '\n');
  process.stderr.write(`mechanist discover: ${message}\n`);
  return 2;
}

export async function runDiscover(args: string[]): Promise<number> {
  let a: DiscoverArgs;
  try { a = parseDiscoverArgs(args); } catch (err) {
    if (err instanceof UsageError) return usageFail(err.message);
    throw err;
  }
  if (a.options.proposer === 'webllm') {
    return usageFail('the WebLLM proposer runs a language model on WebGPU inside a browser (and needs its weights in the browser cache); it cannot run in Node. Use --proposer library here, or the app\'s LLM settings in a browser.');
  }
  let backend: EnsembleBackend | undefined;
  const keepAlive = setInterval(() => {}, 1000);
  const ctrl = new AbortController();
  const onSigint = () => { process.stderr.write('mechanist discover: cancelling…\n'); ctrl.abort(); };
  process.once('SIGINT', onSigint);
  try {
    let data;
    try { data = loadData(a.data, a.dosing); } catch (err) {
      const e = err as Error & { code?: string; extra?: Record<string, unknown> };
      process.stdout.write(JSON.stringify({ error: { code: e.code ?? 'data', message: e.message, ...(e.extra ?? {}) } }) + '\n');
      process.stderr.write(`mechanist discover: ${e.message}\n`);
      return 2;
    }
    backend = a.backend === 'cpu' && a.workers ? createCpuBackend({ workers: a.workers }) : await openBackend(a.backend, (m) => process.stderr.write(`mechanist discover: ${m}\n`));
    // the work budget up front, from the data: refused when one fit alone is far too large
    try {
      const note = discoveryWorkNote(data, a.options, backend.name);
      if (note) process.stderr.write(`mechanist discover: ${note} (Ctrl-C cancels)\n`);
    } catch (e) {
      if (e instanceof WorkBudgetError) {
        process.stdout.write(JSON.stringify({ error: { code: 'work-budget', message: e.message } }) + '\n');
        process.stderr.write(`mechanist discover: ${e.message}\n`);
        return 2;
      }
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
    if (/^No candidate model could be fitted/.test((err as Error).message)) {
      process.stdout.write(JSON.stringify({ error: { code: 'no-fit', message: (err as Error).message } }) + '\n');
      process.stderr.write(`mechanist discover: ${(err as Error).message}\n`);
      return 1;
    }
    const e = err as Error & { code?: string };
    // a design one model run cannot take (e.g. oral and intravenous groups) is a data error
    if (e.code === 'backend' || e.code === 'file' || e.code === 'data' || e.name === 'FitInputError') {
      process.stdout.write(JSON.stringify({ error: { code: e.code ?? 'data', message: e.message } }) + '\n');
      process.stderr.write(`mechanist discover: ${e.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    clearInterval(keepAlive);
    await backend?.dispose();
  }
}
