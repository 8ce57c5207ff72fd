// Ranking by log-evidence and posterior model probabilities (equal prior weights), with the
// Monte-Carlo error of each weight propagated from the log-evidence SEs (delta method:
// ∂w_i/∂L_j = w_i(δ_ij − w_j), so Var w_i ≈ Σ_j w_i²(δ_ij − w_j)² SE_j²).

export interface Ranked<T> { item: T; rank: number; weight: number; weightSE: number }

export function modelWeights(logEvidence: number[], se: number[]): { weight: number[]; weightSE: number[] } {
  const finite = logEvidence.map((l) => (Number.isFinite(l) ? l : -Infinity));
  const max = Math.max(...finite);
  if (!Number.isFinite(max)) return { weight: finite.map(() => 0), weightSE: finite.map(() => 0) };
  const un = finite.map((l) => Math.exp(l - max));
  const z = un.reduce((a, b) => a + b, 0);
  const w = un.map((u) => u / z);
  const weightSE = w.map((wi, i) => {
    let v = 0;
    for (let j = 0; j < w.length; j++) {
      const d = wi * ((i === j ? 1 : 0) - w[j]!);
      const s = Number.isFinite(se[j]!) ? se[j]! : 0;
      v += d * d * s * s;
    }
    return Math.sqrt(v);
  });
  return { weight: w, weightSE };
}

/**
 * Sorts by log-evidence (descending); ties (equal to 1e-9) broken by fewer parameters and then
 * by name, so the order is deterministic.
 */
export function rankByEvidence<T>(items: T[], ev: (t: T) => { logEvidence: number; logEvidenceSE: number; nParams: number; name: string }): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => {
    const ea = ev(a), eb = ev(b);
    const la = Number.isFinite(ea.logEvidence) ? ea.logEvidence : -Infinity;
    const lb = Number.isFinite(eb.logEvidence) ? eb.logEvidence : -Infinity;
    if (Math.abs(la - lb) > 1e-9 && la !== lb) return lb - la;
    return ea.nParams - eb.nParams || (ea.name < eb.name ? -1 : ea.name > eb.name ? 1 : 0);
  });
  const { weight, weightSE } = modelWeights(sorted.map((s) => ev(s).logEvidence), sorted.map((s) => ev(s).logEvidenceSE));
  return sorted.map((item, i) => ({ item, rank: i + 1, weight: weight[i]!, weightSE: weightSE[i]! }));
}
