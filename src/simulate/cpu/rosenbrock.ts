// The one Rosenbrock engine (f64) for stiff models: any RosenbrockTableau in the transformed
// Hairer–Wanner form, the generated Jacobian, one dense LU per step. ∂f/∂t (needed for
// non-autonomous models) is a forward difference, once per step point.
import type { JsModelFunctions } from '../../model/compiled.ts';
import type { RosenbrockTableau } from '../tableaux.ts';
import { Status } from '../types.ts';
import { controllerOrder } from '../controller.ts';
import type { AdaptiveMethod } from './adaptive.ts';
import { luFactor, luSolve } from './lu.ts';
import { errorNorm, evalRhs, type ResolvedSolver, type Workspace } from './workspace.ts';

/** J and ∂f/∂t at (t, y) into ws.J and ws.dfdt; f(t, y) into ws.f0. */
function linearize(fns: JsModelFunctions, ws: Workspace, t: number): void {
  const { y, f0, f1, dfdt, nS } = ws;
  evalRhs(fns, ws, t, y, f0);
  fns.jac(t, y, ws.p, ws.c, ws.J);
  const dt = 1.4901161193847656e-8 * Math.max(1, Math.abs(t));
  evalRhs(fns, ws, t + dt, y, f1);
  for (let i = 0; i < nS; i++) dfdt[i] = (f1[i]! - f0[i]!) / dt;
}

/** One attempted step of size h from (t, ws.y): ws.ynew and ws.err. False if G is singular. */
function attempt(fns: JsModelFunctions, ws: Workspace, tab: RosenbrockTableau, t: number, h: number): boolean {
  const { nS, y, ys, K, Ks, G, J, piv, rhsb, f1, f0, dfdt } = ws;
  const diag = 1 / (h * tab.gamma);
  for (let i = 0; i < nS * nS; i++) G[i] = -J[i]!;
  for (let i = 0; i < nS; i++) G[i * nS + i] += diag;
  if (!luFactor(G, nS, piv)) return false;
  let fst = f0;
  for (let st = 0; st < tab.stages; st++) {
    // newF false: the stage point equals the previous one, so its f is reused
    if (st > 0 && tab.newF[st]) {
      const row = tab.a[st]!;
      for (let i = 0; i < nS; i++) {
        let acc = 0;
        for (let j = 0; j < st; j++) acc += row[j]! * K[j * nS + i]!;
        ys[i] = y[i]! + acc;
      }
      evalRhs(fns, ws, t + tab.alpha[st]! * h, ys, f1);
      fst = f1;
    }
    const crow = tab.c[st]!;
    const hg = h * tab.gammaSum[st]!;
    for (let i = 0; i < nS; i++) {
      let acc = 0;
      for (let j = 0; j < st; j++) acc += crow[j]! * K[j * nS + i]!;
      rhsb[i] = fst[i]! + acc / h + hg * dfdt[i]!;
    }
    luSolve(G, nS, piv, rhsb);
    Ks[st]!.set(rhsb);
  }
  for (let i = 0; i < nS; i++) {
    let m = 0;
    let e = 0;
    for (let j = 0; j < tab.stages; j++) {
      m += tab.m[j]! * K[j * nS + i]!;
      e += tab.e[j]! * K[j * nS + i]!;
    }
    ws.ynew[i] = y[i]! + m;
    ws.err[i] = e;
  }
  return true;
}

/** The Rosenbrock method for the shared loop (adaptive.ts): J and ∂f/∂t once per step point. */
export function rosenbrockMethod(fns: JsModelFunctions, ws: Workspace, tab: RosenbrockTableau, s: ResolvedSolver): AdaptiveMethod {
  // the linearisation at the current point, kept across the rejections there
  let fresh = false;
  return {
    q: controllerOrder(tab),
    begin() {
      fresh = false;
    },
    attempt(t, h) {
      if (!fresh) { linearize(fns, ws, t); fresh = true; }
      return attempt(fns, ws, tab, t, h) ? errorNorm(ws, s) : NaN;
    },
    advance() {
      ws.y.set(ws.ynew);
      fresh = false;
      return Status.ok;
    },
  };
}
