// A real series that falls to a plateau (MASS's wtloss: one patient's weight on a diet, Venables &
// Ripley 2002 §8.1, with days weighed twice): the negative exponential to an asymptote,
// b0 + b1·2^(−t/θ) with b0 81.374 and θ 141.91 days, is von Bertalanffy's first-order approach
// from above — not a logistic started above its carrying capacity.
import { describe, expect, it } from 'vitest';
import { discoverRealTable, expectInterval } from './fixtures.ts';

const CONTEXT = 'Weight (kg) of an obese patient during a weight-reduction programme, by day';

describe('weight loss to a plateau (MASS wtloss)', () => {
  it('ranks the first-order approach first, with Venables & Ripley\'s asymptote and half-life inside its intervals', async () => {
    const r = await discoverRealTable('real-r/wtloss.csv', CONTEXT);
    expect(r.models[0]!.name).toMatch(/^growth-von-bertalanffy( |$)/);
    expectInterval(r.models[0]!.parameters, 'Linf', 81.374);
    expectInterval(r.models[0]!.parameters, 'k', Math.LN2 / 141.91);
  }, 240_000);
});
