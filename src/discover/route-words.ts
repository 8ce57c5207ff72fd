// The route a study's one line of context states (docs/discovery.md, "Study design"): read by the
// first pick, the regimen read from words and the PK-PD drive of the library's effect models.

const IV_WORDS = /\b(iv|i\.v\.|intravenous(ly)?|infusions?|infused|bolus)\b/i;
const ORAL_WORDS = /\b(oral(ly)?|tablets?|capsules?|p\.?o\.?|per os|by mouth|swallowed)\b/i;
/** subcutaneous, intramuscular, intraperitoneal, intranasal, inhaled, sublingual and rectal doses are absorbed first-order from a depot, as oral ones: the oral structures model them */
const EXTRAVASCULAR_WORDS = /\b(subcutaneous(ly)?|subcut|s\.c\.|intramuscular(ly)?|i\.m\.|intraperitoneal(ly)?|i\.p\.|intranasal(ly)?|inhal(ed|ation)|sublingual(ly)?|buccal|rectal(ly)?)(?![a-z])/i;
const EXTRAVASCULAR_ABBREVIATIONS = /\b(SC|IM|IP)\b/;

/**
 * The route the context states, when it states one route only: "after an IV bolus", "a 10-minute
 * infusion" → iv; "a single oral dose", "tablets", "subcutaneous", "SC", "i.m.", "intraperitoneal",
 * "inhaled" → oral (first-order absorption from a depot). Discovery then proposes PK structures of
 * that route only (the data's regimen, when given, decides first).
 */
export function routeFromContext(context = ''): 'oral' | 'iv' | undefined {
  const iv = IV_WORDS.test(context), oral = ORAL_WORDS.test(context) || EXTRAVASCULAR_WORDS.test(context) || EXTRAVASCULAR_ABBREVIATIONS.test(context);
  return iv && !oral ? 'iv' : oral && !iv ? 'oral' : undefined;
}
