// "Why this model": a short explanation a clinician can read, from the ranking and diagnostics.
import type { FitReport } from '../infer/report.ts';

/** structural parameters, then all estimated ones (between-subject SDs included) */
export interface Size { structural: number; all: number }

/** whether a is the simpler of two models, as the ranking's parsimony rule reads it (rank.ts) */
const simplerThan = (a?: Size, b?: Size): boolean => a !== undefined && b !== undefined && (a.structural < b.structural || (a.structural === b.structural && a.all < b.all));

export interface ExplainInput {
  rank: number;
  weight: number;
  logEvidence: number;
  logEvidenceSE: number;
  /** the next model down (rank 1) or the best model (others): its log-evidence and size */
  reference?: { name: string; logEvidence: number; size?: Size };
  /** this model's size, when known (the parsimony rule compares structures first) */
  size?: Size;
  report: FitReport;
  rationale: string;
}

/** between-subject CV (%) beyond which the explanation asks the reader to check the spread */
const WIDE_SPREAD_CV = 100;

function strength(delta: number): string {
  // Kass & Raftery scale on log Bayes factors
  if (delta > 5) return 'very strong';
  if (delta > 3) return 'strong';
  if (delta > 1) return 'positive';
  return 'weak';
}

/**
 * Why the first model stays ahead of one with more log-evidence (the ranking's rules,
 * docs/discovery.md "Ranking"): parsimony when the first is the smaller, else the prior of a family
 * the words name or the field's convention. `subject` is how the sentence names the model it speaks of.
 */
function whyFirstStays(first: Size | undefined, rival: Size | undefined, subject: 'first' | 'rival'): string {
  if (simplerThan(first, rival)) return `it has ${subject === 'first' ? 'fewer' : 'more'} parameters, and a larger structure must beat a simpler one by more than 2 log-evidence units and its Monte-Carlo error (parsimony)`;
  return `the margin is short of what displacing ${subject === 'first' ? 'it' : 'the first'} needs (a family the words name, or the field's conventional structure; the verdict says which)`;
}

export function explain(x: ExplainInput): string {
  const parts: string[] = [];
  const pct = (100 * x.weight).toFixed(x.weight > 0.995 || x.weight < 0.005 ? 1 : 0);
  if (x.rank === 1) {
    const behind = x.reference !== undefined && x.reference.logEvidence > x.logEvidence;
    const simpler = simplerThan(x.size, x.reference?.size);
    parts.push(`Best supported of the candidates (posterior probability ${pct}%${behind ? (simpler ? ', the simplest among the equally supported' : ', kept first by the ranking rules') : ''}).`);
    if (x.reference) {
      const d = x.logEvidence - x.reference.logEvidence;
      if (d >= 0) parts.push(`Its log-evidence exceeds the runner-up (${x.reference.name}) by ${d.toFixed(1)} — ${strength(d)} evidence${d < 2 * Math.max(x.logEvidenceSE, 0.1) ? ', within Monte-Carlo error: treat the two as comparable' : ''}.`);
      else parts.push(`Ranked first although ${x.reference.name} has ${(-d).toFixed(1)} more log-evidence: ${whyFirstStays(x.size, x.reference.size, 'first')}.`);
    }
  } else if (x.reference) {
    const d = x.reference.logEvidence - x.logEvidence;
    parts.push(d >= 0
      ? `Rank ${x.rank} (probability ${pct}%): ${d.toFixed(1)} log-evidence units behind ${x.reference.name}.`
      : `Rank ${x.rank} (probability ${pct}%): ${(-d).toFixed(1)} log-evidence units above ${x.reference.name}, but ranked below it: ${whyFirstStays(x.reference.size, x.size, 'rival')}.`);
  }
  parts.push(x.rationale);
  const d = x.report.diagnostics;
  const bad = d.residuals.filter((r) => Math.abs(r.meanZ) > 2).length;
  if (d.residuals.length > 0) parts.push(bad === 0 ? 'The predicted cohort mean agrees with every visit (all standardized residuals within ±2).' : `${bad} of ${d.residuals.length} visit means lie outside ±2 standardized residuals.`);
  if (d.patterns.length > 0) parts.push(`Misfit patterns: ${d.patterns.slice(0, 3).join('; ')}.`);
  const weak = [...d.identifiability.atPriorEdge, ...d.identifiability.correlated.map((c) => `${c.a}/${c.b}`)];
  if (weak.length > 0) parts.push(`Poorly identified: ${weak.slice(0, 4).join(', ')}.`);
  const bsv = Object.entries(x.report.bsv).map(([k, v]) => `${k} ${v.cvPercent.toFixed(0)}%`);
  if (bsv.length > 0) parts.push(`Between-subject variability (CV): ${bsv.join(', ')}.`);
  // a spread beyond 100% rarely survives review: it can stand in for a mean the structure misses
  // (the likelihood tolerates a misfit of the means that a wide, heavy-tailed spread makes plausible)
  const wide = Object.entries(x.report.bsv).filter(([, v]) => v.cvPercent > WIDE_SPREAD_CV).map(([k]) => k);
  if (wide.length > 0) parts.push(`A spread above ${WIDE_SPREAD_CV}% (${wide.join(', ')}) is wider than most between-subject variability: check that it is not standing in for a misfit of the mean.`);
  return parts.join(' ');
}
