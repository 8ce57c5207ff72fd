// A sustained change that starts at a time the words state, or that the visits show where the
// words name the intervention only: exercise after a resting phase, a stimulus switched on. The
// marker rests at its baseline, then moves first-order to a new level:
// R' = kout·(R0·(1 ± effect·S) − R), with S stepping from 0 to 1 at the onset. nlstools' O2K
// (oxygen uptake of a 6-minute walk test after 5.83 min of rest; Baty et al. 2015) is fitted by
// exactly this curve, VO2rest + (VO2peak − VO2rest)·(1 − e^(−(t − 5.83)/μ)).
import { unitsPerYear } from '../../data/time-units.ts';
import type { ModelSpec, ParameterSpec } from '../../model/spec.ts';
import type { Motif } from './motif.ts';
import { assayError, baselineParam, obsUnit, param, perTime } from './priors.ts';
import type { DataScales } from './scales.ts';

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const UNIT = String.raw`(?:(s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|d|days?|wk|weeks?|months?)\b)`;
/** "walking starts at 5.83 min", "exercise began at t = 6 min", "the stimulus was switched on at 10 s" */
const STARTS_AT_RE = new RegExp(String.raw`\b(?:starts?|started|starting|begins?|began|onset|switched on|turned on|commenc\w*|initiated)\b[^.;]*?\bat\s+(?:t\s*=\s*)?${NUMBER}\s*${UNIT}?`, 'i');
/** "after 5.83 min of rest", "the first 5.83 minutes are the resting phase" */
const AFTER_REST_RE = new RegExp(String.raw`\b(?:after|following)\s+${NUMBER}\s*${UNIT}\s+(?:of\s+)?(?:rest|resting|baseline|quiet|sitting)`, 'i');
const FIRST_REST_RE = new RegExp(String.raw`\bfirst\s+${NUMBER}\s*${UNIT}[^.;]*?\b(?:rest|resting|baseline)`, 'i');

/** any of the phrasings above */
const ONSET_WORDS_RE = new RegExp([STARTS_AT_RE, AFTER_REST_RE, FIRST_REST_RE].map((r) => `(?:${r.source})`).join('|'), 'i');
/** an intervention that switches a change on, its time unstated: "a 6-minute walk test", "exercise", "a stimulus" */
const INTERVENTION_RE = /\b(?:exercis\w*|walk(?:ing)?|treadmill|ergomet\w*|cycling|stimul\w*|switched on|turned on)\b/i;
/** the words that propose the motifs: an onset stated, or an intervention whose onset the visits show */
const STEP_WORDS_RE = new RegExp(`(?:${ONSET_WORDS_RE.source})|(?:${INTERVENTION_RE.source})`, 'i');

/** the words name an intervention that switches a change on (its time unstated or stated) */
export const interventionNamed = (context: string | undefined): boolean => context !== undefined && INTERVENTION_RE.test(context);

/** the baseline's visits that show a resting phase, at least */
const MIN_RESTING_VISITS = 3;
/** the resting visits' largest deviation from their mean, at most this fraction of the change and of their level */
const MAX_RESTING_WOBBLE = 0.2;

/**
 * Where the visits show when a sustained change started, the words not saying: at least
 * MIN_RESTING_VISITS visits at a steady baseline, then every later visit beyond the baseline's
 * scatter (4 SDs of the resting visits, 1.5× their largest deviation, 5% of the level) on one side,
 * the resting visits within 20% of the change and of their own level. The onset lies between the
 * last resting visit and the first moved one (O2K: rest to 5.67 min, 527 against 360 at 6 min). Null where the series does
 * not rest first, moves gradually out of its baseline, or comes back.
 */
export function onsetWindowFromData(times: readonly number[], means: readonly number[]): { after: number; by: number } | null {
  for (let i = MIN_RESTING_VISITS; i <= means.length - 2; i++) {
    const rest = means.slice(0, i), moved = means.slice(i);
    const level = rest.reduce((a, b) => a + b, 0) / i;
    const sd = Math.sqrt(rest.reduce((a, b) => a + (b - level) ** 2, 0) / (i - 1));
    const wobble = Math.max(...rest.map((y) => Math.abs(y - level)));
    const band = Math.max(4 * sd, 1.5 * wobble, 0.05 * Math.abs(level));
    const up = moved.every((y) => y > level + band), down = moved.every((y) => y < level - band);
    const change = Math.max(...moved.map((y) => Math.abs(y - level)));
    // (a growth curve's early visits are small against its change, but not steady about their level)
    if ((up || down) && wobble <= MAX_RESTING_WOBBLE * Math.min(change, Math.abs(level))) return { after: times[i - 1]!, by: times[i]! };
  }
  return null;
}

/**
 * The time a sustained change starts, as the context states it, in the data's time unit (a
 * stated unit the data's unit cannot be converted from gives nothing); null when none is stated.
 */
export function onsetFromContext(context: string | undefined, timeUnit: string | undefined): number | null {
  if (!context) return null;
  const m = STARTS_AT_RE.exec(context) ?? AFTER_REST_RE.exec(context) ?? FIRST_REST_RE.exec(context);
  if (!m) return null;
  const value = Number(m[1]);
  if (!Number.isFinite(value) || value <= 0) return null;
  if (!m[2] || !timeUnit) return value;
  // ("secs" is the one spelling the unit table lacks in the plural)
  const from = unitsPerYear(m[2]) ?? unitsPerYear(m[2].replace(/s$/i, ''));
  const to = unitsPerYear(timeUnit);
  return from !== undefined && to !== undefined ? (value * to) / from : null;
}

const fmt = (x: number) => Number(x.toPrecision(4));

function stepTurnover(direction: 'up' | 'down'): Motif {
  const up = direction === 'up';
  const id = up ? 'pd-turnover-step-stimulated' : 'pd-turnover-step-inhibited';
  const title = `Turnover ${up ? 'raised' : 'lowered'} by a sustained change from an onset`;
  const mechanism = `The marker is produced at rate kout·R0 and lost at rate kout·R; from the onset (exercise, a stimulus switched on) production is ${up ? 'raised' : 'lowered'} for good, so the marker moves first-order (rate kout) from its baseline to a new level.`;
  const build = (s: DataScales): ModelSpec => {
    // an onset the words do not state is fitted within the window the visits show
    const window = s.onset === undefined ? s.onsetWindow : undefined;
    const onset = s.onset ?? (window ? (window.after + window.by) / 2 : 0);
    const r0 = Math.abs(s.yFirst) > 1e-12 ? Math.abs(s.yFirst) : s.yMax / 2;
    const span = Math.max(s.tMax - onset, s.tMax / 10);
    const effect: ParameterSpec = up
      ? param('Smax', undefined, Math.max(0.2, (s.yMax - r0) / r0), 4, false, 'rise of production after the onset (fraction of baseline production)')
      // a fraction of production, so at most 1: beyond it production would turn negative
      : { name: 'Imax', prior: { type: 'uniform', lower: 0, upper: 1 }, description: 'fall of production after the onset (0–1)' };
    const common = [
      baselineParam('R0', s, obsUnit(s), r0, 'baseline before the onset (production/loss rate ratio)'),
      param('kout', perTime(s), 4 / span, 4, true, 'first-order rate of the move to the new level'),
      effect,
    ];
    const production = (switched: string) => `kout*R0*${up ? `(1 + Smax*${switched})` : `(1 - Imax*${switched})`} - kout*R`;
    const shared = { name: id, description: title, rationale: mechanism, timeUnit: s.timeUnit, observables: [{ name: s.observables[0] ?? 'response', unit: obsUnit(s), expression: 'R' }], error: assayError(s, 0.05) };
    if (window) {
      return {
        ...shared,
        rationale: `${mechanism} The words do not state the onset; the visits show it between ${fmt(window.after)} and ${fmt(window.by)}, where it is fitted.`,
        states: [{ name: 'R', unit: obsUnit(s), initial: 'R0' }],
        parameters: [...common, { name: 't_on', unit: s.timeUnit ?? 'time', prior: { type: 'uniform', lower: window.after, upper: window.by }, description: 'onset of the change (between the last resting visit and the first moved one)' }],
        equations: { R: production('step(t - t_on)') },
      };
    }
    return {
      ...shared,
      states: [{ name: 'S', unit: '1', initial: '0' }, { name: 'R', unit: obsUnit(s), initial: 'R0' }],
      // the onset switches the change on (a unit step, not a drug): visits before it see the baseline
      doses: [{ type: 'bolus', state: 'S', amount: '1', time: onset }],
      parameters: common,
      equations: { S: '0', R: production('S') },
    };
  };
  return {
    id, family: 'pd', title, mechanism, needsDose: false, shapes: ['rise', 'decay', 'plateau', 'sigmoid'], complexity: 4, build, direction,
    // named by the words that state the onset or an intervention; built only where the words state
    // its time or the visits show it, and nothing is dosed
    words: STEP_WORDS_RE, onlyWhenNamed: true, applies: (s) => (s.onset !== undefined || s.onsetWindow !== undefined) && s.dose === null,
  };
}

export const STEP_MOTIFS: Motif[] = [stepTurnover('up'), stepTurnover('down')];
