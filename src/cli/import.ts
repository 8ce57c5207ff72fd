// `mechanist import <model.xml>` (flags: flag-table.ts): an SBML (Level 3) model as a ModelSpec (JSON
// on stdout); what was renamed or inlined goes to stderr; unsupported constructs: exit 2 with
// {"error": …} and a sentence.
import { writeFileSync } from 'node:fs';
import { InputFileError, readTextFile } from './read-text.ts';
import { ExchangeError, importSbml } from '../exchange/index.ts';
import { CliError } from './errors.ts';
import { IMPORT } from './flag-table.ts';
import { parseCommandArgs } from './flags.ts';

/** an SBML model of the size a ModelSpec allows is well under this; the file is refused unread above it */
const MAX_SBML_CHARS = 20_000_000;

export async function runImport(args: string[]): Promise<number> {
  const { positionals: [file], flags: { out } } = parseCommandArgs(IMPORT, args);
  let text: string;
  try {
    text = readTextFile(file!, 'SBML file', MAX_SBML_CHARS);
  } catch (err) {
    if (err instanceof InputFileError) throw new CliError('file', err.message);
    throw err;
  }
  try {
    const { spec, notes } = importSbml(text);
    const json = JSON.stringify(spec, null, 2) + '\n';
    if (out) writeFileSync(out, json);
    process.stdout.write(json);
    for (const n of notes) process.stderr.write(`mechanist import: ${n}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ExchangeError) throw new CliError('sbml', `${file}: ${err.message}`);
    throw err;
  }
}
