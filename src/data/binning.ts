// Observation times → nominal visit times (docs/data-format.md, "NONMEM / Monolix-style data").
// Real sampling times scatter around the protocol's times; aggregation needs one time per visit.
// A tolerance relative to the time since the last dose keeps early samples (0.5 h vs 0.75 h)
// apart while merging late ones (71.5 h vs 72 h), and no visit spans a dose, so a trough drawn
// just before a dose never joins the peak after it.

/** Consecutive sorted times join a visit when the gap is at most this fraction of the time since the last dose. */
export const BIN_GAP = 0.1;
/** A visit spans at most this fraction of the time since the last dose (so ±10% around its nominal time). */
export const BIN_SPAN = 0.2;

export interface Bin {
  /** the median of the member times */
  nominal: number;
  /** indices into the input times, in time order */
  members: number[];
}

/** Index of the dosing interval an observation belongs to: doses strictly before it (an observation at a dose time is pre-dose). */
function epochOf(t: number, doses: readonly number[]): number {
  let k = 0;
  while (k < doses.length && doses[k]! < t) k++;
  return k;
}

/** Time since the last dose strictly before t; before the first dose, the distance to it. */
function sinceDose(t: number, doses: readonly number[]): number {
  const k = epochOf(t, doses);
  return k === 0 ? Math.abs((doses[0] ?? 0) - t) : t - doses[k - 1]!;
}

/** the median of sorted numbers */
export function median(xs: readonly number[]): number {
  const m = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
}

/** Clusters times into visits (see the file comment); `doses` are the group's dose times, sorted. */
export function binTimes(times: readonly number[], doses: readonly number[]): Bin[] {
  const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
  const scale = times.reduce((m, t) => Math.max(m, Math.abs(t)), 1);
  const exact = 1e-9 * scale; // float noise always joins
  const bins: Bin[] = [];
  let members: number[] = [];
  const close = () => {
    if (members.length === 0) return;
    bins.push({ nominal: median(members.map((i) => times[i]!)), members });
    members = [];
  };
  for (const i of order) {
    const t = times[i]!;
    if (members.length > 0) {
      const first = times[members[0]!]!, prev = times[members[members.length - 1]!]!;
      const since = sinceDose(t, doses);
      const sameEpoch = epochOf(first, doses) === epochOf(t, doses);
      const joins = t - prev <= exact || (sameEpoch && t - prev <= BIN_GAP * since && t - first <= BIN_SPAN * since);
      if (!joins) close();
    }
    members.push(i);
  }
  close();
  return bins;
}

/** Observations moved to their visit's nominal time: how many, and the largest move (for the `binned-times` warning). */
export interface BinMoves { count: number; largest: { shift: number; row: number; from: number; to: number } }

export const noMoves = (): BinMoves => ({ count: 0, largest: { shift: 0, row: 0, from: 0, to: 0 } });

/** Counts a sample at `time` placed at `nominal`; `from`/`to` are the times as the table writes them. */
export function noteMove(moves: BinMoves, time: number, nominal: number, row: number, from = time, to = nominal): void {
  const shift = Math.abs(time - nominal);
  if (shift <= 1e-9 * Math.max(1, Math.abs(nominal))) return;
  moves.count++;
  if (shift > moves.largest.shift) moves.largest = { shift, row, from, to };
}
