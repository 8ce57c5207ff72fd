// The data's dosing regimen drives the simulation (docs/data-format.md, "Dosing regimens"): a
// spec declares where a dose goes (its first dose entry, or the entry for the regimen's route when
// its entries name routes: target state and amount expression, in terms of the `dose` covariate);
// the data say when, how often, by which route, and whether earlier doses led to a steady state at
// t = 0 (they are then given before it, and the simulation starts at the first). The group's
// `dose` is the amount of one administration; an infusion runs at dose/duration. Groups may be
// dosed on different schedules: each distinct schedule gets its own compiled model (same
// parameters, observables and covariates; only the dose events differ), see groupModels.
import type { Dataset, Group, Regimen } from '../data/types.ts';
import type { CompiledModel } from '../model/compiled.ts';
import type { DoseSpec, ModelSpec } from '../model/spec.ts';
import { checkSpec } from '../model/validate.ts';
import { compileModel } from '../model/compile.ts';
import { FitInputError } from './fit-input-error.ts';

const regimenKey = (r: Regimen | undefined) => JSON.stringify(r ?? null);

/** The one schedule all groups share; undefined when the data give none or the groups differ. */
export function sharedRegimen(data: Dataset): Regimen | undefined {
  const stated = data.groups.filter((g) => g.regimen !== undefined);
  if (stated.length === 0) return undefined;
  return new Set(data.groups.map((g) => regimenKey(g.regimen))).size === 1 ? stated[0]!.regimen : undefined;
}

/** true when the groups are dosed on more than one schedule */
export function schedulesDiffer(data: Dataset): boolean {
  return data.groups.some((g) => g.regimen !== undefined) && new Set(data.groups.map((g) => regimenKey(g.regimen))).size > 1;
}

/** The schedule a spec shows for the whole dataset: the shared one, else the first group's. */
export function representativeRegimen(data: Dataset): Regimen | undefined {
  return sharedRegimen(data) ?? data.groups.find((g) => g.regimen !== undefined)?.regimen;
}

const isOral = (r: Regimen | undefined) => r?.route === 'oral';

/** true when some groups are dosed by mouth (or another depot route) and others intravenously */
export function mixedRoutes(groups: readonly Group[]): boolean {
  const routed = groups.filter((g) => g.regimen?.route !== undefined);
  return routed.some((g) => isOral(g.regimen)) && routed.some((g) => !isOral(g.regimen));
}

/** the spec has a dose entry for each route (`route: 'oral'` and `route: 'iv'`): it can take both */
export function takesBothRoutes(spec: ModelSpec | undefined): boolean {
  const routes = new Set((spec?.doses ?? []).map((d) => d.route));
  return routes.has('oral') && routes.has('iv');
}

/**
 * A model with one dose target (a depot for oral dosing, the central compartment for IV) cannot
 * take groups dosed orally and groups dosed intravenously in one run; one with a dose entry per
 * route (takesBothRoutes) can.
 */
export function checkRoutes(groups: readonly Group[], spec?: ModelSpec): void {
  if (!mixedRoutes(groups) || takesBothRoutes(spec)) return;
  const routed = groups.filter((g) => g.regimen?.route !== undefined);
  const oral = routed.filter((g) => isOral(g.regimen)), iv = routed.filter((g) => !isOral(g.regimen));
  const names = (gs: Group[]) => gs.map((g) => `"${g.name}"`).join(', ');
  throw new FitInputError(`the groups are dosed by different routes (oral: ${names(oral)}; intravenous: ${names(iv)}): this model has one dose target, so fit the oral and the intravenous groups separately, or use a model with a dose entry for each route ("route": "oral" and "route": "iv", docs/modelspec.md)`);
}

/** the dose entry a regimen's administrations take: the one for its route, else the first */
function templateFor(spec: ModelSpec, r: Regimen): DoseSpec {
  const doses = spec.doses!;
  if (!doses.some((d) => d.route !== undefined) || r.route === undefined) return doses[0]!;
  const want = r.route === 'oral' ? 'oral' : 'iv';
  const t = doses.find((d) => d.route === want) ?? doses.find((d) => d.route === undefined);
  if (!t) throw new FitInputError(`model "${spec.name}" has no dose entry for ${want === 'oral' ? 'oral' : 'intravenous'} doses (its entries take ${[...new Set(doses.map((d) => d.route))].join(', ')})`);
  return t;
}

/** The amount of one administration in the spec's terms, whatever form its first dose entry takes. */
function amountOf(first: DoseSpec): string {
  if (first.type === 'bolus') return first.amount;
  // undo applyRegimen's "(amount)/duration", so that applying a regimen twice changes nothing
  const m = /^\((.*)\)\/([^()/]+)$/.exec(first.rate);
  if (m && Number(m[2]) === first.duration) return m[1]!;
  return `(${first.rate})*(${first.duration})`;
}

const scaled = (amount: string, ratio: number) => (ratio === 1 ? amount : `(${amount})*${ratio}`);

/** The spec with its dose entries replaced by the regimen's administrations (same target and amount). */
export function applyRegimen(spec: ModelSpec, r: Regimen): ModelSpec {
  if (!spec.doses?.length) return spec;
  const first = templateFor(spec, r);
  const amount = amountOf(first);
  const route = r.route ?? (first.type === 'infusion' ? 'infusion' : undefined);
  const durationOf = (d: number | undefined) => {
    const duration = d ?? r.duration ?? (first.type === 'infusion' ? first.duration : NaN);
    if (!(duration > 0)) throw new FitInputError('an infusion regimen needs a duration > 0');
    return duration;
  };
  const dose = (amountExpr: string, time: number, repeat: { every?: number; count?: number }, duration?: number): DoseSpec => {
    const tag = first.route ? { route: first.route } : {};
    if (route !== 'infusion') return { type: 'bolus', state: first.state, amount: amountExpr, time, ...repeat, ...tag };
    const d = durationOf(duration);
    return { type: 'infusion', state: first.state, rate: `(${amountExpr})/${d}`, start: time, duration: d, ...repeat, ...tag };
  };
  if (r.administrations?.length) {
    // amounts relative to the first administration, whose amount is the group's `dose`
    const ref = r.administrations[0]!.amount;
    if (!(ref > 0)) throw new FitInputError('the first administration of a dosing table needs an amount > 0');
    return { ...spec, doses: r.administrations.map((a) => dose(scaled(amount, a.amount / ref), a.time, {}, a.duration)) };
  }
  const count = Math.max(1, Math.floor(r.count ?? 1));
  const lead = leadInDoses(r);
  const repeat = count + lead > 1 && r.interval !== undefined ? { every: r.interval, count: count + lead } : {};
  return { ...spec, doses: [dose(amount, lead > 0 ? -lead * r.interval! : 0, repeat)] };
}

/**
 * Doses given before t = 0 to bring a steady-state regimen there: twenty intervals leave a system
 * within 1% of its steady state when its slowest half-life is at most three intervals (within 6%
 * at five): a drug that accumulates more than that shows it in troughs that still rise, which a
 * profile over an interval or two does not cover.
 */
export const STEADY_STATE_LEAD_IN = 20;

/** How many doses a regimen gives before t = 0 (its steady-state lead-in; 0 for most). */
function leadInDoses(r: Regimen | undefined): number {
  return r?.steadyState && !r.administrations?.length && r.interval !== undefined && r.interval > 0 ? STEADY_STATE_LEAD_IN : 0;
}

/** applyRegimen with the data's regimen (the shared one, else the first group's), when the spec is dosed. */
export function withDataRegimen(spec: ModelSpec, data: Dataset): ModelSpec {
  // a spec dosed both ways keeps its entry per route: each group takes its own (groupModels)
  if (takesBothRoutes(spec) && mixedRoutes(data.groups)) return spec;
  const r = representativeRegimen(data);
  return r && spec.doses?.length ? applyRegimen(spec, r) : spec;
}

/**
 * The compiled model that simulates each named group: `model` itself for a group whose schedule
 * it already carries (or that states none), else the spec with that group's schedule, compiled
 * once per distinct schedule.
 */
export function groupModels(model: CompiledModel, groups: readonly (Group | undefined)[]): CompiledModel[] {
  if (!model.spec.doses?.length || !groups.some((g) => g?.regimen)) return groups.map(() => model);
  checkRoutes(groups.filter((g): g is Group => g !== undefined), model.spec);
  const byKey = new Map<string, CompiledModel>();
  return groups.map((g) => {
    if (!g?.regimen) return model;
    const key = regimenKey(g.regimen);
    let m = byKey.get(key);
    if (!m) {
      const spec = applyRegimen(model.spec, g.regimen);
      const check = checkSpec(JSON.stringify(spec));
      if (!check.model) throw new FitInputError(`group "${g.name}": its dosing regimen cannot be applied to model "${model.spec.name}": ${check.issues.map((i) => i.message).join('; ')}`);
      m = compileModel(check.model);
      if (m.hash === model.hash) m = model;
      byKey.set(key, m);
    }
    return m;
  });
}
