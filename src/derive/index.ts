// Public API of the derive stage: clinical quantities of a model from parameter draws.
export type { DerivedQuantity, DerivedQuantities } from './types.ts';
export { deriveQuantities, type DeriveArgs } from './derive.ts';
export { nca, type NcaResult, trapezoidLinUpLogDown, logLinearFit } from './nca.ts';
export { halfLivesOf, dispositionNames, type HalfLives } from './half-lives.ts';
export { familyOf, type Family } from './family.ts';
export { unitsPerYear } from '../data/time-units.ts';
export { sentenceFor, plainNumber } from './sentences.ts';
