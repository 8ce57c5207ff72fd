// Public API of the model stage: parse, print and validate model specs.
export type { ModelSpec, StateSpec, ParameterSpec, CovariateSpec, ObservableSpec, DoseSpec, BolusDose, InfusionDose, ErrorSpec, Prior, LogNormalPrior, BoundedPrior } from './spec.ts';
export type { Expr, Span, BinaryOp, FunctionName, SymbolKind } from './ast.ts';
export { FUNCTIONS } from './ast.ts';
export { SpecError, type SpecIssue } from './errors.ts';
export type { ValidatedModel, ValidatedDose } from './validated.ts';
export { LIMITS } from './limits.ts';
export { parseExpression } from './parser.ts';
export { printExpr, formatNumber } from './printer.ts';
export { validateSpec, checkSpec, type SpecCheck } from './validate.ts';
export { didYouMean, reservedReason } from './names.ts';
