// Keys for deduplication and for judging structural recovery, from the model stage's canonical
// form of the validated AST (invariant to renaming and to commutative reordering).
import { canonicalKey } from '../model/canonical.ts';
import { validateSpec } from '../model/index.ts';
import type { ModelSpec } from '../model/spec.ts';

/** The ODE structure only (what the recovery benchmark compares). */
export function structureKey(spec: ModelSpec): string {
  return canonicalKey(validateSpec(spec));
}

/**
 * A candidate's structure name: library variants keep the motif's name before a space
 * ("growth-logistic -BSV(N0)", "pk-1cmt-oral +group(V)").
 */
export const structureName = (name: string): string => name.split(' ')[0]!;

/** Structure + which parameters vary + error model: two candidates with equal keys are the same fit. */
export function candidateKey(spec: ModelSpec): string {
  return `${canonicalKey(validateSpec(spec), { variability: true })}|${spec.error?.model ?? 'default'}`;
}
