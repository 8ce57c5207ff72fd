// Hidden subcommand `mechanist calibrate …` (flags: flag-table.ts) — the calibration study (npm run validate:calibration).
// One line per cohort on stderr; the summary (and, with --out, every cohort) as JSON.
import { rmSync, writeFileSync } from 'node:fs';
import { readTextFile } from './read-text.ts';
import { MAX_TEXT_LENGTH } from '../data/index.ts';
import { createCpuBackend } from '../simulate/index.ts';
import { runCalibration, type CalibrationFamily, type CalibrationRow } from '../infer/calibration.ts';
import { loadModel } from './fit.ts';
import { CliError } from './errors.ts';
import { CALIBRATE } from './flag-table.ts';
import { parseCommandArgs } from './flags.ts';

/** model families and their visit designs (times in each model's own unit) */
const FAMILIES: Record<string, { times: number[] }> = {
  'pk-1cmt-oral': { times: [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24] },
  'pk-2cmt-iv': { times: [0.1, 0.25, 0.5, 1, 2, 4, 6, 8, 12, 24] },
  'growth-logistic': { times: [0, 2, 4, 6, 8, 10, 14, 18, 24, 30] },
  'decay-exponential': { times: [0, 1, 2, 4, 6, 8, 12, 16] },
};

export async function runCalibrate(args: string[]): Promise<number> {
  const { flags } = parseCommandArgs(CALIBRATE, args);
  const cohorts = flags.cohorts ?? 200;
  const seed = flags.seed ?? 1;
  const particles = flags.particles ?? 128;
  const subjects = flags.subjects ?? 64;
  const out = flags.out ?? '';
  const names = (flags.families ?? Object.keys(FAMILIES).join(',')).split(',');
  const unknown = names.filter((n) => !Object.hasOwn(FAMILIES, n));
  if (unknown.length) throw new CliError('usage', `unknown family ${unknown.join(', ')} (known: ${Object.keys(FAMILIES).join(', ')})`);
  const resume = flags.resume ?? '';
  let previous: CalibrationRow[];
  try {
    previous = resume ? readTextFile(resume, '--resume file', MAX_TEXT_LENGTH).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CalibrationRow) : [];
  } catch (err) {
    throw new CliError('file', `--resume: ${err instanceof Error ? err.message : String(err)}`);
  }
  const families: CalibrationFamily[] = names.map((n) => ({ model: loadModel(n), times: FAMILIES[n]!.times }));
  if (out) writeFileSync(out + '.partial.jsonl', previous.map((r) => JSON.stringify(r) + '\n').join(''));
  const backend = createCpuBackend();
  const keepAlive = setInterval(() => {}, 1000);
  try {
    const { rows, summary } = await runCalibration(families, {
      cohorts, seed, particles, subjects, previous,
      onCohort: (r, i) => {
        const t = r.checks.filter((c) => c.kind === 'theta'), o = r.checks.filter((c) => c.kind === 'omega');
        process.stderr.write(`cohort ${i + 1}/${cohorts} ${r.family} n=${r.n}: ${r.error ? `ERROR ${r.error}` : `θ in90 ${t.filter((c) => c.in90).length}/${t.length}, ω in90 ${o.filter((c) => c.in90).length}/${o.length}`} (${r.wallSeconds.toFixed(1)} s)\n`);
        if (out) writeFileSync(out + '.partial.jsonl', JSON.stringify(r) + '\n', { flag: 'a' });
      },
    }, backend);
    if (out) {
      writeFileSync(out, JSON.stringify({ summary, rows }, null, 1) + '\n');
      // the resume log is only needed while the study is incomplete
      rmSync(out + '.partial.jsonl', { force: true });
    }
    process.stdout.write(JSON.stringify(summary, null, 1) + '\n');
    return 0;
  } finally {
    clearInterval(keepAlive);
    await backend.dispose();
  }
}
