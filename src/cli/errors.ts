// The CLI's one error type and its one JSON envelope: every refusal is
// {"error": {code, message, path, line, column, …details}} on stdout (plus whatever `beside` adds
// next to it) and "mechanist <command>: <sentence>" on stderr; exit 2 unless said otherwise.

export interface CliErrorOptions {
  /** extra fields inside `error` (path, line, column, issues, …) */
  details?: Record<string, unknown>;
  /** extra top-level fields next to `error` (validate's `issues`) */
  beside?: Record<string, unknown>;
  /** the stderr sentence when it says more than the message (file:line:column, "and 2 more") */
  sentence?: string;
  exitCode?: number;
}

export class CliError extends Error {
  override name = 'CliError';
  constructor(
    /** what kind of problem: usage, file, data, a spec issue code, backend, work-budget, … */
    readonly code: string,
    message: string,
    readonly options: CliErrorOptions = {},
  ) {
    super(message);
  }
}

/** a bad or missing flag or argument */
export const usageError = (message: string): CliError => new CliError('usage', message);

/** writes the envelope and the sentence; returns the exit code */
export function reportError(command: string, err: CliError): number {
  const { details = {}, beside = {}, sentence = err.message, exitCode = 2 } = err.options;
  const error = { code: err.code, message: err.message, path: '', line: null, column: null, ...details };
  process.stdout.write(JSON.stringify({ error, ...beside }) + '\n');
  process.stderr.write(`mechanist ${command}: ${sentence}\n`);
  return exitCode;
}
