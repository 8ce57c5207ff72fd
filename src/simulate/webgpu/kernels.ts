// Assembles complete WGSL modules from the templates in shaders/, the model's generated WGSL and
// the generated glue (src/model/codegen/wgsl-glue.ts, fed the tableaux and the controller's constants).
// The result is keyed so pipelines can be cached per model and method.
import type { CompiledModel } from '../../model/compiled.ts';
import {
  STEP_OUT, controllerGlue, explicitStepGlue, fixedStepGlue, rhsGlue, rosenbrockStepGlue, saveGlue, stateHelpersGlue,
} from '../../model/codegen/wgsl-glue.ts';
import { controllerOrder, WGSL_CONTROLLER } from '../controller.ts';
import { EXPLICIT_TABLEAUX, RODAS4, type ExplicitTableau, type RosenbrockTableau } from '../tableaux.ts';
import common from '../../../shaders/ensemble-common.wgsl?raw';
import fixedTemplate from '../../../shaders/erk-fixed.wgsl?raw';
import adaptiveTemplate from '../../../shaders/adaptive.wgsl?raw';
import rosenbrockTemplate from '../../../shaders/rosenbrock.wgsl?raw';
import momentsTemplate from '../../../shaders/moments.wgsl?raw';
import { layoutsWgsl } from './layouts.ts';

/** Invocations per workgroup (SwiftShader allows at most 256; the reference kernels use 256). */
export const WORKGROUP_SIZE = 256;

/** Methods the GPU kernels implement ('auto' is resolved before assembly). */
export type KernelMethod = 'rk4' | 'dopri5' | 'tsit5' | 'rosenbrock';
export type SaveKind = 'observables' | 'states';

export interface AssembledKernel {
  /** cache key: model hash + method + what is saved (+ the template set's version) */
  key: string;
  code: string;
  /** outputs per saved time */
  nOut: number;
  fixedStep: boolean;
}

/** Bump when a template changes in a way that invalidates cached pipelines. */
const TEMPLATE_VERSION = 9;

/** The step controller for this method's order, with FSAL and sq(). */
function controllerFor(tab: ExplicitTableau | RosenbrockTableau): string {
  return controllerGlue(tab.family === 'explicit' && tab.fsal, controllerOrder(tab), WGSL_CONTROLLER);
}

function shared(nOut: number): string {
  return `const WG: u32 = ${WORKGROUP_SIZE}u;\nconst NOUT: u32 = ${nOut}u;\n\n${layoutsWgsl()}`;
}

export function simulationKernel(model: CompiledModel, method: KernelMethod, save: SaveKind): AssembledKernel {
  const ns = model.stateNames.length;
  const nOut = save === 'states' ? ns : model.observableNames.length;
  const parts = [shared(nOut), model.wgsl, common, stateHelpersGlue(model), rhsGlue(model), saveGlue(model, save)];
  if (method === 'rk4') {
    parts.push(fixedStepGlue(EXPLICIT_TABLEAUX.rk4, ns), fixedTemplate);
  } else if (method === 'rosenbrock') {
    parts.push(controllerFor(RODAS4), STEP_OUT, rosenbrockTemplate,
      rosenbrockStepGlue(RODAS4, ns), adaptiveTemplate);
  } else {
    const tab = EXPLICIT_TABLEAUX[method];
    parts.push(controllerFor(tab), STEP_OUT, explicitStepGlue(tab, ns), adaptiveTemplate);
  }
  return {
    key: `sim:v${TEMPLATE_VERSION}:${model.hash}:${method}:${save}`,
    code: parts.join('\n\n'),
    nOut,
    fixedStep: method === 'rk4',
  };
}

/** The moment reduction for outputs with nOut values per time (entry points group_means, group_cross). */
export function momentsKernel(nOut: number): AssembledKernel {
  return {
    key: `moments:v${TEMPLATE_VERSION}:${nOut}`,
    code: `${shared(nOut)}\n\n${momentsTemplate}`,
    nOut,
    fixedStep: false,
  };
}
