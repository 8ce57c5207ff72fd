// Specialised stepping code generated per model (placeholder until the AST path lands).
import type { CompiledModel } from '../../model/compiled.ts';
import type { KernelFactory } from './engine.ts';

export function specialisedKernels(_model: CompiledModel): KernelFactory | undefined {
  return undefined;
}
