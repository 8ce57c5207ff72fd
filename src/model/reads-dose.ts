// Does a spec read the data's dose? Most dosed models give `dose` to a state; a model may also
// give a fixed amount (an event's unit signal at time 0, event.ts) and then needs no dose from
// the data, nor a warning that none was given.
import { someIdent } from './ast.ts';
import { parseExpression } from './parser.ts';
import type { ModelSpec } from './spec.ts';

export function readsDose(spec: ModelSpec): boolean {
  const texts = [
    ...spec.states.map((s) => s.initial), ...Object.values(spec.equations), ...spec.observables.map((o) => o.expression),
    ...(spec.doses ?? []).map((d) => (d.type === 'bolus' ? d.amount : d.rate)),
  ];
  return texts.some((t) => someIdent(parseExpression(t), (i) => i.name === 'dose'));
}
