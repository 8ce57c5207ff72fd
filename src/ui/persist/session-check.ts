// One rule for every session the app takes in, whether from a file or from IndexedDB: bounded
// size and nesting, no keys that reach for an object's prototype, then the schema
// (session-schema.ts) with missing fields filled from the defaults. A session that fails is
// refused as a whole, with the place and the problem, and never half applied.
import Ajv, { type ErrorObject } from 'ajv';
import type { Session } from '../state/session.ts';
import { DEFAULT_SETTINGS, STEPS, emptySession } from '../state/session.ts';
import { SESSION_LIMITS, SESSION_SCHEMA } from './session-schema.ts';

export class SessionFileError extends Error {
  override name = 'SessionFileError';
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "session.report.models[3].name" */
function place(base: string, path: (string | number)[]): string {
  return base + path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}

/** Depth, size and key names, walked without recursion (a deep value must not blow the stack). */
function checkBounds(value: unknown, base: string): void {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  let nodes = 0;
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (++nodes > SESSION_LIMITS.nodes) throw new SessionFileError(`${base} is too large (more than ${SESSION_LIMITS.nodes.toLocaleString('en')} lists and objects).`);
    if (path.length >= SESSION_LIMITS.depth) throw new SessionFileError(`${place(base, path)} is nested more than ${SESSION_LIMITS.depth} levels deep.`);
    if (Array.isArray(v)) {
      if (v.length > SESSION_LIMITS.list) throw new SessionFileError(`${place(base, path)} has ${v.length.toLocaleString('en')} entries; the limit is ${SESSION_LIMITS.list.toLocaleString('en')}.`);
      v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    } else {
      for (const k of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(k)) throw new SessionFileError(`${place(base, path)} has a key named "${k}", which a session never has.`);
        stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
      }
    }
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(s: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(SESSION_SCHEMA);
  return validator(s) ? [] : (validator.errors ?? []);
}

function describe(e: ErrorObject, base: string): string {
  const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const where = place(base, path);
  switch (e.keyword) {
    case 'required': return `${where} needs "${(e.params as { missingProperty: string }).missingProperty}".`;
    case 'enum': return `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'type': {
      const t = String((e.params as { type: string }).type).split(',')[0]!;
      return `${where} must be ${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}.`;
    }
    case 'const': return `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}.`;
    default: return `${where} ${e.message ?? 'is not valid'}.`;
  }
}

/** null → NaN where the app formats numbers (JSON writes NaN as null) */
function reviveReportNumbers(s: Session): void {
  for (const m of s.report?.models ?? []) {
    const r = m as unknown as Record<string, unknown>;
    for (const k of ['weight', 'logEvidence', 'logEvidenceSE']) if (r[k] === null) r[k] = NaN;
    if (r.weightSE === null) delete r.weightSE;
    for (const b of Object.values(m.bsv)) if ((b.cvPercent as number | null) === null) b.cvPercent = NaN;
    const d = m.diagnostics as unknown as { failedFraction: number | null; identifiability: { correlated: { corr: number | null }[] } };
    if (d.failedFraction === null) d.failedFraction = NaN;
    for (const c of d.identifiability.correlated) if (c.corr === null) c.corr = NaN;
  }
  const t = s.report?.timing as { wallSeconds: number | null } | undefined;
  if (t && t.wallSeconds === null) t.wallSeconds = NaN;
}

/**
 * A checked Session from untrusted JSON: fields that are missing come from the defaults (older
 * files), everything present must be valid. `base` names the value in messages ("session").
 */
export function checkSession(value: unknown, base = 'session'): Session {
  if (!isObj(value)) throw new SessionFileError(`${base} must be an object.`);
  checkBounds(value, base);
  const out = emptySession() as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) {
    if (!Object.hasOwn(out, k) || v === undefined) continue;
    // a step this version does not have opens the first step (older and newer files)
    if (k === 'step' && typeof v === 'string' && !STEPS.some((st) => st.id === v)) continue;
    if (k === 'settings' && isObj(v)) out.settings = { ...DEFAULT_SETTINGS, ...v };
    else if (k === 'contextParts' && isObj(v)) out.contextParts = { ...(out.contextParts as object), ...v };
    else out[k] = v;
  }
  const errors = validate(out);
  if (errors.length) throw new SessionFileError(describe(errors[0]!, base));
  const s = out as unknown as Session;
  // indices into the models shown side by side: reset when they point past the list
  const models = s.report?.models.length ?? 0;
  if (s.report && s.compare.some((i) => i >= Math.max(models, 2))) s.compare = [0, 1];
  reviveReportNumbers(s);
  return s;
}
