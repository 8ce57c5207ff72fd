// SBML import: our hand-written test files become specs that validate and simulate like a
// hand-written equivalent; unsupported constructs give a clear error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExchangeError, importSbml } from '../../src/exchange/index.ts';
import { checkSpec } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { GRID, maxRelDiff, simulateSpec } from './helpers.ts';

const fixture = (f: string) => readFileSync(`test/exchange/fixtures/${f}`, 'utf8');
const lognormal = (median: number) => ({ type: 'lognormal' as const, median, gsd: 3 });

describe('SBML import of our test files', () => {
  it('reactions in concentrations: rate/volume per species, local parameters inlined, boundary species constant', () => {
    const { spec, notes } = importSbml(fixture('enzyme-reactions.xml'));
    expect(checkSpec(spec).issues).toEqual([]);
    expect(spec.states.map((s) => s.name)).toEqual(['S', 'P']);
    expect(spec.parameters).toEqual([{ name: 'kcat', prior: lognormal(3) }]);
    expect(notes.join(' ')).toMatch(/local parameters of reaction conversion/);
    // the same model by hand: d[S]/dt = −(2·kcat·E·S/(Km + S))/2 with E = 0.5, Km = 1.5
    const byHand: ModelSpec = {
      name: 'by hand', states: [{ name: 'S', initial: '10' }, { name: 'P', initial: '0' }],
      parameters: [{ name: 'kcat', prior: lognormal(3) }],
      equations: { S: '-kcat * 0.5 * S / (1.5 + S)', P: 'kcat * 0.5 * S / (1.5 + S)' },
      observables: [{ name: 'S_obs', expression: 'S' }, { name: 'P_obs', expression: 'P' }],
    };
    const a = simulateSpec(spec, { kcat: 3 }, {}, GRID), b = simulateSpec(byHand, { kcat: 3 }, {}, GRID);
    expect(maxRelDiff(a.S_obs!, b.S_obs!)).toBeLessThan(1e-8);
    expect(maxRelDiff(a.P_obs!, b.P_obs!)).toBeLessThan(1e-8);
  });

  it('rate rules, a function definition, an assignment rule, an initial assignment and dosing events', () => {
    const { spec } = importSbml(fixture('oral-doses-events.xml'));
    expect(checkSpec(spec).issues).toEqual([]);
    expect(spec.doses).toEqual([
      { type: 'bolus', state: 'gut', amount: 'D', time: 0 },
      { type: 'bolus', state: 'gut', amount: 'D', time: 12 },
      { type: 'bolus', state: 'gut', amount: 'D / 2', time: 24 },
    ]);
    expect(spec.observables).toEqual([{ name: 'Cc', expression: 'central / V' }]);
    expect(spec.states.find((s) => s.name === 'central')!.initial).toBe('C0 * V');
    const byHand: ModelSpec = {
      name: 'by hand', states: [{ name: 'gut', initial: '0' }, { name: 'central', initial: 'C0 * V' }],
      parameters: ['ka', 'CL', 'V', 'D', 'C0'].map((name) => ({ name, prior: lognormal(1) })),
      equations: { gut: '-ka * gut', central: 'ka * gut - CL / V * central' },
      observables: [{ name: 'Cc', expression: 'central / V' }],
      doses: [{ type: 'bolus', state: 'gut', amount: 'D', time: 0, every: 12, count: 2 }, { type: 'bolus', state: 'gut', amount: 'D / 2', time: 24 }],
    };
    const values = { ka: 1.1, CL: 4.5, V: 42, D: 100, C0: 0.2 };
    expect(maxRelDiff(simulateSpec(spec, values, {}, GRID).Cc!, simulateSpec(byHand, values, {}, GRID).Cc!)).toBeLessThan(1e-8);
  });

  it('non-constant parameters with rate rules, an assignment rule inside them and a piecewise intervention', () => {
    const { spec } = importSbml(fixture('seir-intervention.xml'));
    expect(checkSpec(spec).issues).toEqual([]);
    expect(spec.states.map((s) => [s.name, s.initial])).toEqual([['S', '0.99'], ['E', '0'], ['I', '0.01'], ['R', '0']]);
    expect(spec.observables.map((o) => o.name)).toEqual(['force']);
    const force = '(beta - 0.5 * beta * step(t - 30)) * I';
    const byHand: ModelSpec = {
      name: 'by hand', states: [{ name: 'S', initial: '0.99' }, { name: 'E', initial: '0' }, { name: 'I', initial: '0.01' }, { name: 'R', initial: '0' }],
      parameters: ['beta', 'sigma', 'gamma'].map((name) => ({ name, prior: lognormal(1) })),
      equations: { S: `-(${force}) * S`, E: `(${force}) * S - sigma * E`, I: 'sigma * E - gamma * I', R: 'gamma * I' },
      observables: [{ name: 'force', expression: force }],
    };
    const values = { beta: 0.6, sigma: 0.25, gamma: 0.2 };
    const times = Array.from({ length: 121 }, (_, i) => i * 0.5);
    expect(maxRelDiff(simulateSpec(spec, values, {}, times).force!, simulateSpec(byHand, values, {}, times).force!)).toBeLessThan(1e-8);
  });
});

const wrap = (body: string) => `<?xml version="1.0"?><sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2"><model id="m">${body}</model></sbml>`;
const M = 'xmlns="http://www.w3.org/1998/Math/MathML"';
const X = `<listOfParameters><parameter id="x" value="1" constant="false"/><parameter id="k" value="1" constant="true"/></listOfParameters>`;
const RATE = `<rateRule variable="x"><math ${M}><apply><minus/><ci>x</ci></apply></math></rateRule>`;
const TIME = '<csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time">t</csymbol>';

describe('SBML import refuses what it cannot read, with a sentence', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed XML', '<sbml><model></sbml>', /not well-formed XML \(line 1/],
    ['not SBML', '<?xml version="1.0"?><html/>', /not an SBML document/],
    ['Level 2', '<?xml version="1.0"?><sbml level="2" version="4"><model/></sbml>', /only SBML Level 3/],
    ['algebraic rule', wrap(`${X}<listOfRules><algebraicRule><math ${M}><ci>x</ci></math></algebraicRule></listOfRules>`), /algebraic rules are not supported/],
    ['event with a delay', wrap(`${X}<listOfRules>${RATE}</listOfRules><listOfEvents><event id="e1" useValuesFromTriggerTime="true"><trigger initialValue="false" persistent="true"><math ${M}><apply><geq/>${TIME}<cn>1</cn></apply></math></trigger><delay><math ${M}><cn>2</cn></math></delay></event></listOfEvents>`), /event e1: events with delays are not supported/],
    ['event on a state', wrap(`${X}<listOfRules>${RATE}</listOfRules><listOfEvents><event id="e2" useValuesFromTriggerTime="true"><trigger initialValue="false" persistent="true"><math ${M}><apply><lt/><ci>x</ci><cn>0.5</cn></apply></math></trigger></event></listOfEvents>`), /event e2: only events triggered at a fixed time/],
    ['event that sets a value', wrap(`${X}<listOfRules>${RATE}</listOfRules><listOfEvents><event id="e3" useValuesFromTriggerTime="true"><trigger initialValue="false" persistent="true"><math ${M}><apply><geq/>${TIME}<cn>1</cn></apply></math></trigger><listOfEventAssignments><eventAssignment variable="x"><math ${M}><cn>0</cn></math></eventAssignment></listOfEventAssignments></event></listOfEvents>`), /only doses \(species = species \+ amount\)/],
    ['delay()', wrap(`${X}<listOfRules><rateRule variable="x"><math ${M}><apply><csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/delay">delay</csymbol><ci>x</ci><cn>1</cn></apply></math></rateRule></listOfRules>`), /rate rule for x: delay\(\) \(delay differential equations\) is not supported/],
    ['two-piece piecewise', wrap(`${X}<listOfRules><rateRule variable="x"><math ${M}><piecewise><piece><cn>1</cn><apply><gt/><ci>x</ci><cn>0</cn></apply></piece><piece><cn>2</cn><apply><lt/><ci>x</ci><cn>0</cn></apply></piece><otherwise><cn>0</cn></otherwise></piecewise></math></rateRule></listOfRules>`), /only a piecewise with one piece/],
    ['unknown name', wrap(`${X}<listOfRules><rateRule variable="x"><math ${M}><ci>nowhere</ci></math></rateRule></listOfRules>`), /rate rule for x: unknown name "nowhere"/],
    ['changing compartment', wrap(`<listOfCompartments><compartment id="c" size="1" constant="false"/></listOfCompartments>`), /compartment c: compartments whose size changes are not supported/],
  ];
  it.each(cases)('%s', (_, xml, message) => {
    expect(() => importSbml(xml)).toThrow(ExchangeError);
    expect(() => importSbml(xml)).toThrow(message);
  });
});
