// Monolix / Simulx model file (Mlxtran): [INDIVIDUAL] with log-normal parameters (typical value
// *_pop and ω omega_*), [LONGITUDINAL] with the dose targets (PK: depot), the ODEs (EQUATION:
// ddt_x, x_0), the observation model (DEFINITION: combined1/constant/proportional) and OUTPUT.
// The estimates to start from are listed in a comment block (Monolix reads them from the
// project's initial estimates). Doses come from the data (AMT).
import { doseFactors } from './bioavailability.ts';
import type { FunctionName } from '../model/ast.ts';
import type { ValidatedModel } from '../model/validated.ts';
import { fittedValues } from './fitted.ts';
import { printInfix, unsupported, type Dialect } from './infix.ts';
import type { ExportInput } from './types.ts';
import { header, num } from './text.ts';

const MLX_FUNCTIONS: Partial<Record<FunctionName, (a: string[]) => string>> = {
  exp: (a) => `exp(${a[0]})`, log: (a) => `log(${a[0]})`, log10: (a) => `log10(${a[0]})`, sqrt: (a) => `sqrt(${a[0]})`,
  abs: (a) => `abs(${a[0]})`, sin: (a) => `sin(${a[0]})`, cos: (a) => `cos(${a[0]})`, tanh: (a) => `tanh(${a[0]})`,
  pow: (a) => `(${a[0]})^(${a[1]})`, min: (a) => `min(${a[0]}, ${a[1]})`, max: (a) => `max(${a[0]}, ${a[1]})`,
  hill: (a) => `max(${a[0]}, 0)^(${a[2]}) / ((${a[1]})^(${a[2]}) + max(${a[0]}, 0)^(${a[2]}))`,
};

export const MLX_DIALECT: Dialect = {
  name: 'Mlxtran',
  power: '^',
  number: num,
  ident: (n) => n,
  call: (fn, args) => (MLX_FUNCTIONS[fn] ?? unsupported('Mlxtran', fn))(args),
};

export function toMonolix(v: ValidatedModel, input: ExportInput): string {
  const f = fittedValues(input);
  const e = (x: Parameters<typeof printInfix>[0]) => printInfix(x, MLX_DIALECT);
  const popInputs: string[] = [], defs: string[] = [], values: string[] = [];
  for (const p of v.parameters) {
    popInputs.push(`${p.name}_pop`);
    values.push(`;   ${p.name}_pop = ${num(f.theta(p.name))}${p.unit ? `  (${p.unit})` : ''}`);
    const w = f.omega(p.name);
    if (w !== undefined) {
      popInputs.push(`omega_${p.name}`);
      values.push(`;   omega_${p.name} = ${num(w)}`);
      defs.push(`${p.name} = {distribution=logNormal, typical=${p.name}_pop, sd=omega_${p.name}}`);
    } else defs.push(`${p.name} = {distribution=${f.fraction(p.name) ? 'logitNormal' : 'logNormal'}, typical=${p.name}_pop, no-variability}`);
  }
  const errInputs: string[] = [], obsDefs: string[] = [], outputs: string[] = [];
  for (const o of v.observables) {
    const s = f.sigma(o.name);
    const a = `a_${o.name}`, b = `b_${o.name}`;
    let model: string;
    if (s.additive !== undefined && s.proportional !== undefined) { errInputs.push(a, b); model = `combined1(${a}, ${b})`; values.push(`;   ${a} = ${num(s.additive)}`, `;   ${b} = ${num(s.proportional)}`); }
    else if (s.additive !== undefined) { errInputs.push(a); model = `constant(${a})`; values.push(`;   ${a} = ${num(s.additive)}`); }
    else { errInputs.push(b); model = `proportional(${b})`; values.push(`;   ${b} = ${num(s.proportional!)}`); }
    obsDefs.push(`y_${o.name} = {distribution=normal, prediction=${o.name}, errorModel=${model}}`);
    outputs.push(`y_${o.name}`);
  }
  const covs = v.covariates.filter((c) => c.name !== 'dose').map((c) => c.name);
  const factors = doseFactors(v);
  const targets = [...new Set(v.doses.map((d) => d.state))].map((i, k) => `depot(${v.doses.length > 1 ? `adm = ${k + 1}, ` : ''}target = ${v.states[i]!.name}${factors.has(i) ? `, p = ${e(factors.get(i)!)}` : ''})`);
  const eq: string[] = ['t_0 = 0'];
  v.states.forEach((s) => eq.push(`${s.name}_0 = ${e(s.initial)}`));
  v.states.forEach((s, i) => eq.push(`ddt_${s.name} = ${e(v.equations[i]!)}`));
  for (const k of v.observableOrder) eq.push(`${v.observables[k]!.name} = ${e(v.observables[k]!.expr)}`);
  if (v.spec.stiff) eq.unshift('odeType = stiff');
  return [
    header(';', v.spec, f.fitted),
    '; Estimates to start from:',
    ...values,
    '',
    '[INDIVIDUAL]',
    `input = {${popInputs.join(', ')}}`,
    '',
    'DEFINITION:',
    ...defs,
    '',
    '[LONGITUDINAL]',
    `input = {${[...v.parameters.map((p) => p.name), ...errInputs, ...covs].join(', ')}}`,
    ...covs.map((c) => `${c} = {use=regressor}`),
    '',
    ...(targets.length ? ['PK:', ...targets, ''] : []),
    'EQUATION:',
    ...eq,
    '',
    'DEFINITION:',
    ...obsDefs,
    '',
    'OUTPUT:',
    `output = {${outputs.join(', ')}}`,
    '',
  ].join('\n');
}
