// Public API of the simulation stage: ensemble backends (CPU here; WebGPU added by its module),
// the shared solver data and the reference moment reduction.
export type {
  EnsembleBackend, EnsembleRequest, EnsembleResult, Method, MomentsRequest, MomentsResult, SolverOptions, StatusCode, StepStats,
} from './types.ts';
export { Status } from './types.ts';
export { createCpuBackend, type CpuBackend, type CpuBackendOptions } from './cpu/backend.ts';
export { simulateInThread, momentsInThread } from './cpu/in-thread.ts';
export { computeMoments, reduceGroup, allocMoments, type MomentArrays } from './moments.ts';
export { buildSchedule, checkTimes, ScheduleError, type Schedule } from './schedule.ts';
export { checkRequest, RequestError, SOLVER_DEFAULTS, METHODS } from './request.ts';
export { RK4, DOPRI5, TSIT5, RODAS4, EXPLICIT_TABLEAUX, type ExplicitTableau, type RosenbrockTableau, type Tableau } from './tableaux.ts';
export { createWebGpuBackend, type WebGpuBackend, type WebGpuBackendOptions } from './webgpu/backend.ts';
export { createWebGpuWorkerBackend, type WebGpuWorkerOptions } from './webgpu/client.ts';
export { selectBackend, type SelectOptions, type SelectedBackend, type BackendPreference } from './select.ts';
export { CONTROLLER, STIFFNESS } from './controller.ts';
