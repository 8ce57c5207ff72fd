// Semantic checks on a schema-valid spec, and the ValidatedModel they produce: names, equations,
// identifier resolution with scopes, doses, priors, and cycles among observables.
import { firstNonFiniteConstant } from './constant-check.ts';
import type { Expr, SymbolKind } from './ast.ts';
import { SpecError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { toPointer } from './locate.ts';
import { reservedReason, suggestion } from './names.ts';
import { parseExpression } from './parser.ts';
import type { ModelSpec } from './spec.ts';
import type { ValidatedDose, ValidatedModel } from './validated.ts';
import type { RawIssue } from './validate-schema.ts';

interface SymbolRef { kind: SymbolKind; index: number }

/** Which kinds of names an expression may use. */
type Scope = ReadonlySet<SymbolKind>;
const INITIAL_SCOPE: Scope = new Set(['parameter', 'covariate']);
const DOSE_SCOPE: Scope = INITIAL_SCOPE;
const EQUATION_SCOPE: Scope = new Set(['state', 'parameter', 'covariate', 'time']);
const OBSERVABLE_SCOPE: Scope = new Set(['state', 'parameter', 'covariate', 'time', 'observable']);

const KIND_WORD: Record<SymbolKind, string> = {
  state: 'a state', parameter: 'a parameter', covariate: 'a covariate', observable: 'an observable', time: 'the time variable',
};

class Checker {
  readonly issues: RawIssue[] = [];
  readonly symbols = new Map<string, SymbolRef>();

  constructor(readonly spec: ModelSpec) {}

  add(code: string, path: string, message: string, extra: Partial<RawIssue> = {}): void {
    this.issues.push({ code, message, path, ...extra });
  }

  /** Declares every name; reports reserved and duplicate names. */
  declare(): { name: string; unit?: string; default: number }[] {
    const { spec } = this;
    const covariates: { name: string; unit?: string; default: number }[] = [{ name: 'dose', default: 0 }];
    const seen = new Map<string, string>();
    const one = (role: 'state' | 'parameter' | 'covariate' | 'observable', list: string, i: number, name: string, ref: SymbolRef) => {
      const path = `/${list}/${i}/name`;
      const reason = reservedReason(name, role);
      if (reason) this.add('reserved-name', path, `${list}[${i}]: "${name}" cannot be used as a name: ${reason}. Choose another name.`);
      const first = seen.get(name);
      if (first !== undefined) {
        this.add('duplicate-name', path, `${list}[${i}]: the name "${name}" is already used by ${first}; names must be unique across states, parameters, covariates and observables`);
        return;
      }
      seen.set(name, `${list}[${i}]`);
      this.symbols.set(name, ref); // even when reserved: one issue, not one per use
    };
    spec.states.forEach((s, i) => one('state', 'states', i, s.name, { kind: 'state', index: i }));
    spec.parameters.forEach((p, i) => one('parameter', 'parameters', i, p.name, { kind: 'parameter', index: i }));
    this.symbols.set('dose', { kind: 'covariate', index: 0 });
    (spec.covariates ?? []).forEach((c, i) => {
      if (c.name === 'dose') {
        if (seen.has('dose')) this.add('duplicate-name', `/covariates/${i}/name`, `covariates[${i}]: "dose" is declared twice`);
        seen.set('dose', `covariates[${i}]`);
        covariates[0] = { name: 'dose', ...(c.unit !== undefined ? { unit: c.unit } : {}), default: c.default ?? 0 };
        return;
      }
      one('covariate', 'covariates', i, c.name, { kind: 'covariate', index: covariates.length });
      covariates.push({ name: c.name, ...(c.unit !== undefined ? { unit: c.unit } : {}), default: c.default ?? 0 });
    });
    spec.observables.forEach((o, i) => one('observable', 'observables', i, o.name, { kind: 'observable', index: i }));
    this.symbols.set('t', { kind: 'time', index: 0 });
    return covariates;
  }

  /** Parses the expression at `path`; null (with an issue) when it does not parse. */
  parse(path: string, text: string): Expr | null {
    try {
      const e = parseExpression(text);
      const bad = firstNonFiniteConstant(e);
      if (bad) {
        const part = bad.start !== undefined && bad.end !== undefined ? text.slice(bad.start, bad.end) : text;
        this.add('non-finite', path, `"${part}" is a constant that evaluates to ${bad.value}: every trajectory would be non-finite; write a finite number`, { offset: bad.start });
        return null;
      }
      return e;
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      for (const i of err.issues) this.add(i.code, path, i.message, { offset: i.offset });
      return null;
    }
  }

  /** Sets `ref` on every identifier; reports unknown and out-of-scope names. */
  resolve(e: Expr, path: string, scope: Scope, context: string, onObservable?: (index: number, offset: number) => void): void {
    switch (e.kind) {
      case 'num':
        return;
      case 'neg':
        return this.resolve(e.arg, path, scope, context, onObservable);
      case 'binary':
        this.resolve(e.left, path, scope, context, onObservable);
        return this.resolve(e.right, path, scope, context, onObservable);
      case 'call':
        for (const a of e.args) this.resolve(a, path, scope, context, onObservable);
        return;
      case 'ident': {
        const offset = e.span?.start;
        const ref = this.symbols.get(e.name);
        if (!ref) {
          const candidates = [...this.symbols].filter(([, r]) => scope.has(r.kind)).map(([n]) => n);
          const hint = e.name === 'NaN' || e.name === 'Infinity' ? ' (write a number instead)' : suggestion(e.name, candidates);
          this.add('unknown-identifier', path, `${context}: unknown name "${e.name}".${hint}`, { offset });
          return;
        }
        if (!scope.has(ref.kind)) {
          const allowed = [...scope].map((k) => (k === 'time' ? 't' : k + 's')).join(', ');
          this.add('scope', path, `${context}: "${e.name}" is ${KIND_WORD[ref.kind]}, which cannot be used here (allowed: ${allowed})`, { offset });
          return;
        }
        e.ref = { kind: ref.kind, index: ref.index };
        if (ref.kind === 'observable' && onObservable && offset !== undefined) onObservable(ref.index, offset);
        return;
      }
    }
  }
}

function checkPriors(c: Checker): void {
  c.spec.parameters.forEach((p, i) => {
    const path = `/parameters/${i}/prior`;
    const prior = p.prior;
    if (prior.type === 'lognormal') return;
    if (!(prior.lower < prior.upper)) c.add('prior', path, `parameters[${i}] ("${p.name}"): the prior's lower bound (${prior.lower}) must be below its upper bound (${prior.upper})`);
    if (prior.type === 'loguniform' && !(prior.lower > 0)) c.add('prior', path + '/lower', `parameters[${i}] ("${p.name}"): a loguniform prior needs lower > 0, not ${prior.lower}`);
    if (prior.type === 'uniform' && prior.lower < 0) c.add('prior', path + '/lower', `parameters[${i}] ("${p.name}"): model parameters are positive, so the prior's lower bound must be ≥ 0, not ${prior.lower}`);
  });
}

function checkEquations(c: Checker): Expr[] {
  const { spec } = c;
  const stateIndex = new Map(spec.states.map((s, i) => [s.name, i]));
  for (const key of Object.keys(spec.equations)) {
    if (!stateIndex.has(key)) {
      c.add('unknown-state', toPointer(['equations', key]), `equations: "${key}" is not a state, so it cannot have an equation.${suggestion(key, stateIndex.keys())}`, { atKey: true });
    }
  }
  const equations: Expr[] = [];
  spec.states.forEach((s, i) => {
    if (!Object.hasOwn(spec.equations, s.name)) {
      c.add('missing-equation', `/states/${i}`, `state "${s.name}" has no equation: add "${s.name}": "<d${s.name}/dt>" to equations`);
      return;
    }
    const path = toPointer(['equations', s.name]);
    const e = c.parse(path, spec.equations[s.name]!);
    if (e) {
      c.resolve(e, path, EQUATION_SCOPE, `equation for ${s.name}`);
      equations[i] = e;
    }
  });
  return equations;
}

function checkDoses(c: Checker): ValidatedDose[] {
  const stateIndex = new Map(c.spec.states.map((s, i) => [s.name, i]));
  const doses: ValidatedDose[] = [];
  let administrations = 0;
  (c.spec.doses ?? []).forEach((d, i) => {
    const base = `/doses/${i}`;
    const state = stateIndex.get(d.state);
    if (state === undefined) c.add('unknown-state', base + '/state', `doses[${i}]: "${d.state}" is not a state.${suggestion(d.state, stateIndex.keys())}`);
    const field = d.type === 'bolus' ? 'amount' : 'rate';
    const text = d.type === 'bolus' ? d.amount : d.rate;
    const e = c.parse(`${base}/${field}`, text);
    if (e) c.resolve(e, `${base}/${field}`, DOSE_SCOPE, `doses[${i}] ${field}`);
    const count = d.count ?? 1;
    if (count > 1 && d.every === undefined) c.add('dose', base + '/count', `doses[${i}]: count is ${count} but "every" (the interval between administrations) is missing`);
    const duration = d.type === 'infusion' ? d.duration : 0;
    if (d.type === 'infusion' && count > 1 && d.every !== undefined && d.every < d.duration) {
      c.add('dose', base + '/every', `doses[${i}]: repeated infusions overlap: every (${d.every}) is shorter than duration (${d.duration})`);
    }
    administrations += count;
    if (administrations > LIMITS.doseAdministrations) {
      if (administrations - count <= LIMITS.doseAdministrations) {
        c.add('limit', base + '/count', `doses: more than ${LIMITS.doseAdministrations} administrations in total`);
      }
      return;
    }
    const first = d.type === 'bolus' ? d.time : d.start;
    const times = Array.from({ length: count }, (_, k) => first + k * (d.every ?? 0));
    if (state !== undefined && e) doses.push({ kind: d.type, state, times, duration, expr: e });
  });
  return doses;
}

/** Topological order of observables; every cycle is reported with its path. */
function orderObservables(c: Checker, deps: number[][]): number[] {
  const names = c.spec.observables.map((o) => o.name);
  const state = new Array<0 | 1 | 2>(names.length).fill(0); // unvisited, on stack, done
  const order: number[] = [];
  for (let root = 0; root < names.length; root++) {
    if (state[root] !== 0) continue;
    // iterative DFS: the stack holds [node, next dependency to visit]
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, k] = top;
      const ds = deps[node] ?? [];
      if (k < ds.length) {
        top[1]++;
        const d = ds[k]!;
        if (state[d] === 0) {
          state[d] = 1;
          stack.push([d, 0]);
        } else if (state[d] === 1) {
          const from = stack.findIndex(([n]) => n === d);
          const cycle = [...stack.slice(from).map(([n]) => names[n]!), names[d]!];
          c.add('cycle', `/observables/${node}/expression`, `observables form a cycle: ${cycle.join(' → ')}`);
        }
      } else {
        state[node] = 2;
        order.push(node);
        stack.pop();
      }
    }
  }
  return order;
}

/** Semantic issues of a schema-valid spec, and the validated model when there are none. */
export function checkSemantics(spec: ModelSpec): { model?: ValidatedModel; issues: RawIssue[] } {
  const c = new Checker(spec);
  const covariates = c.declare();
  checkPriors(c);

  const states = spec.states.map((s, i) => {
    const path = `/states/${i}/initial`;
    const e = c.parse(path, s.initial);
    if (e) c.resolve(e, path, INITIAL_SCOPE, `initial value of ${s.name}`);
    return { name: s.name, ...(s.unit !== undefined ? { unit: s.unit } : {}), initial: e };
  });
  const equations = checkEquations(c);

  const deps: number[][] = spec.observables.map(() => []);
  const observables = spec.observables.map((o, i) => {
    const path = `/observables/${i}/expression`;
    const e = c.parse(path, o.expression);
    if (e) c.resolve(e, path, OBSERVABLE_SCOPE, `observable ${o.name}`, (j) => { if (!deps[i]!.includes(j)) deps[i]!.push(j); });
    return { name: o.name, ...(o.unit !== undefined ? { unit: o.unit } : {}), expr: e };
  });
  const observableOrder = orderObservables(c, deps);
  const doses = checkDoses(c);

  if (c.issues.length > 0) return { issues: c.issues };
  return {
    issues: [],
    model: {
      spec,
      states: states.map((s) => ({ ...s, initial: s.initial! })),
      parameters: spec.parameters,
      covariates,
      equations,
      observables: observables.map((o) => ({ ...o, expr: o.expr! })),
      observableOrder,
      doses,
    },
  };
}
