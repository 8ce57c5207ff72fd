// The stop list: output times, bolus times and infusion boundaries merged into one sorted list of
// points. Both backends integrate from point to point, so no step ever crosses an output, a bolus
// or an infusion boundary. Pure data (numbers only): the WebGPU backend turns it into buffers.
//
// Semantics (docs/simulation.md):
//  - at each point, outputs are recorded FIRST, then boluses at that time are added (trough
//    convention: an output at a dose time sees the pre-dose state);
//  - on the segment after a point, the listed infusions add their rate to d(state)/dt
//    (an infusion is active on [start, start + duration));
//  - doses before t0 or after the last output time have no effect on any output and are dropped;
//    an infusion that started before t0 is active from t0 on.
import type { CompiledDose } from '../model/compiled.ts';

export interface Schedule {
  /** sorted distinct times; points[0] = t0, the last one = the last output time */
  points: Float64Array;
  /** outputs recorded at point k: output indices outStart[k] … outStart[k+1]−1 (times are sorted) */
  outStart: Int32Array;
  /** boluses given at point k: entries bolusStart[k] … bolusStart[k+1]−1 of bolusState/bolusDose */
  bolusStart: Int32Array;
  bolusState: Int32Array;
  /** dose-expression index (JsModelFunctions.dose(k, …)) giving the amount */
  bolusDose: Int32Array;
  /** infusions active on segment k (points[k] → points[k+1]): entries infStart[k] … infStart[k+1]−1 */
  infStart: Int32Array;
  infState: Int32Array;
  /** dose-expression index giving the rate */
  infDose: Int32Array;
}

/** Thrown for output times the simulation cannot honour (unsorted, non-finite, before t0). */
export class ScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleError';
  }
}

/** Checks the output times: finite, sorted (non-decreasing), at least one, all ≥ t0. */
export function checkTimes(times: ArrayLike<number>, t0: number): void {
  if (!Number.isFinite(t0)) throw new ScheduleError(`t0 must be a finite number (got ${t0})`);
  if (times.length === 0) throw new ScheduleError('times: at least one output time is needed');
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (!Number.isFinite(t)) throw new ScheduleError(`times[${i}] is not a finite number (${t})`);
    if (t < t0) throw new ScheduleError(`times[${i}] = ${t} is before t0 = ${t0}`);
    if (i > 0 && t < times[i - 1]!) throw new ScheduleError(`times must be sorted: times[${i}] = ${t} < times[${i - 1}] = ${times[i - 1]}`);
  }
}

/** Builds the stop list for output `times` (sorted, ≥ t0) and the compiled dose schedule. */
export function buildSchedule(times: ArrayLike<number>, doses: readonly CompiledDose[], t0 = 0): Schedule {
  checkTimes(times, t0);
  const tEnd = times[times.length - 1]!;
  const pointSet = new Set<number>([t0]);
  for (let i = 0; i < times.length; i++) pointSet.add(times[i]!);
  const boluses: { t: number; state: number; dose: number }[] = [];
  const infusions: { from: number; to: number; state: number; dose: number }[] = [];
  for (const d of doses) {
    if (d.kind === 'bolus') {
      for (const t of d.times) {
        if (t < t0 || t > tEnd) continue;
        pointSet.add(t);
        boluses.push({ t, state: d.state, dose: d.amountIndex });
      }
    } else {
      for (const [start, end] of d.intervals) {
        const from = Math.max(start, t0);
        const to = Math.min(end, tEnd);
        if (!(to > from)) continue;
        pointSet.add(from);
        pointSet.add(to);
        infusions.push({ from, to, state: d.state, dose: d.rateIndex });
      }
    }
  }
  const points = Float64Array.from([...pointSet].sort((a, b) => a - b));
  const K = points.length;
  const indexOf = new Map<number, number>();
  points.forEach((t, k) => indexOf.set(t, k));

  const outStart = new Int32Array(K + 1);
  for (let i = 0; i < times.length; i++) outStart[indexOf.get(times[i]!)! + 1]++;
  for (let k = 0; k < K; k++) outStart[k + 1] += outStart[k]!;

  // stable order: by point, then declaration order
  const bolusAt = boluses.map((b) => indexOf.get(b.t)!);
  const bolusOrder = boluses.map((_, i) => i).sort((i, j) => bolusAt[i]! - bolusAt[j]! || i - j);
  const bolusStart = new Int32Array(K + 1);
  for (const k of bolusAt) bolusStart[k + 1]++;
  for (let k = 0; k < K; k++) bolusStart[k + 1] += bolusStart[k]!;

  const segs: { k: number; state: number; dose: number }[] = [];
  for (const inf of infusions) {
    for (let k = indexOf.get(inf.from)!; k < indexOf.get(inf.to)!; k++) segs.push({ k, state: inf.state, dose: inf.dose });
  }
  segs.sort((a, b) => a.k - b.k);
  const infStart = new Int32Array(K + 1);
  for (const s of segs) infStart[s.k + 1]++;
  for (let k = 0; k < K; k++) infStart[k + 1] += infStart[k]!;

  return {
    points,
    outStart,
    bolusStart,
    bolusState: Int32Array.from(bolusOrder.map((i) => boluses[i]!.state)),
    bolusDose: Int32Array.from(bolusOrder.map((i) => boluses[i]!.dose)),
    infStart,
    infState: Int32Array.from(segs.map((s) => s.state)),
    infDose: Int32Array.from(segs.map((s) => s.dose)),
  };
}
