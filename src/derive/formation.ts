// Endpoints of a degradation pathway as the field reports them (FOCUS 2006; mkin's endpoints): for a
// linear network of substances with nothing dosed (a parent and the products it forms), each
// measured substance's DT50 from its total first-order loss, ln 2 / −J_ii, and the formation
// fraction from one measured substance to another, J_ij / −J_jj: the share of what leaves j that
// becomes i. Read from the constant Jacobian J, so it holds whatever the parametrisation (a
// fraction f times a rate, or one rate constant per product).

export interface Substance {
  /** index of the state the observable is */
  state: number;
  /** the observable's name */
  name: string;
}

/** n × n row-major Jacobian of a linear time-invariant model; empty unless one measured substance forms another */
export function formationQuantities(J: ArrayLike<number>, n: number, substances: readonly Substance[]): Record<string, number> {
  const at = (i: number, j: number) => J[i * n + j]!;
  const out: Record<string, number> = {};
  let transfers = 0;
  for (const to of substances) for (const from of substances) {
    if (to === from || !(at(to.state, to.state) <= 0)) continue;
    const formed = at(to.state, from.state), lost = -at(from.state, from.state);
    if (formed > 0 && lost > 0) { out[`ff_${from.name}_to_${to.name}`] = formed / lost; transfers++; }
  }
  if (transfers === 0) return {};
  for (const s of substances) {
    const lost = -at(s.state, s.state);
    if (lost > 0) out[`DT50_${s.name}`] = Math.LN2 / lost;
  }
  return out;
}
