// Solver settings used for fitting: tight in f64 on the CPU, looser in f32 on the GPU.
import type { CompiledModel } from '../model/compiled.ts';
import type { SolverOptions } from '../simulate/types.ts';

export function solverFor(model: CompiledModel, backend: 'cpu' | 'webgpu'): SolverOptions {
  const method = model.stiff ? 'rosenbrock' : 'auto';
  return backend === 'cpu' ? { method, rtol: 1e-5, atol: 1e-8, maxSteps: 20000 } : { method, rtol: 1e-4, atol: 1e-6, maxSteps: 20000 };
}
