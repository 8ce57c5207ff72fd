// The headless runner: JSON on stdout, human messages on stderr, non-zero exit on bad input.
import { runValidate } from './validate.ts';
import { runFit } from './fit.ts';
import { runCalibrate } from './calibrate.ts';
import { runSimulate } from './simulate.ts';
import { runBench } from './bench.ts';
import { runDiscover } from './discover.ts';
import { runExport } from './export.ts';
import { runImport } from './import.ts';

export const USAGE = `mechanist — discover mechanistic ODE models from aggregate cohort data

Usage:
  mechanist validate <spec.json>
  mechanist simulate <spec.json> --params <params.json> --times 0,1,2 [--backend cpu|webgpu] [--subjects M --seed S]
  mechanist fit <spec.json|example-name> <data.csv> [--dosing doses.csv] [--particles N] [--subjects M] [--seed S] [--backend cpu|webgpu] [--out report.json]
  mechanist discover <data.csv> [--dosing doses.csv] [--context "text"] [--proposer library|webllm] [--rounds R] [--budget-s S] [--seed S] [--predict-times 36,48] [--out report.json]
  mechanist export <report.json|spec.json> [--model NAME] --to sbml|nlmixr2|nonmem|monolix|json [--out FILE]
  mechanist import <model.xml> [--out spec.json]   (SBML Level 3 → ModelSpec)
  mechanist bench [--json] [--only NAME] [--n N] [--backend cpu|webgpu] [--workers W]
`;

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
    // Last line of defence: a clear sentence, never a stack trace.
    const message = err instanceof Error ? err.message : String(err);
    process.stdout.write(JSON.stringify({ error: { code: 'internal', message, path: '', line: null, column: null } }) + '\n');
    process.stderr.write(`mechanist ${name}: ${message}\n`);
    return 1;
  }
}
