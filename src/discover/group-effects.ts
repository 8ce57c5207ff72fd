// Group-level effects (docs/discovery.md, "Groups nothing tells apart"): when a study's groups
// differ in neither dose, regimen nor covariate (years, sites, varieties, arms without covariate
// columns), a single population puts every difference between the group means into
// between-subject variability, and a more flexible curve wins for the wrong reason. A group
// effect gives one level parameter (capacity, baseline, clearance) a ratio per group against the
// first group, with a prior centred on "no difference"; evidence decides whether the ratios are
// worth their parameters.
import type { Dataset } from '../data/types.ts';
import { parseExpression, printExpr, substituteIdents } from '../model/index.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { ResidualRow } from '../infer/report.ts';
import { groupTag, lognormal } from './library/priors.ts';
import { structureName } from './structure-key.ts';

/** a spec holds at most 8 covariates (schema), so at most 8 groups get ratios against the first */
export const MAX_EFFECT_GROUPS = 8;
/** prior of each ratio: median 1, geometric SD 2 (a 95% range of about ×0.26 to ×3.9) */
export const RATIO_PRIOR = { median: 1, gsd: 2 } as const;
/** mean standardized residual of a group beyond which its level is called off (with the spread below) */
export const GROUP_MISFIT_Z = 1.5;

/** Level parameters, in order of preference: the first a spec has gets the group effect. */
export const LEVEL_PARAMETERS: readonly string[] = ['K', 'Linf', 'CL', 'R0', 'E0', 'S0', 'W0', 'Npop', 'N0'];

/**
 * The data's groups when two or more carry series and nothing distinguishes them (same
 * covariates including dose, same regimen); the first is the reference. Null otherwise.
 */
export function indistinctGroups(data: Dataset): string[] | null {
  const withSeries = new Set(data.series.map((s) => s.group));
  const groups = data.groups.filter((g) => withSeries.has(g.name));
  if (groups.length < 2 || groups.length > MAX_EFFECT_GROUPS) return null;
  const design = (g: Dataset['groups'][number]) => JSON.stringify([Object.entries(g.covariates).sort(), g.regimen ?? null]);
  const first = design(groups[0]!);
  return groups.every((g) => design(g) === first) ? groups.map((g) => g.name) : null;
}

export function levelParameter(spec: ModelSpec): string | null {
  return LEVEL_PARAMETERS.find((p) => spec.parameters.some((q) => q.name === p)) ?? null;
}

export function hasGroupEffects(spec: ModelSpec): boolean {
  return (spec.covariates ?? []).some((c) => c.group !== undefined);
}

/**
 * Do the residuals say the groups sit at different levels? Some group's mean standardized
 * residual is beyond ±GROUP_MISFIT_Z and the groups' means straddle zero (one above, one below).
 */
export function groupLevelMisfit(rows: readonly ResidualRow[], groups: readonly string[]): boolean {
  const means = groups.map((g) => rows.filter((r) => r.group === g && Number.isFinite(r.meanZ)).map((r) => r.meanZ))
    .filter((zs) => zs.length > 0).map((zs) => zs.reduce((a, b) => a + b, 0) / zs.length);
  return means.some((m) => Math.abs(m) > GROUP_MISFIT_Z) && means.some((m) => m > 0) && means.some((m) => m < 0);
}

/** identifiers for one group's ratio parameter and indicator covariate, unique within the spec */
function names(spec: ModelSpec, param: string, groups: readonly string[]): { ratio: string; indicator: string }[] {
  const taken = new Set([...spec.parameters.map((p) => p.name), ...spec.states.map((s) => s.name), ...(spec.covariates ?? []).map((c) => c.name), ...spec.observables.map((o) => o.name), 'dose']);
  return groups.map((g, i) => {
    const tags = [groupTag(g), `g${i + 1}`];
    for (const tag of tags) {
      const ratio = `${param}_${tag}`, indicator = `in_${tag}`;
      if (ratio.length <= 32 && indicator.length <= 32 && /^[A-Za-z]/.test(ratio) && !taken.has(ratio) && !taken.has(indicator)) {
        taken.add(ratio); taken.add(indicator);
        return { ratio, indicator };
      }
    }
    throw new Error(`no free name for the group effect of "${g}"`);
  });
}

/**
 * `spec` with a group effect on `param`: every use of it becomes param·Π ratio_g^indicator_g over
 * the groups after the first (the reference, whose value `param` then is). Null when the spec
 * cannot take it (no such parameter, effects already there, too many covariates).
 */
export function withGroupEffects(spec: ModelSpec, param: string, groups: readonly string[]): ModelSpec | null {
  if (!spec.parameters.some((p) => p.name === param) || hasGroupEffects(spec) || groups.length < 2) return null;
  const others = groups.slice(1);
  if ((spec.covariates ?? []).length + others.length > MAX_EFFECT_GROUPS) return null;
  const ids = names(spec, param, others);
  const by = parseExpression(`(${[param, ...ids.map((n) => `${n.ratio}^${n.indicator}`)].join('*')})`);
  const rewrite = (text: string) => printExpr(substituteIdents(parseExpression(text), new Map([[param, by]])));
  return {
    ...spec,
    name: `${structureName(spec.name)} +group(${param})`.slice(0, 80),
    states: spec.states.map((s) => ({ ...s, initial: rewrite(s.initial) })),
    equations: Object.fromEntries(Object.entries(spec.equations).map(([k, v]) => [k, rewrite(v)])),
    observables: spec.observables.map((o) => ({ ...o, expression: rewrite(o.expression) })),
    ...(spec.doses ? { doses: spec.doses.map((d) => (d.type === 'bolus' ? { ...d, amount: rewrite(d.amount) } : { ...d, rate: rewrite(d.rate) })) } : {}),
    parameters: [
      ...spec.parameters.map((p) => (p.name === param ? { ...p, description: `${p.description ?? param} (group "${groups[0]}")` } : p)),
      ...ids.map((n, i) => ({ name: n.ratio, prior: lognormal(RATIO_PRIOR.median, RATIO_PRIOR.gsd), description: `${param} in group "${others[i]}" relative to group "${groups[0]}"` })),
    ],
    covariates: [...(spec.covariates ?? []), ...ids.map((n, i) => ({ name: n.indicator, group: others[i]!, default: 0 }))],
  };
}
