// Every command's arguments and flags, in one table: parsing, validation and the usage text (per
// command and `mechanist --help`) all come from here. Flags that mean the same thing in several
// commands are declared once below.
import { RUN_LIMITS } from '../discover/run-limits.ts';
import { BENCHES } from '../bench/run.ts';
import { EXPORT_FORMATS } from '../exchange/types.ts';
import { METHODS } from '../simulate/request.ts';
import type { CommandFlags, Flag } from './flags.ts';

const backend = { kind: 'choice', choices: ['cpu', 'webgpu'] } as const satisfies Flag;
/** random seeds are unsigned 32-bit integers everywhere */
const seed = { kind: 'integer', value: 'S', min: RUN_LIMITS.seed.min, max: RUN_LIMITS.seed.max } as const satisfies Flag;
const particles = { kind: 'integer', value: 'N', ...RUN_LIMITS.particles } as const satisfies Flag;
/** virtual subjects per group of a fit */
const subjects = { kind: 'integer', value: 'M', ...RUN_LIMITS.subjects } as const satisfies Flag;
const workers = { kind: 'integer', value: 'W', min: 1, max: 256 } as const satisfies Flag;
const predictTimes = { kind: 'times', value: '36,48', order: 'set' } as const satisfies Flag;
const out = (value: string) => ({ kind: 'string', value }) as const satisfies Flag;
/** a separate dosing table (group, time, amount, route, duration) giving each group its schedule */
const dosing = { kind: 'string', value: 'doses.csv' } as const satisfies Flag;
/** do not read a dosing.csv beside a data table that states no doses (fit.ts dosingBesideData) */
const noDosingFile = { kind: 'boolean' } as const satisfies Flag;

const command = <const F extends Record<string, Flag>>(c: CommandFlags<F>): CommandFlags<F> => c;

export const VALIDATE = command({ name: 'validate', positionals: ['<spec.json>'], flags: {} });

export const SIMULATE = command({
  name: 'simulate',
  positionals: ['<spec.json>'],
  flags: {
    params: { kind: 'string', value: '<params.json>', required: true },
    times: { kind: 'times', value: '0,1,2', order: 'as-given', required: true },
    backend,
    /** virtual subjects drawn per row of the params file */
    subjects: { kind: 'integer', value: 'M', min: 1, max: 1_000_000 },
    seed,
    method: { kind: 'choice', choices: ['auto', ...METHODS.filter((m) => m !== 'auto')] },
    rtol: { kind: 'number', value: 'R', min: 1e-14, max: 1 },
    atol: { kind: 'number', value: 'A', min: 1e-300, max: 1e6 },
    save: { kind: 'choice', choices: ['observables', 'states'] },
  },
});

export const FIT = command({
  name: 'fit',
  positionals: ['<spec.json|example-name>', '<data.csv>'],
  flags: {
    dosing, 'no-dosing-file': noDosingFile, particles, subjects, seed, backend,
    out: out('report.json'),
    'predict-times': predictTimes,
    screening: { kind: 'boolean' },
  },
});

export const DISCOVER = command({
  name: 'discover',
  positionals: ['<data.csv>'],
  flags: {
    dosing,
    'no-dosing-file': noDosingFile,
    context: { kind: 'string', value: '"text"' },
    proposer: { kind: 'choice', choices: ['library', 'webllm'] },
    rounds: { kind: 'integer', value: 'R', ...RUN_LIMITS.rounds },
    'budget-s': { kind: 'number', value: 'S', min: 0, max: RUN_LIMITS.budgetSeconds.max, aboveMin: true },
    seed,
    'predict-times': predictTimes,
    backend, workers,
    out: out('report.json'),
  },
});

export const EXPORT = command({
  name: 'export',
  positionals: ['<report.json|spec.json>'],
  flags: {
    model: { kind: 'string', value: 'NAME' },
    to: { kind: 'choice', choices: EXPORT_FORMATS, required: true },
    out: out('FILE'),
  },
});

export const IMPORT = command({
  name: 'import', positionals: ['<model.xml>'], flags: { out: out('spec.json') }, note: '(SBML Level 3 → ModelSpec)',
});

export const BENCH = command({
  name: 'bench',
  positionals: [],
  flags: {
    json: { kind: 'boolean' },
    only: { kind: 'choice', choices: BENCHES },
    n: { kind: 'integer', value: 'N', min: 1, max: 2 ** 24 },
    backend, workers,
  },
});

/** the calibration study (npm run validate:calibration) */
export const CALIBRATE = command({
  name: 'calibrate',
  hidden: true,
  positionals: [],
  flags: {
    cohorts: { kind: 'integer', value: 'N', min: 1, max: 100_000 },
    seed, particles, subjects,
    families: { kind: 'string', value: 'a,b,c' },
    out: out('results.json'),
    resume: { kind: 'string', value: 'earlier.partial.jsonl' },
  },
});

/** in the order `mechanist --help` lists them */
export const COMMANDS: readonly CommandFlags[] = [VALIDATE, SIMULATE, FIT, DISCOVER, EXPORT, IMPORT, BENCH, CALIBRATE];
