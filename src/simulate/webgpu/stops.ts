// The shared stop list (../schedule.ts) packed into the GPU's Stop structs (layouts.ts STOP).
import type { CompiledDose } from '../../model/compiled.ts';
import { buildSchedule } from '../schedule.ts';
import { packStructs, STOP, STOP_KIND } from './layouts.ts';

const KIND_OUTPUT = STOP_KIND.output;
const KIND_BOLUS = STOP_KIND.bolus;
const KIND_CLEAR_INFUSIONS = STOP_KIND.clearInfusions;
const KIND_ADD_INFUSION = STOP_KIND.addInfusion;

export interface PackedStops {
  /** the Stop structs, ready for writeBuffer */
  bytes: Uint8Array;
  count: number;
}

/**
 * `fixedSteps`: for fixed-step methods, the number of steps over [t0, last output]; each stretch
 * between stops gets ceil(length / h) equal steps so none crosses a stop.
 */
export function packStops(times: ArrayLike<number>, doses: readonly CompiledDose[], t0: number, fixedSteps?: number): PackedStops {
  const sched = buildSchedule(times, doses, t0);
  const pts = sched.points;
  const span = pts[pts.length - 1]! - pts[0]!;
  const hBase = fixedSteps && span > 0 ? span / fixedSteps : 0;
  const rows: { t: number; kind: number; arg: number; nsub: number }[] = [];
  for (let k = 0; k < pts.length; k++) {
    const t = pts[k]!;
    let nsub = 0;
    if (k > 0 && hBase > 0) nsub = Math.max(1, Math.ceil((t - pts[k - 1]!) / hBase - 1e-9));
    const at: [number, number, number][] = [];
    for (let j = sched.outStart[k]!; j < sched.outStart[k + 1]!; j++) at.push([KIND_OUTPUT, j, 0]);
    for (let j = sched.bolusStart[k]!; j < sched.bolusStart[k + 1]!; j++) {
      at.push([KIND_BOLUS, sched.bolusState[j]!, sched.bolusDose[j]!]);
    }
    // infusions change at every point where the active set may differ from the previous segment's
    const before = k > 0 ? sched.infStart[k]! - sched.infStart[k - 1]! : 0;
    const after = k < pts.length - 1 ? sched.infStart[k + 1]! - sched.infStart[k]! : 0;
    if (before || after) {
      at.push([KIND_CLEAR_INFUSIONS, 0, 0]);
      for (let j = sched.infStart[k]!; j < sched.infStart[k + 1]!; j++) at.push([KIND_ADD_INFUSION, sched.infState[j]!, sched.infDose[j]!]);
    }
    if (!at.length) at.push([KIND_CLEAR_INFUSIONS, 0, 0]); // a bare point still carries its steps
    at.forEach(([kind, a, b], idx) => {
      if (a > 0xffff || b > 0xffff) throw new Error('too many states or dose expressions for the GPU stop list (max 65535)');
      const arg = kind === KIND_OUTPUT ? a : a | (b << 16);
      rows.push({ t, kind, arg, nsub: idx === 0 ? nsub : 0 });
    });
  }
  return { bytes: packStructs(STOP, rows), count: rows.length };
}
