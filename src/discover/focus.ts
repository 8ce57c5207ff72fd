// Which observables discovery models (docs/discovery.md, "Several observables"). Evidences are
// comparable only between models of the same data, so every candidate describes the same
// observables. Several observables are modelled together when a mechanism links them — a drug
// concentration with a response (PK-PD), or predator and prey; otherwise (e.g. viral load and
// CD4 count, which no library mechanism links) discovery models the one the context names first
// and says which it left out, instead of forcing an unrelated two-observable model on both.
import type { Dataset } from '../data/types.ts';
import { FAMILY_KEYWORDS, namedFamilies } from './domain.ts';
import { seriesShape } from './features.ts';
import { dataScales } from './library/index.ts';
import { epidemicQuantities } from './library/epidemic.ts';
import { MICROBIAL_GROWTH_RE, twoFloraGrow } from './library/microbial.ts';

export interface Focus {
  data: Dataset;
  /** observables left out (empty when all are modelled) */
  dropped: string[];
  note?: string;
}

const words = (s: string) => s.toLowerCase().replace(/[_\s]+/g, ' ').trim();

/** parts of a column name that do not say what is measured ("log10_rna": the RNA is) */
const GENERIC = /^(log|log10|log2|ln|conc|concentration|mean|value|values|level|levels|total|plasma|serum|blood|obs|observed|dv|count|counts|[a-z])$/;
/**
 * the field's names for one quantity: a column named for HIV RNA or copies is the viral load a
 * context speaks of ("viral load decline under ART"), and the reverse
 */
const SAME_QUANTITY: readonly RegExp[] = [/\b(viral load|vl|(hiv[- ]?1? )?rna|copies)\b/];

/** where a whole word or phrase first occurs in the text, -1 if nowhere */
function wordAt(text: string, phrase: string): number {
  const m = new RegExp(`(^|[^a-z0-9])${phrase.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![a-z0-9])`).exec(text);
  return m ? m.index + m[1]!.length : -1;
}

/**
 * Position of the first mention of an observable in the context, Infinity if none: its name, its
 * unit, a telling part of its name ("RNA" for log10_rna), or the field's name for the same quantity.
 */
function mention(context: string, name: string, unit?: string): number {
  const text = words(context);
  const at = [name, unit].filter((x): x is string => !!x && x.trim().length > 1).map((x) => text.indexOf(words(x)));
  for (const part of words(name).split(/[^a-z0-9]+/)) if (part.length > 1 && !GENERIC.test(part)) at.push(wordAt(text, part));
  const label = words(`${name} ${unit ?? ''}`);
  for (const same of SAME_QUANTITY) {
    const m = same.test(label) ? same.exec(text) : null;
    if (m) at.push(m.index);
  }
  const found = at.filter((i) => i >= 0);
  return found.length > 0 ? Math.min(...found) : Infinity;
}

export function focusObservables(data: Dataset, context = ''): Focus {
  if (data.observables.length <= 1) return { data, dropped: [] };
  // predator and prey: both series oscillate (or the words say ecology)
  const allOscillate = data.observables.every((o) => data.series.some((s) => s.observable === o.name && s.times.length >= 5 && seriesShape(s).oscillation));
  const named = namedFamilies(data, context);
  const scales = dataScales(data, context);
  const linked = (data.observables.length === 2 && (scales.pkpd !== undefined || scales.parentMetabolite !== undefined || named.has('ecology') || allOscillate))
    // a degrading parent and the products it forms
    || scales.degradationPathway !== undefined
    // susceptibles and infected (Eyam, 1666): one epidemic's quantities
    || (named.has('epidemic') && epidemicQuantities(scales.observables))
    // two bacterial flora growing in one medium (a pathogen and the background flora)
    || (twoFloraGrow(scales) && MICROBIAL_GROWTH_RE.test([context, ...data.observables.map((o) => `${o.name} ${o.unit ?? ''}`)].join(' ')));
  if (linked) return { data, dropped: [] };
  const order = data.observables.map((o, i) => ({ o, i, at: mention(context, o.name, o.unit) })).sort((a, b) => a.at - b.at || a.i - b.i);
  // none named: the first whose own label speaks of a field the context names ("viral dynamics in
  // HIV patients": the column of RNA copies, not the CD4 count), else the data's first
  const mentioned = Number.isFinite(order[0]!.at);
  const fields = mentioned ? [] : Object.values(FAMILY_KEYWORDS).filter((re) => re.test(context));
  const inField = data.observables.find((o) => fields.some((re) => re.test(words(`${o.name} ${o.unit ?? ''}`))));
  const keep = inField?.name ?? order[0]!.o.name;
  const why = mentioned ? 'named first in the context' : inField ? 'its label speaks of the field the context names' : 'the first observable of the data';
  const dropped = data.observables.map((o) => o.name).filter((n) => n !== keep);
  return {
    data: { ...data, observables: data.observables.filter((o) => o.name === keep), series: data.series.filter((s) => s.observable === keep) },
    dropped,
    note: `No library mechanism links ${data.observables.map((o) => `"${o.name}"`).join(' and ')}; discovery models "${keep}" (${why}) and leaves out ${dropped.map((d) => `"${d}"`).join(', ')}. Run discovery on the other observable separately, or write a model that links them.`,
  };
}
