// The final ranking step of discovery: prior model probabilities from the words (domain.ts),
// sanity checks (adequacy.ts), posterior weights among the candidates that pass, and the verdict —
// a best-supported model, or "no model fits these data" with the reasons.
import type { Dataset } from '../data/types.ts';
import type { FitReport } from '../infer/report.ts';
import type { ModelSpec } from '../model/spec.ts';
import { assessFit, type Adequacy } from './adequacy.ts';
import { conventionsFor, familyOf, isConventional, modelPriors, NAMED_FAMILY_PRIOR, namedFamilies, withRefinements } from './domain.ts';
import type { Family } from './library/index.ts';
import { rankByEvidence, type Ranked } from './rank.ts';

export interface Verdict {
  /** true when at least one candidate passed the sanity checks */
  fits: boolean;
  /** one sentence for the report and the app */
  message: string;
  /** why no candidate fits (empty when one does) */
  reasons: string[];
}

export interface PriorNote {
  /** families the context and the data's labels name */
  named: Family[];
  /** prior odds of a named-family model against any other */
  factor: number;
  note: string;
}

export interface RankedCandidate<T> extends Ranked<T> {
  adequacy: Adequacy;
  /** normalised prior model probability among the ranked candidates */
  prior: number;
  /** false when the weight's Monte-Carlo standard error exceeds the weight (shown as undetermined) */
  weightDetermined: boolean;
}

/** log Bayes factor below which a rival is named beside the best whatever the Monte-Carlo error */
const BARE_MENTION = 1;
/** a log Bayes factor beyond this is strong evidence (Kass & Raftery 1995): within Monte-Carlo error it is the run that is imprecise */
const STRONG_EVIDENCE = 3;
/** estimated parameters: structural ones and a between-subject SD for each that varies (the parsimony rule's size) */
export const nParams = (s: ModelSpec) => s.parameters.length + s.parameters.filter((p) => p.varies).length;

export function priorNote(data: Dataset, context?: string): PriorNote {
  const named = [...namedFamilies(data, context)];
  return {
    named,
    factor: NAMED_FAMILY_PRIOR,
    note: named.length > 0
      ? `Prior model probabilities: models of the families the context and the data's labels name (${named.join(', ')}) are given ${NAMED_FAMILY_PRIOR}× the prior probability of others (a difference of ${Math.log(NAMED_FAMILY_PRIOR).toFixed(1)} in log-evidence).`
      : 'Prior model probabilities: equal (the context and the labels name no domain).',
  };
}

/** what the ranking rules read of a candidate (rank.ts) */
interface RankTraits { name: string; prior: number; conventional: boolean; family: string | null; nStructural: number }

/**
 * Why the ranking keeps `kept`, with more posterior weight, below `top` (rank.ts's rules): a family
 * the words do not name never displaces one they name; within a family the conventional structure
 * holds its band (3 plus one SE); otherwise a larger structure needs clearly positive evidence.
 */
export function whyKeptBelow(kept: RankTraits, top: RankTraits): string {
  if (kept.prior < top.prior) return `a model of a family the context does not name does not displace one of a family it names (${kept.family ?? kept.name} against ${top.family ?? top.name})`;
  if (top.conventional && top.family !== null && top.family === kept.family) return "the field's conventional structure yields only to strong evidence (3) plus one standard error of the difference";
  return 'a larger structure has to beat a simpler one by more than 2 and its Monte-Carlo error';
}

/**
 * Ranks fitted candidates: those that pass the sanity checks first (by posterior odds, with the
 * parsimony rule of rank.ts), then the others, which get weight 0 — unless none passes, when all
 * keep their evidence-based weights and the verdict says that no model fits.
 */
export function rankCandidates<T>(items: T[], specOf: (t: T) => ModelSpec, reportOf: (t: T) => FitReport, data: Dataset, context?: string): { ranked: RankedCandidate<T>[]; verdict: Verdict; priors: PriorNote } {
  const note = priorNote(data, context);
  const named = new Set(note.named);
  const adequacy = new Map(items.map((t) => [t, assessFit(reportOf(t), data)]));
  const priors = modelPriors(items.map(specOf), named);
  const prior = new Map(items.map((t, i) => [t, priors[i]!]));
  const conventions = withRefinements(conventionsFor(data, context).motifs);
  const traits = (t: T): RankTraits => ({ nStructural: specOf(t).parameters.length, name: specOf(t).name, prior: prior.get(t)!, conventional: isConventional(specOf(t), conventions), family: familyOf(specOf(t)) });
  const ev = (t: T) => ({ logEvidence: reportOf(t).logEvidence, logEvidenceSE: reportOf(t).logEvidenceSE, nParams: nParams(specOf(t)), ...traits(t) });
  const good = items.filter((t) => adequacy.get(t)!.adequate);
  const bad = items.filter((t) => !adequacy.get(t)!.adequate);
  const fits = good.length > 0;
  const head = rankByEvidence(fits ? good : bad, ev);
  const tail = fits ? rankByEvidence(bad, ev).map((r) => ({ ...r, weight: 0, weightSE: 0 })) : [];
  const all = [...head, ...tail].map((r, i) => ({ ...r, rank: i + 1 }));
  const priorSum = items.reduce((a, t) => a + prior.get(t)!, 0);
  const ranked = all.map((r) => ({
    ...r,
    adequacy: adequacy.get(r.item)!,
    prior: prior.get(r.item)! / priorSum,
    weightDetermined: !(r.weightSE > r.weight),
  }));
  let verdict: Verdict;
  if (fits) {
    const top = ranked[0]!;
    const family = familyOf(specOf(top.item));
    // within Monte-Carlo error, or less than one log-evidence unit apart: a Bayes factor "not worth
    // more than a bare mention" (Kass & Raftery 1995), whatever the SEs
    const gap = (r: (typeof ranked)[number]) => reportOf(top.item).logEvidence - reportOf(r.item).logEvidence;
    const mcError = (r: (typeof ranked)[number]) => 2 * Math.hypot(reportOf(top.item).logEvidenceSE, reportOf(r.item).logEvidenceSE);
    const close = ranked.slice(1).filter((r) => r.adequacy.adequate && Math.abs(gap(r)) <= Math.max(BARE_MENTION, mcError(r)));
    // a gap of strong evidence that only the fits' Monte-Carlo error covers is the run's imprecision,
    // not the data's indecision: named apart, with what would settle it
    const imprecise = close.filter((r) => Math.abs(gap(r)) > STRONG_EVIDENCE);
    const named = (r: (typeof ranked)[number]) => `${specOf(r.item).name}${familyOf(specOf(r.item)) !== family ? ' (another family)' : ''}`;
    const rivals = close.filter((r) => !imprecise.includes(r)).slice(0, 3).map(named);
    const unsettled = imprecise.slice(0, 3).map((r) => `${named(r)} (${Math.abs(gap(r)).toFixed(1)} log-evidence units ${gap(r) > 0 ? 'below' : 'above'} it, ± ${(mcError(r) / 2).toFixed(1)})`);
    const precision = unsettled.length > 0
      ? ` The fits' Monte-Carlo error is too large to rule out ${unsettled.join(', ')}: a longer run (a larger time budget) would settle ${unsettled.length > 1 ? 'them' : 'it'}.`
      : '';
    // models with more posterior weight that the ranking's bands kept below the top (a larger
    // structure against a simpler or the conventional one): named, with the evidence they bring
    const heavier = ranked.slice(1).filter((r) => r.adequacy.adequate && r.weight > top.weight && !close.includes(r)).slice(0, 3);
    const odds = (r: (typeof ranked)[number]) => Math.log(r.weight / Math.max(top.weight, 1e-300)).toFixed(1);
    const kept = heavier.length > 0
      ? ` ${heavier.map((r) => `${specOf(r.item).name} (log Bayes factor ${odds(r)})`).join(', ')} ${heavier.length > 1 ? 'have' : 'has'} more evidence, but not enough to displace it: ${[...new Set(heavier.map((r) => whyKeptBelow(traits(r.item), traits(top.item))))].join('; ')}.`
      : '';
    verdict = {
      fits: true,
      message: `Best supported: ${specOf(top.item).name}` + (rivals.length > 0 ? `; ${rivals.join(', ')} ${rivals.length > 1 ? 'are' : 'is'} within Monte-Carlo error of it or less than one log-evidence unit apart: the data do not decide between them.` : '.') + precision + kept,
      reasons: [],
    };
  } else {
    const reasons = ranked.slice(0, 5).map((r) => `${specOf(r.item).name} ${r.adequacy.problems.join('; ')}`);
    verdict = { fits: false, message: 'No model fits these data: every candidate fails a sanity check (see the reasons). The ranking below is shown for diagnosis only.', reasons };
  }
  return { ranked, verdict, priors: note };
}
