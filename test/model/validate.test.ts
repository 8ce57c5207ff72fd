import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSpec, LIMITS, printExpr, SpecError, validateSpec, type SpecIssue } from '../../src/model/index.ts';
import schema from '../../src/model/modelspec.schema.json';

// specs are mutated freely here to build broken variants
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const base = () => JSON.parse(readFileSync('public/examples/models/pk-1cmt-oral.json', 'utf8')) as Loose;

/** Issues of a spec given as an object mutated from the oral PK example. */
function issuesOf(mutate: (s: Loose) => void): SpecIssue[] {
  const s = base();
  mutate(s);
  const { model, issues } = checkSpec(JSON.stringify(s, null, 2));
  expect(model).toBeUndefined();
  return issues;
}

function expectIssue(issues: SpecIssue[], code: string, path: string, message?: RegExp): SpecIssue {
  const found = issues.find((i) => i.code === code && i.path === path && (!message || message.test(i.message)));
  expect(found, `${code} at ${path} ${message ?? ''} in ${JSON.stringify(issues, null, 1)}`).toBeDefined();
  return found!;
}

describe('validateSpec: semantics', () => {
  it('throws a SpecError listing every issue found', () => {
    const s = base();
    s.equations.central = 'ka * gut - Cl / V * central';
    s.observables[0].expression = 'centrl / V';
    s.states[0].initial = 'central';
    let err: unknown;
    try {
      validateSpec(JSON.stringify(s));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const issues = (err as SpecError).issues;
    expect(issues.length).toBe(3);
    expectIssue(issues, 'unknown-identifier', '/equations/central', /unknown name "Cl"\. Did you mean CL\?/);
    expectIssue(issues, 'unknown-identifier', '/observables/0/expression', /Did you mean central\?/);
    expectIssue(issues, 'scope', '/states/0/initial', /"central" is a state/);
    expect((err as SpecError).message).toContain('/equations/central');
  });

  it('reports reserved names', () => {
    const names = ['constructor', 't', 'dose', 'exp', 'NaN', 'Infinity', 'Math', 'fn', 'var', 'prototype', 'let', 'loop'];
    for (const name of names) {
      const issues = issuesOf((s) => {
        s.parameters[0].name = name;
      });
      expectIssue(issues, 'reserved-name', '/parameters/0/name', /cannot be used as a name/);
    }
    expectIssue(issuesOf((s) => { s.states[0].name = 'model_x'; s.equations = { model_x: '0', central: '0' }; }), 'reserved-name', '/states/0/name');
  });

  it('reports duplicate names across states, parameters, covariates and observables', () => {
    const issues = issuesOf((s) => {
      s.observables[0].name = 'V';
      s.covariates.push({ name: 'ka' });
    });
    expectIssue(issues, 'duplicate-name', '/observables/0/name', /already used by parameters\[2\]/);
    expectIssue(issues, 'duplicate-name', '/covariates/1/name', /already used by parameters\[0\]/);
  });

  it('needs exactly one equation per state, and equations only for states', () => {
    const issues = issuesOf((s) => {
      delete s.equations.central;
      s.equations.centrl = '0';
    });
    expectIssue(issues, 'missing-equation', '/states/1', /state "central" has no equation/);
    expectIssue(issues, 'unknown-state', '/equations/centrl', /Did you mean central\?/);
  });

  it('treats inherited names like constructor as unknown, not as Object.prototype members', () => {
    const issues = issuesOf((s) => {
      s.equations.constructor = 'ka';
      s.equations.toString = 'ka';
    });
    expectIssue(issues, 'unknown-state', '/equations/constructor');
    expectIssue(issues, 'unknown-state', '/equations/toString');
    const unknown = issuesOf((s) => { s.equations.gut = 'constructor * gut + hasOwnProperty'; });
    expectIssue(unknown, 'unknown-identifier', '/equations/gut', /"constructor"/);
    expectIssue(unknown, 'unknown-identifier', '/equations/gut', /"hasOwnProperty"/);
  });

  it('enforces scopes: initial values and doses use parameters and covariates; observables only in observables', () => {
    expectIssue(issuesOf((s) => { s.states[1].initial = 't'; }), 'scope', '/states/1/initial', /time variable/);
    expectIssue(issuesOf((s) => { s.doses[0].amount = 'dose * gut'; }), 'scope', '/doses/0/amount', /"gut" is a state/);
    expectIssue(issuesOf((s) => { s.equations.gut = '-conc'; }), 'scope', '/equations/gut', /"conc" is an observable/);
    expect(checkSpec(JSON.stringify({ ...base(), states: [{ name: 'gut', initial: 'dose / V' }, { name: 'central', initial: 'V * 0' }] })).model).toBeDefined();
  });

  it('points inside the expression with an offset', () => {
    const issue = expectIssue(issuesOf((s) => { s.equations.central = 'ka * gut - CL / Vd * central'; }), 'unknown-identifier', '/equations/central');
    expect(issue.offset).toBe(16);
  });

  it('checks dose targets and schedules', () => {
    expectIssue(issuesOf((s) => { s.doses[0].state = 'Gut'; }), 'unknown-state', '/doses/0/state', /Did you mean gut\?/);
    expectIssue(issuesOf((s) => { s.doses[0].count = 3; }), 'dose', '/doses/0/count', /every/);
    expectIssue(issuesOf((s) => {
      s.doses[0] = { type: 'infusion', state: 'central', rate: 'dose', start: 0, duration: 5, every: 2, count: 3 };
    }), 'dose', '/doses/0/every', /overlap/);
    expectIssue(issuesOf((s) => {
      s.doses = Array.from({ length: 11 }, () => ({ type: 'bolus', state: 'gut', amount: 'dose', time: 0, every: 1, count: 1000 }));
    }), 'limit', '/doses/10/count');
  });

  it('checks that priors are sensible for positive parameters', () => {
    expectIssue(issuesOf((s) => { s.parameters[0].prior = { type: 'uniform', lower: 2, upper: 1 }; }), 'prior', '/parameters/0/prior', /lower bound/);
    expectIssue(issuesOf((s) => { s.parameters[0].prior = { type: 'loguniform', lower: 0, upper: 1 }; }), 'prior', '/parameters/0/prior/lower', /lower > 0/);
    expectIssue(issuesOf((s) => { s.parameters[0].prior = { type: 'uniform', lower: -1, upper: 1 }; }), 'prior', '/parameters/0/prior/lower', /positive/);
  });

  it('reports cycles among observables with their path, and orders the rest topologically', () => {
    const issues = issuesOf((s) => {
      s.observables = [
        { name: 'a', expression: 'b + 1' },
        { name: 'b', expression: 'c * 2' },
        { name: 'c', expression: 'a' },
        { name: 'd', expression: 'd' },
      ];
    });
    expectIssue(issues, 'cycle', '/observables/2/expression', /a → b → c → a/);
    expectIssue(issues, 'cycle', '/observables/3/expression', /d → d/);
    const s = base();
    s.observables = [
      { name: 'lconc', expression: 'log(conc)' },
      { name: 'conc', expression: 'central / V' },
      { name: 'both', expression: 'lconc + conc' },
    ];
    const m = validateSpec(s);
    expect(m.observableOrder).toEqual([1, 0, 2]);
    expect(m.observables[0]!.expr).toMatchObject({ kind: 'call', args: [{ kind: 'ident', ref: { kind: 'observable', index: 1 } }] });
  });

  it('puts dose first among covariates and fills defaults', () => {
    const s = base();
    s.covariates = [{ name: 'WT', unit: 'kg', default: 70 }, { name: 'dose', unit: 'mg' }, { name: 'AGE' }];
    s.equations.central = 'ka * gut - CL * WT / 70 / V * central';
    const m = validateSpec(s);
    expect(m.covariates).toEqual([{ name: 'dose', unit: 'mg', default: 0 }, { name: 'WT', unit: 'kg', default: 70 }, { name: 'AGE', default: 0 }]);
    expect(printExpr(m.equations[1]!)).toBe('ka * gut - CL * WT / 70 / V * central');
    const eq = m.equations[1]!;
    if (eq.kind !== 'binary' || eq.right.kind !== 'binary' || eq.right.left.kind !== 'binary') throw new Error('shape');
    // ((CL * WT) / 70) / V: WT is the right operand of the innermost product
    const product = eq.right.left.left;
    if (product.kind !== 'binary' || product.left.kind !== 'binary') throw new Error('shape');
    expect(product.left.right).toEqual({ kind: 'ident', name: 'WT', span: { start: 16, end: 18 }, ref: { kind: 'covariate', index: 1 } });
    const noCov = base();
    delete noCov.covariates;
    expect(validateSpec(noCov).covariates).toEqual([{ name: 'dose', default: 0 }]);
  });

  it('allows scientific names that are only WGSL reserved words (target, active, common, type)', () => {
    const s = base();
    s.states = [{ name: 'target', initial: '0' }, { name: 'active', initial: '0' }];
    s.equations = { target: '-ka * target', active: 'ka * target - common * active' };
    s.parameters[1].name = 'common';
    s.observables[0] = { name: 'type', expression: 'active / V' };
    s.doses[0].state = 'target';
    expect(validateSpec(s).states.map((x) => x.name)).toEqual(['target', 'active']);
  });

  it('accepts a byte-order mark before the JSON text and keeps positions', () => {
    const text = '\uFEFF' + JSON.stringify(base(), null, 2);
    expect(validateSpec(text).spec.name).toBe('One-compartment oral PK');
    const bad = text.replace('"-ka * gut"', '"-ka * gutt"');
    expect(checkSpec(bad).issues[0]).toMatchObject({ code: 'unknown-identifier', offset: 6, line: 76, column: 19 });
  });

  it('resolves t as time in equations and observables', () => {
    const s = base();
    s.equations.gut = '-ka * gut * exp(-0.1 * t)';
    const m = validateSpec(s);
    expect(JSON.stringify(m.equations[0])).toContain('"ref":{"kind":"time","index":0}');
  });
});

describe('validateSpec: source positions and JSON', () => {
  it('gives line and column inside the source text, also through escapes', () => {
    const text = '{\n  "name": "x",\n  "states": [{"name": "a", "initial": "1"}],\n  "parameters": [],\n  "equations": {"a": "\\u0032 * a + bb"},\n  "observables": [{"name": "o", "expression": "a"}]\n}';
    const { issues } = checkSpec(text);
    expect(issues).toHaveLength(1);
    // "bb" is at decoded offset 8; "\u0032" takes 6 source characters for 1
    expect(issues[0]).toMatchObject({ code: 'unknown-identifier', path: '/equations/a', offset: 8, line: 5 });
    const lineText = text.split('\n')[4]!;
    expect(lineText.slice(issues[0]!.column! - 1, issues[0]!.column! + 1)).toBe('bb');
  });

  it('reports JSON syntax errors with line and column', () => {
    const { issues } = checkSpec('{\n  "name": "x",\n  "states": [1, 2,]\n}');
    expect(issues[0]).toMatchObject({ code: 'json', path: '', line: 3, column: 19 });
    expect(checkSpec('').issues[0]).toMatchObject({ code: 'json' });
    expect(checkSpec('{"a": 1} {}').issues[0]!.message).toMatch(/continues after/);
    expect(checkSpec('// c\n{}').issues[0]!.message).toMatch(/comments/);
  });

  it('rejects duplicate keys, pointing at the second one', () => {
    const { issues } = checkSpec('{"name": "x",\n "name": "y"}');
    expect(issues[0]).toMatchObject({ code: 'duplicate-key', path: '/name', line: 2, column: 2 });
  });

  it('rejects numbers that do not fit a double', () => {
    const s = JSON.stringify(base()).replace('"default":100', '"default":1e999');
    expectIssue(checkSpec(s).issues, 'schema', '/covariates/0/default', /too large/);
  });

  it('translates schema errors into sentences naming the place', () => {
    const issues = issuesOf((s) => {
      s.equation = s.equations;
      s.parameters[1].prior.median = -5;
      s.parameters[2].prior = { type: 'loguniform', lower: 1 };
      s.states[0].initial = 3;
      s.doses[0].type = 'bolsu';
    });
    const unknown = expectIssue(issues, 'schema', '/equation', /unknown field "equation"\. Did you mean equations\?/);
    expect(unknown.line).toBeGreaterThan(1);
    expectIssue(issues, 'schema', '/parameters/1/prior/median', /parameters\[1\] \("CL"\) › prior › median must be greater than 0, not -5/);
    expectIssue(issues, 'schema', '/parameters/2/prior', /missing the required field "upper"/);
    expectIssue(issues, 'schema', '/states/0/initial', /must be a string, not number 3/);
    expectIssue(issues, 'schema', '/doses/0/type', /Did you mean bolus\?/);
    // oneOf: the chosen branch alone is reported
    expect(issues.filter((i) => i.path.startsWith('/parameters/2'))).toHaveLength(1);
    expectIssue(issuesOf((s) => { s.states = 'gut'; }), 'schema', '/states', /must be an array/);
    expectIssue(issuesOf((s) => { s.equations = { '1x': 'a' }; }), 'schema', '/equations/1x', /not a valid name/);
  });

  it('accepts an object and reports without line/column', () => {
    const s = base();
    s.equations.gut = 'ka gut';
    const { issues } = checkSpec(s);
    expect(issues[0]).toMatchObject({ code: 'syntax', path: '/equations/gut', offset: 3 });
    expect(issues[0]!.line).toBeUndefined();
  });

  it('rejects objects that are not JSON', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    expect(checkSpec(cyclic).issues[0]!.code).toBe('json');
    expect(checkSpec({ name: 1n }).issues[0]!.code).toBe('json');
    expect(checkSpec(undefined).issues[0]!.code).toBe('json');
    expect(checkSpec(() => 1).issues[0]!.code).toBe('json');
    expect(checkSpec(42).issues[0]).toMatchObject({ code: 'schema', message: /must be an object/ });
  });

  it('does not use the input object as the model spec (later mutation is harmless)', () => {
    const s = base();
    const m = validateSpec(s);
    s.name = 'changed';
    expect(m.spec.name).toBe('One-compartment oral PK');
  });
});

describe('limits', () => {
  it('agree with the schema, the single source of truth for sizes', () => {
    expect(schema.properties.states.maxItems).toBe(LIMITS.states);
    expect(schema.properties.parameters.maxItems).toBe(LIMITS.parameters);
    expect(schema.properties.covariates.maxItems).toBe(LIMITS.covariates);
    expect(schema.properties.observables.maxItems).toBe(LIMITS.observables);
    expect(schema.properties.doses.maxItems).toBe(LIMITS.doses);
    expect(schema.definitions.expression.maxLength).toBe(LIMITS.expressionLength);
    expect(schema.definitions.identifier.pattern).toBe(`^[A-Za-z][A-Za-z0-9_]{0,${LIMITS.identifierLength - 1}}$`);
  });

  it('reports at most LIMITS.issues issues', () => {
    const s = base();
    for (let i = 0; i < 200; i++) s[`junk${i}`] = i;
    expect(checkSpec(JSON.stringify(s)).issues).toHaveLength(LIMITS.issues);
  });
});
