// The data's dosing regimen drives the simulation (docs/data-format.md, "Dosing regimens"): a
// spec declares where a dose goes (its first dose entry: target state and amount expression, in
// terms of the `dose` covariate); the data say when, how often and by which route. The group's
// `dose` is the amount of one administration; an infusion runs at dose/duration.
import type { Dataset, Regimen } from '../data/types.ts';
import type { DoseSpec, ModelSpec } from '../model/spec.ts';
import { FitInputError } from './plan.ts';

const key = (r: Regimen | undefined) => JSON.stringify(r ? [r.route ?? null, r.duration ?? null, r.interval ?? null, r.count ?? null] : null);

/** The one schedule all groups share, undefined when the data give none; an error when groups differ. */
export function sharedRegimen(data: Dataset): Regimen | undefined {
  const stated = data.groups.filter((g) => g.regimen !== undefined);
  if (stated.length === 0) return undefined;
  const distinct = new Set(data.groups.map((g) => key(g.regimen)));
  if (distinct.size > 1) {
    throw new FitInputError(`the groups are dosed on different schedules (${data.groups.map((g) => `"${g.name}": ${key(g.regimen)}`).join('; ')}); one model run can take one schedule with a per-group dose — fit groups with different schedules separately`);
  }
  return stated[0]!.regimen;
}

/** The spec with its dose entries replaced by the regimen's administrations (same target and amount). */
export function applyRegimen(spec: ModelSpec, r: Regimen): ModelSpec {
  const first = spec.doses?.[0];
  if (!first) return spec;
  const amount = first.type === 'bolus' ? first.amount : `(${first.rate})*(${first.duration})`;
  const count = Math.max(1, Math.floor(r.count ?? 1));
  const repeat = count > 1 && r.interval !== undefined ? { every: r.interval, count } : {};
  const route = r.route ?? (first.type === 'infusion' ? 'infusion' : undefined);
  let dose: DoseSpec;
  if (route === 'infusion') {
    const duration = r.duration ?? (first.type === 'infusion' ? first.duration : NaN);
    if (!(duration > 0)) throw new FitInputError('an infusion regimen needs a duration > 0');
    dose = { type: 'infusion', state: first.state, rate: `(${amount})/${duration}`, start: 0, duration, ...repeat };
  } else {
    dose = { type: 'bolus', state: first.state, amount, time: 0, ...repeat };
  }
  return { ...spec, doses: [dose] };
}

/** applyRegimen with the data's shared regimen, when the data carry one and the spec is dosed. */
export function withDataRegimen(spec: ModelSpec, data: Dataset): ModelSpec {
  const r = sharedRegimen(data);
  return r && spec.doses?.length ? applyRegimen(spec, r) : spec;
}
