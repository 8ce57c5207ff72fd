// nlmixr2, NONMEM and Monolix exports, parsed back: R's own parser reads the nlmixr2 file; for all
// three, a small reader takes the ODEs, initial values and observables back into our expression
// language and the right-hand sides are compared numerically with the original model's at random
// points; the initial estimates (log θ, ω², residual SDs) are read back and compared.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportModel, type ExportInput } from '../../src/exchange/index.ts';
import { compileSpec, instantiateJs } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { example } from './helpers.ts';
import { createRng } from '../../src/infer/rng.ts';

const dir = mkdtempSync(join(tmpdir(), 'exports-'));

/** the fitted model the exports start from */
function fitted(name: string): ExportInput {
  const spec = example(name);
  const parameters = Object.fromEntries(spec.parameters.map((p, i) => [p.name, { median: 0.5 + 0.37 * (i + 1) }]));
  const bsv = Object.fromEntries(spec.parameters.filter((p) => p.varies).map((p, i) => [p.name, { omega: { median: 0.2 + 0.05 * i } }]));
  const many = spec.observables.length > 1;
  const residualError: ExportInput['residualError'] = {};
  for (const o of spec.observables) {
    const sfx = many ? `_${o.name}` : '';
    if (spec.error?.model !== 'proportional') residualError[`additive${sfx}`] = { median: 0.07 };
    if (spec.error?.model !== 'additive') residualError[`proportional${sfx}`] = { median: 0.13 };
  }
  return { spec, parameters, bsv, residualError };
}

/** a spec with the read-back equations/initials/observables and the original's names */
function rebuilt(spec: ModelSpec, eq: Record<string, string>, init: Record<string, string>, obs: Record<string, string>): ModelSpec {
  return {
    ...spec,
    states: spec.states.map((s) => ({ ...s, initial: init[s.name] ?? '0' })),
    equations: Object.fromEntries(spec.states.map((s) => [s.name, eq[s.name]!])),
    observables: spec.observables.map((o) => ({ ...o, expression: obs[o.name]! })),
  };
}

/** rhs, initial values and observables of two specs at random points: largest relative difference */
function compareNumerically(a: ModelSpec, b: ModelSpec): number {
  const ma = compileSpec(a), mb = compileSpec(b);
  const fa = instantiateJs(ma), fb = instantiateJs(mb);
  const rng = createRng(7);
  const nS = ma.stateNames.length, nP = ma.parameterNames.length, nC = ma.covariateNames.length, nO = ma.observableNames.length;
  let worst = 0;
  const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), 1e-12);
  for (let k = 0; k < 50; k++) {
    const u = () => 0.1 + 2 * rng.uniform();
    const y = Float64Array.from({ length: nS }, u), p = Float64Array.from({ length: nP }, u), c = Float64Array.from({ length: nC }, u), t = 5 * rng.uniform();
    const da = new Float64Array(nS), db = new Float64Array(nS), ia = new Float64Array(nS), ib = new Float64Array(nS), oa = new Float64Array(nO), ob = new Float64Array(nO);
    fa.rhs(t, y, p, c, da); fb.rhs(t, y, p, c, db);
    fa.init(p, c, ia); fb.init(p, c, ib);
    fa.observe(t, y, p, c, oa); fb.observe(t, y, p, c, ob);
    for (let i = 0; i < nS; i++) worst = Math.max(worst, rel(da[i]!, db[i]!), rel(ia[i]!, ib[i]!));
    for (let i = 0; i < nO; i++) worst = Math.max(worst, rel(oa[i]!, ob[i]!));
  }
  return worst;
}

const MODELS = ['pk-1cmt-oral', 'pk-2cmt-iv', 'pk-1cmt-oral-covariate', 'pd-indirect-response', 'disease-progression', 'pk-tmdd', 'epi-sir'];

describe('nlmixr2 export', () => {
  it('is valid R (R\'s parser)', () => {
    const files = MODELS.map((m) => { const f = join(dir, `${m}.R`); writeFileSync(f, exportModel(fitted(m), 'nlmixr2')); return f; });
    const script = files.map((f) => `invisible(parse(file = "${f}"))`).join('; ');
    expect(() => execFileSync('Rscript', ['--vanilla', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] })).not.toThrow();
    // and R's parser does reject broken R (so the check means something)
    writeFileSync(join(dir, 'broken.R'), 'f <- function() { ini({ a <- 1 }\n');
    expect(() => execFileSync('Rscript', ['--vanilla', '-e', `parse(file = "${join(dir, 'broken.R')}")`], { stdio: ['ignore', 'pipe', 'pipe'] })).toThrow();
  });

  it.each(MODELS)('%s: ODEs, initial values, observables and estimates read back', (name) => {
    const input = fitted(name);
    const text = exportModel(input, 'nlmixr2');
    const eq: Record<string, string> = {}, init: Record<string, string> = {}, obs: Record<string, string> = {};
    const names = new Set(input.spec.observables.map((o) => o.name));
    for (const line of text.split('\n').map((l) => l.trim())) {
      let m;
      if ((m = /^d\/dt\((\w+)\) <- (.+)$/.exec(line))) eq[m[1]!] = m[2]!;
      else if ((m = /^(\w+)\(0\) <- (.+)$/.exec(line))) init[m[1]!] = m[2]!;
      else if ((m = /^(\w+) <- (.+)$/.exec(line)) && names.has(m[1]!)) obs[m[1]!] = m[2]!;
    }
    expect(compareNumerically(input.spec, rebuilt(input.spec, eq, init, obs))).toBeLessThan(1e-12);
    for (const p of input.spec.parameters) {
      const m = new RegExp(`^\\s*tv\\.${p.name} <- (\\S+); label`, 'm').exec(text);
      expect(Number(m![1])).toBeCloseTo(Math.log(input.parameters![p.name]!.median), 14);
      const w = input.bsv![p.name]?.omega.median;
      const e = new RegExp(`^\\s*eta\\.${p.name} ~ (\\S+)$`, 'm').exec(text);
      if (w === undefined) expect(e).toBeNull();
      else expect(Number(e![1])).toBeCloseTo(w * w, 14);
    }
    for (const o of input.spec.observables) expect(text).toMatch(new RegExp(`^\\s*${o.name} ~ (add|prop)\\(`, 'm'));
  });
});

/** NM-TRAN back to our language: A(i) → state, T → t, ** → ^, upper-case names → the spec's */
function fromNonmem(expr: string, spec: ModelSpec): string {
  const upper = new Map([...spec.parameters.map((p) => p.name), ...spec.observables.map((o) => o.name), ...(spec.covariates ?? []).map((c) => c.name), 'dose'].map((n) => [n.toUpperCase(), n]));
  return expr
    .replace(/A\((\d+)\)/g, (_, i) => spec.states[Number(i) - 1]!.name)
    .replace(/\*\*/g, '^')
    .replace(/\b(EXP|LOG|LOG10|SQRT|ABS|SIN|COS|TANH|MIN|MAX)\(/g, (_, f: string) => `${f.toLowerCase()}(`)
    .replace(/\b(TIME|T)\b/g, 't')
    .replace(/\b[A-Z][A-Z0-9_]*\b/g, (w) => upper.get(w) ?? w);
}

describe('NONMEM export', () => {
  it.each(MODELS)('%s: a control stream with $DES ODEs, $PK, $ERROR and estimates that read back', (name) => {
    const input = fitted(name);
    const { spec } = input;
    const text = exportModel(input, 'nonmem');
    const blocks = [...text.matchAll(/^\$([A-Z]+)/gm)].map((m) => m[1]);
    expect(blocks.slice(0, 8)).toEqual(['PROBLEM', 'INPUT', 'DATA', 'SUBROUTINES', 'MODEL', 'PK', 'DES', 'ERROR']);
    expect(text).toMatch(/^\$SUBROUTINES ADVAN13/m);
    for (const b of ['PK', 'DES', 'ERROR', 'THETA', 'SIGMA', 'ESTIMATION']) expect(blocks).toContain(b);
    const eq: Record<string, string> = {}, init: Record<string, string> = {}, obs: Record<string, string> = {};
    for (const line of text.split('\n').map((l) => l.replace(/;.*$/, '').trim())) {
      let m;
      if ((m = /^DADT\((\d+)\) = (.+)$/.exec(line))) eq[spec.states[Number(m[1]) - 1]!.name] = fromNonmem(m[2]!, spec);
      else if ((m = /^A_0\((\d+)\) = (.+)$/.exec(line))) init[spec.states[Number(m[1]) - 1]!.name] = fromNonmem(m[2]!, spec);
      else if ((m = /^(\w+) = (.+)$/.exec(line)) && spec.observables.some((o) => o.name.toUpperCase() === m![1])) obs[spec.observables.find((o) => o.name.toUpperCase() === m![1])!.name] = fromNonmem(m[2]!, spec);
    }
    expect(compareNumerically(spec, rebuilt(spec, eq, init, obs))).toBeLessThan(1e-12);
    // THETA k = log θ of parameter k; one ETA per varying parameter, $OMEGA = ω²
    const thetas = [...text.matchAll(/^\$THETA (\S+) ; log (\w+)/gm)];
    expect(thetas.map((m) => m[2])).toEqual(spec.parameters.map((p) => p.name));
    thetas.forEach((m) => expect(Number(m[1])).toBeCloseTo(Math.log(input.parameters![m[2]!]!.median), 14));
    const omegas = [...text.matchAll(/^\$OMEGA (\S+) ; ω² (\w+)/gm)];
    expect(omegas.map((m) => m[2])).toEqual(spec.parameters.filter((p) => p.varies).map((p) => p.name));
    omegas.forEach((m) => expect(Number(m[1])).toBeCloseTo(input.bsv![m[2]!]!.omega.median ** 2, 14));
    // one default dose compartment: the first dosed one
    const first = spec.doses?.[0]?.state.toUpperCase();
    for (const s of spec.states) expect(text).toContain(`$COMP (${s.name.toUpperCase()}${s.name.toUpperCase() === first ? ' DEFDOSE' : ''})`);
  });

  it('a model dosed both ways: the oral amount F*dose is bioavailability F1, and NONMEM\'s reserved F is renamed', () => {
    const spec = bothRoutes();
    const text = exportModel({ spec }, 'nonmem');
    expect(text).toContain('$COMP (GUT DEFDOSE)');
    expect(text).toContain('$COMP (CENTRAL)');
    // a fraction that does not vary (uniform prior within 0–1) is exported on the logit scale, so an outside fit keeps it below 1
    expect(text).toMatch(/^ {2}F_P = 1\/\(1 \+ EXP\(-THETA\(2\)\)\)$/m);
    const fitted = exportModel({ spec, parameters: { F: { median: 0.65 } } }, 'nonmem');
    expect(Number(/^\$THETA (\S+) ; logit F/m.exec(fitted)![1])).toBeCloseTo(Math.log(0.65 / 0.35), 12);
    expect(text).toMatch(/^ {2}F1 = F_P ; bioavailability of doses into gut$/m);
    expect(text).not.toMatch(/^ {2}F = /m);
    expect(exportModel({ spec }, 'nlmixr2')).toMatch(/^ {4}F <- expit\(tv\.F\)$/m);
    expect(exportModel({ spec }, 'monolix')).toContain('F = {distribution=logitNormal, typical=F_pop, no-variability}');
  });

  it('refuses functions NM-TRAN has no form for, with a sentence', () => {
    const spec = example('decay-exponential');
    spec.equations.A = '-k * A * step(t - 1)';
    expect(() => exportModel({ spec }, 'nonmem')).toThrow(/NONMEM has no equivalent of step\(\)/);
    expect(() => exportModel({ spec }, 'monolix')).toThrow(/Mlxtran has no equivalent of step\(\)/);
    expect(exportModel({ spec }, 'nlmixr2')).toContain('d/dt(A) <- -k * A * (t - 1.0 >= 0)');
  });
});

/** one-compartment PK dosed by mouth (F*dose into the gut) or intravenously (dose into central) */
function bothRoutes(): ModelSpec {
  const spec = example('pk-1cmt-oral');
  spec.parameters.splice(1, 0, { name: 'F', prior: { type: 'uniform', lower: 0.01, upper: 1 } });
  spec.doses = [{ type: 'bolus', state: 'gut', amount: 'F*dose', time: 0, route: 'oral' }, { type: 'bolus', state: 'central', amount: 'dose', time: 0, route: 'iv' }];
  return spec;
}

describe('bioavailability in nlmixr2 and Monolix', () => {
  it('F*dose into the gut is f(gut) and depot p', () => {
    const spec = bothRoutes();
    expect(exportModel({ spec }, 'nlmixr2')).toMatch(/^ {4}f\(gut\) <- F$/m);
    const mlx = exportModel({ spec }, 'monolix');
    expect(mlx).toContain('depot(adm = 1, target = gut, p = F)');
    expect(mlx).toContain('depot(adm = 2, target = central)');
  });
});

describe('Monolix export', () => {
  it.each(MODELS)('%s: [INDIVIDUAL] and [LONGITUDINAL] sections whose ODEs read back', (name) => {
    const input = fitted(name);
    const { spec } = input;
    const text = exportModel(input, 'monolix');
    const sections = [...text.matchAll(/^\[([A-Z]+)\]$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['INDIVIDUAL', 'LONGITUDINAL']);
    for (const b of ['DEFINITION:', 'EQUATION:', 'OUTPUT:']) expect(text).toContain(`\n${b}\n`);
    const eq: Record<string, string> = {}, init: Record<string, string> = {}, obs: Record<string, string> = {};
    for (const line of text.split('\n')) {
      let m;
      if ((m = /^ddt_(\w+) = (.+)$/.exec(line))) eq[m[1]!] = m[2]!;
      else if ((m = /^(\w+)_0 = (.+)$/.exec(line)) && m[1] !== 't') init[m[1]!] = m[2]!;
      else if ((m = /^(\w+) = (.+)$/.exec(line)) && spec.observables.some((o) => o.name === m![1])) obs[m[1]!] = m[2]!;
    }
    expect(compareNumerically(spec, rebuilt(spec, eq, init, obs))).toBeLessThan(1e-12);
    for (const p of spec.parameters) {
      expect(text).toMatch(new RegExp(`^${p.name} = \\{distribution=logNormal, typical=${p.name}_pop, ${p.varies ? `sd=omega_${p.name}` : 'no-variability'}\\}$`, 'm'));
      expect(Number(new RegExp(`^;   ${p.name}_pop = (\\S+)`, 'm').exec(text)![1])).toBe(input.parameters![p.name]!.median);
    }
    expect(text).toMatch(/^output = \{y_\w+(, y_\w+)*\}$/m);
  });
});
