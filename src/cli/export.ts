// `mechanist export <report.json> --to FORMAT …` (flags: flag-table.ts)
// One model of a discovery report (or the model of a fit report) in another tool's language,
// with its posterior medians as initial estimates. The text goes to stdout (and to --out).
// `mechanist export <spec.json> --to …` exports an unfitted spec (prior centres).
import { readFileSync, writeFileSync } from 'node:fs';
import { ExchangeError, exportModel, type ExportInput } from '../exchange/index.ts';
import { SpecError } from '../model/index.ts';
import { CliError } from './errors.ts';
import { EXPORT } from './flag-table.ts';
import { parseCommandArgs } from './flags.ts';

interface ReportLike { models?: (ExportInput & { name: string })[]; model?: string; spec?: ExportInput['spec']; name?: string; states?: unknown }

export function pickModel(doc: ReportLike, name: string | undefined): ExportInput {
  if (Array.isArray(doc.models)) {
    if (doc.models.length === 0) throw new ExchangeError('the report has no models');
    const names = doc.models.map((m) => m.name);
    const m = name === undefined ? doc.models[0]! : doc.models.find((x) => x.name === name);
    if (!m) throw new ExchangeError(`no model "${name}" in the report; its models are: ${names.join(', ')}`);
    return { spec: m.spec, parameters: m.parameters, bsv: m.bsv, ...(m.residualError ? { residualError: m.residualError } : {}) };
  }
  if (doc.spec && typeof doc.model === 'string') {
    if (name !== undefined && name !== doc.model) throw new ExchangeError(`the fit report is of model "${doc.model}", not "${name}"`);
    const r = doc as unknown as ExportInput;
    return { spec: doc.spec, parameters: r.parameters, bsv: r.bsv, residualError: r.residualError };
  }
  if (doc.states && doc.name) return { spec: doc as unknown as ExportInput['spec'] };
  throw new ExchangeError('not a discovery report, a fit report or a model spec');
}

export async function runExport(args: string[]): Promise<number> {
  const { positionals: [file], flags: { model, to, out } } = parseCommandArgs(EXPORT, args);
  let doc: ReportLike;
  try {
    doc = JSON.parse(readFileSync(file!, 'utf8').replace(/^\uFEFF/, '')) as ReportLike;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError('file', code === 'ENOENT' ? `${file} does not exist` : `${file} is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  try {
    const text = exportModel(pickModel(doc, model), to!);
    if (out) writeFileSync(out, text);
    process.stdout.write(text);
    return 0;
  } catch (err) {
    if (err instanceof ExchangeError) throw new CliError('export', err.message);
    if (err instanceof SpecError) throw new CliError('spec', `the model does not validate: ${err.message}`);
    throw err;
  }
}
