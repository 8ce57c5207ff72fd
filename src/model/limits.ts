// Hard limits that keep hostile input from exhausting memory or time. Every limit is checked
// before the work it protects (e.g. the JSON nesting depth before the JSON parser recurses).

export const LIMITS = {
  /** raw spec text, in UTF-16 code units (≈ bytes for ASCII) */
  sourceLength: 1_000_000,
  /** nesting of JSON arrays/objects in the spec text */
  jsonDepth: 32,
  /** characters in one expression (the schema says the same) */
  expressionLength: 4000,
  /** depth of an expression tree, and nesting of parentheses/unary minus/calls while parsing */
  expressionDepth: 64,
  /** nodes in one expression tree */
  expressionNodes: 1000,
  /** characters in one identifier */
  identifierLength: 32,
  states: 32,
  parameters: 64,
  covariates: 8,
  observables: 16,
  doses: 64,
  /** issues reported for one spec (the first ones found; the rest would only repeat them) */
  issues: 50,
  /** dose administrations after expanding every/count, over all dose entries */
  doseAdministrations: 10_000,
} as const;
