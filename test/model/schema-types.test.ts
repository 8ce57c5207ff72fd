// The JSON Schema and the TypeScript view of it (spec.ts) must describe the same fields; the
// exhaustive key records below fail to compile when spec.ts gains or loses a field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import schema from '../../src/model/modelspec.schema.json';
import type { BolusDose, BoundedPrior, CovariateSpec, ErrorSpec, InfusionDose, LogNormalPrior, ModelSpec, ObservableSpec, ParameterSpec, StateSpec } from '../../src/model/spec.ts';
import { validateSpec } from '../../src/model/index.ts';

type Keys<T> = Record<keyof T, true>;
const sorted = (o: object) => Object.keys(o).sort();

const MODEL: Keys<ModelSpec> = { $schema: true, name: true, description: true, rationale: true, timeUnit: true, states: true, parameters: true, covariates: true, equations: true, observables: true, doses: true, error: true, stiff: true };
const STATE: Keys<StateSpec> = { name: true, unit: true, initial: true };
const PARAMETER: Keys<ParameterSpec> = { name: true, unit: true, description: true, prior: true, varies: true, omega: true };
const COVARIATE: Keys<CovariateSpec> = { name: true, unit: true, default: true, group: true };
const OBSERVABLE: Keys<ObservableSpec> = { name: true, label: true, unit: true, expression: true };
const BOLUS: Keys<BolusDose> = { type: true, state: true, amount: true, time: true, every: true, count: true, route: true };
const INFUSION: Keys<InfusionDose> = { type: true, state: true, rate: true, start: true, duration: true, every: true, count: true, route: true };
const ERROR: Keys<ErrorSpec> = { model: true, additive: true, proportional: true };
const LOGNORMAL: Keys<LogNormalPrior> = { type: true, median: true, gsd: true };
const BOUNDED: Keys<BoundedPrior> = { type: true, lower: true, upper: true };

describe('schema and TypeScript types', () => {
  it('have the same fields at every level', () => {
    const p = schema.properties;
    expect(sorted(p)).toEqual(sorted(MODEL));
    expect(sorted(p.states.items.properties)).toEqual(sorted(STATE));
    expect(sorted(p.parameters.items.properties)).toEqual(sorted(PARAMETER));
    expect(sorted(p.covariates.items.properties)).toEqual(sorted(COVARIATE));
    expect(sorted(p.observables.items.properties)).toEqual(sorted(OBSERVABLE));
    expect(sorted(p.doses.items.oneOf[0]!.properties)).toEqual(sorted(BOLUS));
    expect(sorted(p.doses.items.oneOf[1]!.properties)).toEqual(sorted(INFUSION));
    expect(sorted(p.error.properties)).toEqual(sorted(ERROR));
    expect(sorted(schema.definitions.lognormal.properties)).toEqual(sorted(LOGNORMAL));
    expect(sorted(schema.definitions.bounded.properties)).toEqual(sorted(BOUNDED));
    expect(p.error.properties.model.enum).toEqual(['additive', 'proportional', 'combined'] satisfies ErrorSpec['model'][]);
    expect(schema.definitions.bounded.properties.type.enum).toEqual(['uniform', 'loguniform'] satisfies BoundedPrior['type'][]);
  });

  it('accept the oral PK example written as a typed ModelSpec literal', () => {
    const typed: ModelSpec = {
      name: 'One-compartment oral PK',
      timeUnit: 'h',
      states: [{ name: 'gut', unit: 'mg', initial: '0' }, { name: 'central', unit: 'mg', initial: '0' }],
      parameters: [
        { name: 'ka', unit: '1/h', prior: { type: 'lognormal', median: 1, gsd: 3 }, varies: true },
        { name: 'CL', unit: 'L/h', prior: { type: 'lognormal', median: 5, gsd: 3 }, varies: true },
        { name: 'V', unit: 'L', prior: { type: 'loguniform', lower: 1, upper: 500 }, varies: true },
      ],
      equations: { gut: '-ka * gut', central: 'ka * gut - CL / V * central' },
      observables: [{ name: 'conc', unit: 'mg/L', expression: 'central / V' }],
      doses: [{ type: 'bolus', state: 'gut', amount: 'dose', time: 0 }],
      error: { model: 'proportional' },
    };
    expect(validateSpec(typed).spec).toEqual(typed);
    const fromFile = JSON.parse(readFileSync('public/examples/models/pk-1cmt-oral.json', 'utf8')) as ModelSpec;
    expect(fromFile.equations).toEqual(typed.equations);
  });
});
