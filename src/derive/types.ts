// Derived quantities: what a clinician asks of a fitted model (half-lives, Cmax, AUC, time to
// nadir, doubling time, …), each summarised over the posterior and across the cohort.

/** one derived quantity of a fitted model */
export interface DerivedQuantity {
  /** posterior median and 5–95% credible interval of the quantity for a typical subject */
  median: number;
  q05: number;
  q95: number;
  /** 5–95% range across subjects of the cohort (between-subject variability, posterior-median hyperparameters) */
  cohort?: { q05: number; q95: number };
  /** the same quantity from a non-compartmental analysis of the observed mean curve (cross-check) */
  nca?: number;
  unit?: string;
  /** one plain-language sentence */
  sentence: string;
}

/** derived quantities by name, e.g. "t_half_elim", "Cmax", "AUC_inf[high]" */
export type DerivedQuantities = Record<string, DerivedQuantity>;
