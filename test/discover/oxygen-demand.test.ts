// Real tables (R's BOD, Bates & Watts 1988; NIST's BoxBOD, Box et al. 1978) where the words name
// the field: first-order exertion of oxygen demand from 0 at the start of incubation, not a
// straight line fitted on its fewer parameters.
import { describe, expect, it } from 'vitest';
import { discoverRealTable, expectInterval } from './fixtures.ts';

const CONTEXT = 'Biochemical oxygen demand (mg/L) of a water sample versus incubation time (days)';

describe('oxygen demand (R BOD)', () => {
  it('ranks first-order exertion (von Bertalanffy from 0) first, with the help page\'s nls estimates inside its intervals', async () => {
    const r = await discoverRealTable('real-r/bod.csv', CONTEXT);
    expect(r.models[0]!.name).toMatch(/^growth-von-bertalanffy( |$)/);
    // ?BOD: A 19.143, k = exp(lrc) 0.531
    expectInterval(r.models[0]!.parameters, 'Linf', 19.143);
    expectInterval(r.models[0]!.parameters, 'k', 0.531);
  }, 240_000);

  it('starts the curve from 0 (no N0) and puts NIST\'s certified BoxBOD estimates inside its intervals', async () => {
    const r = await discoverRealTable('real-nist/boxbod.csv', 'Biochemical oxygen demand (mg/L) of a water sample by incubation day');
    const top = r.models[0]!;
    expect(top.name).toMatch(/^growth-von-bertalanffy( |$)/);
    expect(top.parameters.N0).toBeUndefined();
    // certified: b1 213.81 ± 12.35, b2 0.54724 ± 0.10456
    expectInterval(top.parameters, 'Linf', 213.81);
    expectInterval(top.parameters, 'k', 0.54724);
  }, 240_000);
});
