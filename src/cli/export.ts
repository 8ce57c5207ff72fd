// `mechanist export <report.json> --to FORMAT …` (flags: flag-table.ts)
// One model of a discovery report (or the model of a fit report) in another tool's language,
// with its posterior medians as initial estimates. The text goes to stdout (and to --out).
// `mechanist export <spec.json> --to …` exports an unfitted spec (prior centres).
import { writeFileSync } from 'node:fs';
import { InputFileError, readTextFile } from './read-text.ts';
import { MAX_TEXT_LENGTH } from '../data/index.ts';
import { ExchangeError, exportModel, type ExportInput } from '../exchange/index.ts';
import { SpecError } from '../model/index.ts';
import { CliError } from './errors.ts';
import { EXPORT } from './flag-table.ts';
import { parseCommandArgs } from './flags.ts';

interface ReportLike { models?: (ExportInput & { name: string })[]; model?: string; spec?: ExportInput['spec']; name?: string; states?: unknown }

export function pickModel(doc: ReportLike, name: string | undefined): ExportInput {
  if (Array.isArray(doc.models)) {
    if (doc.models.length === 0) throw new ExchangeError('the report has no models');
    // a hand-edited or hostile report: every model an object with a name and a spec
    doc.models.forEach((m: unknown, i) => {
      const o = m as { name?: unknown; spec?: unknown } | null;
      if (!o || typeof o !== 'object' || Array.isArray(o) || typeof o.name !== 'string' || !o.spec || typeof o.spec !== 'object')
        throw new ExchangeError(`report models[${i}] is not a model (an object with a "name" and a "spec")`);
    });
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
    doc = JSON.parse(readTextFile(file!, 'report', MAX_TEXT_LENGTH)) as ReportLike;
  } catch (err) {
    if (err instanceof InputFileError) throw new CliError('file', err.message);
    throw new CliError('file', `${file} is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new CliError('export', `${file}: not a discovery report, a fit report or a model spec`);
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
