// Values below the quantification limit in subject-level data: how a cell says so, and what a visit
// with such values becomes (docs/data-format.md, "Below the quantification limit";
// docs/likelihood.md, "Censored visits"). Shared by the individual and the NONMEM-style readers.
import { meanAndSd } from './mean-sd.ts';
import { parseNumberCell } from './numbers.ts';

/** "<0.1", "< 0,1", "<LLOQ", "BLQ", "BQL", "ND", "not detected", "below LLOQ", "<LLOQ (0.5)", "<0.5 (LLOQ)": a value the assay could not quantify */
const WORDS = String.raw`blq|bql|bloq|lloq|loq|llq|lod|nd|n\.d\.|nq|n\.q\.|not detected|not quantifiable|below (?:the )?(?:lloq|loq|lod|limit(?: of (?:quantification|detection))?)`;
const CENSORED_WORD = new RegExp(`^(<\\s*)?(${WORDS})$`, 'i');
const BELOW_NUMBER = /^<\s*(\S+)$/;
/** the word with its limit: "<LLOQ (0.5)", "BLQ (<0.1 ng/mL)", "< LLOQ = 0.5"; or the limit with its word: "<0.5 (LLOQ)" */
const WORD_WITH_LIMIT = new RegExp(`^(?:<\\s*)?(?:${WORDS})\\s*(?:[(\\[]\\s*(?:[<=:]\\s*)?([0-9.,]+)[^()\\[\\]0-9]*[)\\]]|[=:]\\s*([0-9.,]+))$`, 'i');
const LIMIT_WITH_WORD = new RegExp(`^<\\s*([0-9.,]+)\\s*[(\\[]\\s*(?:${WORDS})\\s*[)\\]]$`, 'i');

/**
 * A cell that reports a value below the quantification limit: its LLOQ when the cell gives one
 * ("<0.1"), null when it only says so ("BLQ"); undefined for any other cell.
 */
export function censoredCell(raw: string, decimalComma: boolean): { lloq: number | null } | undefined {
  const s = raw.trim();
  if (CENSORED_WORD.test(s)) return { lloq: null };
  const stated = WORD_WITH_LIMIT.exec(s) ?? LIMIT_WITH_WORD.exec(s);
  if (stated) {
    const bound = parseNumberCell(stated[1] ?? stated[2]!, decimalComma);
    return bound.kind === 'number' && bound.value >= 0 ? { lloq: bound.value } : undefined;
  }
  const m = BELOW_NUMBER.exec(s);
  if (!m) return undefined;
  const bound = parseNumberCell(m[1]!, decimalComma);
  return bound.kind === 'number' && bound.value >= 0 ? { lloq: bound.value } : undefined;
}

/** One subject's sample at a visit: quantified (a value) or below the LLOQ (its LLOQ, when known). */
export type VisitSample = { blq: false; value: number } | { blq: true; lloq: number | null };

/**
 * A visit's summary: n counts every sample, n_blq those below the LLOQ; the LLOQ is the largest
 * stated at the visit, else the observable's stand-in. The mean and SD are over the quantified
 * values with each censored one entered as LLOQ/2 (the censored likelihood then asks how probable
 * n_blq of n below the LLOQ is); with no LLOQ known, over the quantified values only.
 */
export function censoredVisit(samples: readonly VisitSample[], standIn: number | null): { mean: number; sd: number | null; n: number; nBlq?: number; lloq?: number } {
  const censored = samples.filter((s): s is Extract<VisitSample, { blq: true }> => s.blq);
  const stated = censored.map((s) => s.lloq).filter((x): x is number => x !== null);
  const lloq = stated.length > 0 ? Math.max(...stated) : standIn;
  const values = samples.flatMap((s) => (s.blq ? (lloq !== null ? [lloq / 2] : []) : [s.value]));
  const stats = values.length > 0 ? meanAndSd(values) : { mean: 0, sd: 0 };
  return { mean: stats.mean, sd: stats.sd, n: samples.length, ...(censored.length > 0 ? { nBlq: censored.length, ...(lloq !== null ? { lloq } : {}) } : {}) };
}

/**
 * Per observable whose censored samples give no LLOQ: the smallest quantified value stands in for
 * it (an upper bound: the lab reported that one, so it was quantifiable). `warn` is told for each
 * such observable, with the stand-in or null when nothing was quantified.
 */
export function standInLloqs(samples: readonly { observable: string; sample: VisitSample }[], warn: (observable: string, standIn: number | null) => void): Map<string, number> {
  const out = new Map<string, number>();
  const unstated = new Set(samples.filter((s) => s.sample.blq && s.sample.lloq === null).map((s) => s.observable));
  for (const name of unstated) {
    const quantified = samples.flatMap((s) => (s.observable === name && !s.sample.blq && s.sample.value > 0 ? [s.sample.value] : []));
    if (quantified.length === 0) { warn(name, null); continue; }
    const lloq = quantified.reduce((a, b) => Math.min(a, b));
    out.set(name, lloq);
    warn(name, lloq);
  }
  return out;
}
