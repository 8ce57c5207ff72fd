// Turns the generated JS of a CompiledModel into callable functions (cached by hash).
// Only generator output is ever passed to new Function (see codegen/js.ts).
import type { CompiledModel, JsModelFunctions } from './compiled.ts';

const cache = new Map<string, JsModelFunctions>();
const MAX_CACHED = 256;

export function instantiateJs(c: CompiledModel): JsModelFunctions {
  const hit = cache.get(c.hash);
  if (hit) return hit;
  const made = new Function(c.js)() as JsModelFunctions;
  for (const key of ['rhs', 'init', 'observe', 'jac', 'dose'] as const) {
    if (typeof made[key] !== 'function') throw new Error(`instantiateJs: generated code lacks ${key}`);
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(c.hash, made);
  return made;
}
