// The benchmark problems, built from the example ModelSpecs through the normal compile path.
import { compileSpec, typicalOmega } from '../model/index.ts';
import type { CompiledModel } from '../model/compiled.ts';
import { priorCentre } from '../model/prior-centre.ts';
import type { EnsembleRequest } from '../simulate/types.ts';
import lorenzSpec from '../../public/examples/models/lorenz.json';
import pkOralSpec from '../../public/examples/models/pk-1cmt-oral.json';
import robertsonSpec from '../../public/examples/models/stiff-robertson.json';

export const LORENZ_STEPS = 1000;

/** ρ_i = 21·i/N, as in the issue. */
export const lorenzRho = (N: number) => (i: number): number => (21 * i) / N;

function paramIndex(m: CompiledModel, name: string): number {
  const k = m.parameterNames.indexOf(name);
  if (k < 0) throw new Error(`bench: model ${m.spec.name} has no parameter ${name}`);
  return k;
}

/** lorenz-rk4: N trajectories, t ∈ [0, 1], 1000 RK4 steps, final state saved. */
export function lorenzRequest(N: number): EnsembleRequest {
  const model = compileSpec(lorenzSpec);
  const nP = model.parameterNames.length;
  const params = new Float64Array(N * nP);
  const [is, ib, ir] = [paramIndex(model, 'sigma'), paramIndex(model, 'beta'), paramIndex(model, 'rho')];
  const rho = lorenzRho(N);
  for (let i = 0; i < N; i++) {
    params[i * nP + is] = 10;
    params[i * nP + ib] = 8 / 3;
    params[i * nP + ir] = rho(i);
  }
  return { model, params, t0: 0, times: Float64Array.of(1), save: 'states', solver: { method: 'rk4', steps: LORENZ_STEPS } };
}

/** Deterministic log-normal spread around the prior medians (a fixed quasi-random sequence). */
function spread(model: CompiledModel, N: number): Float64Array {
  const nP = model.parameterNames.length;
  const params = new Float64Array(N * nP);
  model.spec.parameters.forEach((p, j) => {
    const median = priorCentre(p.prior);
    const omega = typicalOmega(p);
    for (let i = 0; i < N; i++) {
      // golden-ratio sequence per parameter, mapped to ±1.5 standard deviations
      const u = (((i + 1) * 0.6180339887498949 * (j + 1)) % 1) * 3 - 1.5;
      params[i * nP + j] = median * Math.exp(omega * u);
    }
  });
  return params;
}

/** pk-oral-adaptive: one-compartment oral PK, 11 output times, adaptive DOPRI5. */
export function pkOralRequest(N: number): EnsembleRequest {
  const model = compileSpec(pkOralSpec);
  return {
    model, params: spread(model, N), times: Float64Array.from([0, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24]),
    solver: { method: 'dopri5', rtol: 1e-6, atol: 1e-9 },
  };
}

/** stiff-robertson: Robertson kinetics to t = 40 on the Rosenbrock (RODAS4) path. */
export function robertsonRequest(N: number): EnsembleRequest {
  const model = compileSpec(robertsonSpec);
  return {
    model, params: spread(model, N), times: Float64Array.from([0, 0.4, 4, 40]),
    solver: { method: 'rosenbrock', rtol: 1e-6, atol: 1e-10 },
  };
}
