// `mechanist export <report.json> --model NAME --to sbml|nlmixr2|nonmem|monolix|json [--out FILE]`
// One model of a discovery report (or the model of a fit report) in another tool's language,
// with its posterior medians as initial estimates. The text goes to stdout (and to --out).
// `mechanist export <spec.json> --to …` exports an unfitted spec (prior centres).
import { readFileSync, writeFileSync } from 'node:fs';
import { EXPORT_FORMATS, ExchangeError, exportModel, isExportFormat, type ExportFormat, type ExportInput } from '../exchange/index.ts';
import { SpecError } from '../model/index.ts';

const USAGE = `usage: mechanist export <report.json|spec.json> [--model NAME] --to ${EXPORT_FORMATS.join('|')} [--out FILE]`;

function fail(code: string, message: string): number {
  process.stdout.write(JSON.stringify({ error: { code, message } }) + '\n');
  process.stderr.write(`mechanist export: ${message}\n`);
  return 2;
}

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
  const positional: string[] = [];
  let model: string | undefined, to: string | undefined, out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--model') model = value();
    else if (flag === '--to') to = value();
    else if (flag === '--out') out = value();
    else if (a.startsWith('--')) return fail('usage', `unknown option ${a}\n${USAGE}`);
    else positional.push(a);
  }
  if (positional.length !== 1 || !to) return fail('usage', USAGE);
  if (!isExportFormat(to)) return fail('usage', `--to must be one of ${EXPORT_FORMATS.join(', ')} (got ${to})`);
  let doc: ReportLike;
  try {
    doc = JSON.parse(readFileSync(positional[0]!, 'utf8').replace(/^\uFEFF/, '')) as ReportLike;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail('file', code === 'ENOENT' ? `${positional[0]} does not exist` : `${positional[0]} is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  try {
    const text = exportModel(pickModel(doc, model), to as ExportFormat);
    if (out) writeFileSync(out, text);
    process.stdout.write(text);
    return 0;
  } catch (err) {
    if (err instanceof ExchangeError) return fail('export', err.message);
    if (err instanceof SpecError) return fail('spec', `the model does not validate: ${err.message}`);
    throw err;
  }
}
