// The derived quantities of one simulated curve (one parameter set, one group), by family.
// Every value is read from the curve on the derive grid (grid.ts); the half-lives of linear
// models come from the Jacobian's eigenvalues (half-lives.ts) and R0 from the parameters.
import type { Family } from './family.ts';
import { extreme, firstTime, integrate, valueAt, type DeriveGrid } from './grid.ts';

export interface Regimen {
  first: number; last: number; tau: number;
  /** the first dose is given at steady state (earlier doses lie before t0): no accumulation to report */
  atSteadyState?: boolean;
}

export interface CurveContext {
  family: Family;
  t0: number;
  /** last observation time */
  tEnd: number;
  horizon: number;
  regimen?: Regimen;
  /** response family: whether the effect lowers (nadir) or raises (peak) the response, fixed from the typical curve */
  direction?: 1 | -1;
  /** time units per year (rates per year), when the time unit is known and the data span at least a month */
  perYear?: number;
}

/** log-slope −d ln y/dt at the end of the grid (the terminal rate constant of the curve) */
function terminalRate(t: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = t.length;
  return -(Math.log(y[n - 1]!) - Math.log(y[n - 2]!)) / (t[n - 1]! - t[n - 2]!);
}

/** the curve's value just before time s (pre-dose) — the last grid point at or before s */
function before(t: ArrayLike<number>, y: ArrayLike<number>, s: number): number {
  let k = 0;
  while (k + 1 < t.length && t[k + 1]! <= s) k++;
  return y[k]!;
}

/**
 * A curve that starts from nothing (a metabolite formed from its parent rises linearly from 0) has
 * no exponential phase and so no doubling time: its log-slope over the first grid step is far
 * steeper than over the next, where an exponential's is the same.
 */
function fromZero(t: ArrayLike<number>, y: ArrayLike<number>): boolean {
  if (!(y[0]! > 0 && y[1]! > 0 && y[2]! > 0)) return true;
  const first = Math.log(y[1]! / y[0]!) / (t[1]! - t[0]!), next = Math.log(y[2]! / y[1]!) / (t[2]! - t[1]!);
  return first > 3 * Math.max(next, 0);
}

export function curveQuantities(grid: DeriveGrid, y: ArrayLike<number>, ctx: CurveContext): Record<string, number> {
  const t = grid.times;
  const q: Record<string, number> = {};
  switch (ctx.family) {
    case 'pk': {
      const r = ctx.regimen;
      const firstEnd = r ? r.first + r.tau : ctx.horizon;
      const peak = extreme(grid, y, 1, firstEnd);
      q.Cmax = peak.value;
      q.Tmax = peak.t - (r ? r.first : ctx.t0);
      q.AUC_last = integrate(grid, y, ctx.t0, ctx.tEnd);
      if (!r) {
        const lz = terminalRate(t, y);
        q.AUC_inf = integrate(grid, y, ctx.t0, ctx.horizon) + (lz > 0 ? y[t.length - 1]! / lz : NaN);
      } else {
        const aucFirst = integrate(grid, y, r.first, r.first + r.tau);
        const aucLast = integrate(grid, y, r.last, r.last + r.tau);
        q.Cavg_ss = aucLast / r.tau;
        q.Ctrough_ss = before(t, y, r.last + r.tau);
        q.Cmax_ss = extreme(grid, sliceFrom(t, y, r.last), 1, r.last + r.tau).value;
        if (!r.atSteadyState) q.accumulation = aucLast / aucFirst;
      }
      break;
    }
    case 'response': {
      const b = y[0]!;
      const dir = ctx.direction ?? (Math.abs(extreme(grid, y, -1).value - b) > Math.abs(extreme(grid, y, 1).value - b) ? -1 : 1);
      const ext = extreme(grid, y, dir);
      q.baseline = b;
      q.max_effect = ext.value - b;
      if (b !== 0) q.max_effect_pct = (100 * (ext.value - b)) / Math.abs(b);
      q[dir < 0 ? 't_nadir' : 't_peak'] = ext.t - ctx.t0;
      const back = firstTime(t, y, ext.t, (v) => Math.abs(v - b) <= 0.1 * Math.abs(b));
      q.t_return_10pct = Number.isFinite(back) ? back - ctx.t0 : Infinity;
      if (ctx.perYear) q.change_per_year = ((valueAt(t, y, ctx.tEnd) - b) / (ctx.tEnd - ctx.t0)) * ctx.perYear;
      break;
    }
    case 'outbreak': {
      const peak = extreme(grid, y, 1);
      q.t_peak = peak.t - ctx.t0;
      q.peak = peak.value;
      const r0 = (Math.log(y[1]!) - Math.log(y[0]!)) / (t[1]! - t[0]!);
      if (r0 > 0 && !fromZero(t, y)) q.doubling_time = Math.LN2 / r0;
      break;
    }
    case 'growth': {
      const n = t.length;
      const yEnd = y[n - 1]!, yPrev = valueAt(t, y, ctx.t0 + 0.9 * (ctx.horizon - ctx.t0));
      const r0 = (Math.log(y[1]!) - Math.log(y[0]!)) / (t[1]! - t[0]!);
      if (r0 > 0 && !fromZero(t, y)) q.doubling_time = Math.LN2 / r0;
      if (Math.abs(yEnd - yPrev) <= 1e-3 * Math.abs(yEnd)) {
        q.carrying_capacity = yEnd;
        if (y[0]! < yEnd / 2) q.t_half_max = firstTime(t, y, ctx.t0, (v) => v >= yEnd / 2) - ctx.t0;
      }
      if (ctx.perYear) q.change_per_year = ((valueAt(t, y, ctx.tEnd) - y[0]!) / (ctx.tEnd - ctx.t0)) * ctx.perYear;
      break;
    }
    case 'decline': {
      const y0 = y[0]!;
      if (y0 > 0) {
        // DT50 and DT90 of degradation kinetics (FOCUS 2006): times to lose half and 90%
        const half = firstTime(t, y, ctx.t0, (v) => v <= y0 / 2);
        q.t_half_obs = Number.isFinite(half) ? half - ctx.t0 : Infinity;
        const tenth = firstTime(t, y, ctx.t0, (v) => v <= y0 / 10);
        q.t_tenth_obs = Number.isFinite(tenth) ? tenth - ctx.t0 : Infinity;
      }
      if (ctx.perYear) q.change_per_year = ((valueAt(t, y, ctx.tEnd) - y0) / (ctx.tEnd - ctx.t0)) * ctx.perYear;
      break;
    }
  }
  return q;
}

/** the curve with everything before time s flattened to −∞ (so the maximum is taken after s) */
function sliceFrom(t: ArrayLike<number>, y: ArrayLike<number>, s: number): Float64Array {
  const out = Float64Array.from(y as ArrayLike<number>);
  for (let i = 0; i < t.length && t[i]! < s; i++) out[i] = -Infinity;
  return out;
}
