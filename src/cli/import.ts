// `mechanist import <model.xml> [--out spec.json]`: an SBML (Level 3) model as a ModelSpec (JSON
// on stdout); what was renamed or inlined goes to stderr; unsupported constructs: exit 2 with
// {"error": …} and a sentence.
import { readFileSync, writeFileSync } from 'node:fs';
import { ExchangeError, importSbml } from '../exchange/index.ts';

const USAGE = 'usage: mechanist import <model.xml> [--out spec.json]';

function fail(code: string, message: string): number {
  process.stdout.write(JSON.stringify({ error: { code, message } }) + '\n');
  process.stderr.write(`mechanist import: ${message}\n`);
  return 2;
}

export async function runImport(args: string[]): Promise<number> {
  const positional: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--out') out = args[++i];
    else if (a.startsWith('--out=')) out = a.slice(6);
    else if (a.startsWith('--')) return fail('usage', `unknown option ${a}\n${USAGE}`);
    else positional.push(a);
  }
  if (positional.length !== 1) return fail('usage', USAGE);
  let text: string;
  try {
    text = readFileSync(positional[0]!, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail('file', code === 'ENOENT' ? `${positional[0]} does not exist` : `cannot read ${positional[0]} (${code ?? 'error'})`);
  }
  try {
    const { spec, notes } = importSbml(text);
    const json = JSON.stringify(spec, null, 2) + '\n';
    if (out) writeFileSync(out, json);
    process.stdout.write(json);
    for (const n of notes) process.stderr.write(`mechanist import: ${n}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ExchangeError) return fail('sbml', `${positional[0]}: ${err.message}`);
    throw err;
  }
}
