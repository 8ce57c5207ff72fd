// Data labels (what a spreadsheet calls an observable: "CD4 count", "IL-6 (pg/mL)", "血药浓度")
// and the identifiers a ModelSpec needs for them. This file is the one place where a label
// becomes a name, and where a data unit or label is shortened to fit a spec field. Labels stay
// labels everywhere else: only the model's own names and expressions use the identifiers.
import { LIMITS } from './limits.ts';
import { reservedReason } from './names.ts';

export const IDENTIFIER_RE = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** Longest `unit` a spec accepts (the schema says the same). */
export const SPEC_UNIT_LENGTH = 40;
/** Longest observable `label` a spec accepts (the schema says the same). */
export const SPEC_LABEL_LENGTH = 200;

// Letters that Unicode does not decompose into ASCII, and symbols with a usual spelling.
const SPELLED: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D',
  þ: 'th', Þ: 'Th', ð: 'd', Ð: 'D', ı: 'i', '%': 'pct', '‰': 'permille', µ: 'u', μ: 'u', '°': 'deg', '#': 'n',
};

/** The identifier a label reads as before collisions: accents stripped, other characters joined by `_`. */
export function identifierBase(label: string, fallback = 'obs'): string {
  let s = '';
  // NFKD splits "é" into "e" + a combining accent and "²" into "2"; the marks are dropped
  for (const ch of label.normalize('NFKD')) {
    if (/\p{M}/u.test(ch)) continue;
    const spelled = SPELLED[ch];
    // a spelled letter joins its word (ß → "Grosse"); a spelled symbol is a word of its own (% → "pct")
    if (spelled !== undefined) s += /\p{L}/u.test(ch) ? spelled : ` ${spelled} `;
    else s += /[A-Za-z0-9]/.test(ch) ? ch : ' ';
  }
  const id = s.trim().split(/\s+/).filter(Boolean).join('_');
  if (id === '') return fallback;
  // a name starts with a letter: "1st wave" → "obs_1st_wave"
  return /^[A-Za-z]/.test(id) ? id : `${fallback}_${id}`;
}

function fits(base: string, suffix: string): string {
  const room = LIMITS.identifierLength - suffix.length;
  return base.slice(0, room).replace(/_+$/, '') + suffix;
}

/**
 * Identifiers for `labels`, in order: each label's base, cut to 32 characters; a base that is
 * reserved, in `avoid`, or already taken (ignoring case) gets `_2`, `_3`, … A label that is
 * already a valid, free identifier keeps its own spelling. Deterministic: the same labels in
 * the same order always give the same names.
 */
export function identifiersFor(labels: readonly string[], options: { fallback?: string; avoid?: Iterable<string> } = {}): Map<string, string> {
  const taken = new Set([...(options.avoid ?? [])].map((n) => n.toLowerCase()));
  const out = new Map<string, string>();
  for (const label of labels) {
    if (out.has(label)) continue;
    let base = fits(identifierBase(label, options.fallback), '');
    // a reserved prefix (model_…) stays reserved whatever the suffix: prefix the fallback instead
    if (reservedReason(fits(base, '_2'), 'observable') !== null) base = fits(`${options.fallback ?? 'obs'}_${base}`, '');
    let id = base;
    for (let k = 2; taken.has(id.toLowerCase()) || reservedReason(id, 'observable') !== null; k++) id = fits(base, `_${k}`);
    taken.add(id.toLowerCase());
    out.set(label, id);
  }
  return out;
}

/**
 * Fits free text into a spec field of `max` characters: whitespace runs become one space, control
 * characters go, and text still too long is cut and ends in "…" (never mid surrogate pair).
 */
export function shortenText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const s = text.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** A data unit as a spec may hold it (at most 40 characters; the data keep the full unit). */
export function specUnit(unit: string): string {
  return shortenText(unit, SPEC_UNIT_LENGTH);
}

/** A data label as a spec observable's `label` may hold it (at most 200 characters). */
export function specLabel(label: string): string {
  return shortenText(label, SPEC_LABEL_LENGTH);
}

/**
 * Which of a spec's observables describes the data observable `label`: the one whose `label` is
 * the data's label, else the one named like the label, else the one named by the label's
 * identifier, else the one whose `label` is the label shortened to 200 characters (two long
 * labels may share that, not their identifiers), else a case-insensitive match of the name;
 * -1 when none does.
 */
export function findObservable(observables: readonly { name: string; label?: string }[], label: string, identifiers?: ReadonlyMap<string, string>): number {
  let i = observables.findIndex((o) => o.label === label);
  if (i >= 0) return i;
  i = observables.findIndex((o) => o.name === label);
  if (i >= 0) return i;
  const id = identifiers?.get(label);
  if (id !== undefined) {
    i = observables.findIndex((o) => o.name === id);
    if (i >= 0) return i;
  }
  const short = specLabel(label);
  if (short !== label) {
    i = observables.findIndex((o) => o.label === short);
    if (i >= 0) return i;
  }
  return observables.findIndex((o) => o.name.toLowerCase() === label.toLowerCase());
}
