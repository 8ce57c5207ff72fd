// A real table (R's BOD, Bates & Watts 1988) where the words name the field: first-order
// exertion of oxygen demand, not a straight line fitted on its fewer parameters.
import { describe, expect, it } from 'vitest';
import { discoverRealTable } from './fixtures.ts';

const CONTEXT = 'Biochemical oxygen demand (mg/L) of a water sample versus incubation time (days)';

describe('oxygen demand (R BOD)', () => {
  it('ranks first-order exertion (von Bertalanffy from 0) first, with the help page\'s nls estimates inside its intervals', async () => {
    const r = await discoverRealTable('real-r/bod.csv', CONTEXT);
    expect(r.models[0]!.name).toMatch(/^growth-von-bertalanffy( |$)/);
    const k = r.models[0]!.parameters;
    // ?BOD: A 19.143, k = exp(lrc) 0.531
    expect(k.Linf!.q05).toBeLessThan(19.143);
    expect(k.Linf!.q95).toBeGreaterThan(19.143);
    expect(k.k!.q05).toBeLessThan(0.531);
    expect(k.k!.q95).toBeGreaterThan(0.531);
  }, 240_000);
});
