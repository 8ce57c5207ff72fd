// A group's mean regimen from its subjects' own doses (a dosing table with a subject column,
// docs/data-format.md "Dosing tables"). The data are per-visit means over subjects; for linear
// kinetics with parameters that do not depend on the regimen, the mean concentration over
// subjects dosed on their own schedules is the concentration under the pooled schedule with
// every amount divided by the number of subjects — so that pooled schedule is the regimen a
// model of the cohort's mean is given. Nonlinear kinetics make it an approximation.
import type { Administration } from './types.ts';

/** listed doses a model can take (src/model/limits.ts LIMITS.doses; data/ does not import model/) */
export const MAX_LISTED_ADMINISTRATIONS = 64;


/** consecutive doses, by time, whose times lie within `width` of the first of their cluster */
function clusters(sorted: readonly Administration[], width: number): Administration[][] {
  const out: Administration[][] = [];
  for (const a of sorted) {
    const last = out[out.length - 1];
    if (last && (a.time - last[0]!.time < width || a.time === last[0]!.time)) last.push(a);
    else out.push([a]);
  }
  return out;
}

/** one administration carrying a cluster's total amount at its amount-weighted mean time (and duration) */
function merged(c: readonly Administration[]): Administration {
  const amount = c.reduce((s, a) => s + a.amount, 0);
  const time = c.every((a) => a.time === c[0]!.time) ? c[0]!.time : c.reduce((s, a) => s + a.time * a.amount, 0) / amount;
  const infusions = c.filter((a) => a.duration !== undefined);
  const duration = infusions.length === 0 ? undefined : infusions.reduce((s, a) => s + a.duration! * a.amount, 0) / infusions.reduce((s, a) => s + a.amount, 0);
  return { time, amount, ...(duration !== undefined ? { duration } : {}) };
}

/**
 * The cohort's mean administrations: every subject's doses pooled, each amount divided by the
 * number of subjects; doses at the same time are added. When more than MAX_LISTED_ADMINISTRATIONS
 * remain, doses closer together than the smallest width that brings them under it become one dose
 * at their amount-weighted mean time (the note gives the width, so the user can judge it against
 * the drug's half-life).
 */
export function cohortMeanAdministrations(given: readonly (Administration & { subject: string })[]): { given: Administration[]; note: string } {
  const subjects = new Set(given.map((a) => a.subject)).size;
  const pooled = [...given].sort((a, b) => a.time - b.time);
  let width = 0;
  let groups = clusters(pooled, 0);
  if (groups.length > MAX_LISTED_ADMINISTRATIONS) {
    // the fewest clusters greedy clustering makes never grows with the width: bisect for the smallest that fits
    let lo = 0, hi = pooled[pooled.length - 1]!.time - pooled[0]!.time + 1;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (clusters(pooled, mid).length <= MAX_LISTED_ADMINISTRATIONS) hi = mid; else lo = mid;
    }
    width = hi;
    groups = clusters(pooled, width);
  }
  // divided once the doses are added: 94 subjects given 25 mg have a mean dose of 25, not 24.999999999999982
  // infusions of different subjects may overlap once pooled: each is its own dose entry, and the
  // simulator adds the rates of the infusions running at once (superposition, as for the mean)
  const mean = groups.map((c) => { const m = merged(c); return { ...m, amount: m.amount / subjects }; });
  const note = `${given.length} administrations to ${subjects} subject${subjects === 1 ? '' : 's'} are read as the cohort's mean regimen (every amount ÷ ${subjects}, doses at one time added${width > 0 ? `; doses less than ${fmt(width)} time units apart merged into one at their amount-weighted mean time, ${mean.length} in all` : ''}): exact for the mean of linear kinetics, an approximation otherwise`;
  return { given: mean, note };
}

const fmt = (x: number) => String(Number(x.toPrecision(3)));
