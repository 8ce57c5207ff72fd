// Allometric body-size scaling of PK motifs (docs/discovery.md, "Allometric scaling"): when the
// data's groups carry a body-weight covariate, clearances (CL, Q, Vmax) scale as (WT/ref)^0.75 and
// volumes as WT/ref, with fixed exponents (West/Brown/Enquist; Anderson & Holford 2008). Fixed
// exponents add no parameter, so they are applied whenever weight is known rather than offered as
// an alternative: the fitted CL and V are then those of a subject of the reference weight.
import type { Dataset } from '../../data/types.ts';
import { isBodyWeight } from '../../data/covariates.ts';

export interface BodyWeight {
  /** the covariate's name in the data (and the spec) */
  name: string;
  unit?: string;
  /** median of the groups' mean weights */
  median: number;
  /** the weight of the group the priors are centred on (the primary series' group; else the median) */
  primary: number;
  /** the weight the fitted parameters refer to */
  reference: number;
}

/** the standard adult: 70 kg (typical values comparable with the literature) */
export const REFERENCE_WEIGHT = 70;
export const CLEARANCE_EXPONENT = 0.75;
export const VOLUME_EXPONENT = 1;

/**
 * The data's body-weight covariate: the first group covariate with a weight name whose group
 * values are all positive. The reference is 70 unless the median is more than 10-fold away (rats
 * in kg, mice in g): then the median itself (2 significant digits), so that priors centred on the
 * data stay sensible and the reference is a weight the study actually saw.
 */
export function bodyWeightOf(data: Dataset, primaryGroup?: string): BodyWeight | undefined {
  const names = [...new Set(data.groups.flatMap((g) => Object.keys(g.covariates)))].filter(isBodyWeight);
  for (const name of names) {
    const values = data.groups.map((g) => g.covariates[name]).filter((v): v is number => v !== undefined);
    if (values.length === 0 || !values.every((v) => Number.isFinite(v) && v > 0)) continue;
    const sorted = [...values].sort((a, b) => a - b);
    const m = sorted.length >> 1;
    const median = sorted.length % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
    const near = median >= REFERENCE_WEIGHT / 10 && median <= REFERENCE_WEIGHT * 10;
    const unit = data.covariates?.find((c) => c.name === name)?.unit;
    const primary = data.groups.find((g) => g.name === primaryGroup)?.covariates[name];
    return { name, ...(unit !== undefined ? { unit } : {}), median, primary: primary !== undefined && primary > 0 ? primary : median, reference: near ? REFERENCE_WEIGHT : Number(median.toPrecision(2)) };
  }
  return undefined;
}

/** Expression builders: a clearance or a volume parameter at the subject's weight. */
export function allometric(w: BodyWeight | undefined): { clearance: (p: string) => string; volume: (p: string) => string } {
  if (!w) return { clearance: (p) => p, volume: (p) => p };
  const size = `${w.name}/${w.reference}`;
  return { clearance: (p) => `${p}*(${size})^${CLEARANCE_EXPONENT}`, volume: (p) => `(${p}*(${size}))` };
}

/** "a 70-kg subject" / "a subject of WT 25" */
export function referenceSubject(w: BodyWeight): string {
  return w.unit ? `a ${w.reference}-${w.unit} subject` : `a subject of ${w.name} ${w.reference}`;
}
