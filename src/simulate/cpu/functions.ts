// The model's generated JS, instantiated once per thread and model hash (model stage's cache).
// The text is generator-produced (src/model/codegen/js.ts); nothing else is ever evaluated.
import type { CompiledModel, JsModelFunctions } from '../../model/compiled.ts';
import { instantiateJs } from '../../model/instantiate.ts';

export function modelFunctions(model: CompiledModel): JsModelFunctions {
  return instantiateJs(model);
}
