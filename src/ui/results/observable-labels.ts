// Which of a model's observables stand for a data label that is not a valid name ("CD4 count"
// is fitted as CD4_count): the Results view and the report show the pair, so an equation's
// identifier can always be traced back to the column of the data it describes.
import type { ModelSpec } from '../../model/spec.ts';

export interface LabelledObservable { name: string; label: string; unit?: string }

export function labelledObservables(spec: ModelSpec): LabelledObservable[] {
  return spec.observables
    .filter((o) => typeof o.label === 'string' && o.label !== o.name)
    .map((o) => ({ name: o.name, label: o.label!, ...(o.unit ? { unit: o.unit } : {}) }));
}

/** "CD4_count is the data's “CD4 count”" — plain text; each medium escapes it. */
export function labelSentence(o: LabelledObservable): string {
  return `${o.name} is the data's “${o.label}”`;
}
