// NONMEM control stream (NM-TRAN): ADVAN13 (general nonlinear ODEs), $PK with MU-referenced
// log-normal parameters (THETA on the log scale, ETA for the between-subject variability),
// $DES with the ODEs in A(1…n), $ERROR with the observables and the residual error model
// (EPS scaled by THETAs, $SIGMA 1 FIX). Doses come from the data (AMT into CMT). Several
// observables are told apart by a DVID column.
import { doseFactors } from './bioavailability.ts';
import type { FunctionName } from '../model/ast.ts';
import type { ValidatedModel } from '../model/validated.ts';
import { fittedValues, logit } from './fitted.ts';
import { printInfix, unsupported, type Dialect } from './infix.ts';
import type { ExportInput } from './types.ts';
import { header, num } from './text.ts';

const NM_FUNCTIONS: Partial<Record<FunctionName, (a: string[]) => string>> = {
  exp: (a) => `EXP(${a[0]})`, log: (a) => `LOG(${a[0]})`, log10: (a) => `LOG10(${a[0]})`, sqrt: (a) => `SQRT(${a[0]})`,
  abs: (a) => `ABS(${a[0]})`, sin: (a) => `SIN(${a[0]})`, cos: (a) => `COS(${a[0]})`, tanh: (a) => `TANH(${a[0]})`,
  pow: (a) => `(${a[0]})**(${a[1]})`, min: (a) => `MIN(${a[0]}, ${a[1]})`, max: (a) => `MAX(${a[0]}, ${a[1]})`,
  hill: (a) => `MAX(${a[0]}, 0.0)**(${a[2]}) / ((${a[1]})**(${a[2]}) + MAX(${a[0]}, 0.0)**(${a[2]}))`,
};

/** NM-TRAN names are upper case and at most 8 characters in older versions; we keep the spec's names (NONMEM ≥ 7 allows 20+) upper-cased */
/** NONMEM's own variables in $PK: a model name among them gets a suffix (F is the prediction, F1 a bioavailability) */
const NM_RESERVED = new Set(['F', 'G', 'H', 'A', 'ERR', 'EPS', 'ETA', 'THETA', 'DADT']);
export const nmName = (s: string): string => (NM_RESERVED.has(s.toUpperCase()) ? `${s.toUpperCase()}_P` : s.toUpperCase());

export function nonmemDialect(states: string[]): Dialect {
  return {
    name: 'NONMEM',
    power: '**',
    number: num,
    ident: (n) => {
      const i = states.indexOf(n);
      return i >= 0 ? `A(${i + 1})` : n === 't' ? 'T' : nmName(n);
    },
    call: (fn, args) => (NM_FUNCTIONS[fn] ?? unsupported('NONMEM', fn))(args),
  };
}

export function toNonmem(v: ValidatedModel, input: ExportInput): string {
  const f = fittedValues(input);
  const d = nonmemDialect(v.states.map((s) => s.name));
  // in $ERROR states are A(i) too, time is TIME
  const dErr: Dialect = { ...d, ident: (n) => (n === 't' ? 'TIME' : d.ident(n)) };
  const e = (x: Parameters<typeof printInfix>[0], dl = d) => printInfix(x, dl);
  const names = new Set([...v.parameters.map((p) => nmName(p.name)), ...v.observables.map((o) => nmName(o.name)), ...v.covariates.map((c) => nmName(c.name))]);
  if (names.size !== v.parameters.length + v.observables.length + v.covariates.length) throw new Error('NONMEM names are case-insensitive: two names of this model differ only in case');
  const thetas: string[] = [], omegas: string[] = [], pk: string[] = [];
  let nTheta = 0, nEta = 0;
  for (const p of v.parameters) {
    nTheta++;
    if (f.fraction(p.name)) {
      thetas.push(`$THETA ${num(logit(f.theta(p.name)))} ; logit ${p.name}${p.unit ? ` (${p.unit})` : ''}`);
      pk.push(`${nmName(p.name)} = 1/(1 + EXP(-THETA(${nTheta})))`);
      continue;
    }
    thetas.push(`$THETA ${num(Math.log(f.theta(p.name)))} ; log ${p.name}${p.unit ? ` (${p.unit})` : ''}`);
    const w = f.omega(p.name);
    if (w !== undefined) {
      nEta++;
      omegas.push(`$OMEGA ${num(w * w)} ; ω² ${p.name}`);
      pk.push(`MU_${nEta} = THETA(${nTheta})`, `${nmName(p.name)} = EXP(MU_${nEta} + ETA(${nEta}))`);
    } else pk.push(`${nmName(p.name)} = EXP(THETA(${nTheta}))`);
  }
  v.states.forEach((s, i) => {
    const init = s.initial;
    if (!(init.kind === 'num' && init.value === 0)) pk.push(`A_0(${i + 1}) = ${e(init)}`);
  });
  for (const [i, factor] of doseFactors(v)) pk.push(`F${i + 1} = ${e(factor)} ; bioavailability of doses into ${v.states[i]!.name}`);
  const des = v.states.map((s, i) => `DADT(${i + 1}) = ${e(v.equations[i]!)} ; ${s.name}`);
  const err: string[] = [];
  const sigmaThetas: string[] = [];
  const many = v.observables.length > 1;
  for (const k of v.observableOrder) err.push(`${nmName(v.observables[k]!.name)} = ${e(v.observables[k]!.expr, dErr)}`);
  v.observables.forEach((o, k) => {
    const s = f.sigma(o.name);
    const parts: string[] = [];
    if (s.additive !== undefined) { nTheta++; sigmaThetas.push(`$THETA (0, ${num(s.additive)}) ; additive SD ${o.name}`); parts.push(`THETA(${nTheta})**2`); }
    if (s.proportional !== undefined) { nTheta++; sigmaThetas.push(`$THETA (0, ${num(s.proportional)}) ; proportional SD ${o.name}`); parts.push(`(THETA(${nTheta}) * IPRED)**2`); }
    const body = [`IPRED = ${nmName(o.name)}`, `W = SQRT(${parts.join(' + ')})`, 'Y = IPRED + W * EPS(1)'];
    if (many) err.push(`IF (DVID.EQ.${k + 1}) THEN`, ...body.map((l) => `  ${l}`), 'ENDIF');
    else err.push(...body);
  });
  const covs = v.covariates.filter((c) => c.name !== 'dose').map((c) => nmName(c.name));
  // one default dose compartment (the first dosed); a dose elsewhere names its CMT
  const cmts = v.states.map((s, i) => `$COMP (${nmName(s.name)}${v.doses[0]?.state === i ? ' DEFDOSE' : ''})`);
  const columns = ['ID', 'TIME', 'AMT', 'CMT', 'EVID', 'DV', 'MDV', ...(many ? ['DVID'] : []), ...covs];
  return [
    header(';', v.spec, f.fitted),
    `$PROBLEM ${v.spec.name.replace(/[^A-Za-z0-9 _.()+,/-]/g, '_')}`,
    `$INPUT ${columns.join(' ')}`,
    '$DATA data.csv IGNORE=@',
    '$SUBROUTINES ADVAN13 TOL=9',
    '$MODEL',
    ...cmts.map((c) => `  ${c}`),
    '$PK',
    ...pk.map((l) => `  ${l}`),
    '$DES',
    ...des.map((l) => `  ${l}`),
    '$ERROR',
    ...err.map((l) => `  ${l}`),
    ...thetas,
    ...sigmaThetas,
    ...(omegas.length ? omegas : []),
    '$SIGMA 1 FIX',
    '$ESTIMATION METHOD=SAEM INTERACTION NBURN=500 NITER=500 PRINT=50',
    '$ESTIMATION METHOD=IMP INTERACTION EONLY=1 ISAMPLE=1000 NITER=5',
    '$COVARIANCE',
    '',
  ].join('\n');
}
