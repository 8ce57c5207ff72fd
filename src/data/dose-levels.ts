// Subjects given nearly the same amount on the same schedule are one dose level (NONMEM-style
// tables, nonmem.ts). Amounts written per subject scatter around the protocol's dose (theophylline's
// 318.6–320.7 mg, a weighed or weight-based dose rounded), and a group per distinct amount would make
// every subject a group of one. A level's dose is its subjects' mean amount: for linear kinetics the
// mean concentration of subjects dosed D_i is the concentration under the mean of the D_i, exactly.

/** consecutive amounts (sorted) join a level when the larger is within this fraction of the smaller */
export const DOSE_LEVEL_GAP = 0.05;
/** a level spans at most this fraction of its smallest amount (dose levels of a trial differ by 25% or more) */
export const DOSE_LEVEL_SPAN = 0.1;

export interface DoseLevel { amount: number; subjects: string[]; lowest: number; highest: number }

/**
 * Each subject's dose level: subjects of one schedule (the same key) whose amounts chain within
 * DOSE_LEVEL_GAP and span at most DOSE_LEVEL_SPAN share a level at their mean amount. Levels of
 * one distinct amount keep it exactly.
 */
export function doseLevels(subjects: readonly { id: string; schedule: string; amount: number }[]): DoseLevel[] {
  const bySchedule = new Map<string, { id: string; amount: number }[]>();
  for (const s of subjects) {
    const list = bySchedule.get(s.schedule);
    if (list) list.push(s); else bySchedule.set(s.schedule, [s]);
  }
  const levels: DoseLevel[] = [];
  for (const list of bySchedule.values()) {
    const sorted = [...list].sort((a, b) => a.amount - b.amount);
    let level: { id: string; amount: number }[] = [];
    const close = () => {
      if (level.length === 0) return;
      const lowest = level[0]!.amount, highest = level[level.length - 1]!.amount;
      const amount = lowest === highest ? lowest : level.reduce((a, s) => a + s.amount, 0) / level.length;
      levels.push({ amount, subjects: level.map((s) => s.id), lowest, highest });
      level = [];
    };
    for (const s of sorted) {
      const prev = level[level.length - 1], first = level[0];
      const joins = prev !== undefined && first !== undefined && prev.amount > 0
        && s.amount <= prev.amount * (1 + DOSE_LEVEL_GAP) && s.amount <= first.amount * (1 + DOSE_LEVEL_SPAN);
      if (!joins && !(prev !== undefined && s.amount === prev.amount)) close();
      level.push(s);
    }
    close();
  }
  return levels;
}
