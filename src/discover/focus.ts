// Which observables discovery models (docs/discovery.md, "Several observables"). Evidences are
// comparable only between models of the same data, so every candidate describes the same
// observables. Several observables are modelled together when a mechanism links them — a drug
// concentration with a response (PK-PD), or predator and prey; otherwise (e.g. viral load and
// CD4 count, which no library mechanism links) discovery models the one the context names first
// and says which it left out, instead of forcing an unrelated two-observable model on both.
import type { Dataset } from '../data/types.ts';
import { namedFamilies } from './domain.ts';
import { seriesShape } from './features.ts';
import { dataScales } from './library/index.ts';
import { epidemicQuantities } from './library/epidemic.ts';

export interface Focus {
  data: Dataset;
  /** observables left out (empty when all are modelled) */
  dropped: string[];
  note?: string;
}

const words = (s: string) => s.toLowerCase().replace(/[_\s]+/g, ' ').trim();

/** Position of the first mention of an observable (its name or its unit) in the context, Infinity if none. */
function mention(context: string, name: string, unit?: string): number {
  const text = words(context);
  const at = [name, unit].filter((x): x is string => !!x && x.trim().length > 1).map((x) => text.indexOf(words(x))).filter((i) => i >= 0);
  return at.length > 0 ? Math.min(...at) : Infinity;
}

export function focusObservables(data: Dataset, context = ''): Focus {
  if (data.observables.length <= 1) return { data, dropped: [] };
  // predator and prey: both series oscillate (or the words say ecology)
  const allOscillate = data.observables.every((o) => data.series.some((s) => s.observable === o.name && s.times.length >= 5 && seriesShape(s).oscillation));
  const named = namedFamilies(data, context);
  const scales = dataScales(data, context);
  const linked = (data.observables.length === 2 && (scales.pkpd !== undefined || scales.parentMetabolite !== undefined || named.has('ecology') || allOscillate))
    // susceptibles and infected (Eyam, 1666): one epidemic's quantities
    || (named.has('epidemic') && epidemicQuantities(scales.observables));
  if (linked) return { data, dropped: [] };
  const order = data.observables.map((o, i) => ({ o, i, at: mention(context, o.name, o.unit) })).sort((a, b) => a.at - b.at || a.i - b.i);
  const keep = order[0]!.o.name;
  const dropped = data.observables.map((o) => o.name).filter((n) => n !== keep);
  return {
    data: { ...data, observables: data.observables.filter((o) => o.name === keep), series: data.series.filter((s) => s.observable === keep) },
    dropped,
    note: `No library mechanism links ${data.observables.map((o) => `"${o.name}"`).join(' and ')}; discovery models "${keep}" (${Number.isFinite(order[0]!.at) ? 'named first in the context' : 'the first observable of the data'}) and leaves out ${dropped.map((d) => `"${d}"`).join(', ')}. Run discovery on the other observable separately, or write a model that links them.`,
  };
}
