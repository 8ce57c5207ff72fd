// Hostile and damaged sessions (from a file or from IndexedDB) are refused whole with the place
// and the problem; nothing half-valid reaches the app.
import { describe, expect, test } from 'vitest';
import { checkSession, SessionFileError } from '../../src/ui/persist/session-check.ts';
import { sessionFromFile } from '../../src/ui/persist/session-file.ts';
import { emptySession } from '../../src/ui/state/session.ts';

const file = (session: unknown) => JSON.stringify({ format: 'mechanist-session', session });

/** a report as discovery writes it, with one model */
function report(models: unknown[] = [model()]) {
  return { version: '1', seed: 1, proposer: 'library', backend: 'cpu', rounds: 1, dataset: { observables: ['y'], groups: ['all'], times: [1, 2] }, models, timing: { wallSeconds: 1.5, candidatesFitted: 1 }, log: [] };
}
function model() {
  const band = { times: [1], median: [1], q05: [0.5], q95: [2] };
  return {
    rank: 1, name: 'm', spec: { name: 'm' }, weight: 1, logEvidence: -3, logEvidenceSE: 0.1,
    parameters: { k: { median: 1, q05: 0.5, q95: 2 } }, bsv: { k: { omega: { median: 0.3, q05: 0.2, q95: 0.4 }, cvPercent: 30 } },
    diagnostics: { residuals: [], patterns: [], identifiability: { contraction: { k: 0.2 }, correlated: [], atPriorEdge: [] }, failedFraction: 0, warnings: [] },
    rationale: '', explanation: '', predictive: { mean: band, series: [{ group: 'all', observable: 'y', mean: band, sd: band, individual: band }] },
    origin: { proposer: 'library', round: 1 },
  };
}

describe('session checks', () => {
  test('a valid report passes, and NaN saved as null comes back as NaN', () => {
    const m = { ...model(), logEvidenceSE: null };
    const s = sessionFromFile(file({ report: report([m]), step: 'results' }));
    expect(s.report?.models[0]?.name).toBe('m');
    expect(s.report?.models[0]?.logEvidenceSE).toBeNaN();
    expect(s.step).toBe('results');
  });

  test.each([
    ['an empty model', { report: report([{}]) }, /session\.report\.models\[0\] needs "rank"/],
    ['a wrongly typed model field', { report: report([{ ...model(), weight: 'heavy' }]) }, /session\.report\.models\[0\]\.weight must be a number/],
    ['a model that is not an object', { report: report([42]) }, /session\.report\.models\[0\] must be an object/],
    ['100,000 empty models', { report: report(Array.from({ length: 100_000 }, () => ({}))) }, /session\.report\.models (must NOT have more than 200 items|has 100,000)/],
    ['a bad step name type', { step: 3 }, /session\.step must be one of/],
    ['absurd particles', { settings: { particles: 1e9 } }, /session\.settings\.particles/],
    ['absurd rounds', { settings: { rounds: 1e6 } }, /session\.settings\.rounds must be <= 50/],
    ['an unknown backend', { settings: { backend: 'quantum' } }, /session\.settings\.backend must be one of "auto", "webgpu", "cpu"/],
  ])('%s is refused with its place', (_, session, message) => {
    expect(() => sessionFromFile(file(session))).toThrow(SessionFileError);
    expect(() => sessionFromFile(file(session))).toThrow(message);
  });

  test('200,000-deep nesting is refused without exhausting the stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const text = `{"format":"mechanist-session","session":{"report":{"models":${deep}}}}`;
    expect(() => sessionFromFile(text)).toThrow(/session\.report\.models(\[0\])+ is nested more than 40 levels deep/);
  });

  test('__proto__, constructor and prototype keys are refused and pollute nothing', () => {
    const text = '{"format":"mechanist-session","session":{"settings":{"__proto__":{"polluted":true}},"context":"x"}}';
    expect(() => sessionFromFile(text)).toThrow(/session\.settings has a key named "__proto__"/);
    expect(() => sessionFromFile('{"format":"mechanist-session","session":{"report":{"constructor":{}}}}')).toThrow(/"constructor"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a file over the size limit is refused before it is parsed', () => {
    const huge = { length: 300_000_000 } as unknown as string;
    expect(() => sessionFromFile(huge)).toThrow(/300\.0 million characters; the limit is 200 million/);
  });

  test('a stored session gets the same check (the IndexedDB record is a plain value)', () => {
    const s = emptySession();
    expect(checkSession(structuredClone(s), 'the stored session')).toEqual(s);
    expect(() => checkSession({ ...s, report: { models: [{}] } }, 'the stored session')).toThrow(/the stored session\.report needs "version"/);
    expect(() => checkSession('text', 'the stored session')).toThrow(/the stored session must be an object/);
  });

  test('compare indices past the list of models are reset', () => {
    expect(sessionFromFile(file({ report: report(), compare: [5, 9] })).compare).toEqual([0, 1]);
  });
});
