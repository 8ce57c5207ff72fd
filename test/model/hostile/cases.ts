// The hostile corpus: bad model specs, each with the issue code it must be rejected with and,
// where it is known, the JSON pointer of the place. Generated from a valid base spec by
// breaking one thing at a time, plus whole-document attacks.
import { readFileSync } from 'node:fs';

export interface HostileCase {
  name: string;
  /** JSON text, or (for `object: true`) any value handed to validateSpec */
  input: unknown;
  /** an issue with this code must be among those reported */
  code: string;
  /** and, when given, one with this code at this path */
  path?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const BASE_TEXT = readFileSync(new URL('../../../public/examples/models/pk-1cmt-oral.json', import.meta.url), 'utf8');
const base = (): Loose => JSON.parse(BASE_TEXT);

function mutated(mutate: (s: Loose) => void): string {
  const s = base();
  mutate(s);
  return JSON.stringify(s, null, 2);
}

const cases: HostileCase[] = [];
const add = (name: string, input: unknown, code: string, path?: string) => cases.push({ name, input, code, ...(path !== undefined ? { path } : {}) });

// ---- expressions that do not parse, spread over the four places expressions live --------------
const SYNTAX: string[] = [
  '2x', '2 x', 'ka gut', 'x (y)', 'ka(gut)', '(ka)(gut)', '2exp(ka)', '1.2.3', 'ka +', '* ka', '(ka', 'ka)', '((ka)',
  'ka ** 2', 'exp()', 'exp(ka, V)', 'hill(ka)', 'pow(ka)', 'min(ka,)', 'max(,ka)', 'exp(ka', 'exp ka', 'exp', 'log',
  'exq(ka)', 'sqr(ka)', 'ka = 1', 'ka += 1', 'ka == V', 'ka === V', 'ka ? 1 : 2', 'ka || V', 'ka && V', '!ka', '~ka',
  'ka % V', 'ka & V', 'ka | V', 'ka << 2', 'ka[0]', 'ka.constructor', "ka['constructor']", '"ka"', "'ka'", 'ka;',
  'ka, V', ',', '()', '( )', '1e', '1e+', '.e1', '1e999', '1e400 * ka', '0x1F', '#ka', '@ka', '$ka', 'ka\\n',
  "1);fetch('x')//", '*/', 'ka */ V', '/* c */ ka', 'ka // comment', '`ka`', '${ka}', '`${ka}`',
  "ka\n);process.exit(1);(", "ka);}\nfn evil() {", "</script><script>alert(1)</script>", 'a => a', 'import("x")',
  'new Function("x")', '(function(){})()', 'ka -> V', 'fn main() {}', '@compute @workgroup_size(1)', 'let x = 1',
  'return ka', 'ka\u0000', 'ka\u0007V', 'ka \\ V',
  // unicode look-alikes and invisible characters
  'k\u0430 * V', '\u0430', '\uff11 * ka', 'ka \u00d7 V', 'ka \u2212 V', 'ka \u22c5 V', 'k\u200ba', 'ka\u200d', '\ufeffka',
  'ka\u00a0+ V', '\u202eka', 'k\u0301a', '\u03baa', 'ka \u2013 V', '\ud83d\ude00', '\ud800', 'ka\u2028', 'ｋａ',
];
const PLACES: [string, (s: Loose, e: string) => void][] = [
  ['/equations/central', (s, e) => { s.equations.central = e; }],
  ['/states/0/initial', (s, e) => { s.states[0].initial = e; }],
  ['/observables/0/expression', (s, e) => { s.observables[0].expression = e; }],
  ['/doses/0/amount', (s, e) => { s.doses[0].amount = e; }],
];
SYNTAX.forEach((expr, i) => {
  const [path, set] = PLACES[i % PLACES.length]!;
  add(`syntax ${JSON.stringify(expr)} at ${path}`, mutated((s) => set(s, expr)), 'syntax', path);
});

// ---- names that do not resolve -------------------------------------------------------------
const UNKNOWN = ['Ka', 'cl', 'volume', 'NaN', 'Infinity', 'e', 'pi', 'PI', 'Math', 'window', 'process', 'globalThis',
  'this', 'constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'eval', 'require', 'fetch',
  'document', 'self', 'undefined', 'null', 'true', 'arguments', 'Object', 'conc2'];
UNKNOWN.forEach((name) => {
  add(`unknown identifier ${name}`, mutated((s) => { s.equations.gut = `-ka * gut + 0 * ${name}`; }), 'unknown-identifier', '/equations/gut');
});
add('unknown identifier in a dose amount', mutated((s) => { s.doses[0].amount = 'dos'; }), 'unknown-identifier', '/doses/0/amount');
add('unknown identifier in an initial value', mutated((s) => { s.states[0].initial = 'dose0'; }), 'unknown-identifier', '/states/0/initial');

// ---- names used where they are not allowed --------------------------------------------------
add('state in an initial value', mutated((s) => { s.states[0].initial = 'central'; }), 'scope', '/states/0/initial');
add('time in an initial value', mutated((s) => { s.states[0].initial = 't'; }), 'scope', '/states/0/initial');
add('observable in an equation', mutated((s) => { s.equations.gut = 'conc'; }), 'scope', '/equations/gut');
add('state in a dose amount', mutated((s) => { s.doses[0].amount = 'gut'; }), 'scope', '/doses/0/amount');
add('time in a dose amount', mutated((s) => { s.doses[0].amount = 'dose * t'; }), 'scope', '/doses/0/amount');

// ---- declarations: reserved and duplicate names --------------------------------------------
const RESERVED = ['t', 'dose', 'constructor', 'prototype', 'toString', 'exp', 'hill', 'step', 'Math', 'NaN', 'Infinity',
  'function', 'return', 'var', 'let', 'class', 'new', 'delete', 'eval', 'arguments', 'undefined', 'fn', 'loop', 'struct',
  'f32', 'vec4', 'array', 'override', 'module', 'model_k', 'MODEL_NS', 'await', 'yield'];
RESERVED.forEach((name, i) => {
  const role = i % 3;
  if (role === 0) add(`reserved parameter name ${name}`, mutated((s) => { s.parameters[0].name = name; }), 'reserved-name', '/parameters/0/name');
  else if (role === 1) {
    add(`reserved state name ${name}`, mutated((s) => { s.states[0].name = name; s.equations = { [name]: '0', central: '0' }; s.doses = []; }), 'reserved-name', '/states/0/name');
  } else add(`reserved observable name ${name}`, mutated((s) => { s.observables[0].name = name; }), 'reserved-name', '/observables/0/name');
});
add('reserved covariate name', mutated((s) => { s.covariates.push({ name: 'exp' }); }), 'reserved-name', '/covariates/1/name');
add('duplicate parameter names', mutated((s) => { s.parameters[1].name = 'ka'; }), 'duplicate-name', '/parameters/1/name');
add('state named like a parameter', mutated((s) => { s.parameters[0].name = 'gut'; }), 'duplicate-name', '/parameters/0/name');
add('observable named like a state', mutated((s) => { s.observables[0].name = 'central'; }), 'duplicate-name', '/observables/0/name');
add('covariate named like a parameter', mutated((s) => { s.covariates.push({ name: 'V' }); }), 'duplicate-name', '/covariates/1/name');
add('dose declared twice', mutated((s) => { s.covariates.push({ name: 'dose' }); }), 'duplicate-name', '/covariates/1/name');

// ---- equations ----------------------------------------------------------------------------
add('state without equation', mutated((s) => { delete s.equations.central; }), 'missing-equation', '/states/1');
add('equation for unknown state', mutated((s) => { s.equations.periph = '0'; }), 'unknown-state', '/equations/periph');
add('equation named constructor', mutated((s) => { s.equations.constructor = '0'; }), 'unknown-state', '/equations/constructor');
add('equation named toString', mutated((s) => { s.equations.toString = '0'; }), 'unknown-state', '/equations/toString');
add('equation named __proto__', '{"name":"x","states":[{"name":"a","initial":"0"}],"parameters":[],"equations":{"a":"0","__proto__":"0"},"observables":[{"name":"o","expression":"a"}]}', 'schema', '/equations/__proto__');
add('no equations at all', mutated((s) => { s.equations = {}; }), 'missing-equation', '/states/0');

// ---- doses, priors, cycles ----------------------------------------------------------------
add('dose into unknown state', mutated((s) => { s.doses[0].state = 'stomach'; }), 'unknown-state', '/doses/0/state');
add('dose count without interval', mutated((s) => { s.doses[0].count = 4; }), 'dose', '/doses/0/count');
add('overlapping infusions', mutated((s) => { s.doses[0] = { type: 'infusion', state: 'central', rate: 'dose', start: 0, duration: 4, every: 1, count: 2 }; }), 'dose', '/doses/0/every');
add('too many administrations', mutated((s) => { s.doses = Array.from({ length: 20 }, () => ({ type: 'bolus', state: 'gut', amount: 'dose', time: 0, every: 1, count: 1000 })); }), 'limit');
add('uniform prior with lower > upper', mutated((s) => { s.parameters[0].prior = { type: 'uniform', lower: 5, upper: 1 }; }), 'prior', '/parameters/0/prior');
add('uniform prior with lower = upper', mutated((s) => { s.parameters[0].prior = { type: 'uniform', lower: 1, upper: 1 }; }), 'prior', '/parameters/0/prior');
add('loguniform prior at 0', mutated((s) => { s.parameters[0].prior = { type: 'loguniform', lower: 0, upper: 1 }; }), 'prior', '/parameters/0/prior/lower');
add('negative uniform prior', mutated((s) => { s.parameters[0].prior = { type: 'uniform', lower: -10, upper: 1 }; }), 'prior', '/parameters/0/prior/lower');
add('observable cycle', mutated((s) => { s.observables = [{ name: 'a', expression: 'b' }, { name: 'b', expression: 'a' }]; }), 'cycle');
add('observable self-reference', mutated((s) => { s.observables[0].expression = 'conc * 2'; }), 'cycle', '/observables/0/expression');
add('long observable cycle', mutated((s) => {
  s.observables = Array.from({ length: 16 }, (_, i) => ({ name: `o${i}`, expression: `o${(i + 1) % 16} + 1` }));
}), 'cycle');

// ---- expression limits --------------------------------------------------------------------
add('10^5 nested parentheses', mutated((s) => { s.equations.gut = '('.repeat(100_000) + 'gut' + ')'.repeat(100_000); }), 'schema', '/equations/gut');
add('1900 nested parentheses', mutated((s) => { s.equations.gut = '('.repeat(1900) + 'gut' + ')'.repeat(1900); }), 'limit', '/equations/gut');
add('3000 unary minus', mutated((s) => { s.equations.gut = '-'.repeat(3000) + 'gut'; }), 'limit', '/equations/gut');
add('deep power tower', mutated((s) => { s.equations.gut = 'gut^'.repeat(900) + '1'; }), 'limit', '/equations/gut');
add('deep call nesting', mutated((s) => { s.equations.gut = 'exp('.repeat(700) + 'gut' + ')'.repeat(700); }), 'limit', '/equations/gut');
add('1000-term sum', mutated((s) => { s.equations.gut = Array.from({ length: 1000 }, () => 'gut').join('+'); }), 'limit', '/equations/gut');
add('expression of 4001 characters', mutated((s) => { s.equations.gut = 'gut' + ' '.repeat(3997) + '1'; }), 'schema', '/equations/gut');
// a balanced product tree: 512 leaves, 1023 nodes, only 10 levels deep and ~2000 characters
const balanced = (levels: number): string => (levels === 0 ? 'V' : `(${balanced(levels - 1)}*${balanced(levels - 1)})`);
add('too many nodes', mutated((s) => { s.equations.gut = balanced(9); }), 'limit', '/equations/gut');

// ---- __proto__ / constructor / prototype keys at every level ---------------------------------
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const OBJECT_PLACES: [string, (s: Loose) => Loose][] = [
  ['', (s) => s],
  ['/states/0', (s) => s.states[0]],
  ['/parameters/0', (s) => s.parameters[0]],
  ['/parameters/0/prior', (s) => s.parameters[0].prior],
  ['/parameters/0/omega', (s) => s.parameters[0].omega],
  ['/covariates/0', (s) => s.covariates[0]],
  ['/observables/0', (s) => s.observables[0]],
  ['/doses/0', (s) => s.doses[0]],
  ['/error', (s) => s.error],
  ['/error/additive', (s) => s.error.additive],
];
for (const key of PROTO_KEYS) {
  for (const [path, at] of OBJECT_PLACES) {
    // JSON text with a literal "__proto__" member (JSON.parse makes it an own property)
    const text = mutated((s) => { Object.defineProperty(at(s), key, { value: { polluted: true, isAdmin: true }, enumerable: true, configurable: true, writable: true }); });
    add(`${key} key at ${path || 'the root'}`, text, 'schema', `${path}/${key}`);
  }
}
add('__proto__ as a state name', mutated((s) => { s.states[0].name = '__proto__'; }), 'schema', '/states/0/name');
add('__proto__ array at the root', '{"__proto__": [], "name": "x"}', 'schema', '/__proto__');
add('nested __proto__ chain', '{"__proto__": {"__proto__": {"polluted": 1}}}', 'schema', '/__proto__');

// ---- wrong JSON types ---------------------------------------------------------------------
const TYPES: [string, (s: Loose) => void, string][] = [
  ['name is a number', (s) => { s.name = 42; }, '/name'],
  ['name is empty', (s) => { s.name = ''; }, '/name'],
  ['name with a newline', (s) => { s.name = 'a\nb'; }, '/name'],
  ['name with an emoji', (s) => { s.name = 'PK \ud83d\ude00'; }, '/name'],
  ['name of 81 characters', (s) => { s.name = 'a'.repeat(81); }, '/name'],
  ['states is an object', (s) => { s.states = { gut: 0 }; }, '/states'],
  ['states is empty', (s) => { s.states = []; }, '/states'],
  ['state is a string', (s) => { s.states[0] = 'gut'; }, '/states/0'],
  ['state name with a Cyrillic letter', (s) => { s.states[0].name = 'g\u0443t'; }, '/states/0/name'],
  ['state name with a zero-width space', (s) => { s.states[0].name = 'gut\u200b'; }, '/states/0/name'],
  ['state name starting with a digit', (s) => { s.states[0].name = '1gut'; }, '/states/0/name'],
  ['state name of 33 characters', (s) => { s.states[0].name = 'g'.repeat(33); }, '/states/0/name'],
  ['state name with a space', (s) => { s.states[0].name = 'g ut'; }, '/states/0/name'],
  ['state name with a dollar', (s) => { s.states[0].name = 'gu$t'; }, '/states/0/name'],
  ['initial is a number', (s) => { s.states[0].initial = 0; }, '/states/0/initial'],
  ['initial is null', (s) => { s.states[0].initial = null; }, '/states/0/initial'],
  ['initial is empty', (s) => { s.states[0].initial = ''; }, '/states/0/initial'],
  ['initial missing', (s) => { delete s.states[0].initial; }, '/states/0'],
  ['parameters is null', (s) => { s.parameters = null; }, '/parameters'],
  ['prior missing', (s) => { delete s.parameters[0].prior; }, '/parameters/0'],
  ['prior is a string', (s) => { s.parameters[0].prior = 'lognormal'; }, '/parameters/0/prior'],
  ['prior type unknown', (s) => { s.parameters[0].prior.type = 'normal'; }, '/parameters/0/prior/type'],
  ['prior type missing', (s) => { delete s.parameters[0].prior.type; }, '/parameters/0/prior'],
  ['prior median 0', (s) => { s.parameters[0].prior.median = 0; }, '/parameters/0/prior/median'],
  ['prior median negative', (s) => { s.parameters[0].prior.median = -1; }, '/parameters/0/prior/median'],
  ['prior gsd 1', (s) => { s.parameters[0].prior.gsd = 1; }, '/parameters/0/prior/gsd'],
  ['prior gsd as a string', (s) => { s.parameters[0].prior.gsd = '2'; }, '/parameters/0/prior/gsd'],
  ['prior median 1e300', (s) => { s.parameters[0].prior.median = 1e300; }, '/parameters/0/prior/median'],
  ['uniform prior with median', (s) => { s.parameters[0].prior = { type: 'uniform', median: 1, gsd: 2 }; }, '/parameters/0/prior'],
  ['varies is a string', (s) => { s.parameters[0].varies = 'yes'; }, '/parameters/0/varies'],
  ['omega of the wrong type', (s) => { s.parameters[0].omega = { type: 'uniform', lower: 0, upper: 1 }; }, '/parameters/0/omega/type'],
  ['unknown parameter field', (s) => { s.parameters[0].value = 1; }, '/parameters/0/value'],
  ['covariate default is a string', (s) => { s.covariates[0].default = '100'; }, '/covariates/0/default'],
  ['equations is an array', (s) => { s.equations = ['-ka*gut']; }, '/equations'],
  ['equation is a number', (s) => { s.equations.gut = 0; }, '/equations/gut'],
  ['equation is an object', (s) => { s.equations.gut = { expr: '0' }; }, '/equations/gut'],
  ['equation key with a dash', (s) => { s.equations['central-2'] = '0'; }, '/equations/central-2'],
  ['observables empty', (s) => { s.observables = []; }, '/observables'],
  ['observable without expression', (s) => { delete s.observables[0].expression; }, '/observables/0'],
  ['dose type missing', (s) => { delete s.doses[0].type; }, '/doses/0'],
  ['dose type unknown', (s) => { s.doses[0].type = 'oral'; }, '/doses/0/type'],
  ['dose time before the simulable range', (s) => { s.doses[0].time = -1e10; }, '/doses/0/time'],
  ['dose time as a string', (s) => { s.doses[0].time = '0'; }, '/doses/0/time'],
  ['dose count 0', (s) => { s.doses[0].count = 0; }, '/doses/0/count'],
  ['dose count fractional', (s) => { s.doses[0].count = 1.5; }, '/doses/0/count'],
  ['dose count huge', (s) => { s.doses[0].count = 1e300; }, '/doses/0/count'],
  ['dose every 0', (s) => { s.doses[0].every = 0; }, '/doses/0/every'],
  ['dose amount is a number', (s) => { s.doses[0].amount = 100; }, '/doses/0/amount'],
  ['bolus with a rate', (s) => { s.doses[0].rate = 'dose'; }, '/doses/0/rate'],
  ['infusion without duration', (s) => { s.doses[0] = { type: 'infusion', state: 'central', rate: 'dose', start: 0 }; }, '/doses/0'],
  ['infusion with duration 0', (s) => { s.doses[0] = { type: 'infusion', state: 'central', rate: 'dose', start: 0, duration: 0 }; }, '/doses/0/duration'],
  ['error model unknown', (s) => { s.error.model = 'poisson'; }, '/error/model'],
  ['error is a string', (s) => { s.error = 'proportional'; }, '/error'],
  ['stiff is a string', (s) => { s.stiff = 'true'; }, '/stiff'],
  ['unknown top-level field', (s) => { s.equation = {}; }, '/equation'],
  ['name missing', (s) => { delete s.name; }, ''],
  ['33 states', (s) => { s.states = Array.from({ length: 33 }, (_, i) => ({ name: `s${i}`, initial: '0' })); }, '/states'],
  ['65 parameters', (s) => { s.parameters = Array.from({ length: 65 }, (_, i) => ({ name: `p${i}`, prior: { type: 'lognormal', median: 1, gsd: 2 } })); }, '/parameters'],
  ['17 observables', (s) => { s.observables = Array.from({ length: 17 }, (_, i) => ({ name: `o${i}`, expression: 'central' })); }, '/observables'],
  ['65 doses', (s) => { s.doses = Array.from({ length: 65 }, () => s.doses[0]); }, '/doses'],
  ['description of 900 kB', (s) => { s.description = 'x'.repeat(900_000); }, '/description'],
];
for (const [name, m, path] of TYPES) add(name, mutated(m), 'schema', path);

// ---- the document as a whole --------------------------------------------------------------
const DOCS: [string, string, string][] = [
  ['empty text', '', 'json'],
  ['whitespace only', ' \n\t ', 'json'],
  ['a number', '42', 'schema'],
  ['a string', '"spec"', 'schema'],
  ['null', 'null', 'schema'],
  ['true', 'true', 'schema'],
  ['an array', '[]', 'schema'],
  ['an empty object', '{}', 'schema'],
  ['trailing comma', BASE_TEXT.replace('"initial": "0" }', '"initial": "0", }'), 'json'],
  ['single quotes', "{'name': 'x'}", 'json'],
  ['unquoted keys', '{name: "x"}', 'json'],
  ['line comment', '// spec\n' + BASE_TEXT, 'json'],
  ['block comment', BASE_TEXT.replace('"states"', '/* states */ "states"'), 'json'],
  ['NaN literal', BASE_TEXT.replace('"median": 1,', '"median": NaN,'), 'json'],
  ['Infinity literal', BASE_TEXT.replace('"median": 1,', '"median": Infinity,'), 'json'],
  ['-Infinity literal', BASE_TEXT.replace('"median": 1,', '"median": -Infinity,'), 'json'],
  ['undefined literal', BASE_TEXT.replace('"median": 1,', '"median": undefined,'), 'json'],
  ['hex number', BASE_TEXT.replace('"median": 1,', '"median": 0x10,'), 'json'],
  ['leading zero', BASE_TEXT.replace('"median": 1,', '"median": 01,'), 'json'],
  ['plus sign', BASE_TEXT.replace('"median": 1,', '"median": +1,'), 'json'],
  ['number 1e999', BASE_TEXT.replace('"median": 1,', '"median": 1e999,'), 'schema'],
  ['number -1e999 as a default', BASE_TEXT.replace('"default": 100', '"default": -1e999'), 'schema'],
  ['truncated', BASE_TEXT.slice(0, BASE_TEXT.length / 2), 'json'],
  ['unterminated string', '{"name": "x', 'json'],
  ['raw newline in a string', '{"name": "a\nb"}', 'json'],
  ['raw tab in a string', '{"name": "a\tb"}', 'json'],
  ['invalid escape', '{"name": "\\x41"}', 'json'],
  ['bad unicode escape', '{"name": "\\u12"}', 'json'],
  ['two documents', BASE_TEXT + BASE_TEXT, 'json'],
  ['garbage after the document', BASE_TEXT + ' x', 'json'],
  ['javascript instead of JSON', 'module.exports = {}', 'json'],
  ['a JS object literal', "({ name: 'x', states: [] })", 'json'],
  ['duplicate top-level key', BASE_TEXT.replace('"name": "One', '"name": "a", "name": "One'), 'duplicate-key'],
  ['duplicate equation key', BASE_TEXT.replace('"gut": "-ka * gut",', '"gut": "-ka * gut", "gut": "0",'), 'duplicate-key'],
  ['duplicate prior key', BASE_TEXT.replace('"median": 1,', '"median": 1, "median": 2,'), 'duplicate-key'],
  ['duplicate __proto__ key', '{"__proto__": 1, "__proto__": 2}', 'duplicate-key'],
  ['100000 nested arrays', '['.repeat(100_000) + ']'.repeat(100_000), 'limit'],
  ['100000 nested objects', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), 'limit'],
  ['33 nested arrays in a field', BASE_TEXT.replace('"initial": "0" }', '"initial": "0", "x": ' + '['.repeat(33) + ']'.repeat(33) + ' }'), 'limit'],
  ['unbalanced deep nesting', '['.repeat(50_000), 'limit'],
  ['a 1.1 MB document', JSON.stringify({ name: 'x', description: 'y'.repeat(1_100_000) }), 'limit'],
  ['a 2 MB expression', mutated((s) => { s.equations.gut = 'gut+'.repeat(500_000) + 'gut'; }), 'limit'],
  ['an array of 200000 states', JSON.stringify({ ...base(), states: Array.from({ length: 200_000 }, () => 0) }), 'limit'],
  ['an array of 5000 states', JSON.stringify({ ...base(), states: Array.from({ length: 5000 }, (_, i) => ({ name: `s${i}`, initial: '0' })) }), 'limit'],
  ['an object with 50000 equations', JSON.stringify({ ...base(), equations: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`s${i}`, '0'])) }), 'limit'],
  ['a huge flat array in an unknown field', JSON.stringify({ ...base(), junk: Array.from({ length: 100_000 }, () => 1) }), 'limit'],
  ['many unknown fields', JSON.stringify({ ...base(), ...Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`f${i}`, i])) }), 'schema'],
  ['a megabyte of whitespace', ' '.repeat(999_000) + '{}', 'schema'],
  ['lone surrogate in a name', BASE_TEXT.replace('"name": "gut"', '"name": "\\ud800"'), 'schema'],
];
for (const [name, text, code] of DOCS) add(name, text, code);

// ---- values that are not JSON (validateSpec also takes objects) ------------------------------
const cyclic: Loose = base();
cyclic.states[0].self = cyclic;
const throwing = { get name(): string { throw new Error('boom'); } };
add('object: cyclic', cyclic, 'json');
add('object: BigInt', { ...base(), name: 10n }, 'json');
add('object: a function', () => 1, 'json');
add('object: a symbol', Symbol('x'), 'json');
add('object: undefined', undefined, 'json');
add('object: a getter that throws', throwing, 'json');
add('object: NaN in a prior', { ...base(), parameters: [{ name: 'ka', prior: { type: 'lognormal', median: NaN, gsd: 2 } }] }, 'schema');
add('object: a Map', new Map([['name', 'x']]), 'schema');
add('object: a Date', new Date(0), 'schema');
add('object: deep nesting', (() => { let o: Loose = {}; for (let i = 0; i < 5000; i++) o = { a: o }; return o; })(), 'limit');
add('object: a proxy that throws', new Proxy({}, { ownKeys() { throw new Error('trap'); } }), 'json');

export const HOSTILE_CASES: readonly HostileCase[] = cases;
