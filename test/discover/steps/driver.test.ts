// The loop's driver with every dependency faked: when the rounds end.
import { describe, expect, it } from 'vitest';
import { createRunDiscovery } from '../../../src/discover/loop.ts';
import type { Proposer } from '../../../src/discover/api.ts';
import type { EnsembleBackend } from '../../../src/simulate/types.ts';
import { compile, DATA, report, spec } from './fakes.ts';

const backend = { name: 'cpu', description: 'fake' } as EnsembleBackend;
/** proposes the names of round r from `rounds[r - 1]` */
const scripted = (rounds: string[][]): Proposer => ({ name: 'library', propose: async (_c, history) => (rounds[new Set(history.map((h) => h.round)).size] ?? []).map((n) => ({ spec: spec(n), rationale: n })) });

function run(evidence: Record<string, number>, fitSeconds = 1) {
  let clock = 0;
  return createRunDiscovery({
    compile, key: (s) => s.name, now: () => clock, refine: false,
    fit: async (m) => { clock += fitSeconds * 1000; return report(m.spec.name, evidence[m.spec.name]!); },
  });
}

describe('the loop driver', () => {
  it('runs rounds until one brings no improvement (converged), and ranks all', async () => {
    const proposer = scripted([['a', 'b'], ['c'], ['d'], ['e']]);
    const r = await run({ a: 1, b: 2, c: 8, d: 8.5, e: 20 })(DATA, { rounds: 5, budgetSeconds: 600, proposerInstance: proposer }, backend);
    expect(r.rounds).toBe(3);
    expect(r.models.map((m) => m.name)).toEqual(['d', 'c', 'b', 'a']);
    expect(r.log.at(-2)).toMatch(/round 3: no candidate improved the log-evidence by more than 1 — converged/);
  });

  it('says how many of a converged round\'s proposals were left unscreened for lack of time', async () => {
    const proposer = scripted([['a', 'b', 'c'], ['d', 'e']]);
    const r = await run({ a: 1, b: 2, c: 3, d: 30, e: 40 }, 10)(DATA, { rounds: 3, budgetSeconds: 50, proposerInstance: proposer }, backend);
    expect(r.log.some((l) => l.endsWith("d: not screened (time kept for the leaders' full fits)"))).toBe(true);
    expect(r.log.some((l) => /round 2: no candidate improved the log-evidence by more than 1 \(2 of its 2 left unscreened for lack of time\) — converged/.test(l))).toBe(true);
  });

  it('reads a table\'s caption as the context when none is given, and says so; a given context wins', async () => {
    const caption = 'Table 2. Plasma concentrations (ng/mL) after a single 100 mg oral dose';
    const r = await run({ a: 1 })({ ...DATA, caption }, { rounds: 1, budgetSeconds: 600, proposerInstance: scripted([['a']]) }, backend);
    expect(r.context).toBe(caption);
    expect(r.log.some((l) => l.includes('no context was given: the table\'s caption is read as the context'))).toBe(true);
    const given = await run({ a: 1 })({ ...DATA, caption }, { context: 'Warfarin, plasma', rounds: 1, budgetSeconds: 600, proposerInstance: scripted([['a']]) }, backend);
    expect(given.context).toBe('Warfarin, plasma');
  });

  it('ends when a round brings nothing new', async () => {
    const r = await run({ a: 1 })(DATA, { rounds: 3, budgetSeconds: 600, proposerInstance: scripted([['a'], ['a']]) }, backend);
    expect(r.rounds).toBe(2);
    expect(r.log.some((l) => l.endsWith('round 2: no new candidates — converged'))).toBe(true);
  });

  it('stops starting rounds and fits at the time budget and ranks what was fitted', async () => {
    // each fit takes 600 s of a 600 s budget (deadline 570 s)
    const r = await run({ a: 1, b: 2, c: 3 }, 600)(DATA, { rounds: 3, budgetSeconds: 600, proposerInstance: scripted([['a', 'b'], ['c']]) }, backend);
    expect(r.rounds).toBe(1);
    expect(r.models.map((m) => m.name)).toEqual(['a']);
    expect(r.timing.candidatesFitted).toBe(1);
    const log = r.log.map((l) => l.replace(/^\[[\d.]+ s\] /, ''));
    expect(log).toEqual(expect.arrayContaining(['b: not screened (time budget)', 'a: full fit skipped (time budget; screening result kept)', 'time budget reached']));
  });
});
