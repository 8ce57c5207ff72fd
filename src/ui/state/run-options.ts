// Session settings → the discovery engine's options (parsing only, no numerics).
import type { DiscoveryOptions } from '../../discover/api.ts';
import type { Dataset } from '../../data/types.ts';
import { MAX_ABS_TIME } from '../../data/value-limits.ts';
import type { ModelSpec } from '../../model/spec.ts';
import type { RunSettings, Session } from './session.ts';
import { runLimitProblem } from '../../discover/run-limits.ts';

export function parsePredictTimes(text: string): number[] {
  return text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number)
    .filter((x) => Number.isFinite(x) && x >= 0 && x <= MAX_ABS_TIME);
}

/** forecast times when the user gave none: 25% and 50% beyond the last visit, so results always show a forecast */
export function defaultForecast(data: Dataset): number[] {
  const last = Math.max(0, ...data.series.flatMap((x) => x.times));
  if (!(last > 0)) return [];
  const nice = (v: number) => Number(v.toPrecision(2));
  return [...new Set([nice(last * 1.25), nice(last * 1.5)])].filter((t) => t > last);
}

/** the first setting outside RUN_LIMITS, as a sentence; null when all are usable */
export function settingsProblem(st: RunSettings): string | null {
  for (const k of ['seed', 'budgetSeconds', 'rounds'] as const) {
    const p = runLimitProblem(k, st[k]);
    if (p) return p;
  }
  // 0 = the engine's default
  for (const k of ['particles', 'subjects'] as const) {
    const p = st[k] === 0 ? null : runLimitProblem(k, st[k]);
    if (p) return `${p}, or 0 for the default`;
  }
  return null;
}

export function buildDiscoveryOptions(s: Session, data: Dataset): DiscoveryOptions {
  const problem = settingsProblem(s.settings);
  if (problem) throw new Error(`the run settings are not usable: ${problem}`);
  const extraSpecs: ModelSpec[] = [];
  for (const u of s.userSpecs) {
    if (!u.include) continue;
    try {
      extraSpecs.push(JSON.parse(u.text) as ModelSpec);
    } catch {
      // invalid editor text is shown in the editor; it is simply not a candidate
    }
  }
  const o: DiscoveryOptions = {
    proposer: s.settings.proposer,
    seed: s.settings.seed,
    budgetSeconds: s.settings.budgetSeconds,
    rounds: s.settings.rounds,
    predictTimes: s.settings.predictTimes.trim() ? parsePredictTimes(s.settings.predictTimes) : defaultForecast(data),
  };
  if (s.context.trim()) o.context = s.context;
  if (s.settings.particles > 0) o.particles = s.settings.particles;
  if (s.settings.subjects > 0) o.subjects = s.settings.subjects;
  if (extraSpecs.length) o.extraSpecs = extraSpecs;
  return o;
}
