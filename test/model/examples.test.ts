import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExpression, printExpr, validateSpec, type ModelSpec } from '../../src/model/index.ts';
import type { Expr } from '../../src/model/ast.ts';
import { stripSpans } from './arbitrary.ts';

const dir = 'public/examples/models';
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

function identsOf(e: Expr, out: Expr[] = []): Expr[] {
  if (e.kind === 'ident') out.push(e);
  else if (e.kind === 'neg') identsOf(e.arg, out);
  else if (e.kind === 'binary') {
    identsOf(e.left, out);
    identsOf(e.right, out);
  }
  else if (e.kind === 'call') e.args.forEach((a) => identsOf(a, out));
  return out;
}

describe('example model specs', () => {
  it('has at least 10 examples, including those the issue names', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const name of ['pk-1cmt-oral', 'pk-2cmt-iv', 'pk-mm-elimination', 'growth-logistic', 'growth-gompertz', 'epi-sir',
      'pd-indirect-response', 'pk-1cmt-multiple-dose', 'pk-1cmt-infusion', 'decay-exponential', 'lorenz', 'stiff-robertson']) {
      expect(files).toContain(`${name}.json`);
    }
  });

  it.each(files)('%s validates, is documented, and every identifier is resolved', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const m = validateSpec(text);
    expect(m.spec.description?.length).toBeGreaterThan(20);
    expect(m.spec.rationale?.length).toBeGreaterThan(20);
    expect(m.covariates[0]!.name).toBe('dose');
    const all = [...m.states.map((s) => s.initial), ...m.equations, ...m.observables.map((o) => o.expr), ...m.doses.map((d) => d.expr)];
    expect(m.equations).toHaveLength(m.states.length);
    for (const e of all) for (const i of identsOf(e)) expect(i.kind === 'ident' && i.ref, JSON.stringify(i)).toBeTruthy();
    // every expression prints back to text that parses to the same tree
    for (const e of all) expect(stripSpans(parseExpression(printExpr(e)))).toEqual(stripSpans(e));
    // weakly-informative priors on positive parameters
    for (const p of m.parameters) if (p.prior.type === 'lognormal') expect(p.prior.gsd).toBeGreaterThan(1);
    // the object form validates the same way as the text form
    expect(validateSpec(JSON.parse(text) as unknown).states.map((s) => s.name)).toEqual(m.states.map((s) => s.name));
  });

  it('pk-1cmt-oral is exactly the model the issue describes', () => {
    const m = validateSpec(readFileSync(join(dir, 'pk-1cmt-oral.json'), 'utf8'));
    const spec: ModelSpec = m.spec;
    expect(spec.states.map((s) => s.name)).toEqual(['gut', 'central']);
    expect(spec.parameters.map((p) => [p.name, p.unit, p.varies])).toEqual([['ka', '1/h', true], ['CL', 'L/h', true], ['V', 'L', true]]);
    expect(m.doses).toHaveLength(1);
    expect(m.doses[0]).toMatchObject({ kind: 'bolus', state: 0, times: [0], duration: 0 });
    expect(m.doses[0]!.expr).toMatchObject({ kind: 'ident', name: 'dose', ref: { kind: 'covariate', index: 0 } });
    expect(m.covariates[0]).toMatchObject({ name: 'dose', unit: 'mg' });
    expect(m.observables).toHaveLength(1);
    expect(m.observables[0]!.unit).toBe('mg/L');
    expect(printExpr(m.observables[0]!.expr)).toBe('central / V');
    expect(printExpr(m.equations[0]!)).toBe('-ka * gut');
    expect(printExpr(m.equations[1]!)).toBe('ka * gut - CL / V * central');
    expect(['proportional', 'combined']).toContain(spec.error?.model);
  });

  it('expands the multiple-dose schedule and keeps stiff/infusion details', () => {
    const md = validateSpec(readFileSync(join(dir, 'pk-1cmt-multiple-dose.json'), 'utf8'));
    expect(md.doses[0]!.times).toEqual([0, 12, 24, 36, 48, 60]);
    const inf = validateSpec(readFileSync(join(dir, 'pk-1cmt-infusion.json'), 'utf8'));
    expect(inf.doses[0]).toMatchObject({ kind: 'infusion', times: [0], duration: 2 });
    const rob = validateSpec(readFileSync(join(dir, 'stiff-robertson.json'), 'utf8'));
    expect(rob.spec.stiff).toBe(true);
    const lorenz = validateSpec(readFileSync(join(dir, 'lorenz.json'), 'utf8'));
    expect(lorenz.states.map((s) => [s.name, printExpr(s.initial)])).toEqual([['x', '1'], ['y', '0'], ['z', '0']]);
    expect(lorenz.parameters.map((p) => p.name)).toEqual(['sigma', 'beta', 'rho']);
  });
});
