// canonicalKey: invariant to renaming/reordering of states, parameters and observables and to
// commutative reordering; different structures get different keys.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalForm, canonicalKey } from '../../src/model/canonical.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { validateSpec } from '../../src/model/validate.ts';

const prior = { type: 'lognormal', median: 1, gsd: 2 } as const;
const param = (name: string, varies = false): ModelSpec['parameters'][number] => ({ name, prior, varies, ...(varies ? { omega: { type: 'lognormal', median: 0.3, gsd: 2 } } : {}) });

/** Oral one-compartment PK, with every name and order choosable. */
function oral(o: {
  gut?: string; central?: string; ka?: string; CL?: string; V?: string; conc?: string;
  swapStates?: boolean; swapParams?: boolean; gutEq?: string; centralEq?: string; obs?: string; varyV?: boolean; doseCentral?: boolean;
} = {}): ModelSpec {
  const g = o.gut ?? 'gut', c = o.central ?? 'central', ka = o.ka ?? 'ka', CL = o.CL ?? 'CL', V = o.V ?? 'V';
  const states = [{ name: g, initial: '0' }, { name: c, initial: '0' }];
  const params = [param(ka, true), param(CL, true), param(V, o.varyV ?? true)];
  return {
    name: 'oral',
    states: o.swapStates ? states.reverse() : states,
    parameters: o.swapParams ? [params[2]!, params[0]!, params[1]!] : params,
    covariates: [{ name: 'dose', default: 100 }],
    equations: {
      [g]: (o.gutEq ?? '-ka * gut').replace(/\bka\b/g, ka).replace(/\bgut\b/g, g),
      [c]: (o.centralEq ?? 'ka * gut - CL / V * central')
        .replace(/\bka\b/g, ka).replace(/\bgut\b/g, g).replace(/\bCL\b/g, CL).replace(/\bV\b/g, V).replace(/\bcentral\b/g, c),
    },
    observables: [{ name: o.conc ?? 'conc', expression: (o.obs ?? 'central / V').replace(/\bcentral\b/g, c).replace(/\bV\b/g, V) }],
    doses: [{ type: 'bolus', state: o.doseCentral ? c : g, amount: 'dose', time: 0 }],
  };
}

const key = (s: ModelSpec, variability = false): string => canonicalKey(validateSpec(s), { variability });

describe('canonicalKey', () => {
  it('ignores the names of states, parameters and observables', () => {
    expect(key(oral({ gut: 'A1', central: 'A2', ka: 'k_a', CL: 'clear', V: 'vol', conc: 'Cp' }))).toBe(key(oral()));
  });

  it('ignores the order of states and parameters', () => {
    expect(key(oral({ swapStates: true, swapParams: true }))).toBe(key(oral()));
  });

  it('ignores commutative reordering and how a subtraction is written', () => {
    expect(key(oral({ gutEq: '-(gut * ka)', centralEq: '-(central * (CL / V)) + gut * ka' }))).toBe(key(oral()));
    expect(key(oral({ centralEq: 'ka * gut + -(CL / V) * central' }))).toBe(key(oral()));
  });

  it('tells different structures apart', () => {
    const base = key(oral());
    expect(key(oral({ centralEq: 'ka * gut - CL / V * central / (1 + central)' }))).not.toBe(base);
    expect(key(oral({ centralEq: 'ka * gut - CL * central' }))).not.toBe(base);
    expect(key(oral({ obs: 'central' }))).not.toBe(base);
    expect(key(oral({ doseCentral: true }))).not.toBe(base);
  });

  it('distinguishes one shared rate constant from two separate ones', () => {
    const spec = (eqB: string, params: string[]): ModelSpec => ({
      name: 'two decays',
      states: [{ name: 'a', initial: '1' }, { name: 'b', initial: '1' }],
      parameters: params.map((p) => param(p)),
      equations: { a: '-k1 * a', b: eqB },
      observables: [{ name: 'total', expression: 'a + b' }],
    });
    expect(key(spec('-k1 * b', ['k1']))).not.toBe(key(spec('-k2 * b', ['k1', 'k2'])));
    // and the order of two symmetric states/parameters does not matter
    expect(key(spec('-k2 * b', ['k1', 'k2']))).toBe(key(spec('-k2 * b', ['k2', 'k1'])));
  });

  it('includes between-subject variability only when asked', () => {
    expect(key(oral({ varyV: false }))).toBe(key(oral()));
    expect(key(oral({ varyV: false }), true)).not.toBe(key(oral(), true));
  });

  it('gives every example spec its own key', () => {
    const dir = 'public/examples/models';
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    const keys = new Map<string, string>();
    for (const f of files) {
      const v = validateSpec(readFileSync(`${dir}/${f}`, 'utf8'));
      const k = canonicalKey(v);
      expect(k).toMatch(/^[0-9a-f]{16}$/);
      expect(keys.get(k), `${f} has the same key as ${keys.get(k)}:\n${canonicalForm(v)}`).toBeUndefined();
      keys.set(k, f);
    }
    expect(keys.size).toBe(files.length);
  });

  it('handles long chains of observables without expanding them', () => {
    const observables = [{ name: 'o0', expression: 'a' }];
    for (let i = 1; i < 16; i++) observables.push({ name: `o${i}`, expression: `o${i - 1} * o${i - 1} + o${i - 1}` });
    const spec: ModelSpec = { name: 'chain', states: [{ name: 'a', initial: '1' }], parameters: [param('k')], equations: { a: '-k * a' }, observables };
    const t0 = performance.now();
    const k1 = key(spec);
    expect(performance.now() - t0).toBeLessThan(2000);
    observables[15] = { name: 'o15', expression: 'o14 * o14 - o14' };
    expect(key(spec)).not.toBe(k1);
  });

  it('contains no user names in the readable form', () => {
    const form = canonicalForm(validateSpec(oral({ gut: 'zzgut', central: 'zzcentral', ka: 'zzka', CL: 'zzCL', V: 'zzV', conc: 'zzconc' })));
    expect(form).not.toMatch(/zz/);
  });
});
