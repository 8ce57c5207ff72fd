// Instantiates a CompiledModel's generated JS once per thread (cache keyed by the model hash).
// The text is generator-produced (src/model/codegen/js.ts); nothing else is ever evaluated.
import type { CompiledModel, JsModelFunctions } from '../../model/compiled.ts';

const cache = new Map<string, JsModelFunctions>();

export function modelFunctions(model: CompiledModel): JsModelFunctions {
  const key = `${model.hash}\u0000${model.js.length}`;
  let fns = cache.get(key);
  if (!fns) {
    fns = new Function(model.js)() as JsModelFunctions;
    for (const name of ['rhs', 'init', 'observe', 'jac', 'dose'] as const) {
      if (typeof fns?.[name] !== 'function') throw new Error(`model ${model.spec?.name ?? model.hash}: generated code lacks ${name}()`);
    }
    cache.set(key, fns);
  }
  return fns;
}
