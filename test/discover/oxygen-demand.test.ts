// A real table (R's BOD, Bates & Watts 1988) where the words name the field: first-order
// exertion of oxygen demand, not a straight line fitted on its fewer parameters.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { inThreadBackend, smallDiscovery, TINY_SIZES } from './fixtures.ts';

const BOD = parseDataset(readFileSync(new URL('../fixtures/real-r/bod.csv', import.meta.url), 'utf8'), { name: 'bod.csv' });
const CONTEXT = 'Biochemical oxygen demand (mg/L) of a water sample versus incubation time (days)';

describe('oxygen demand (R BOD)', () => {
  it('ranks first-order exertion (von Bertalanffy from 0) first, with the help page\'s nls estimates inside its intervals', async () => {
    const run = smallDiscovery([6, 4], TINY_SIZES);
    const r = await run(BOD, { seed: 1, rounds: 2, budgetSeconds: 600, context: CONTEXT }, inThreadBackend);
    expect(r.models[0]!.name).toMatch(/^growth-von-bertalanffy( |$)/);
    const k = r.models[0]!.parameters;
    // ?BOD: A 19.143, k = exp(lrc) 0.531
    expect(k.Linf!.q05).toBeLessThan(19.143);
    expect(k.Linf!.q95).toBeGreaterThan(19.143);
    expect(k.k!.q05).toBeLessThan(0.531);
    expect(k.k!.q95).toBeGreaterThan(0.531);
  }, 240_000);
});
