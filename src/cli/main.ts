// The headless runner: JSON on stdout, human messages on stderr, non-zero exit on bad input.
// Commands throw CliError for anything the user can fix; it is reported here (errors.ts).
import { runValidate } from './validate.ts';
import { runFit } from './fit.ts';
import { runCalibrate } from './calibrate.ts';
import { runSimulate } from './simulate.ts';
import { runBench } from './bench.ts';
import { runDiscover } from './discover.ts';
import { runExport } from './export.ts';
import { runImport } from './import.ts';
import { CliError, reportError } from './errors.ts';
import { COMMANDS } from './flag-table.ts';
import { usageLine } from './flags.ts';

export const USAGE = `mechanist — discover mechanistic ODE models from aggregate cohort data

Usage:
${COMMANDS.filter((c) => !c.hidden).map((c) => `  ${usageLine(c).replace(/^usage: /, '')}${c.note ? `   ${c.note}` : ''}\n`).join('')}`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  validate: runValidate,
  fit: runFit,
  calibrate: runCalibrate, // hidden: the calibration study (npm run validate:calibration)
  simulate: runSimulate,
  bench: runBench,
  discover: runDiscover,
  export: runExport,
  import: runImport,
};

/** Registers a subcommand (each lives in its own file and is wired here). */
export function registerCommand(name: string, fn: Command): void {
  commands[name] = fn;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stderr.write(USAGE);
    return name ? 0 : 2;
  }
  const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!cmd) {
    process.stderr.write(`mechanist: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await cmd(rest);
  } catch (err) {
    if (err instanceof CliError) return reportError(name, err);
    // Last line of defence: a clear sentence, never a stack trace.
    return reportError(name, new CliError('internal', err instanceof Error ? err.message : String(err), { exitCode: 1 }));
  }
}
