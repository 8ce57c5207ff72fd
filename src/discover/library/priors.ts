// Small helpers that keep motif definitions short and their priors consistent.
import type { ErrorSpec, LogNormalPrior, ParameterSpec } from '../../model/spec.ts';
import type { DataScales } from './scales.ts';
import { DEFAULT_OMEGA_PRIOR } from '../../model/omega.ts';

/** Rounds a prior median to 3 significant digits: readable specs, stable canonical keys. */
export function sig3(x: number): number {
  if (!Number.isFinite(x) || x <= 0) return 1;
  return Number(x.toPrecision(3));
}

export function lognormal(median: number, gsd: number): LogNormalPrior {
  return { type: 'lognormal', median: sig3(median), gsd };
}

/** Default prior on ω (between-subject SD of log θ): median 0.3 (≈ 30% CV), wide. */
export const OMEGA: LogNormalPrior = DEFAULT_OMEGA_PRIOR;

/** A parameter with a log-normal prior; `varies` adds log-normal between-subject variability. */
export function param(name: string, unit: string | undefined, median: number, gsd: number, varies: boolean, description: string): ParameterSpec {
  // a spec's medians are at most 1e12: data on extreme scales must not yield a spec that fails validation
  const p: ParameterSpec = { name, prior: lognormal(Math.min(median, 1e12), gsd), description };
  if (unit) p.unit = unit;
  if (varies) {
    p.varies = true;
    p.omega = { ...OMEGA };
  }
  return p;
}

/**
 * A response's baseline (a turnover's R0, an Emax model's E0) with between-subject variability
 * whose prior is centred on the spread the first visit shows (its CV, kept within 3–100%; gsd 2),
 * not on the default 30%. With the default, the fits of real warfarin PCA (baseline CV 6%)
 * settled in a mode with ω 1–1.5 on the baseline — a predicted baseline SD of 120–160 against the
 * 6 observed — that made every PCA visit's spread uninformative.
 */
export function baselineParam(name: string, s: Pick<DataScales, 'yFirstCv'>, unit: string | undefined, median: number, description: string): ParameterSpec {
  const p = param(name, unit, median, 2, true, description);
  if (s.yFirstCv !== undefined) p.omega = lognormal(Math.min(1, Math.max(0.03, s.yFirstCv)), OMEGA.gsd);
  return p;
}

/** Rate unit for the data's time unit, e.g. "1/h". */
export function perTime(s: DataScales): string {
  return `1/${s.timeUnit ?? 'time'}`;
}

export function timeUnit(s: DataScales): string {
  return s.timeUnit ?? 'time';
}

export function obsUnit(s: DataScales): string {
  return s.unit ?? 'unit';
}

/**
 * Residual error of every motif: combined additive + proportional, so that no visit (pre-dose,
 * washout, baseline, below the quantification limit) has zero predicted variance. The additive
 * part is an assay-level floor on the data's scale: half the stated LLOQ when there is one, else
 * half the smallest positive visit mean, kept between 1% and 5% of the largest mean; wide (gsd 3)
 * so the data decide. `proportional` is the prior median of the proportional SD.
 */
export function assayError(s: DataScales, proportional = 0.1): ErrorSpec {
  return { model: 'combined', additive: lognormal(additiveScale(s), 3), proportional: lognormal(proportional, 2) };
}

/**
 * Residual error for a quantity on an interval scale (a temperature, a log10 count): its zero is a
 * convention (130 °F is not twice 65 °F), so a reading's error is no share of the reading. The
 * additive part is scaled to the range the data move through (a twentieth of it), the proportional
 * part kept small — still combined, so no visit has zero predicted variance.
 */
export function intervalScaleError(s: DataScales): ErrorSpec {
  const range = s.yMax - s.yMin;
  return { model: 'combined', additive: lognormal(range > 0 ? 0.05 * range : 0.01 * Math.max(Math.abs(s.yMax), 1e-6), 3), proportional: lognormal(0.005, 2) };
}

/**
 * Residual error as degradation kinetics assume it (FOCUS 2006; mkin's default error model
 * "const"): one constant SD per quantity, the additive part scaled as in assayError. A small
 * proportional part (median 0.5%, geometric SD 1.5) keeps the error combined, so no visit has zero
 * predicted variance, without letting the last, smallest residues weigh most: with a proportional
 * error a parent curve with a lag (FOCUS A) was fitted to its tail and its DT50 cut by a fifth.
 * Used for one substance's curve; the parent–metabolite schemes keep a 5% proportional part (on
 * FOCUS D a constant error put the published SFO–SFO third, and changed no other real table).
 */
export function constantError(s: DataScales): ErrorSpec {
  return { model: 'combined', additive: lognormal(additiveScale(s), 3), proportional: lognormal(0.005, 1.5) };
}


/** The additive-error prior median of assayError (documented in docs/discovery.md). */
export function additiveScale(s: DataScales): number {
  const floor = s.lloq !== undefined && s.lloq > 0 ? s.lloq / 2 : s.yMinPositive / 2;
  return Math.min(0.05 * s.yMax, Math.max(0.01 * s.yMax, floor));
}

/**
 * Several observables on different scales (concentration and response): combined error whose
 * additive prior is set per observable from its own data scale by the fitter (no spec-wide median).
 */
export function perObservableError(proportional = 0.1): ErrorSpec {
  return { model: 'combined', proportional: lognormal(proportional, 2) };
}

/** Dose amount and unit, with a nominal dose when the data carries none (then the `dose` covariate is 0). */
export function doseScale(s: DataScales): number {
  return s.dose ?? 100;
}

export function doseUnit(s: DataScales): string {
  return s.doseUnit ?? 'mg';
}

/** grams (or moles) per unit of amount, and litres per unit of volume: the units a dose and a concentration are stated in */
const MASS: Record<string, number> = { g: 1, mg: 1e-3, µg: 1e-6, μg: 1e-6, ug: 1e-6, mcg: 1e-6, ng: 1e-9, pg: 1e-12 };
const MOLES: Record<string, number> = { mol: 1, mmol: 1e-3, µmol: 1e-6, μmol: 1e-6, umol: 1e-6, nmol: 1e-9, pmol: 1e-12 };
const VOLUME: Record<string, number> = { l: 1, dl: 0.1, ml: 1e-3, µl: 1e-6, μl: 1e-6, ul: 1e-6 };
/** molar concentrations as written (case matters: "mm" is a length) */
const MOLAR: Record<string, string> = { M: 'mol/L', mM: 'mmol/L', µM: 'µmol/L', μM: 'µmol/L', uM: 'µmol/L', nM: 'nmol/L', pM: 'pmol/L' };

/** an amount unit's size in grams or moles (which of the two in `kind`); null for units that are neither (IU, cells) */
function amountSize(unit: string): { kind: 'mass' | 'moles'; size: number } | null {
  const u = unit.trim();
  const key = u.length > 1 ? u[0]! + u.slice(1).toLowerCase() : u.toLowerCase();
  for (const k of [u, key, u.toLowerCase()]) {
    if (MASS[k] !== undefined) return { kind: 'mass', size: MASS[k] };
    if (MOLES[k] !== undefined) return { kind: 'moles', size: MOLES[k] };
  }
  return null;
}

/**
 * The unit volumes are reported in and the factor f with concentration = f · amount / V. A dose in
 * mg with concentrations in ng/mL gives V in litres with f = 1000 (1 mg/L = 1000 ng/mL), as the
 * field reports volumes; a dose per kg ("µg/kg") gives L/kg. Units that do not convert (IU, a
 * molar concentration after a dose in mg, no unit for the dose) keep the ratio of the data's own
 * units with f = 1 ("IU/(IU/mL)" → mL).
 */
export function volumeScale(s: DataScales): { unit: string; factor: number } {
  const d = doseUnit(s);
  const u = obsUnit(s);
  const conc = /^\s*([^/\s]+)\s*\/\s*([^/\s]+)\s*$/.exec(MOLAR[u.trim()] ?? u);
  const dose = /^\s*([^/\s]+)\s*(?:\/\s*(kg|m2|m²)\s*)?$/i.exec(d);
  if (s.doseUnit !== undefined && conc && dose) {
    const amount = amountSize(dose[1]!);
    const concAmount = amountSize(conc[1]!);
    const litres = VOLUME[conc[2]!.toLowerCase()];
    if (amount && concAmount && amount.kind === concAmount.kind && litres !== undefined) {
      const factor = Number((amount.size * litres / concAmount.size).toPrecision(12));
      return { unit: dose[2] ? `L/${dose[2]}` : 'L', factor };
    }
  }
  const m = /^\s*([^/]+)\s*\/\s*(.+)$/.exec(u);
  if (m && m[1]!.trim() === d) return { unit: m[2]!.trim(), factor: 1 };
  return { unit: `${d}/(${u})`, factor: 1 };
}

/** `amount/V` as a concentration in the data's unit: "central/V*1000" for mg and ng/mL (the factor of volumeScale) */
export function concentrationOf(amount: string, volume: string, factor: number): string {
  return factor === 1 ? `${amount}/${volume}` : `${amount}/${volume}*${factor}`;
}

/** "1989 F" → "1989_F": the part of an identifier that names a data group */
export function groupTag(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'group';
}
