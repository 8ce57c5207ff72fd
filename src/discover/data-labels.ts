// The data's observable labels and the identifiers every proposer uses for them. Proposals
// name observables by identifier ("CD4_count"); before a proposal is compiled it gets the
// data's label back ("CD4 count") and units that fit a spec, so fits, plots and reports show
// the label while equations use the name.
import type { Dataset } from '../data/types.ts';
import { identifiersFor, shortenText, specLabel, specUnit } from '../model/labels.ts';
import type { ModelSpec } from '../model/spec.ts';

/** One row of the label table that reports and sessions keep. */
export interface ObservableLabel {
  /** the data's label, unchanged */
  label: string;
  /** the identifier models use for it */
  name: string;
  /** the data's unit, unchanged */
  unit?: string;
  /** the unit as specs hold it (differs from `unit` only when that is over 40 characters) */
  specUnit?: string;
}

/** The timeUnit field of a spec holds at most this many characters (the schema says the same). */
const SPEC_TIME_UNIT_LENGTH = 20;

/** The data's observable labels, in the data's order. */
export function dataObservableLabels(data: Dataset): string[] {
  return data.observables.length > 0 ? data.observables.map((o) => o.name) : [...new Set(data.series.map((s) => s.observable))];
}

/** label → identifier for the data's observables (see model/labels.ts for the rule). */
export function observableIdentifiers(data: Dataset): Map<string, string> {
  return identifiersFor(dataObservableLabels(data));
}

export function labelTable(data: Dataset): ObservableLabel[] {
  const ids = observableIdentifiers(data);
  return [...ids].map(([label, name]) => {
    const unit = data.observables.find((o) => o.name === label)?.unit ?? data.series.find((s) => s.observable === label)?.unit;
    return { label, name, ...(unit !== undefined ? { unit, specUnit: specUnit(unit) } : {}) };
  });
}

/**
 * A proposal made fit for the data: observables named by a data identifier carry the data's
 * label; one whose name clashes with the model's own states, parameters or covariates is
 * renamed; every unit is shortened by the one rule in model/labels.ts (over-long units would
 * otherwise make the spec invalid).
 */
export function withDataLabels(spec: ModelSpec, identifiers: ReadonlyMap<string, string>): ModelSpec {
  const byName = new Map([...identifiers].map(([label, id]) => [id, label]));
  const own = [...spec.states.map((s) => s.name), ...spec.parameters.map((p) => p.name), ...(spec.covariates ?? []).map((c) => c.name)];
  const clash = new Set(own);
  const names = new Set([...own, ...spec.observables.map((o) => o.name)]);
  const unit = <T extends { unit?: string }>(x: T): T => (typeof x.unit === 'string' ? { ...x, unit: specUnit(x.unit) } : x);
  const observables = spec.observables.map((o) => {
    const label = o.label ?? byName.get(o.name);
    let name = o.name;
    if (label !== undefined && clash.has(name)) {
      name = identifiersFor([name], { avoid: names }).get(name)!;
      names.add(name);
    }
    return unit({ ...o, name, ...(label !== undefined && label !== name ? { label: specLabel(label) } : {}) });
  });
  return {
    ...spec,
    ...(typeof spec.timeUnit === 'string' ? { timeUnit: shortenText(spec.timeUnit, SPEC_TIME_UNIT_LENGTH) } : {}),
    states: spec.states.map(unit),
    parameters: spec.parameters.map(unit),
    ...(spec.covariates ? { covariates: spec.covariates.map(unit) } : {}),
    observables,
  };
}
