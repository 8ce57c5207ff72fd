// What discovery reads from the context's words, in sentences, before a run: the families they
// name (prior model probabilities), the route they state, and the regimen they state or the design
// note when they describe one the data do not carry. The app shows it under the context, so the
// user sees — and can correct — what the words will do (docs/discovery.md).
import type { Dataset } from '../data/types.ts';
import { designNote } from './design.ts';
import { NAMED_FAMILY_PRIOR, namedFamilies, routeFromContext } from './domain.ts';
import { regimenFromWords } from './regimen-from-words.ts';

export function contextReading(data: Dataset | null, context: string): string[] {
  if (!context.trim()) return [];
  const lines: string[] = [];
  if (data) {
    const named = [...namedFamilies(data, context)];
    if (named.length > 0) lines.push(`The words name ${named.join(', ')}: models of ${named.length > 1 ? 'these families' : 'that family'} get ${NAMED_FAMILY_PRIOR}× the prior probability of others.`);
  }
  const route = routeFromContext(context);
  if (route && !data?.groups.some((g) => g.regimen?.route)) lines.push(`The route is ${route === 'oral' ? 'oral' : 'intravenous'}: only ${route === 'oral' ? 'oral' : 'intravenous'} PK structures are proposed.`);
  const stated = data ? regimenFromWords(data, context) : null;
  if (stated) lines.push(stated.note);
  else if (!data?.groups.some((g) => g.regimen !== undefined)) {
    const note = designNote(context);
    if (note) lines.push(note);
  }
  return lines;
}
