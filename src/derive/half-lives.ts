// Half-lives of a linear time-invariant model from the eigenvalues of its (constant) Jacobian A:
// each mode decays as exp(λ t), half-life ln 2/|λ|. A dosed state that receives nothing from other
// states (a gut or depot compartment: its row of A holds only the diagonal) is an absorption
// compartment: its eigenvalue is A_ii, the absorption half-life. The remaining modes, fastest
// first, are α, β, γ (one mode: the elimination half-life). Models whose modes are not all real
// and negative (oscillating, growing or conserved) have no half-lives.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface HalfLives {
  /** absorption half-life (one per absorption compartment, slowest first is not assumed: in state order) */
  absorption: number[];
  /** disposition half-lives, fastest first (α, β, γ, …) */
  disposition: number[];
}

/** A: n × n row-major Jacobian; dosedStates: indices of states that receive doses */
export function halfLivesOf(A: ArrayLike<number>, n: number, dosedStates: number[]): HalfLives | null {
  const at = (i: number, j: number) => A[i * n + j]!;
  const absorbing = dosedStates.filter((i) => {
    for (let j = 0; j < n; j++) if (j !== i && at(i, j) !== 0) return false;
    // it must pass its content on to some other state
    let out = false;
    for (let k = 0; k < n; k++) if (k !== i && at(k, i) !== 0) out = true;
    return out && at(i, i) < 0;
  });
  const rest = [...Array(n).keys()].filter((i) => !absorbing.includes(i));
  if (rest.length === 0) return null;
  const sub = new Matrix(rest.map((i) => rest.map((j) => at(i, j))));
  const eig = new EigenvalueDecomposition(sub);
  const re = eig.realEigenvalues, im = eig.imaginaryEigenvalues;
  const scale = Math.max(...re.map(Math.abs), 1e-300);
  for (let k = 0; k < re.length; k++) {
    if (Math.abs(im[k]!) > 1e-9 * scale) return null;
    if (!(re[k]! < -1e-12 * scale)) return null;
  }
  const disposition = re.map((l) => Math.LN2 / -l).sort((a, b) => a - b);
  return { absorption: absorbing.map((i) => Math.LN2 / -at(i, i)), disposition };
}

/** names of the disposition half-lives for a model with `count` modes */
export function dispositionNames(count: number): string[] {
  if (count === 1) return ['t_half_elim'];
  const greek = ['alpha', 'beta', 'gamma', 'delta'];
  return Array.from({ length: count }, (_, k) => (k < greek.length ? `t_half_${greek[k]}` : `t_half_${k + 1}`));
}
