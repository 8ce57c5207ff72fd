// Shared bits of the text exporters: a comment header naming the model and where its numbers
// come from, and numbers written so that every language reads them as reals.
import type { ModelSpec } from '../model/spec.ts';

/** a real literal: shortest round-trip form, always with a decimal point or exponent */
export function num(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`cannot write ${v} as a number`);
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

export function header(comment: string, spec: ModelSpec, fitted: boolean): string {
  const lines = [
    `Model "${spec.name}", exported by Mechanist.`,
    fitted ? 'Initial estimates: posterior medians of the population fit (ω from the between-subject variability).' : 'Initial estimates: centres of the priors (the model was not fitted).',
    ...(spec.description ? [spec.description] : []),
  ];
  return lines.map((l) => `${comment} ${l.replace(/\s+/g, ' ')}`).join('\n');
}
