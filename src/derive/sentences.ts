// One plain-language sentence per derived quantity, e.g. "Half of the drug is eliminated every
// 8.1 h (5–95%: 7.2–9.3 h); between patients this varies from 5.5 to 12 h."

export interface SentenceInput {
  name: string;
  median: number;
  q05: number;
  q95: number;
  cohort?: { q05: number; q95: number };
  unit?: string;
  group?: string;
  /** PK with several administrations and no regular regimen (a cohort's mean of individual doses): the curve's peak and exposure are over all of them */
  severalDoses?: boolean;
}

/** a number for a sentence: 3 significant digits, no exponent for everyday sizes */
export function plainNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'never' : x < 0 ? '−∞' : '—';
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(3)));
  return x.toPrecision(3);
}

const LEADS: Record<string, string> = {
  t_half_abs: 'Half of the dose still to be absorbed is absorbed every',
  t_half_elim: 'Half of the drug is eliminated every',
  t_half_alpha: 'In the fast (distribution) phase the concentration halves every',
  t_half_beta: 'In the slower phase the concentration halves every',
  t_half_gamma: 'In the slowest phase the concentration halves every',
  t_half: 'At the last visit the concentration halves every',
  Cmax: 'After a dose the concentration peaks at',
  Tmax: 'The peak comes, after the dose, at',
  AUC_last: 'The exposure up to the last visit (AUC from the dose to the last visit) is',
  AUC_inf: 'The total exposure to one dose (AUC to infinity) is',
  Cavg_ss: 'At steady state the average concentration is',
  Ctrough_ss: 'At steady state the concentration just before the next dose is',
  Cmax_ss: 'At steady state the concentration peaks at',
  accumulation: 'Repeated dosing builds the exposure up by a factor of',
  baseline: 'Before treatment the response is',
  max_effect: 'At its largest, the treatment changes the response by',
  max_effect_pct: 'At its largest, the treatment changes the response by (percent of baseline)',
  t_nadir: 'The response is lowest at',
  t_peak: 'It peaks at',
  t_return_10pct: 'The response is back within 10% of its baseline at',
  change_per_year: 'Over the observed period the response changes per year by',
  peak: 'At the peak the observable reaches',
  doubling_time: 'Early on, it doubles every',
  R0: 'At the start, each case infects on average (R0)',
  carrying_capacity: 'It levels off at',
  t_half_max: 'It reaches half of that level at',
  t_half_obs: 'It falls to half of its starting value at',
  t_tenth_obs: 'It falls to a tenth of its starting value at',
};

/** the leads where the doses were several and irregular: the quantities are over the whole schedule, not one dose */
const OVER_THE_DOSES: Record<string, string> = {
  Cmax: 'Over the doses given the concentration peaks at',
  Tmax: 'That peak comes, after the first dose, at',
  AUC_last: 'The exposure up to the last visit (AUC from the first dose to the last visit) is',
  AUC_inf: 'The total exposure to the doses given (AUC to infinity) is',
};

const AFTER_START = new Set(['Tmax', 't_nadir', 't_peak', 't_return_10pct', 't_half_max', 't_half_obs', 't_tenth_obs']);

/** leads of the pathway endpoints, whose names carry the substances (formation.ts) */
function pathwayLead(base: string): string | undefined {
  const ff = /^ff_(.+)_to_(.+)$/.exec(base);
  if (ff) return `Of what ${ff[1]} degrades to, the fraction that forms ${ff[2]} is`;
  const dt50 = /^DT50_(.+)$/.exec(base);
  return dt50 ? `${dt50[1]} falls to half by its own first-order degradation (DT50) in` : undefined;
}

export function sentenceFor(s: SentenceInput): string {
  const base = s.name.replace(/\[.*\]$/, '');
  const lead = (s.severalDoses ? OVER_THE_DOSES[base] : undefined) ?? LEADS[base] ?? pathwayLead(base) ?? base;
  const u = s.unit ? ` ${s.unit}` : '';
  const when = AFTER_START.has(base) ? (base === 'Tmax' ? '' : ' after the start') : '';
  const pct = base === 'max_effect_pct' ? '%' : '';
  const unit = pct || u;
  const range = (a: number, b: number) => (a < 0 || b < 0 ? `${plainNumber(a)} to ${plainNumber(b)}` : `${plainNumber(a)}–${plainNumber(b)}`);
  let text = `${lead} ${plainNumber(s.median)}${unit}${when} (5–95%: ${range(s.q05, s.q95)}${unit})`;
  // (not where it does not vary: a parameter without between-subject variability)
  if (s.cohort && plainNumber(s.cohort.q05) !== plainNumber(s.cohort.q95)) text += `; between patients this varies from ${plainNumber(s.cohort.q05)} to ${plainNumber(s.cohort.q95)}${unit}`;
  if (s.group) text += ` [group ${s.group}]`;
  return text + '.';
}
