// Declarative command-line flags: a command is a list of positional names and a table of flags;
// one parser turns argv into typed values (refusing unknown flags, missing values and values out
// of range, by name) and the same table writes the usage line. The tables are in flag-table.ts.
import { MAX_ABS_TIME } from '../data/index.ts';
import { usageError } from './errors.ts';

class FlagValueError extends Error {}

export type Flag =
  | { kind: 'boolean' }
  | { kind: 'string'; value: string; required?: boolean }
  | { kind: 'choice'; choices: readonly string[] }
  | { kind: 'integer'; value: string; min: number; max: number }
  /** a number in [min, max], or (min, max] with `aboveMin` */
  | { kind: 'number'; value: string; min: number; max: number; aboveMin?: boolean }
  /** comma-separated times in [0, MAX_ABS_TIME]: `as-given` must already be sorted, `set` is sorted and deduplicated */
  | { kind: 'times'; value: string; order: 'as-given' | 'set'; required?: boolean };

export interface CommandFlags<F extends Record<string, Flag> = Record<string, Flag>> {
  name: string;
  /** placeholders of the positional arguments, all required, e.g. ['<data.csv>'] */
  positionals: readonly string[];
  flags: F;
  /** a few words after the usage line in `mechanist --help` */
  note?: string;
  /** left out of `mechanist --help` */
  hidden?: boolean;
}

type ValueOf<T extends Flag> =
  T extends { kind: 'boolean' } ? boolean
    : T extends { kind: 'choice'; choices: readonly (infer C)[] } ? C
      : T extends { kind: 'integer' | 'number' } ? number
        : T extends { kind: 'times' } ? number[]
          : string;

export type FlagValues<F extends Record<string, Flag>> = { [K in keyof F]?: ValueOf<F[K]> };

export interface ParsedArgs<F extends Record<string, Flag>> { positionals: string[]; flags: FlagValues<F> }

const placeholder = (f: Flag): string => (f.kind === 'boolean' ? '' : f.kind === 'choice' ? f.choices.join('|') : f.value);

/** `usage: mechanist NAME <pos> --required V [--optional V] …` */
export function usageLine(cmd: CommandFlags): string {
  const parts = Object.entries(cmd.flags).map(([name, f]) => {
    const text = `--${name}${f.kind === 'boolean' ? '' : ` ${placeholder(f)}`}`;
    return 'required' in f && f.required ? text : `[${text}]`;
  });
  return ['usage: mechanist', cmd.name, ...cmd.positionals, ...parts].join(' ');
}

const rangeText = (min: number, max: number, aboveMin = false): string => (aboveMin ? `> ${min} and ≤ ${max}` : `from ${min} to ${max}`);

function parseTimes(flag: string, text: string, order: 'as-given' | 'set'): number[] {
  const items = text.split(',').map((s) => s.trim());
  const times = items.map((s, i) => {
    const t = Number(s);
    if (s === '' || !Number.isFinite(t)) throw new FlagValueError(`${flag}: item ${i + 1} ("${s}") is not a number`);
    // the data's bound on times: beyond it, step sizes and dose schedules overflow
    if (Math.abs(t) > MAX_ABS_TIME) throw new FlagValueError(`${flag}: item ${i + 1} (${s}) is beyond ${MAX_ABS_TIME.toExponential(0)}, the largest time the engine handles`);
    if (t < 0) throw new FlagValueError(`${flag}: item ${i + 1} (${s}) is before t = 0`);
    return t;
  });
  if (order === 'set') return [...new Set(times)].sort((a, b) => a - b);
  for (let i = 1; i < times.length; i++) {
    if (times[i]! < times[i - 1]!) throw new FlagValueError(`${flag} must be sorted: ${times[i]} comes after ${times[i - 1]}`);
  }
  return times;
}

function parseValue(flag: string, f: Exclude<Flag, { kind: 'boolean' }>, v: string): string | number | number[] {
  switch (f.kind) {
    case 'string':
      if (v === '') throw new FlagValueError(`${flag} needs a value`);
      return v;
    case 'choice':
      if (!f.choices.includes(v)) throw new FlagValueError(`${flag} must be ${f.choices.length === 2 ? f.choices.join(' or ') : `one of ${f.choices.join(', ')}`} (got "${v}")`);
      return v;
    case 'integer':
    case 'number': {
      const n = Number(v);
      const inRange = Number.isFinite(n) && (f.kind === 'number' && f.aboveMin ? n > f.min : n >= f.min) && n <= f.max;
      if (v.trim() === '' || !inRange || (f.kind === 'integer' && !Number.isInteger(n))) {
        throw new FlagValueError(`${flag} needs ${f.kind === 'integer' ? 'an integer' : 'a number'} ${rangeText(f.min, f.max, f.kind === 'number' && f.aboveMin)} (got ${v})`);
      }
      return n;
    }
    case 'times':
      return parseTimes(flag, v, f.order);
  }
}

/**
 * argv → positionals and typed flag values. `--flag value` and `--flag=value`; a flag given twice
 * keeps the last value. Every problem is a usage CliError naming the flag, followed by the usage
 * line (or the usage line alone when the arguments themselves are wrong).
 */
export function parseCommandArgs<F extends Record<string, Flag>>(cmd: CommandFlags<F>, args: readonly string[]): ParsedArgs<F> {
  const usage = usageLine(cmd);
  const problem = (message: string) => usageError(`${message}\n${usage}`);
  const positionals: string[] = [];
  const flags: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const f = Object.hasOwn(cmd.flags, name) ? cmd.flags[name]! : undefined;
    if (!f) throw problem(`unknown option ${eq > 0 ? a.slice(0, eq) : a}`);
    const flag = `--${name}`;
    if (f.kind === 'boolean') {
      if (eq > 0) throw problem(`${flag} takes no value`);
      flags[name] = true;
      continue;
    }
    // the value is the next argument unless that is itself a flag (then the value is missing)
    const next = args[i + 1];
    const v = eq > 0 ? a.slice(eq + 1) : next !== undefined && !next.startsWith('--') ? args[++i]! : undefined;
    if (v === undefined) throw problem(`${flag} needs a value`);
    try {
      flags[name] = parseValue(flag, f, v);
    } catch (e) {
      throw problem((e as Error).message);
    }
  }
  if (positionals.length !== cmd.positionals.length) throw usageError(usage);
  for (const [name, f] of Object.entries(cmd.flags)) {
    if ('required' in f && f.required && flags[name] === undefined) throw problem(`--${name} ${placeholder(f)} is required`);
  }
  return { positionals, flags: flags as FlagValues<F> };
}
