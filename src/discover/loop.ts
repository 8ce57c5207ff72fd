// The discovery loop: rounds of propose → admit → screen → promote → feed back, then settle,
// refit lost modes, confirm the leader, refine and rank (docs/discovery.md). Each step is a function of the run's state in src/discover/steps/;
// this driver only runs them in order and decides when the rounds end: at `rounds`, at the
// time budget, when a round brings nothing new or no improvement (converged), or when the
// proposer fails after earlier rounds. Cancellable through the hooks' signal; dependencies (fit,
// compile, key, clock) are injected, index.ts wires the real ones.
import type { RunDiscovery } from './api.ts';
import { checkCancel, freshCandidates, note, type DiscoveryDeps } from './state.ts';
import { setupRun } from './steps/setup.ts';
import { propose } from './steps/propose.ts';
import { admit } from './steps/admit.ts';
import { screen } from './steps/screen.ts';
import { promote } from './steps/promote.ts';
import { feedback } from './steps/feedback.ts';
import { settle } from './steps/settle.ts';
import { refitLostModes } from './steps/refit-lost-modes.ts';
import { confirmLeader } from './steps/confirm.ts';
import { refine } from './steps/refine.ts';
import { rank } from './steps/rank.ts';

export { DEFAULT_DISCOVERY, QUICK_DISCOVERY } from './policy.ts';
export { DISCOVERY_VERSION } from './steps/rank.ts';
export { discoveryFitSizes } from './sizes.ts';
export type { DiscoveryDeps } from './state.ts';

export function createRunDiscovery(deps: DiscoveryDeps): RunDiscovery {
  return async (data, options, backend, hooks) => {
    const setup = setupRun(deps, data, options, backend, hooks);
    const { ctx } = setup;
    let { state } = setup;
    for (let round = 1; round <= ctx.rounds; round++) {
      checkCancel(ctx);
      if (ctx.now() >= ctx.deadline) { state = note(state, ctx, 'time budget reached'); break; }
      state = { ...state, round };
      const proposed = await propose(state, ctx);
      if (proposed.stop) { state = proposed.state; break; }
      state = admit(proposed.state, ctx, proposed.incoming);
      const fresh = freshCandidates(state);
      if (fresh.length === 0) { state = note(state, ctx, `round ${round}: no new candidates — converged`); break; }
      state = note(state, ctx, `round ${round}: ${fresh.length} new candidates: ${fresh.map((c) => c.spec.name).join(', ')}`);
      state = await screen(state, ctx);
      state = await promote(state, ctx);
      const fed = feedback(state, ctx);
      state = fed.state;
      if (fed.converged) {
        // a round whose proposals waited for time did not show they cannot improve: said so
        const waiting = fresh.filter((f) => state.candidates.find((c) => c.key === f.key)?.deferred).length;
        const unscreened = waiting ? ` (${waiting} of its ${fresh.length} left unscreened for lack of time)` : '';
        state = note(state, ctx, `round ${round}: no candidate improved the log-evidence by more than ${ctx.policy.minImprovement}${unscreened} — converged`);
        break;
      }
    }
    state = await settle(state, ctx);
    state = await refitLostModes(state, ctx);
    state = await confirmLeader(state, ctx);
    state = await refine(state, ctx);
    return rank(state, ctx);
  };
}
