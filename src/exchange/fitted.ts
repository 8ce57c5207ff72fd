// The numbers an exported model starts from: posterior medians when the model was fitted,
// otherwise the centre of each prior; ω from the BSV; residual SDs per observable.
import { priorCentre } from '../model/prior-centre.ts';
import { typicalOmega } from '../model/omega.ts';
import type { ExportInput } from './types.ts';

export interface FittedValues {
  theta(name: string): number;
  /** ω (SD of log θ between subjects) of a parameter that varies, else undefined */
  omega(name: string): number | undefined;
  /** residual SDs of an observable under the spec's error model */
  sigma(observable: string): { additive?: number; proportional?: number };
  /** true when the numbers are estimates (not prior centres) */
  fitted: boolean;
  /**
   * a fraction that does not vary between subjects (a uniform prior within 0–1: a bioavailability,
   * DFOP's fast share): exported on the logit scale, so an outside fit keeps it within 0–1, where
   * a log-normal θ could pass 1. (One that varies keeps the engine's log-normal variability.)
   */
  fraction(name: string): boolean;
}

/** the logit of a fraction, kept finite at its bounds */
export const logit = (x: number): number => { const p = Math.min(Math.max(x, 1e-9), 1 - 1e-9); return Math.log(p / (1 - p)); };

export function fittedValues(input: ExportInput): FittedValues {
  const { spec } = input;
  const byName = new Map(spec.parameters.map((p) => [p.name, p]));
  const model = spec.error?.model ?? 'proportional';
  const fittedObs = Object.keys(input.residualError ?? {});
  return {
    fitted: input.parameters !== undefined,
    fraction: (name) => {
      const p = byName.get(name);
      return p !== undefined && !p.varies && p.prior.type === 'uniform' && p.prior.lower >= 0 && p.prior.upper <= 1;
    },
    theta: (name) => input.parameters?.[name]?.median ?? priorCentre(byName.get(name)!.prior),
    omega: (name) => {
      const p = byName.get(name);
      if (!p?.varies) return undefined;
      return input.bsv?.[name]?.omega.median ?? typicalOmega(p);
    },
    sigma: (observable) => {
      const pick = (kind: 'additive' | 'proportional', fallback: number) => {
        const own = input.residualError?.[`${kind}_${observable}`] ?? (fittedObs.some((k) => k.includes('_')) ? undefined : input.residualError?.[kind]);
        return own?.median ?? fallback;
      };
      return {
        ...(model !== 'proportional' ? { additive: pick('additive', spec.error?.additive?.median ?? 0.05) } : {}),
        ...(model !== 'additive' ? { proportional: pick('proportional', spec.error?.proportional?.median ?? 0.1) } : {}),
      };
    },
  };
}
