// compileModel / compileSpec / instantiateJs: dose schedule, flags, hash, cache, and that the
// generated code contains only generator-produced text whatever the spec's names and prose say.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileModel, compileSpec } from '../../src/model/compile.ts';
import { SpecError } from '../../src/model/errors.ts';
import { instantiateJs } from '../../src/model/instantiate.ts';
import type { Expr } from '../../src/model/ast.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { validateSpec } from '../../src/model/validate.ts';

const DIR = 'public/examples/models';
const example = (f: string): string => readFileSync(`${DIR}/${f}`, 'utf8');
const examples = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

const JS_WORDS = new Set(('function return const let for if switch case default Math exp log log10 sqrt abs sign sin cos ' +
  'tanh pow min max m_ipow m_hill x n k r i t y p c dy y0 out J rhs init observe jac dose').split(' '));
const WGSL_WORDS = new Set(('const alias fn let var return if for switch case default array f32 u32 i32 select abs floor ' +
  'fract pow exp log sqrt sign sin cos tanh min max clamp x y n m r i k z t p c').split(' '));

/** Every token of generated code: identifiers from the whitelist, numbers, punctuation. */
function foreignTokens(code: string, words: Set<string>, wgsl: boolean): string[] {
  const foreign: string[] = [];
  const token = /"use strict"|[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?[fiu]?|\s+|[()[\]{};,.+\-*/<>=!?:]/gy;
  let last = 0;
  for (let m = token.exec(code); m; m = token.exec(code)) {
    last = token.lastIndex;
    const s = m[0];
    if (/^[A-Za-z_]/.test(s) && !words.has(s) && !/^o[0-9]+$/.test(s) && !(wgsl && /^(model|MODEL)_[A-Za-z0-9_]+$/.test(s))) foreign.push(s);
  }
  if (last !== code.length) foreign.push(`untokenizable text at ${last}: ${JSON.stringify(code.slice(last, last + 20))}`);
  return foreign;
}

// prose fields allow anything (within length limits); units and the model name are shorter
const HOSTILE = "*/ fetch('https://evil.example/x') // </script><script>alert(1)</script> ${process.exit()} `x` \u2028 \\u0000";
const UNIT = "*/evil('x')//`$";
const NAME = 'fetch(evil) + alert(1) / process.exit';

function hostileSpec(names: { a: string; b: string; k: string; obs: string }): ModelSpec {
  return {
    name: NAME,
    description: HOSTILE,
    rationale: HOSTILE,
    timeUnit: UNIT,
    states: [{ name: names.a, unit: UNIT, initial: '1' }, { name: names.b, unit: UNIT, initial: `${names.k} * 2` }],
    parameters: [{ name: names.k, unit: UNIT, description: HOSTILE, prior: { type: 'lognormal', median: 1, gsd: 2 } }],
    covariates: [{ name: 'dose', unit: UNIT, default: 5 }],
    equations: { [names.a]: `-${names.k} * ${names.a} + hill(${names.b}, ${names.k}, 2)`, [names.b]: `${names.k} * ${names.a} - ${names.b}^2` },
    observables: [{ name: names.obs, unit: UNIT, expression: `${names.b} / ${names.k}` }],
    doses: [{ type: 'bolus', state: names.a, amount: `dose * ${names.k}`, time: 0 }],
  };
}

describe('generated code contains only generator-produced text', () => {
  it('for every example spec (JS and WGSL tokens are whitelisted)', () => {
    for (const f of examples) {
      const c = compileSpec(example(f));
      expect(foreignTokens(c.js, JS_WORDS, false), `${f} js`).toEqual([]);
      expect(foreignTokens(c.wgsl, WGSL_WORDS, true), `${f} wgsl`).toEqual([]);
    }
  });

  it('for a spec whose names and prose are hostile: none of that text appears, code is name-independent', () => {
    const names = { a: 'fetch', b: 'alert', k: 'importScripts', obs: 'postMessage' };
    const c = compileSpec(hostileSpec(names));
    for (const text of [...Object.values(names), 'evil', 'script', 'process', 'exit', '`', '$', '\u2028', "'"]) {
      expect(c.js).not.toContain(text);
      expect(c.wgsl).not.toContain(text);
    }
    expect(foreignTokens(c.js, JS_WORDS, false)).toEqual([]);
    expect(foreignTokens(c.wgsl, WGSL_WORDS, true)).toEqual([]);
    // the same model under other names generates identical code
    const plain = compileSpec(hostileSpec({ a: 'A', b: 'B', k: 'K', obs: 'O' }));
    expect(plain.js).toBe(c.js);
    expect(plain.wgsl).toBe(c.wgsl);
    // LaTeX escapes names; prose never reaches it
    expect(c.latex.equations.join(' ')).not.toMatch(/evil|script|\$|`/);
    // and the code runs
    const f = instantiateJs(c);
    const y0 = new Float64Array(2);
    f.init(Float64Array.of(3), Float64Array.of(5), y0);
    expect(Array.from(y0)).toEqual([1, 6]);
    expect(f.dose(0, Float64Array.of(3), Float64Array.of(5))).toBe(15);
  });
});

describe('compileModel', () => {
  it('resolves bolus schedules, infusion intervals and shared dose expressions', () => {
    const multi = compileSpec(example('pk-1cmt-multiple-dose.json'));
    expect(multi.doses).toEqual([{ kind: 'bolus', state: 0, times: [0, 12, 24, 36, 48, 60], amountIndex: 0 }]);
    expect(multi.nDoseExprs).toBe(1);
    const inf = compileSpec(example('pk-1cmt-infusion.json'));
    expect(inf.doses).toEqual([{ kind: 'infusion', state: 0, intervals: [[0, 2]], rateIndex: 0 }]);
    const f = instantiateJs(inf);
    expect(f.dose(0, new Float64Array(inf.parameterNames.length), Float64Array.of(100))).toBe(50);
    expect(f.dose(7, new Float64Array(inf.parameterNames.length), Float64Array.of(100))).toBe(0);

    const spec = JSON.parse(example('pk-1cmt-oral.json')) as ModelSpec;
    spec.doses = [
      { type: 'bolus', state: 'gut', amount: 'dose', time: 0 },
      { type: 'bolus', state: 'gut', amount: 'dose', time: 24 },
      { type: 'infusion', state: 'central', rate: 'dose / 4', start: 48, duration: 4, every: 24, count: 2 },
    ];
    const c = compileSpec(spec);
    expect(c.nDoseExprs).toBe(2);
    expect(c.doses).toEqual([
      { kind: 'bolus', state: 0, times: [0], amountIndex: 0 },
      { kind: 'bolus', state: 0, times: [24], amountIndex: 0 },
      { kind: 'infusion', state: 1, intervals: [[48, 52], [72, 76]], rateIndex: 1 },
    ]);
  });

  it('copies names, defaults and the stiff flag; the hash is stable and tells models apart', () => {
    const oral = compileSpec(example('pk-1cmt-oral.json'));
    expect(oral.stateNames).toEqual(['gut', 'central']);
    expect(oral.parameterNames).toEqual(['ka', 'CL', 'V']);
    expect(oral.covariateNames[0]).toBe('dose');
    expect(oral.observableNames).toEqual(['conc']);
    expect(oral.stiff).toBe(false);
    expect(compileSpec(example('stiff-robertson.json')).stiff).toBe(true);
    expect(compileSpec(example('pk-1cmt-oral.json')).hash).toBe(oral.hash);
    const hashes = new Set(examples.map((f) => compileSpec(example(f)).hash));
    expect(hashes.size).toBe(examples.length);
    // the compiled model is plain data (can be posted to a worker)
    expect(structuredClone(oral)).toEqual(oral);
  });

  it('carries the resolved trees it was generated from and the linearity fact, as plain data', () => {
    const infusion = compileSpec(example('pk-1cmt-infusion.json'));
    const t = infusion.trees!;
    expect([t.nStates, t.nParams, t.nCovariates]).toEqual([infusion.stateNames.length, infusion.parameterNames.length, infusion.covariateNames.length]);
    expect(t.equations).toHaveLength(t.nStates);
    expect(t.initial).toHaveLength(t.nStates);
    expect(t.observables).toHaveLength(infusion.observableNames.length);
    expect(t.doseExprs).toHaveLength(infusion.nDoseExprs);
    // every identifier is resolved: generators read refs, never names
    const unresolved: string[] = [];
    const walk = (e: Expr): void => {
      if (e.kind === 'ident' && !e.ref) unresolved.push(e.name);
      if (e.kind === 'neg') walk(e.arg);
      if (e.kind === 'binary') { walk(e.left); walk(e.right); }
      if (e.kind === 'call') e.args.forEach(walk);
    };
    [...t.equations, ...t.initial, ...t.observables, ...t.doseExprs].forEach(walk);
    expect(unresolved).toEqual([]);
    expect(structuredClone(infusion)).toEqual(infusion);
    expect(infusion.linearTimeInvariant).toBe(true);
    expect(compileSpec(example('pk-mm-elimination.json')).linearTimeInvariant).toBe(false);
    expect(compileSpec(example('lorenz.json')).linearTimeInvariant).toBe(false);
  });

  it('instantiateJs caches by hash', () => {
    const a = compileSpec(example('epi-sir.json'));
    const b = compileSpec(example('epi-sir.json'));
    expect(instantiateJs(a)).toBe(instantiateJs(b));
  });

  it('refuses, quickly and with a clear limit error, a valid spec whose Jacobian would explode', () => {
    const n = 32;
    const tree = (depth: number, seed: number): string =>
      depth === 0 ? `x${seed % n}` : `(${tree(depth - 1, seed * 2 + 1)} * ${tree(depth - 1, seed * 2 + 2)} / (k + x${seed % n}))`;
    const spec: ModelSpec = {
      name: 'explosive',
      states: Array.from({ length: n }, (_, i) => ({ name: `x${i}`, initial: '1' })),
      parameters: [{ name: 'k', prior: { type: 'lognormal', median: 1, gsd: 2 } }],
      equations: Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, tree(7, 1)])),
      observables: [{ name: 'o', expression: 'x0' }],
    };
    const v = validateSpec(spec);
    const t0 = performance.now();
    try {
      compileModel(v);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SpecError);
      expect((err as SpecError).first.code).toBe('limit');
      expect((err as SpecError).first.path).toMatch(/^\/equations\/x[0-9]+$/);
    }
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('rejects an initial value that uses a state or t, naming the place', () => {
    const v = validateSpec(example('pk-1cmt-oral.json'));
    const bad = { ...v, states: [v.states[0]!, { ...v.states[1]!, initial: { kind: 'ident', name: 'gut', ref: { kind: 'state', index: 0 } } as const }] };
    try {
      compileModel(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SpecError);
      expect((err as SpecError).first.path).toBe('/states/1/initial');
    }
  });
});
