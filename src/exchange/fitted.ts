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
}

export function fittedValues(input: ExportInput): FittedValues {
  const { spec } = input;
  const byName = new Map(spec.parameters.map((p) => [p.name, p]));
  const model = spec.error?.model ?? 'proportional';
  const fittedObs = Object.keys(input.residualError ?? {});
  return {
    fitted: input.parameters !== undefined,
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
