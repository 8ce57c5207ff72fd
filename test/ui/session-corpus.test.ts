// Generated hostile session files: every field of a valid session replaced in turn by hostile
// values (wrong types, NaN/Infinity spellings, 1e308, huge and deep arrays, __proto__ and
// constructor keys). Reading one either gives a valid Session or refuses it with a
// SessionFileError naming the problem — never another error, never a polluted prototype.
import { describe, expect, test } from 'vitest';
import { sessionFromFile, sessionToFile, SessionFileError } from '../../src/ui/persist/session-file.ts';
import { emptySession } from '../../src/ui/state/session.ts';

const deep = (n: number): unknown => { let v: unknown = 1; for (let i = 0; i < n; i++) v = [v]; return v; };
const HOSTILE: unknown[] = [
  null, true, 0, -1, 1e308, 'NaN', 'Infinity', '', 'x'.repeat(100_000), [], {}, [null], [{}], { __proto__: { polluted: 1 } },
  JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'), deep(5000), Array.from({ length: 20_000 }, () => ({})),
  { models: [{}] }, { models: [{ name: 1, spec: [] }] }, { models: 'x' }, [[[['deep']]]],
];

function paths(v: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  out.push(prefix);
  if (v && typeof v === 'object' && prefix.length < 4) for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function withValue(doc: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(doc) ? [...doc] : { ...(doc as object) }) as Record<string, unknown>;
  copy[path[0]!] = withValue(copy[path[0]!], path.slice(1), value);
  return copy;
}

describe('a hostile corpus of session files', () => {
  test('every field replaced by every hostile value: a session or a SessionFileError, nothing else', () => {
    const s = emptySession();
    s.csvText = 'time,mean,sd,n\n1,2,0.5,10\n';
    s.userSpecs = [{ id: 'u1', text: '{"name":"x"}', include: false }];
    const file = JSON.parse(sessionToFile(s, '0.1.0')) as Record<string, unknown>;
    const fields = paths(file).concat([['session', 'report'], ['session', 'report', 'models'], ['session', '__proto__'], ['__proto__']]);
    const surprises: string[] = [];
    let refused = 0, read = 0;
    for (const path of fields) {
      for (const value of HOSTILE) {
        let text: string;
        try {
          text = path.includes('__proto__') ? JSON.stringify(file).replace(path.length === 1 ? /^\{/ : /"session":\{/, (m) => `${m}"__proto__":${JSON.stringify(value) ?? 'null'},`) : JSON.stringify(withValue(file, path, value));
        } catch {
          continue; // too deep for JSON.stringify itself: not a file anyone can write
        }
        try {
          sessionFromFile(text);
          read++;
        } catch (e) {
          if (e instanceof SessionFileError && e.message.length > 10) refused++;
          else surprises.push(`${path.join('.')} = ${JSON.stringify(value)?.slice(0, 60)}: ${(e as Error).name}: ${(e as Error).message.slice(0, 120)}`);
        }
      }
    }
    expect(surprises).toEqual([]);
    expect(refused).toBeGreaterThan(100);
    expect(read).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
