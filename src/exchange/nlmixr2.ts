// nlmixr2 (R): a model function with ini() — log-scale typical values at the posterior medians
// (or prior centres), ω² of the between-subject variability, residual SDs — and model() with the
// ODEs (rxode2 syntax), initial conditions and the error model. Doses come from the data
// (event table: amt into the dosed compartment), as in any nlmixr2 fit.
import { doseFactors } from './bioavailability.ts';
import type { FunctionName } from '../model/ast.ts';
import type { ValidatedModel } from '../model/validated.ts';
import { fittedValues, logit } from './fitted.ts';
import { printInfix, type Dialect } from './infix.ts';
import type { ExportInput } from './types.ts';
import { header, num } from './text.ts';

const R_FUNCTIONS: Partial<Record<FunctionName, (a: string[]) => string>> = {
  exp: (a) => `exp(${a[0]})`, log: (a) => `log(${a[0]})`, log10: (a) => `log10(${a[0]})`, sqrt: (a) => `sqrt(${a[0]})`,
  abs: (a) => `abs(${a[0]})`, sign: (a) => `sign(${a[0]})`, sin: (a) => `sin(${a[0]})`, cos: (a) => `cos(${a[0]})`, tanh: (a) => `tanh(${a[0]})`,
  step: (a) => `(${a[0]} >= 0)`, pow: (a) => `(${a[0]})^(${a[1]})`, min: (a) => `min(${a[0]}, ${a[1]})`, max: (a) => `max(${a[0]}, ${a[1]})`,
  hill: (a) => `max(${a[0]}, 0)^(${a[2]}) / ((${a[1]})^(${a[2]}) + max(${a[0]}, 0)^(${a[2]}))`,
};

export const R_DIALECT: Dialect = {
  name: 'R (rxode2)',
  power: '^',
  number: num,
  ident: (n) => n,
  call: (fn, args) => R_FUNCTIONS[fn]!(args),
};

/** an R name for a model (a syntactic identifier) */
export const rName = (s: string): string => (s.replace(/[^A-Za-z0-9_.]/g, '_').replace(/^[^A-Za-z]+/, '') || 'model');

export function toNlmixr2(v: ValidatedModel, input: ExportInput): string {
  const f = fittedValues(input);
  const e = (x: Parameters<typeof printInfix>[0]) => printInfix(x, R_DIALECT);
  const ini: string[] = [];
  for (const p of v.parameters) ini.push(`    tv.${p.name} <- ${num(f.fraction(p.name) ? logit(f.theta(p.name)) : Math.log(f.theta(p.name)))}; label("${p.name}${p.unit ? ` (${p.unit})` : ''}${f.fraction(p.name) ? ', logit' : ''}")`);
  for (const p of v.parameters) { const w = f.omega(p.name); if (w !== undefined) ini.push(`    eta.${p.name} ~ ${num(w * w)}`); }
  const errLines: string[] = [];
  for (const o of v.observables) {
    const s = f.sigma(o.name);
    if (s.additive !== undefined) ini.push(`    add.sd.${o.name} <- ${num(s.additive)}`);
    if (s.proportional !== undefined) ini.push(`    prop.sd.${o.name} <- ${num(s.proportional)}`);
    const terms = [s.additive !== undefined ? `add(add.sd.${o.name})` : '', s.proportional !== undefined ? `prop(prop.sd.${o.name})` : ''].filter(Boolean);
    errLines.push(`    ${o.name} ~ ${terms.join(' + ')}`);
  }
  const model: string[] = [];
  for (const p of v.parameters) model.push(f.fraction(p.name) ? `    ${p.name} <- expit(tv.${p.name})` : `    ${p.name} <- exp(tv.${p.name}${f.omega(p.name) !== undefined ? ` + eta.${p.name}` : ''})`);
  v.states.forEach((s, i) => {
    const init = v.states[i]!.initial;
    if (!(init.kind === 'num' && init.value === 0)) model.push(`    ${s.name}(0) <- ${e(init)}`);
  });
  v.states.forEach((s, i) => model.push(`    d/dt(${s.name}) <- ${e(v.equations[i]!)}`));
  for (const [i, factor] of doseFactors(v)) model.push(`    f(${v.states[i]!.name}) <- ${e(factor)}`);
  for (const k of v.observableOrder) { const o = v.observables[k]!; model.push(`    ${o.name} <- ${e(o.expr)}`); }
  const covs = v.covariates.filter((c) => c.name !== 'dose');
  const doses = v.doses.map((d) => `#   ${d.kind === 'bolus' ? 'bolus' : 'infusion'} into ${v.states[d.state]!.name} (cmt = ${d.state + 1})`);
  return [
    header('#', v.spec, f.fitted),
    '# Doses are events in the data (evid = 1, amt, cmt), not part of the model:',
    ...doses,
    ...(covs.length ? [`# Covariates read from the data: ${covs.map((c) => c.name).join(', ')}`] : []),
    ...(v.spec.timeUnit ? [`# Time unit: ${v.spec.timeUnit}`] : []),
    'library(nlmixr2)',
    '',
    `${rName(v.spec.name)} <- function() {`,
    '  ini({',
    ...ini,
    '  })',
    '  model({',
    ...model,
    ...errLines,
    '  })',
    '}',
    '',
  ].join('\n');
}
