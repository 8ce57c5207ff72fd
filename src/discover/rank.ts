// Ranking by log-evidence and posterior model probabilities (prior model probabilities from the
// context's domain, domain.ts; equal when the words name no family), with the
// Monte-Carlo error of each weight propagated from the log-evidence SEs by drawing them.

import { createRng } from '../infer/rng.ts';
import { structureName } from './structure-key.ts';

/** log Bayes factor a more complex model must exceed to rank above a simpler one */
export const PARSIMONY_BAND = 2;
/**
 * the band a more complex member of a family must exceed to rank above the family's conventional
 * structure (domain.ts CONVENTIONAL_MOTIFS): strong evidence (log Bayes factor 3, Kass & Raftery)
 * plus one standard error of the difference, as a reviewer asks before accepting an extra
 * parameter in a model the field reports by default (real Theoph: an absorption lag or transit
 * compartment 2.4–3.5 above one-compartment oral PK, with SEs near 1, flipped the first place
 * between runs of one seed on the noise of the evidences). Not two SEs: SEIR simulated for the
 * recovery benchmark, 6.5 above SIR with an SE of 1.8 for the difference, was kept below it.
 */
export const CONVENTIONAL_BAND = 3;
/** a log-evidence SE above this is too noisy for the parsimony rule to promote its model beyond the fixed band */
export const RELIABLE_SE = 1.5;

export interface Ranked<T> { item: T; rank: number; weight: number; weightSE: number }

/** draws of the log-evidences behind a weight's Monte-Carlo standard error (seeded: the same ranking gives the same errors) */
const WEIGHT_DRAWS = 4000;

/**
 * Posterior model probabilities from log-evidences and (unnormalised) prior model probabilities
 * (equal when omitted), with Monte-Carlo standard errors: the SD of the weights over draws of the
 * log-evidences from their estimates' normal errors. (The delta method agrees when the errors are
 * small against the gaps, and is far too small when they are not: a 99.9% weight 7 units ahead
 * with SEs of 10 got ± 0.8 points.)
 */
export function modelWeights(logEvidence: number[], se: number[], prior?: number[]): { weight: number[]; weightSE: number[] } {
  const shifted = logEvidence.map((l, i) => (Number.isFinite(l) && (prior?.[i] ?? 1) > 0 ? l + Math.log(prior?.[i] ?? 1) : -Infinity));
  const w = normalised(shifted);
  const sd = se.map((s) => (Number.isFinite(s) && s > 0 ? s : 0));
  if (!sd.some((s, i) => s > 0 && shifted[i]! > -Infinity)) return { weight: w, weightSE: w.map(() => 0) };
  const rng = createRng(20261202);
  const sum = w.map(() => 0), sum2 = w.map(() => 0);
  for (let d = 0; d < WEIGHT_DRAWS; d++) {
    const draw = normalised(shifted.map((l, i) => l + sd[i]! * rng.normal()));
    draw.forEach((x, i) => { sum[i]! += x; sum2[i]! += x * x; });
  }
  const weightSE = w.map((_, i) => Math.sqrt(Math.max(0, sum2[i]! / WEIGHT_DRAWS - (sum[i]! / WEIGHT_DRAWS) ** 2)));
  return { weight: w, weightSE };
}

/** exp-normalised (−∞ gets 0; all −∞ gives all 0) */
function normalised(logs: number[]): number[] {
  const max = Math.max(...logs);
  if (!Number.isFinite(max)) return logs.map(() => 0);
  const un = logs.map((l) => Math.exp(l - max));
  const z = un.reduce((a, b) => a + b, 0);
  return un.map((u) => u / z);
}

/** the structure's size: its parameters, without the BSV terms */
const structuralSize = (e: { nParams: number; nStructural?: number }) => e.nStructural ?? e.nParams;

/**
 * Sorts by log-evidence (descending), with a parsimony rule: at each rank, the simplest model
 * (fewest structural parameters; at equal structure, the conventional one of a family, then the
 * fewest parameters + BSV terms) among those whose log-evidence is within the band of the best
 * remaining one is taken
 * (band = max(PARSIMONY_BAND, 2·√(SE_a² + SE_b²))): a more complex structure has to earn its
 * place by clearly positive evidence beyond Monte-Carlo error. Simpler structures also
 * forecast beyond the last visit more safely.
 * The family's conventional structure holds its place against its own family's larger members
 * within the wider CONVENTIONAL_BAND plus one SE of the difference.
 * Within one family, a structure the field treats as the standard one (domain.ts CONVENTIONAL_MOTIFS:
 * logistic growth, SIR, one-compartment PK, …) is preferred within the band, larger or smaller: the
 * data do not decide, and a reviewer expects the conventional model unless the data ask for another.
 * Across families, a model of a family the words name (a higher prior model probability) is not
 * displaced by a simpler one of a family they do not name.
 * Remaining ties are broken by fewer parameters and then by name, so the order is deterministic.
 * Weights are always the evidence-based posterior model probabilities.
 */
export function rankByEvidence<T>(items: T[], ev: (t: T) => { logEvidence: number; logEvidenceSE: number; nParams: number; nStructural?: number; name: string; prior?: number; conventional?: boolean; family?: string | null }): Ranked<T>[] {
  // ordered by log posterior odds: log-evidence + log prior model probability
  const L = (t: T) => { const e = ev(t); const l = e.logEvidence + Math.log(e.prior ?? 1); return Number.isFinite(l) ? l : -Infinity; };
  const byEvidence = [...items].sort((a, b) => {
    const la = L(a), lb = L(b);
    if (la !== lb) return lb - la;
    const ea = ev(a), eb = ev(b);
    return ea.nParams - eb.nParams || (ea.name < eb.name ? -1 : ea.name > eb.name ? 1 : 0);
  });
  /** how far below `ahead` the model `c` may lie and still be promoted over it: the fixed band, and its fixed part */
  const bandBelow = (ahead: T, c: T): { band: number; fixed: number } => {
    // the conventional structure holds its place against a larger member of its family, one of its
    // size the field does not use, and its own structure with other random effects — not against
    // another conventional structure of its size: between an absorption lag and a transit
    // compartment the usual band decides (tetracycline, seed 2: the transit model with one random
    // effect, 2.6 below the lag model, had been put first as the variant with fewer parameters)
    const [a, b] = [ev(ahead), ev(c)];
    const sameSize = structuralSize(b) === structuralSize(a);
    const rivalConvention = sameSize && a.conventional === true && structureName(a.name) !== structureName(b.name);
    const holds = b.conventional === true && b.family != null && b.family === a.family && structuralSize(b) <= structuralSize(a) && !rivalConvention;
    const fixed = holds ? CONVENTIONAL_BAND : PARSIMONY_BAND;
    const se = (t: T) => (Number.isFinite(ev(t).logEvidenceSE) ? ev(t).logEvidenceSE : 0);
    const mc = 2 * Math.hypot(se(ahead), se(c));
    // the conventional structure yields only to strong evidence beyond one SE of the difference; others to the larger of the two
    return { band: holds ? fixed + mc / 2 : Math.max(fixed, mc), fixed };
  };
  const remaining = [...byEvidence];
  const sorted: T[] = [];
  while (remaining.length > 0) {
    const top = remaining[0]!;
    let pick = 0;
    for (let i = 1; i < remaining.length; i++) {
      const c = remaining[i]!;
      const { band, fixed } = bandBelow(top, c);
      // beyond the fixed band only a reliably estimated evidence can be promoted (a huge SE would
      // make the Monte-Carlo band huge); within it the SE is not what lets it in
      const reliable = (Number.isFinite(ev(c).logEvidenceSE) && ev(c).logEvidenceSE <= RELIABLE_SE) || L(top) - L(c) <= fixed;
      // nor over a noisy leader when a model between them beats it clearly (NAFTA's p16 without its
      // last visit: FOMC within the Monte-Carlo band of a leader with an SE of 2, but 2.8 below DFOP,
      // whose SE was 0.2, had been put first)
      const beaten = remaining.slice(1, i).some((d) => L(d) - L(c) > bandBelow(d, c).band);
      const p = ev(remaining[pick]!), q = ev(c);
      // a model of a family the words do not name (lower prior) is not preferred over one of a
      // family they name, however simple: an epidemic is no model of a chick's weight.
      // Within one family the field's conventional structure (domain.ts) wins, larger or smaller,
      // whatever random effects either carries (a reviewer settles the structure first, then its
      // random effects); otherwise the simpler structure wins, then fewer parameters
      const sameFamily = q.family != null && q.family === p.family;
      const sq = structuralSize(q), sp = structuralSize(p);
      const convention = sameFamily && q.conventional !== p.conventional ? (q.conventional === true ? 1 : -1) : 0;
      const preferred = (q.prior ?? 1) >= (p.prior ?? 1) && (convention !== 0 ? convention > 0 : sq < sp || (sq === sp && q.nParams < p.nParams));
      if (reliable && !beaten && L(top) - L(c) <= band && preferred) pick = i;
    }
    sorted.push(remaining.splice(pick, 1)[0]!);
  }
  const { weight, weightSE } = modelWeights(sorted.map((s) => ev(s).logEvidence), sorted.map((s) => ev(s).logEvidenceSE), sorted.map((s) => ev(s).prior ?? 1));
  return sorted.map((item, i) => ({ item, rank: i + 1, weight: weight[i]!, weightSE: weightSE[i]! }));
}
