// `mechanist fit <spec.json|example-name> <data.csv> …` (flags: flag-table.ts)
// The FitReport JSON goes to stdout (and to --out); a progress bar and messages go to stderr.
// Bad input: exit 2 with {"error": {...}} on stdout and a sentence on stderr.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSpec, compileModel, LIMITS, type SpecIssue } from '../model/index.ts';
import type { CompiledModel } from '../model/compiled.ts';
import { applyDosingTable, MAX_TEXT_LENGTH, parseDosingTable, rebinAtSubjectDoses, tryParseDataset, type DataIssue, type Dataset, type DosingTableResult } from '../data/index.ts';
import { InputFileError, readTextFile } from './read-text.ts';
import type { EnsembleBackend } from '../simulate/index.ts';
import { fitModel, FitInputError, withDataRegimen, type FitOptions, type FitProgress } from '../infer/index.ts';
import { openBackend } from './backend.ts';
import { CliError } from './errors.ts';
import { FIT } from './flag-table.ts';
import { parseCommandArgs } from './flags.ts';

export interface FitArgs { spec: string; data: string; dosing?: string; dosingBesideData: boolean; options: FitOptions; backend: 'cpu' | 'webgpu'; out?: string }

export function parseFitArgs(args: string[]): FitArgs {
  const { positionals: [spec, data], flags } = parseCommandArgs(FIT, args);
  const options: FitOptions = {
    ...(flags.particles !== undefined ? { particles: flags.particles } : {}),
    ...(flags.subjects !== undefined ? { subjects: flags.subjects } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags['predict-times'] ? { predictTimes: flags['predict-times'] } : {}),
    ...(flags.screening ? { screening: true } : {}),
  };
  return { spec: spec!, data: data!, options, backend: flags.backend ?? 'cpu', dosingBesideData: !flags['no-dosing-file'], ...(flags.out ? { out: flags.out } : {}), ...(flags.dosing ? { dosing: flags.dosing } : {}) };
}

/** a spec file, or the name of a bundled example model (public/examples/models/NAME.json) */
export function resolveSpecPath(arg: string): string {
  if (existsSync(arg)) return arg;
  const here = dirname(fileURLToPath(import.meta.url));
  const name = arg.replace(/\.json$/, '');
  const roots = [process.cwd(), resolve(here, '../..'), resolve(here, '../../..')];
  for (const root of roots) {
    const p = resolve(root, 'public/examples/models', `${name}.json`);
    if (existsSync(p)) return p;
  }
  throw new CliError('file', `${arg} is neither a spec file nor the name of an example model (public/examples/models/*.json)`);
}

function readText(file: string, what: string, maxChars: number): string {
  try {
    return readTextFile(file, what, maxChars);
  } catch (err) {
    if (err instanceof InputFileError) throw new CliError('file', err.message);
    throw err;
  }
}

export function loadModel(arg: string): CompiledModel {
  const file = resolveSpecPath(arg);
  const { model, issues } = checkSpec(readText(file, 'spec', LIMITS.sourceLength));
  if (!model) {
    const first: SpecIssue = issues[0]!;
    const where = first.line !== undefined ? `${file}:${first.line}:${first.column ?? 1}: ` : `${file}: `;
    throw new CliError(first.code, `${where}${first.path ? first.path + ': ' : ''}${first.message}`, { details: { path: first.path, line: first.line ?? null, column: first.column ?? null, issues } });
  }
  return compileModel(model);
}

const rowCol = (i: DataIssue) => `${i.row !== undefined ? `row ${i.row}` : ''}${i.row !== undefined && i.column ? ', ' : ''}${i.column ? `column "${i.column}"` : ''}`;

/** the dosing table's file name looked for beside a data table */
export const DOSING_BESIDE_DATA = 'dosing.csv';

/**
 * The dosing table beside the data file (a study folder: aggregate.csv with dosing.csv, each
 * subject's doses) and why it is read: when no group of the data states a dose or schedule (the
 * data alone would give every model one unit dose at t = 0), or when the data state one dose per
 * group and no schedule while the table gives some subject repeated doses (the data alone would
 * give a single dose) or gives the route (an infusion and its length, an oral dose). Undefined when
 * there is none, it cannot be read, or the data state their schedule.
 */
export function dosingBesideData(file: string, data: Dataset): { path: string; why: string; parsed?: DosingTableResult } | undefined {
  const path = join(dirname(resolve(file)), DOSING_BESIDE_DATA);
  if (path === resolve(file) || !existsSync(path) || data.groups.some((g) => g.regimen !== undefined)) return undefined;
  if (!data.groups.some((g) => g.covariates.dose !== undefined)) return { path, why: 'the data state no doses and a dosing table lies beside them' };
  const parsed = parseDosingTable(readText(path, 'dosing table', MAX_TEXT_LENGTH));
  if (!parsed.ok) return undefined;
  if (parsed.table.repeats) return { path, why: 'the data state one dose per group and the dosing table beside them repeats doses', parsed };
  // a dose column says how much, not how: an infusion read as a bolus peaks at the wrong time
  const routes = new Set([...parsed.table.byGroup.values()].map((e) => e.regimen.route).filter((r) => r !== undefined));
  if (routes.size === 0) return undefined;
  return { path, why: `the data state one dose per group and no route, and the dosing table beside them gives it (${[...routes].sort().join(', ')}${routes.has('infusion') ? ', with the infusion lengths' : ''})`, parsed };
}

/**
 * The data table, with each group's schedule from a separate dosing table: the one given, else
 * (when `command` names the command reading it) the dosing.csv beside the data when
 * dosingBesideData says so. A table beside the data that cannot be read or does not fit them (e.g.
 * its amounts in other units than their doses) is left out with a warning naming the problem.
 */
export function loadData(file: string, dosingFile?: string, command?: string): Dataset {
  const text = readText(file, 'data file', MAX_TEXT_LENGTH);
  const r = tryParseDataset(text);
  if (!r.ok) return accepted<Dataset>(file, r.warnings, null, r.issues);
  const beside = dosingFile === undefined && command !== undefined ? dosingBesideData(file, r.dataset) : undefined;
  if (beside !== undefined) process.stderr.write(`mechanist ${command}: ${beside.why}: reading ${beside.path} (--no-dosing-file ignores it)\n`);
  const tableFile = dosingFile ?? beside?.path;
  if (tableFile === undefined) return accepted(file, r.warnings, r.dataset, []);
  const t = beside?.parsed ?? parseDosingTable(readText(tableFile, 'dosing table', MAX_TEXT_LENGTH));
  // individual rows are binned again at each subject's doses when the table gives them
  const rebinned = t.ok ? rebinAtSubjectDoses(r, t.table, (opts) => tryParseDataset(text, opts)) : r;
  const d = t.ok ? applyDosingTable(rebinned.dataset, t.table) : t;
  // a table nobody named on the command line never stops the run: it is left out, and why is said
  if (!d.ok && beside !== undefined) {
    const first = d.issues[0];
    process.stderr.write(`warning: ${tableFile}: not used${first && (first.row !== undefined || first.column) ? ` (${rowCol(first)})` : ''}: ${first?.message ?? 'it does not fit the data'}\n`);
    return accepted(file, r.warnings, r.dataset, []);
  }
  accepted(file, rebinned.warnings, rebinned.dataset, []);
  accepted(tableFile, t.warnings, t.ok ? t.table : null, t.ok ? [] : t.issues);
  return accepted(tableFile, d.warnings, d.ok ? d.dataset : null, d.ok ? [] : d.issues);
}

/** the value, with its warnings on stderr; else a data error naming the first problem's file, row and column */
function accepted<T>(file: string, warnings: DataIssue[], value: T | null, issues: DataIssue[]): T {
  // warnings (unknown columns, inconsistent SDs, …): the app shows them next to the table
  for (const w of warnings) process.stderr.write(`warning: ${file}${w.row !== undefined || w.column ? `: ${rowCol(w)}` : ''}: ${w.message}\n`);
  if (value !== null) return value;
  const first = issues[0];
  const where = first && (first.row !== undefined || first.column) ? `${file}: ${rowCol(first)}: ` : `${file}: `;
  throw new CliError('data', `${where}${first?.message ?? 'the data could not be read'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`, { details: { issues } });
}

function progressBar(): (p: FitProgress) => void {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (!tty && p.stage !== 'done' && now - last < 2000) return;
    last = now;
    const width = 30, filled = Math.round(p.fraction * width);
    const eta = p.etaSeconds !== undefined ? ` ~${Math.ceil(p.etaSeconds)}s left` : '';
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(100 * p.fraction).toFixed(0).padStart(3)}% ${p.stage} ${p.message}, ${p.sweeps} sweeps${eta}`;
    process.stderr.write(tty ? `\r${line.padEnd(100).slice(0, 120)}${p.stage === 'done' ? '\n' : ''}` : `${line}\n`);
  };
}

export async function runFit(args: string[]): Promise<number> {
  let backend: EnsembleBackend | undefined;
  // keeps Node's event loop alive while work waits on (unref'd) worker threads
  const keepAlive = setInterval(() => {}, 1000);
  try {
    const a = parseFitArgs(args);
    const loaded = loadModel(a.spec);
    const data = loadData(a.data, a.dosing, a.dosingBesideData ? 'fit' : undefined);
    // the data's regimen (when the table describes one) drives the simulation
    const dosed = withDataRegimen(loaded.spec, data);
    const model = dosed === loaded.spec ? loaded : compileModel(checkSpec(JSON.stringify(dosed)).model!);
    // backend notices (e.g. stiff reruns) can repeat every sweep: show the first few only
    let notices = 0;
    backend = await openBackend(a.backend, {
      onNotice: (m) => {
        notices++;
        if (notices <= 2) process.stderr.write(`mechanist fit: ${m}\n`);
        else if (notices === 3) process.stderr.write('mechanist fit: (further backend notices not shown)\n');
      },
    });
    process.stderr.write(`mechanist fit: ${model.spec.name} on ${backend.description}\n`);
    // the work estimate up front: fitModel announces a large one and refuses one over the limit (exit 2)
    const report = await fitModel(model, data, a.options, backend, {
      onProgress: progressBar(),
      onWorkWarning: (w) => process.stderr.write(`mechanist fit: ${w} (Ctrl-C cancels)\n`),
    });
    const json = JSON.stringify(report, null, 1);
    if (a.out) writeFileSync(a.out, json + '\n');
    process.stdout.write(json + '\n');
    for (const w of report.diagnostics.warnings) process.stderr.write(`warning: ${w}\n`);
    const fmt = (q: { median: number; q05: number; q95: number }) => `${q.median.toPrecision(3)} [${q.q05.toPrecision(3)}, ${q.q95.toPrecision(3)}]`;
    for (const [k, q] of Object.entries(report.parameters)) process.stderr.write(`  ${k} = ${fmt(q)}${report.bsv[k] ? `, ω = ${fmt(report.bsv[k].omega)} (CV ${report.bsv[k].cvPercent.toFixed(0)}%)` : ''}\n`);
    for (const q of Object.values(report.derived ?? {})) process.stderr.write(`  ${q.sentence}\n`);
    process.stderr.write(`  log-evidence ${report.logEvidence.toFixed(2)} ± ${report.logEvidenceSE.toFixed(2)}; ${report.timing.wallSeconds.toFixed(1)} s, ${report.timing.sweeps} sweeps, ${report.timing.trajectories} trajectories\n`);
    return 0;
  } catch (err) {
    if (err instanceof FitInputError) throw new CliError('fit', err.message);
    throw err;
  } finally {
    clearInterval(keepAlive);
    await backend?.dispose();
  }
}
