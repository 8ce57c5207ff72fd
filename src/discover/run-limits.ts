// The bounds on a run's settings, in one place: the CLI's options, the app's Run step and saved
// sessions all check against these, so an absurd value is refused by name before any work starts.
export const RUN_LIMITS = {
  /** SMC particles per fit */
  particles: { min: 16, max: 65_536 },
  /** virtual subjects per group */
  subjects: { min: 8, max: 65_536 },
  /** discovery rounds */
  rounds: { min: 1, max: 50 },
  /** discovery time budget, seconds (one day) */
  budgetSeconds: { min: 1, max: 86_400 },
  /** random seeds are unsigned 32-bit integers */
  seed: { min: 0, max: 4_294_967_295 },
} as const;

export type RunLimitKey = keyof typeof RUN_LIMITS;

/** null when `v` is a whole number inside the bounds of `key`; otherwise the sentence that says why not */
export function runLimitProblem(key: RunLimitKey, v: number): string | null {
  const { min, max } = RUN_LIMITS[key];
  return Number.isInteger(v) && v >= min && v <= max ? null : `${key} must be a whole number from ${min} to ${max} (got ${v})`;
}
