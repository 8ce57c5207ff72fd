import { describe, expect, test } from 'vitest';
import { sessionFromFile, sessionToFile, SessionFileError } from '../../src/ui/persist/session-file.ts';
import { emptySession } from '../../src/ui/state/session.ts';

describe('session files', () => {
  test('round-trip keeps every field', () => {
    const s = emptySession();
    s.csvText = 'time,mean,sd,n\n1,2,0.5,10\n';
    s.csvName = 'a.csv';
    s.activeCsv = s.csvText;
    s.activeName = 'a.csv';
    s.contextParts.disease = 'rare';
    s.context = 'Disease/condition: rare.';
    s.userSpecs = [{ id: 'u1', text: '{"name":"x"}', include: false }];
    s.settings.seed = 42;
    s.settings.backend = 'cpu';
    s.compare = [2, 0];
    s.step = 'results';
    expect(sessionFromFile(sessionToFile(s, '0.1.0'))).toEqual(s);
  });

  test('wrong files are refused with a message that names the problem', () => {
    expect(() => sessionFromFile('not json')).toThrow(SessionFileError);
    expect(() => sessionFromFile('{"format":"other"}')).toThrow(/Not a Mechanist session file/);
    expect(() => sessionFromFile(JSON.stringify({ format: 'mechanist-session', session: { csvText: 3 } }))).toThrow(/session.csvText must be a string/);
    expect(() => sessionFromFile(JSON.stringify({ format: 'mechanist-session', session: { settings: { seed: 'x' } } }))).toThrow(/settings.seed must be an integer/);
    expect(() => sessionFromFile(JSON.stringify({ format: 'mechanist-session', session: { report: { models: 1 } } }))).toThrow(/report/);
  });

  test('missing fields come from the defaults; unknown steps are ignored', () => {
    const s = sessionFromFile(JSON.stringify({ format: 'mechanist-session', session: { context: 'hi', step: 'nowhere' } }));
    expect(s.context).toBe('hi');
    expect(s.step).toBe('data');
    expect(s.settings).toEqual(emptySession().settings);
  });
});
