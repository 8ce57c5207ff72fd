// `mechanist validate <spec.json>`: exit 0 with a JSON summary on stdout; on any invalid input
// exit 2 with {"error":{code,message,path,line,column}} (plus all issues) on stdout and a
// sentence on stderr.
import { readFileSync, statSync } from 'node:fs';
import { checkSpec, LIMITS, type SpecIssue, type ValidatedModel } from '../model/index.ts';
import { CliError } from './errors.ts';
import { VALIDATE } from './flag-table.ts';
import { parseCommandArgs } from './flags.ts';

/** the first issue as the error (all of them beside it), with file:line:column in the sentence */
function invalid(file: string, issues: SpecIssue[]): CliError {
  const first = issues[0]!;
  const where = first.line !== undefined ? `${file}:${first.line}:${first.column ?? 1}: ` : first.code === 'file' ? '' : `${file}: `;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
  return new CliError(first.code, first.message, {
    details: { path: first.path, line: first.line ?? null, column: first.column ?? null },
    beside: { issues },
    sentence: `${where}${first.path ? first.path + ': ' : ''}${first.message}${more}`,
  });
}

function summary(m: ValidatedModel) {
  return {
    valid: true,
    name: m.spec.name,
    states: m.states.map((s) => s.name),
    parameters: m.parameters.map((p) => ({ name: p.name, unit: p.unit ?? null, varies: p.varies === true })),
    observables: m.observables.map((o, i) => ({ name: o.name, ...(m.spec.observables[i]?.label !== undefined ? { label: m.spec.observables[i]!.label } : {}), unit: o.unit ?? null })),
    covariates: m.covariates.map((c) => c.name),
    doses: m.doses.length,
    administrations: m.doses.reduce((n, d) => n + d.times.length, 0),
    stiff: m.spec.stiff === true,
  };
}

function readSpec(file: string): string | SpecIssue {
  const issue = (message: string): SpecIssue => ({ code: 'file', message, path: '' });
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return issue(`${file} is not a file`);
    size = st.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return issue(code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file} (${code ?? 'error'})`);
  }
  // UTF-8 text is at most 3 bytes per UTF-16 unit: anything larger cannot be within the limit
  if (size > 3 * LIMITS.sourceLength) return { code: 'limit', message: `${file} is ${size} bytes; a spec may have at most ${LIMITS.sourceLength} characters`, path: '' };
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    return issue(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export async function runValidate(args: string[]): Promise<number> {
  const file = parseCommandArgs(VALIDATE, args).positionals[0]!;
  const text = readSpec(file);
  if (typeof text !== 'string') throw invalid(file, [text]);
  let result: ReturnType<typeof checkSpec>;
  try {
    result = checkSpec(text);
  } catch (err) {
    // a validator bug must still end as "invalid input", never as a stack trace
    const message = `the spec could not be validated: ${err instanceof Error ? err.message : String(err)}`;
    throw invalid(file, [{ code: 'internal', message, path: '' }]);
  }
  const { model, issues } = result;
  if (!model) throw invalid(file, issues);
  process.stdout.write(JSON.stringify(summary(model)) + '\n');
  return 0;
}
