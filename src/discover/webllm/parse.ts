// Parsing LLM output: JSON with a little repair (code fences, text around the object), and
// salvage of the complete candidates from a truncated answer (finish_reason 'length').

export interface ParsedAnswer {
  /** candidate objects as parsed (not yet validated) */
  candidates: unknown[];
  /** what went wrong, phrased for a repair round */
  problems: string[];
  truncated: boolean;
}

/** Complete top-level {...} objects inside the first JSON array of `text` (string-aware). */
export function salvageObjects(text: string): unknown[] {
  const start = text.indexOf('[');
  if (start < 0) return [];
  const out: unknown[] = [];
  let depth = 0, inStr = false, esc = false, objStart = -1;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (inStr) {
      if (esc) esc = false;
      else if (ch === '\\') esc = true;
      else if (ch === '"') inStr = false;
      continue;
    }
    if (ch === '"') inStr = true;
    else if (ch === '{') { if (depth === 0) objStart = i; depth++; }
    else if (ch === '}') {
      depth--;
      if (depth === 0 && objStart >= 0) {
        try { out.push(JSON.parse(text.slice(objStart, i + 1))); } catch { /* skip a broken item */ }
        objStart = -1;
      }
      if (depth < 0) break;
    } else if (ch === ']' && depth === 0) break;
  }
  return out;
}

function unwrap(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    const c = (value as Record<string, unknown>).candidates;
    if (Array.isArray(c)) return c;
    if ('equations' in value || 'states' in value) return [value];
  }
  return null;
}

export function parseAnswer(content: string, finishReason: string): ParsedAnswer {
  const truncated = finishReason === 'length';
  const problems: string[] = [];
  const text = content.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '');
  let value: unknown;
  let ok = false;
  try { value = JSON.parse(text); ok = true; } catch (e) {
    const a = text.indexOf('{'), b = text.lastIndexOf('}');
    if (a >= 0 && b > a) { try { value = JSON.parse(text.slice(a, b + 1)); ok = true; } catch { /* fall through */ } }
    if (!ok) problems.push(truncated
      ? 'The answer was cut off before the JSON was complete (too long). Give shorter candidates.'
      : `The answer is not valid JSON (${e instanceof Error ? e.message.slice(0, 120) : 'parse error'}).`);
  }
  if (ok) {
    const c = unwrap(value);
    if (c) return { candidates: c, problems, truncated };
    problems.push('The JSON must be an object {"candidates": [ModelSpec, …]}.');
    return { candidates: [], problems, truncated };
  }
  const salvaged = salvageObjects(text);
  return { candidates: salvaged, problems, truncated };
}
