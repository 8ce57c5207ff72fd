// The flip-flop symmetry of one-compartment oral PK (docs/likelihood.md, "Flip-flop"): without IV
// data, (ka, CL, V) and (CL/V, CL, CL/ka) give the same concentration curve, so the posterior can
// hold two modes — absorption faster than elimination (ka > k, the usual reading) or slower
// (ka < k, absorption-limited). The report presents the ka > k mode with both modes' mass; a
// posterior that found only the other mode is mirrored (θ only) so the usual reading is shown.
import type { PopulationLayout } from './population.ts';
import type { FitReport, Quantiles } from './report.ts';
import { quantiles, summarizePosterior } from './results.ts';

export interface FlipFlop {
  /** posterior mass of ka > k = CL/V */
  massAbsorptionFaster: number;
  /** population values of the mode not presented (ka < k), when the posterior or its mirror has one */
  other: Record<string, Quantiles>;
  /** 'posterior': presented values are the ka > k particles; 'mirror': mirrored from the ka < k mode */
  presentedFrom: 'posterior' | 'mirror';
  note: string;
}

/** a mode with less posterior mass than this is mirrored from the other, not summarised */
const MIN_MODE_MASS = 0.05;

/** Indices of ka, CL and V when the model is a one-compartment oral model written with them; else null. */
export function flipFlopParameters(spec: FitReport['spec'], parameterNames: string[]): { ka: number; CL: number; V: number } | null {
  const ka = parameterNames.indexOf('ka'), CL = parameterNames.indexOf('CL'), V = parameterNames.indexOf('V');
  if (ka < 0 || CL < 0 || V < 0) return null;
  // one compartment: no inter-compartmental clearance or peripheral volume, linear elimination
  if (parameterNames.some((n) => /^(Q\d*|V\d+|Vp\d*|Vmax|Km|ktr|tlag)$/.test(n))) return null;
  if (!spec.doses?.some((d) => d.type === 'bolus' && d.state !== 'central')) return null;
  // a dose into the central compartment as well (IV groups beside oral ones) tells the modes apart
  if (spec.doses.some((d) => d.state === 'central')) return null;
  return { ka, CL, V };
}

export function resolveFlipFlop(layout: PopulationLayout, parameterNames: string[], phi: Float64Array, N: number, idx: { ka: number; CL: number; V: number }): { summary: ReturnType<typeof summarizePosterior>; flipFlop: FlipFlop } {
  const D = layout.hyper.length;
  const at = (i: number, p: number) => Math.exp(phi[i * D + layout.thetaIndex[p]!]!);
  const faster: number[] = [], slower: number[] = [];
  for (let i = 0; i < N; i++) (at(i, idx.ka) > at(i, idx.CL) / at(i, idx.V) ? faster : slower).push(i);
  const mass = faster.length / N;
  const subset = (rows: number[]) => {
    const out = new Float64Array(rows.length * D);
    rows.forEach((r, j) => out.set(phi.subarray(r * D, r * D + D), j * D));
    return out;
  };
  const name = (p: number) => parameterNames[p]!;
  if (mass >= MIN_MODE_MASS) {
    const summary = summarizePosterior(layout, parameterNames, subset(faster), faster.length);
    const other = slower.length >= MIN_MODE_MASS * N ? summarizePosterior(layout, parameterNames, subset(slower), slower.length).parameters : {};
    const note = mass > 1 - MIN_MODE_MASS
      ? 'Oral absorption: the posterior lies in the usual mode (absorption faster than elimination, ka > k).'
      : `Oral absorption without IV data: two modes fit the curve equally (flip-flop). ${(100 * mass).toFixed(0)}% of the posterior has ka > k (shown); ${(100 * (1 - mass)).toFixed(0)}% has ka < k (absorption-limited elimination; see "other").`;
    return { summary, flipFlop: { massAbsorptionFaster: mass, other, presentedFrom: 'posterior', note } };
  }
  // only the ka < k mode was found: present its mirror image (ka' = CL/V, V' = CL/ka, CL' = CL)
  const full = summarizePosterior(layout, parameterNames, phi, N);
  const mirrored = { ...full, parameters: { ...full.parameters } };
  const col = (f: (i: number) => number) => quantiles(Array.from({ length: N }, (_, i) => f(i)));
  mirrored.parameters[name(idx.ka)] = col((i) => at(i, idx.CL) / at(i, idx.V));
  mirrored.parameters[name(idx.V)] = col((i) => at(i, idx.CL) / at(i, idx.ka));
  return {
    summary: mirrored,
    flipFlop: {
      massAbsorptionFaster: mass,
      other: full.parameters,
      presentedFrom: 'mirror',
      note: `Oral absorption without IV data: the fit found the flip-flop mode (ka < k, absorption-limited elimination; see "other"). Shown is its mirror image with ka > k (ka = CL/V, V = CL/ka of the fitted mode), which gives the same mean curve and is the usual reading; between-subject variability is that of the fitted mode.`,
    },
  };
}
