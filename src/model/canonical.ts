// A structural key for a validated model, invariant to renaming and reordering of states,
// parameters and observables, and to commutative reordering of + and * (and min/max).
// Used by discovery to deduplicate candidates and to judge structural recovery.
//
// Method: colour refinement (Weisfeiler–Lehman) over states and parameters. A symbol's colour
// is refined by the canonical text of every expression it appears in, with the symbol itself
// marked and all others printed as their current colours. Equal keys mean "same structure up
// to a symmetry that colour refinement cannot split" (rare for ODE models).
import type { Expr } from './ast.ts';
import { hashText } from './codegen/hash.ts';
import type { SymbolRef } from './codegen/mangle.ts';
import type { ValidatedModel } from './validated.ts';

export interface CanonicalOptions {
  /** include which parameters vary between subjects (default false: ODE structure only) */
  variability?: boolean;
}

type Namer = (ref: SymbolRef) => string;
interface Signed { sign: number; s: string }

/** Canonical text of an expression: sums and products flattened, sorted, signs pulled out. */
export function canonicalExpr(e: Expr, name: Namer): string {
  const r = signed(e, name);
  return r.sign < 0 ? `(- ${r.s})` : r.s;
}

function signed(e: Expr, name: Namer): Signed {
  switch (e.kind) {
    case 'num':
      return e.value < 0 ? { sign: -1, s: String(-e.value) } : { sign: 1, s: String(e.value) };
    case 'ident':
      if (!e.ref) throw new Error('canonical: unresolved identifier');
      return { sign: 1, s: name(e.ref) };
    case 'neg': {
      const r = signed(e.arg, name);
      return { sign: -r.sign, s: r.s };
    }
    case 'binary':
      switch (e.op) {
        case '+':
        case '-': {
          const terms: string[] = [];
          collectTerms(e, 1, name, terms);
          return { sign: 1, s: `(+ ${terms.sort().join(' ')})` };
        }
        case '*': {
          const factors: string[] = [];
          const sign = collectFactors(e, name, factors);
          return { sign, s: `(* ${factors.sort().join(' ')})` };
        }
        case '/': {
          const a = signed(e.left, name);
          const b = signed(e.right, name);
          return { sign: a.sign * b.sign, s: `(/ ${a.s} ${b.s})` };
        }
        case '^':
          return { sign: 1, s: `(^ ${canonicalExpr(e.left, name)} ${canonicalExpr(e.right, name)})` };
      }
      break;
    case 'call': {
      const args = e.args.map((a) => canonicalExpr(a, name));
      if (e.fn === 'min' || e.fn === 'max') args.sort();
      const fn = e.fn === 'pow' ? '^' : e.fn;
      return { sign: 1, s: `(${fn} ${args.join(' ')})` };
    }
  }
  throw new Error('canonical: unknown node');
}

function collectTerms(e: Expr, sign: number, name: Namer, out: string[]): void {
  if (e.kind === 'binary' && (e.op === '+' || e.op === '-')) {
    collectTerms(e.left, sign, name, out);
    collectTerms(e.right, e.op === '-' ? -sign : sign, name, out);
  } else if (e.kind === 'neg') {
    collectTerms(e.arg, -sign, name, out);
  } else {
    const r = signed(e, name);
    out.push(r.sign * sign < 0 ? `-${r.s}` : r.s);
  }
}

function collectFactors(e: Expr, name: Namer, out: string[]): number {
  if (e.kind === 'binary' && e.op === '*') return collectFactors(e.left, name, out) * collectFactors(e.right, name, out);
  if (e.kind === 'neg') return -collectFactors(e.arg, name, out);
  const r = signed(e, name);
  out.push(r.s);
  return r.sign;
}

interface Context { owner: (colour: Colours) => string; expr: Expr; states: Set<number>; params: Set<number> }
interface Colours { state: string[]; param: string[] }

/** States and parameters an expression uses, also through the observables it references. */
function symbolsOf(e: Expr, obs: readonly Expr[], states: Set<number>, params: Set<number>, seen = new Set<number>()): void {
  switch (e.kind) {
    case 'num': return;
    case 'ident':
      if (e.ref?.kind === 'state') states.add(e.ref.index);
      if (e.ref?.kind === 'parameter') params.add(e.ref.index);
      if (e.ref?.kind === 'observable' && !seen.has(e.ref.index)) {
        seen.add(e.ref.index);
        const o = obs[e.ref.index];
        if (o) symbolsOf(o, obs, states, params, seen);
      }
      return;
    case 'neg': symbolsOf(e.arg, obs, states, params, seen); return;
    case 'binary': symbolsOf(e.left, obs, states, params, seen); symbolsOf(e.right, obs, states, params, seen); return;
    case 'call': e.args.forEach((a) => symbolsOf(a, obs, states, params, seen)); return;
  }
}

/** The readable canonical form (canonicalKey hashes it). */
export function canonicalForm(v: ValidatedModel, options: CanonicalOptions = {}): string {
  const obs = v.observables.map((o) => o.expr);
  // observables referenced by other observables are printed as a hash of their own canonical
  // text (computed once per naming), not inlined: chains of observables could grow exponentially
  const covName = (i: number): string => `c:${v.covariates[i]?.name ?? i}`;
  const doseText = (d: ValidatedModel['doses'][number]): string => `${d.kind}@${d.times.join(',')}/${d.duration}`;

  const contexts: Context[] = [];
  const add = (owner: Context['owner'], expr: Expr): void => {
    const states = new Set<number>();
    const params = new Set<number>();
    symbolsOf(expr, obs, states, params);
    contexts.push({ owner, expr, states, params });
  };
  v.equations.forEach((e, i) => add((c) => `eq ${c.state[i]}`, e));
  v.states.forEach((s, i) => add((c) => `init ${c.state[i]}`, s.initial));
  obs.forEach((e) => add(() => 'obs', e));
  v.doses.forEach((d) => add((c) => `dose ${doseText(d)} ${c.state[d.state]}`, d.expr));

  const namer = (c: Colours, mark?: SymbolRef): Namer => {
    const observableText = new Map<number, string>();
    const name: Namer = (ref) => {
      if (mark && ref.kind === mark.kind && ref.index === mark.index) return '#';
      switch (ref.kind) {
        case 'state': return `s${c.state[ref.index]}`;
        case 'parameter': return `p${c.param[ref.index]}`;
        case 'covariate': return covName(ref.index);
        case 'time': return 't';
        case 'observable': {
          let text = observableText.get(ref.index);
          if (text === undefined) {
            const o = obs[ref.index];
            text = `o${o ? hashText(canonicalExpr(o, name)) : ref.index}`;
            observableText.set(ref.index, text);
          }
          return text;
        }
      }
    };
    return name;
  };
  const signature = (c: Colours, ref: SymbolRef, own: string[]): string => {
    const uses = contexts
      .filter((x) => (ref.kind === 'state' ? x.states : x.params).has(ref.index))
      .map((x) => `${x.owner(c)}:${canonicalExpr(x.expr, namer(c, ref))}`);
    return [ref.kind === 'state' ? c.state[ref.index] : c.param[ref.index], ...own, ...uses.sort()].join('|');
  };

  let colours: Colours = {
    state: v.states.map(() => 'S'),
    param: v.parameters.map((p) => (options.variability && p.varies ? 'Pv' : 'P')),
  };
  const distinct = (c: Colours): number => new Set([...c.state.map((s) => `s${s}`), ...c.param.map((p) => `p${p}`)]).size;
  const maxRounds = v.states.length + v.parameters.length + 1;
  for (let round = 0; round < maxRounds; round++) {
    const c = colours;
    const next: Colours = {
      state: v.states.map((_, i) => {
        const own = [
          `eq=${canonicalExpr((v.equations[i]!), namer(c))}`,
          `init=${canonicalExpr((v.states[i]!.initial), namer(c))}`,
          ...v.doses.filter((d) => d.state === i).map((d) => `dose=${doseText(d)}:${canonicalExpr(d.expr, namer(c))}`).sort(),
        ];
        return hashText(signature(c, { kind: 'state', index: i }, own));
      }),
      param: v.parameters.map((_, j) => hashText(signature(c, { kind: 'parameter', index: j }, []))),
    };
    const stable = distinct(next) === distinct(c);
    colours = next;
    if (stable) break;
  }

  const name = namer(colours);
  const states = v.states.map((s, i) => [
    `s${colours.state[i]}`,
    `d/dt=${canonicalExpr((v.equations[i]!), name)}`,
    `init=${canonicalExpr((s.initial), name)}`,
  ].join(' '));
  const params = colours.param.map((p) => `p${p}`);
  const observables = obs.map((e) => canonicalExpr((e), name));
  const doses = v.doses.map((d) => `${doseText(d)} -> s${colours.state[d.state]} = ${canonicalExpr(d.expr, name)}`);
  return [
    `states ${states.sort().join('; ')}`,
    `params ${params.sort().join(' ')}`,
    `observables ${observables.sort().join('; ')}`,
    `doses ${doses.sort().join('; ')}`,
  ].join('\n');
}

/** Structural key (hash of canonicalForm). */
export function canonicalKey(v: ValidatedModel, options: CanonicalOptions = {}): string {
  return hashText(canonicalForm(v, options));
}
