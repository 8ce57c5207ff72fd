// Reference reduction from trajectory outputs to the moments the aggregate likelihood needs
// (MomentsResult in types.ts). The WebGPU on-device reduction must equal this within f32 tolerance.
// Per group and observable, over the group's successful trajectories only (failed ones are
// counted out, so no NaN ever enters a sum): mean_t, and with d = y − mean,
//   cov[i][j] = E[d_i d_j],  m22[i][j] = E[d_i² d_j²],  m12[i][j] = E[d_i d_j²]   (divisor okCount).
// A group with okCount = 0 gets NaN moments (its count says why).
import { Status, type MomentArrays } from './types.ts';

export type { MomentArrays };

export function allocMoments(nGroups: number, nObs: number, nTimes: number): MomentArrays {
  const sq = nGroups * nObs * nTimes * nTimes;
  return {
    nGroups, nTimes, nObs,
    okCount: new Uint32Array(nGroups),
    mean: new Float64Array(nGroups * nObs * nTimes),
    cov: new Float64Array(sq),
    m22: new Float64Array(sq),
    m12: new Float64Array(sq),
  };
}

/**
 * Reduces one group: trajectories first … first+groupSize−1 of `outputs` (n × nTimes × nObs,
 * row-major) with their `status`, into group g of `dst`. `scratch` (groupSize × nTimes) avoids
 * allocation.
 */
export function reduceGroup(
  outputs: Float64Array, status: Uint8Array, first: number, groupSize: number,
  dst: MomentArrays, g: number, scratch: Float64Array = new Float64Array(groupSize * dst.nTimes),
): void {
  const { nTimes: T, nObs: O } = dst;
  const stride = T * O;
  let ok = 0;
  for (let r = first; r < first + groupSize; r++) if (status[r] === Status.ok) ok++;
  dst.okCount[g] = ok;
  // centred outputs of the ok trajectories, one contiguous column per time: D[i·ok + q]
  const D = scratch.length >= ok * T ? scratch : new Float64Array(ok * T);
  const { mean, cov, m22, m12 } = dst;
  for (let o = 0; o < O; o++) {
    const mOff = (g * O + o) * T;
    const sOff = mOff * T;
    if (ok === 0) {
      mean.fill(NaN, mOff, mOff + T);
      cov.fill(NaN, sOff, sOff + T * T);
      m22.fill(NaN, sOff, sOff + T * T);
      m12.fill(NaN, sOff, sOff + T * T);
      continue;
    }
    for (let i = 0; i < T; i++) {
      let s = 0;
      for (let r = first; r < first + groupSize; r++) if (status[r] === Status.ok) s += outputs[r * stride + i * O + o]!;
      mean[mOff + i] = s / ok;
    }
    for (let i = 0; i < T; i++) {
      const m = mean[mOff + i]!;
      let q = i * ok;
      for (let r = first; r < first + groupSize; r++) if (status[r] === Status.ok) D[q++] = outputs[r * stride + i * O + o]! - m;
    }
    // every entry summed over the trajectories in order, in registers (the sums, and so the
    // results, are those of a trajectory-by-trajectory accumulation)
    // cov and m22 are symmetric: each pair i ≤ j is summed once (m22 as (d_i d_j)², so both halves
    // are the same number), with m12 both ways (d_i d_j² and d_j d_i²). Two pairs (i, j) and
    // (i, j + 1) run together: eight independent sums instead of four keep the floating-point unit
    // busy (a third of the time at 50 times × 128 subjects), each still in trajectory order.
    const inv = 1 / ok;
    const store = (i: number, j: number, c: number, c22: number, c12: number, c21: number) => {
      const k = sOff + i * T + j;
      const kt = sOff + j * T + i;
      cov[k] = cov[kt] = c * inv;
      m22[k] = m22[kt] = c22 * inv;
      m12[k] = c12 * inv;
      m12[kt] = c21 * inv;
    };
    for (let i = 0; i < T; i++) {
      const a = i * ok;
      let j = i;
      for (; j + 1 < T; j += 2) {
        const b = j * ok, b2 = b + ok;
        let c = 0, c22 = 0, c12 = 0, c21 = 0, e = 0, e22 = 0, e12 = 0, e21 = 0;
        for (let q = 0; q < ok; q++) {
          const di = D[a + q]!;
          const dj = D[b + q]!;
          const dk = D[b2 + q]!;
          const pij = di * dj;
          const pik = di * dk;
          c += pij;
          c22 += pij * pij;
          c12 += pij * dj;
          c21 += pij * di;
          e += pik;
          e22 += pik * pik;
          e12 += pik * dk;
          e21 += pik * di;
        }
        store(i, j, c, c22, c12, c21);
        store(i, j + 1, e, e22, e12, e21);
      }
      if (j < T) {
        const b = j * ok;
        let c = 0, c22 = 0, c12 = 0, c21 = 0;
        for (let q = 0; q < ok; q++) {
          const di = D[a + q]!;
          const dj = D[b + q]!;
          const pij = di * dj;
          c += pij;
          c22 += pij * pij;
          c12 += pij * dj;
          c21 += pij * di;
        }
        store(i, j, c, c22, c12, c21);
      }
    }
  }
}

/** Moments of all groups of `groupSize` consecutive trajectories. */
export function computeMoments(outputs: Float64Array, status: Uint8Array, nTimes: number, nObs: number, groupSize: number): MomentArrays {
  const n = status.length;
  if (!(Number.isInteger(groupSize) && groupSize >= 1) || n % groupSize !== 0) {
    throw new Error(`computeMoments: ${n} trajectories do not split into groups of ${groupSize}`);
  }
  if (outputs.length !== n * nTimes * nObs) throw new Error(`computeMoments: outputs has ${outputs.length} values, expected ${n} × ${nTimes} × ${nObs}`);
  const nGroups = n / groupSize;
  const dst = allocMoments(nGroups, nObs, nTimes);
  const scratch = new Float64Array(groupSize * nTimes);
  for (let g = 0; g < nGroups; g++) reduceGroup(outputs, status, g * groupSize, groupSize, dst, g, scratch);
  return dst;
}
