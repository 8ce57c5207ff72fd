// "Why this model": a short explanation a clinician can read, from the ranking and diagnostics.
import type { FitReport } from '../infer/report.ts';

export interface ExplainInput {
  rank: number;
  weight: number;
  logEvidence: number;
  logEvidenceSE: number;
  /** log-evidence of the next model down (rank 1) or of the best model (others) */
  reference?: { name: string; logEvidence: number };
  report: FitReport;
  rationale: string;
}

function strength(delta: number): string {
  // Kass & Raftery scale on log Bayes factors
  if (delta > 5) return 'very strong';
  if (delta > 3) return 'strong';
  if (delta > 1) return 'positive';
  return 'weak';
}

export function explain(x: ExplainInput): string {
  const parts: string[] = [];
  const pct = (100 * x.weight).toFixed(x.weight > 0.995 || x.weight < 0.005 ? 1 : 0);
  if (x.rank === 1) {
    parts.push(`Best supported of the candidates (posterior probability ${pct}%${x.reference && x.reference.logEvidence > x.logEvidence ? ', the simplest among the equally supported' : ''}).`);
    if (x.reference) {
      const d = x.logEvidence - x.reference.logEvidence;
      if (d >= 0) parts.push(`Its log-evidence exceeds the runner-up (${x.reference.name}) by ${d.toFixed(1)} — ${strength(d)} evidence${d < 2 * Math.max(x.logEvidenceSE, 0.1) ? ', within Monte-Carlo error: treat the two as comparable' : ''}.`);
      else parts.push(`Ranked first for parsimony: its log-evidence is within Monte-Carlo error of ${x.reference.name} (${(-d).toFixed(1)} lower) and it has fewer parameters.`);
    }
  } else if (x.reference) {
    const d = x.reference.logEvidence - x.logEvidence;
    parts.push(`Rank ${x.rank} (probability ${pct}%): ${d.toFixed(1)} log-evidence units behind ${x.reference.name}.`);
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
  return parts.join(' ');
}
