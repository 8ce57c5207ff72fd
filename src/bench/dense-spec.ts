// Dense ModelSpecs for the work-budget measurements and tests: every right-hand side uses every
// state. `linear`: x_i' = -k·x_i + c·(Σx)/n − c·x_i (exact propagation on the CPU up to 8 states).
// Otherwise each right-hand side is a sum of n terms c·x_j·x_{j+i}/(1 + x_j²) (the largest
// expressions the spec limits allow at 32 states: ~270k characters of generated code), with decay
// rates k·spread^(i/(n−1)): spread 1 is smooth, spread 1e5 is stiff.
import type { ModelSpec } from '../model/spec.ts';

export interface DenseOptions { linear?: boolean; spread?: number; stiff?: boolean }

export function denseSpec(n: number, opts: DenseOptions = {}): ModelSpec {
  const names = Array.from({ length: n }, (_, i) => `x${i + 1}`);
  const rate = (i: number) => (n > 1 ? (opts.spread ?? 1) ** (i / (n - 1)) : 1).toPrecision(3);
  const nonlinear = (i: number) => {
    const terms = names.map((x, j) => `c*${x}*${names[(j + i) % n]}/(1+${x}*${x})`);
    // groups of 8 keep every expression within the depth limit
    const groups: string[] = [];
    for (let g = 0; g < terms.length; g += 8) groups.push(`(${terms.slice(g, g + 8).join(' - ')})`);
    return `-k*${rate(i)}*${names[i]} + (${groups.join(' + ')})/${n}`;
  };
  const sum = names.join(' + ');
  return {
    name: `Dense ${n}-state${opts.linear ? ' linear' : ''}`,
    description: 'every right-hand side uses every state',
    rationale: 'a work-budget measurement',
    timeUnit: 'h',
    ...(opts.stiff ? { stiff: true } : {}),
    states: names.map((x, i) => ({ name: x, unit: 'mg', initial: i === 0 ? '10' : opts.linear ? '0' : '0.1' })),
    parameters: [
      { name: 'k', unit: '1/h', description: 'decay', prior: { type: 'lognormal', median: 1, gsd: 2 }, varies: true, omega: { type: 'lognormal', median: 0.3, gsd: 2 } },
      { name: 'c', unit: '1/h', description: 'coupling', prior: { type: 'lognormal', median: 0.5, gsd: 2 } },
    ],
    equations: Object.fromEntries(names.map((x, i) => [x, opts.linear ? `-k * ${x} + c * (${sum}) / ${n} - c * ${x}` : nonlinear(i)])),
    observables: [{ name: 'y', unit: 'mg', expression: names[n - 1]! }],
    error: { model: 'additive', additive: { type: 'lognormal', median: 0.05, gsd: 3 } },
  } as ModelSpec;
}
