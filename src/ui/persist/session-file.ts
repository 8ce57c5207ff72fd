// Saved session files: the Session JSON with a header. Reading one checks every field's type and
// fills anything missing from the defaults, so a hand-edited or older file never breaks the app.
import type { Session, StepId } from '../state/session.ts';
import { DEFAULT_SETTINGS, STEPS, emptySession } from '../state/session.ts';

export const SESSION_FORMAT = 'mechanist-session';

export function sessionToFile(s: Session, appVersion: string): string {
  return JSON.stringify({ format: SESSION_FORMAT, appVersion, savedAt: new Date().toISOString(), session: s }, null, 2);
}

export class SessionFileError extends Error {
  override name = 'SessionFileError';
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function sessionFromFile(text: string): Session {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SessionFileError(`The session file is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObj(doc) || doc.format !== SESSION_FORMAT || !isObj(doc.session))
    throw new SessionFileError(`Not a Mechanist session file (expected "format": "${SESSION_FORMAT}" and a "session" object).`);
  const src = doc.session;
  const out = emptySession();
  const str = (k: 'csvText' | 'csvName' | 'activeCsv' | 'activeName' | 'context' | 'reportCsv' | 'reportCsvName') => {
    if (src[k] === undefined) return;
    if (typeof src[k] !== 'string') throw new SessionFileError(`session.${k} must be a string.`);
    out[k] = src[k];
  };
  (['csvText', 'csvName', 'activeCsv', 'activeName', 'context', 'reportCsv', 'reportCsvName'] as const).forEach(str);
  if (isObj(src.contextParts)) {
    for (const k of ['measured', 'disease', 'intervention', 'notes'] as const) {
      const v = src.contextParts[k];
      if (typeof v === 'string') out.contextParts[k] = v;
    }
  }
  if (src.userSpecs !== undefined) {
    if (!Array.isArray(src.userSpecs)) throw new SessionFileError('session.userSpecs must be an array.');
    out.userSpecs = src.userSpecs.map((u, i) => {
      if (!isObj(u) || typeof u.text !== 'string') throw new SessionFileError(`session.userSpecs[${i}] needs a "text" string.`);
      return { id: typeof u.id === 'string' ? u.id : `spec-${i}`, text: u.text, include: u.include !== false };
    });
  }
  if (src.settings !== undefined) {
    if (!isObj(src.settings)) throw new SessionFileError('session.settings must be an object.');
    const s = { ...DEFAULT_SETTINGS };
    for (const k of Object.keys(DEFAULT_SETTINGS) as (keyof typeof DEFAULT_SETTINGS)[]) {
      const v = src.settings[k];
      if (v === undefined) continue;
      if (typeof v !== typeof DEFAULT_SETTINGS[k]) throw new SessionFileError(`session.settings.${k} must be a ${typeof DEFAULT_SETTINGS[k]}.`);
      (s as Record<string, unknown>)[k] = v;
    }
    out.settings = s;
  }
  if (src.report !== undefined && src.report !== null) {
    if (!isObj(src.report) || !Array.isArray(src.report.models)) throw new SessionFileError('session.report must be a discovery report with a "models" array.');
    out.report = src.report as unknown as Session['report'];
  }
  if (Array.isArray(src.compare) && src.compare.length === 2 && src.compare.every((x) => Number.isInteger(x)))
    out.compare = [src.compare[0] as number, src.compare[1] as number];
  if (typeof src.step === 'string' && STEPS.some((st) => st.id === src.step)) out.step = src.step as StepId;
  return out;
}
