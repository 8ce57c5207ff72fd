// Reserved names and "did you mean" suggestions.
import { FUNCTIONS } from './ast.ts';

// Generated code mangles every user name, so these could not clash today; reserving them
// keeps specs portable (and error messages readable) whatever a backend does with names.
const JS_WORDS = `break case catch class const continue debugger default delete do else enum export
extends false finally for function if import in instanceof new null return super switch this throw
true try typeof var void while with yield let static implements interface package private protected
public await async arguments eval undefined NaN Infinity globalThis window self document Math Object
Function Array Number String Boolean Symbol BigInt Error JSON Reflect Proxy Promise Date RegExp Map Set
WeakMap WeakSet constructor prototype toString valueOf hasOwnProperty isPrototypeOf
propertyIsEnumerable toLocaleString require module exports process`;

// WGSL keywords and the reserved words that read as code. Reserved words that are also plain
// scientific English (target, active, common, filter, set, type, …) stay usable as model names:
// generated code mangles every name, so they cannot clash.
const WGSL_WORDS = `alias break case const const_assert continue continuing default diagnostic discard else
enable false fn for if let loop override requires return struct switch true var while bool f16 f32
i32 u32 vec2 vec3 vec4 mat2x2 mat2x3 mat2x4 mat3x2 mat3x3 mat3x4 mat4x2 mat4x3 mat4x4 array atomic
ptr sampler sampler_comparison texture_1d texture_2d texture_3d texture_cube NULL Self abstract
alignas alignof as asm asm_fragment async auto await binding_array cast catch class co_await
co_return co_yield column_major const_cast consteval constexpr constinit crate debugger decltype
delete demote_to_helper do dynamic_cast enum export extends extern fallthrough finally fxgroup goto
groupshared highp impl implements import inline instanceof interface lowp macro macro_rules mediump
mod module mut mutable namespace new nil noexcept noinline nointerpolation noperspective null
nullptr operator package packoffset pixelfragment priv protected pub public readonly
reinterpret_cast restrict self sizeof snorm static static_assert static_cast std subroutine super
template this thread_local throw trait try typedef typeid typename typeof unorm unsafe unsized using
virtual volatile wgsl with writeonly yield`;

const JS_RESERVED = new Set(JS_WORDS.split(/\s+/));
const WGSL_RESERVED = new Set(WGSL_WORDS.split(/\s+/));

/** Why `name` cannot be declared (state, parameter, covariate, observable), or null if it can. */
export function reservedReason(name: string, role: 'state' | 'parameter' | 'covariate' | 'observable'): string | null {
  if (name === 't') return 't is the time variable';
  if (name === 'dose') return role === 'covariate' ? null : 'dose is the implicit covariate holding the dose from the data';
  if (Object.hasOwn(FUNCTIONS, name)) return `${name} is a built-in function`;
  if (JS_RESERVED.has(name)) return `${name} is a JavaScript keyword or built-in`;
  if (WGSL_RESERVED.has(name)) return `${name} is a WGSL keyword or reserved word`;
  if (name.startsWith('model_') || name.startsWith('MODEL_')) return 'the prefixes model_ and MODEL_ are used by generated code';
  return null;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = [];
  for (let i = 0; i <= m; i++) {
    d.push(new Array<number>(n + 1).fill(0));
    d[i]![0] = i;
  }
  for (let j = 0; j <= n; j++) d[0]![j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/** The closest candidate to `name`, if it is close enough to be a plausible typo. */
export function didYouMean(name: string, candidates: Iterable<string>): string | null {
  if (name.length > 64) return null;
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    // a case-only difference is the most likely typo; one letter for another says little
    const score = c.toLowerCase() === lower ? 0.5 : editDistance(lower, c.toLowerCase()) + (c.length === 1 && name.length === 1 ? 0.5 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  const allowed = Math.max(1, Math.floor(name.length / 3));
  return best !== null && bestScore <= allowed ? best : null;
}

/** " Did you mean X?" or "" — ready to append to a message. */
export function suggestion(name: string, candidates: Iterable<string>): string {
  const s = didYouMean(name, candidates);
  return s ? ` Did you mean ${s}?` : '';
}
