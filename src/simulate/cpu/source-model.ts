// The validated model behind a CompiledModel, for code that works from the AST (generated
// kernels, the linear-model check). Only when the spec reproduces this exact compiled model (same
// generated code, same hash); hand-made test models and tampered ones get null.
import type { CompiledModel } from '../../model/compiled.ts';
import { compileModel, validateSpec } from '../../model/index.ts';
import type { ValidatedModel } from '../../model/validated.ts';
import { remember } from './bounded-cache.ts';

const cache = new Map<string, ValidatedModel | null>();

export function sourceModel(model: CompiledModel): ValidatedModel | null {
  if (cache.has(model.hash)) return cache.get(model.hash)!;
  let v: ValidatedModel | null = null;
  try {
    const candidate = validateSpec(model.spec);
    if (compileModel(candidate).hash === model.hash) v = candidate;
  } catch {
    v = null;
  }
  return remember(cache, model.hash, v);
}
