// One data group's covariate vector for a compiled model: the model's defaults, overwritten by
// the group's own values (matched by name, case-insensitively) and by group indicators (a
// covariate declared with `group` is 1 in that group and 0 in every other; ModelSpec docs).
import type { CompiledModel } from '../model/compiled.ts';
import { readsDose } from '../model/reads-dose.ts';

/** covariate index → the group it indicates, for the model's indicator covariates */
export function indicatorGroups(model: CompiledModel): Map<number, string> {
  const out = new Map<number, string>();
  for (const c of model.spec.covariates ?? []) {
    const k = model.covariateNames.indexOf(c.name);
    if (c.group !== undefined && k >= 0) out.set(k, c.group);
  }
  return out;
}

/**
 * The covariates of group `name` with values `given`. With `warnings`, says which declared
 * covariates the data leave at their default and which data covariates the model does not use.
 */
export function groupCovariates(model: CompiledModel, name: string, given: Record<string, number>, warnings?: string[]): Float64Array {
  const cov = Float64Array.from(model.covariateDefaults);
  const indicators = indicatorGroups(model);
  const lower = new Map(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v]));
  model.covariateNames.forEach((cn, i) => {
    const group = indicators.get(i);
    if (group !== undefined) { cov[i] = group === name ? 1 : 0; return; }
    const v = given[cn] ?? lower.get(cn.toLowerCase());
    if (v !== undefined && Number.isFinite(v)) cov[i] = v;
    else if (model.spec.covariates?.some((c) => c.name === cn) || (cn === 'dose' && model.doses.length > 0 && readsDose(model.spec))) warnings?.push(`group "${name}": the data give no ${cn}; using the model's default ${cn} = ${model.covariateDefaults[i]}`);
  });
  for (const k of Object.keys(given)) {
    if (!model.covariateNames.some((cn) => cn.toLowerCase() === k.toLowerCase())) warnings?.push(`group "${name}": covariate "${k}" is not used by the model`);
  }
  return cov;
}

/**
 * Per-group warnings that say the same of several groups become one line naming them all
 * (`groups "A", "B": covariate "x" is not used by the model`): a study with many arms would
 * otherwise repeat one sentence per arm. Other warnings pass unchanged, in order.
 */
export function mergeGroupWarnings(warnings: readonly string[]): string[] {
  const byRest = new Map<string, string[]>();
  const order: (string | { rest: string })[] = [];
  for (const w of warnings) {
    const m = /^group "((?:[^"\\]|\\.)*)": (.*)$/s.exec(w);
    if (!m) { order.push(w); continue; }
    const rest = m[2]!;
    if (!byRest.has(rest)) { byRest.set(rest, []); order.push({ rest }); }
    byRest.get(rest)!.push(m[1]!);
  }
  return order.map((o) => {
    if (typeof o === 'string') return o;
    const names = byRest.get(o.rest)!;
    return names.length === 1 ? `group "${names[0]}": ${o.rest}` : `groups ${names.map((n) => `"${n}"`).join(', ')}: ${o.rest}`;
  });
}
