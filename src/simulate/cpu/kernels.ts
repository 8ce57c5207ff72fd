// Instantiates and caches the specialised stepping code generated per (model, tableau) by
// src/model/codegen/js-kernels.ts from the CompiledModel's trees. Models without trees (hand-made
// ones) and any model the generator refuses simply keep the generic engine.
import type { CompiledModel } from '../../model/compiled.ts';
import { adaptiveKernelSource, fixedKernelSource, type KernelCodes } from '../../model/codegen/js-kernels.ts';
import { remember } from './bounded-cache.ts';
import { Status } from '../types.ts';
import type { ExplicitTableau } from '../tableaux.ts';
import { acceptsStep, acceptStep, controllerOrder, isLastStep, minStep, noteStiffness, rejectStep } from '../controller.ts';
import { initialStep, STIFF } from './adaptive.ts';
import type { KernelFactory } from './engine.ts';
import type { ResolvedSolver, Workspace } from './workspace.ts';

/** (y, p, c, inf, ta, tb, hNominal, counters) → Status; counters[0] += steps taken. */
type FixedKernel = (y: Float64Array, p: Float64Array, c: Float64Array, inf: Float64Array, ta: number, tb: number, h: number, cnt: Float64Array) => number;

/**
 * (ws, s, ta, tb) → Status (or STIFF): the segment integrator of adaptive.ts with the method's
 * attempt unrolled; state in ws.y, controller state in ws.ctl, step counts and dense output in ws.
 */
type AdaptiveKernel = (ws: Workspace, s: ResolvedSolver, ta: number, tb: number) => number;

/** The controller functions a generated adaptive kernel calls (the generic loop's, exactly). */
const KERNEL_CONTROLLER = { acceptsStep, acceptStep, isLastStep, minStep, noteStiffness, rejectStep } as const;

const kernelCache = new Map<string, FixedKernel | AdaptiveKernel>();

function codes(tab: ExplicitTableau): KernelCodes {
  return { q: controllerOrder(tab), maxSteps: Status.maxSteps, nonFinite: Status.nonFinite, stepUnderflow: Status.stepUnderflow, stiff: STIFF };
}

function adaptiveKernel(model: CompiledModel, tab: ExplicitTableau): AdaptiveKernel {
  const key = `${model.hash}\u0000adaptive\u0000${tab.name}`;
  const hit = kernelCache.get(key);
  if (hit) return hit as AdaptiveKernel;
  // the controller functions are passed in, so generated and generic code share them exactly
  const make = new Function('controller', adaptiveKernelSource(model.trees!, model.doses, tab, codes(tab)));
  return remember(kernelCache, key, make(KERNEL_CONTROLLER) as AdaptiveKernel) as AdaptiveKernel;
}

function fixedKernel(model: CompiledModel, tab: ExplicitTableau): FixedKernel {
  const key = `${model.hash}\u0000fixed\u0000${tab.name}`;
  const hit = kernelCache.get(key);
  if (hit) return hit as FixedKernel;
  return remember(kernelCache, key, new Function(fixedKernelSource(model.trees!, model.doses, tab, codes(tab)))() as FixedKernel) as FixedKernel;
}

/** Kernel factory for the Engine, or undefined when the model carries no trees (hand-made). */
export function specialisedKernels(model: CompiledModel): KernelFactory | undefined {
  if (!model.trees) return undefined;
  return (tab: ExplicitTableau, ws: Workspace, s, fixed, fns) => {
    if (fixed) {
      let k: FixedKernel;
      try {
        k = fixedKernel(model, tab);
      } catch {
        return null;
      }
      const cnt = new Float64Array(1);
      return (ta, tb) => {
        cnt[0] = 0;
        const status = k(ws.y, ws.p, ws.c, ws.inf, ta, tb, s.hFixed, cnt);
        ws.accepted += cnt[0]!;
        return status;
      };
    }
    let k: AdaptiveKernel;
    try {
      k = adaptiveKernel(model, tab);
    } catch {
      return null;
    }
    const q = controllerOrder(tab);
    return (ta, tb) => {
      if (!(ws.ctl.hProp > 0)) ws.ctl.hProp = Number.isNaN(s.h0) ? initialStep(fns, ws, s, ta, tb - ta, q) : s.h0;
      return k(ws, s, ta, tb);
    };
  };
}
