// Saved session files: the Session JSON with a header. Reading one checks it with the same rule
// as a stored session (session-check.ts): missing fields come from the defaults, anything
// present must be valid, and a file that fails is refused whole.
import type { Session } from '../state/session.ts';
import { checkSession, SessionFileError } from './session-check.ts';
import { SESSION_LIMITS } from './session-schema.ts';

export { SessionFileError };

export const SESSION_FORMAT = 'mechanist-session';

export function sessionToFile(s: Session, appVersion: string): string {
  return JSON.stringify({ format: SESSION_FORMAT, appVersion, savedAt: new Date().toISOString(), session: s }, null, 2);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function sessionFromFile(text: string): Session {
  if (text.length > SESSION_LIMITS.fileLength)
    throw new SessionFileError(`The session file is ${(text.length / 1e6).toFixed(1)} million characters; the limit is ${SESSION_LIMITS.fileLength / 1e6} million.`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SessionFileError(`The session file is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObj(doc) || doc.format !== SESSION_FORMAT || !isObj(doc.session))
    throw new SessionFileError(`Not a Mechanist session file (expected "format": "${SESSION_FORMAT}" and a "session" object).`);
  return checkSession(doc.session, 'session');
}
