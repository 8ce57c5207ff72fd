// SBML (Level 3 core) → ModelSpec. Species → states (amounts, or concentrations divided by their
// compartment's size), rate rules and reactions → equations, assignment rules → observables (and
// inlined where the equations use them), constant parameters → parameters with log-normal priors
// around their values (gsd 3; non-positive constants are inlined as numbers), initial
// assignments → initial values, timed events that add an amount to a species → bolus doses.
// Our own annotation (sbml-export.ts) restores BSV, covariates, units and the error model.
// Everything else — algebraic rules, events with delays or priorities or other triggers,
// non-constant compartments, piecewise with several pieces, delay() — is refused with a sentence
// naming the element.
import type { Expr } from '../model/ast.ts';
import { checkSpec, printExpr, reservedReason } from '../model/index.ts';
import type { DoseSpec, ModelSpec, ParameterSpec } from '../model/spec.ts';
import { builtinFor, fromMathml, TIME_SYMBOL, type MathContext } from './mathml.ts';
import { MECHANIST_NS } from './sbml-export.ts';
import { ExchangeError } from './types.ts';
import { child, children, parseXml, type XmlNode } from './xml.ts';

export interface SbmlImportResult {
  spec: ModelSpec;
  /** what was changed on the way (renamed identifiers, inlined constants, ignored constraints) */
  notes: string[];
}

const num = (value: number): Expr => ({ kind: 'num', value });
const ident = (name: string): Expr => ({ kind: 'ident', name });

/** our annotation on an element, if any: attributes without the prefix */
function mechanistInfo(n: XmlNode): Record<string, string> {
  const a = child(n, 'annotation');
  const info = a?.children.find((c) => c.name === 'info' && Object.entries(c.attrs).some(([k, v]) => k.startsWith('xmlns') && v === MECHANIST_NS));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(info?.attrs ?? {})) if (!k.startsWith('xmlns')) out[k.replace(/^[^:]*:/, '')] = v;
  return out;
}

const numberAttr = (n: XmlNode, name: string): number | undefined => (n.attrs[name] === undefined ? undefined : Number(n.attrs[name]));

export function importSbml(text: string): SbmlImportResult {
  const root = parseXml(text.replace(/^\uFEFF/, ''));
  if (root.name !== 'sbml') throw new ExchangeError(`not an SBML document (root element <${root.name}>)`);
  if (root.attrs.level !== '3') throw new ExchangeError(`only SBML Level 3 is read (this is Level ${root.attrs.level ?? '?'} Version ${root.attrs.version ?? '?'}); convert it with libSBML first`);
  const model = child(root, 'model');
  if (!model) throw new ExchangeError('the SBML document has no <model>');
  const notes: string[] = [];
  const where = (kind: string, id: string | undefined) => `${kind} ${id ?? '(no id)'}`;

  // ---- refusals that need no further reading
  if (children(child(model, 'listOfRules'), 'algebraicRule').length) throw new ExchangeError('algebraic rules are not supported (the model would be a DAE, not an ODE)');
  if (children(child(model, 'listOfConstraints'), 'constraint').length) notes.push('constraints were ignored (they do not change a simulation)');
  for (const c of children(child(model, 'listOfCompartments'), 'compartment')) {
    if (c.attrs.constant === 'false') throw new ExchangeError(`${where('compartment', c.attrs.id)}: compartments whose size changes are not supported`);
  }

  // ---- identifiers: SBML ids → names our language accepts
  const used = new Set<string>();
  const rename = new Map<string, string>();
  const safe = (id: string, role: 'state' | 'parameter' | 'covariate' | 'observable'): string => {
    let name = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(name)) name = `x${name}`;
    if (reservedReason(name, role) || name.length > 32) name = `x_${name}`.slice(0, 32);
    let k = 2;
    const base = name.slice(0, 29);
    while (used.has(name)) name = `${base}_${k++}`;
    used.add(name);
    if (name !== id) { rename.set(id, name); notes.push(`${id} was renamed ${name}`); }
    return name;
  };

  // ---- function definitions
  const functions: MathContext['functions'] = new Map();
  for (const fd of children(child(model, 'listOfFunctionDefinitions'), 'functionDefinition')) {
    const lambda = child(child(fd, 'math') ?? fd, 'lambda');
    if (!lambda) throw new ExchangeError(`${where('function', fd.attrs.id)}: no <lambda>`);
    const bvars = children(lambda, 'bvar').map((b) => (child(b, 'ci')?.text ?? '').trim());
    const body = lambda.children.filter((c) => c.name !== 'bvar').at(-1);
    if (!body) throw new ExchangeError(`${where('function', fd.attrs.id)}: empty lambda`);
    const builtin = builtinFor(fd.attrs.id ?? '', bvars, body);
    functions.set(fd.attrs.id ?? '', { bvars, body, ...(builtin ? { builtin } : {}) });
  }

  // ---- the symbols
  const compartments = new Map<string, number>();
  for (const c of children(child(model, 'listOfCompartments'), 'compartment')) compartments.set(c.attrs.id!, numberAttr(c, 'size') ?? 1);
  const rateRules = new Map<string, XmlNode>(), assignRules = new Map<string, XmlNode>();
  for (const r of child(model, 'listOfRules')?.children ?? []) {
    const math = child(r, 'math');
    if (!math) throw new ExchangeError(`${where(r.name, r.attrs.variable)}: no <math>`);
    if (r.name === 'rateRule') rateRules.set(r.attrs.variable!, math);
    else if (r.name === 'assignmentRule') assignRules.set(r.attrs.variable!, math);
  }
  const initialAssign = new Map<string, XmlNode>();
  for (const ia of children(child(model, 'listOfInitialAssignments'), 'initialAssignment')) initialAssign.set(ia.attrs.symbol!, child(ia, 'math')!);

  const reactions = children(child(model, 'listOfReactions'), 'reaction');
  const reacting = new Set<string>();
  for (const r of reactions) for (const l of ['listOfReactants', 'listOfProducts']) for (const s of children(child(r, l), 'speciesReference')) reacting.add(s.attrs.species!);

  interface Sym { kind: 'state' | 'parameter' | 'covariate' | 'inline' | 'observable'; name?: string; value?: number; expr?: () => Expr }
  const symbols = new Map<string, Sym>();
  const speciesNodes = children(child(model, 'listOfSpecies'), 'species');
  const stateIds: string[] = [];
  for (const s of speciesNodes) {
    const id = s.attrs.id!;
    if (s.attrs.conversionFactor) throw new ExchangeError(`${where('species', id)}: conversion factors are not supported`);
    const fixed = s.attrs.constant === 'true' || (s.attrs.boundaryCondition === 'true' && !rateRules.has(id) && !assignRules.has(id));
    if (assignRules.has(id)) { symbols.set(id, { kind: 'observable' }); continue; }
    if (fixed) {
      const size = compartments.get(s.attrs.compartment!) ?? 1;
      const amount = numberAttr(s, 'initialAmount'), conc = numberAttr(s, 'initialConcentration');
      const onlySubstance = s.attrs.hasOnlySubstanceUnits === 'true';
      const v = onlySubstance ? (amount ?? (conc ?? 0) * size) : (conc ?? (amount ?? 0) / size);
      symbols.set(id, { kind: 'inline', value: v });
      continue;
    }
    symbols.set(id, { kind: 'state', name: safe(id, 'state') });
    stateIds.push(id);
  }
  const parameterNodes = children(child(model, 'listOfParameters'), 'parameter');
  for (const p of parameterNodes) {
    const id = p.attrs.id!;
    const info = mechanistInfo(p);
    if (p.attrs.constant === 'false' || assignRules.has(id) || rateRules.has(id)) {
      if (rateRules.has(id)) { symbols.set(id, { kind: 'state', name: safe(id, 'state') }); stateIds.push(id); }
      else if (assignRules.has(id)) symbols.set(id, { kind: 'observable' });
      else symbols.set(id, { kind: 'inline', value: numberAttr(p, 'value') ?? 0 });
      continue;
    }
    if (info.role === 'covariate') { symbols.set(id, { kind: 'covariate', name: id === 'dose' ? 'dose' : safe(id, 'covariate'), value: numberAttr(p, 'value') ?? 0 }); if (id === 'dose') used.add('dose'); continue; }
    const value = numberAttr(p, 'value');
    if (initialAssign.has(id)) { symbols.set(id, { kind: 'inline' }); continue; }
    if (value === undefined) throw new ExchangeError(`${where('parameter', id)}: no value and no initial assignment`);
    if (!(value > 0)) { symbols.set(id, { kind: 'inline', value }); notes.push(`parameter ${id} = ${value} is not positive: written into the equations as a number`); continue; }
    symbols.set(id, { kind: 'parameter', name: safe(id, 'parameter'), value });
  }
  for (const [id, size] of compartments) if (!symbols.has(id)) symbols.set(id, { kind: 'inline', value: size });
  for (const id of assignRules.keys()) if (!symbols.has(id)) throw new ExchangeError(`assignment rule for unknown symbol ${id}`);
  for (const id of rateRules.keys()) if (!symbols.has(id)) throw new ExchangeError(`rate rule for unknown symbol ${id}`);

  // ---- math resolution: assignment-rule variables and inlined constants are substituted
  const resolving = new Set<string>();
  const exprOf = (id: string, math: XmlNode, what: string): Expr => {
    if (resolving.has(id)) throw new ExchangeError(`${what}: circular definition through ${id}`);
    resolving.add(id);
    try { return fromMathml(math, ctx(what)); } finally { resolving.delete(id); }
  };
  const ctx = (what: string): MathContext => ({
    where: what,
    functions,
    resolve: (name) => {
      const s = symbols.get(name);
      if (!s) return undefined;
      if (s.kind === 'state' || s.kind === 'parameter' || s.kind === 'covariate') return ident(s.name!);
      if (s.kind === 'observable') return exprOf(name, assignRules.get(name)!, `assignment rule ${name}`);
      if (initialAssign.has(name)) return exprOf(name, initialAssign.get(name)!, `initial assignment ${name}`);
      return num(s.value ?? 0);
    },
  });

  // ---- equations: rate rules, or the sum of the reactions a species takes part in
  const rhs = new Map<string, Expr>();
  for (const id of stateIds) if (rateRules.has(id)) {
    if (reacting.has(id)) throw new ExchangeError(`${where('species', id)}: both a rate rule and reactions change it`);
    rhs.set(id, exprOf(id, rateRules.get(id)!, `rate rule for ${id}`));
  }
  for (const r of reactions) {
    const rid = r.attrs.id ?? '(reaction)';
    if (r.attrs.fast === 'true') throw new ExchangeError(`${where('reaction', rid)}: fast reactions are not supported`);
    const law = child(r, 'kineticLaw');
    const lawMath = law && child(law, 'math');
    if (!lawMath) throw new ExchangeError(`${where('reaction', rid)}: no kinetic law`);
    const locals = new Map<string, number>();
    for (const lp of [...children(child(law, 'listOfLocalParameters'), 'localParameter'), ...children(child(law, 'listOfParameters'), 'parameter')]) locals.set(lp.attrs.id!, numberAttr(lp, 'value') ?? 0);
    const base = ctx(`kinetic law of reaction ${rid}`);
    const rate = fromMathml(lawMath, { ...base, resolve: (n) => (locals.has(n) ? num(locals.get(n)!) : base.resolve(n)) });
    if (locals.size) notes.push(`local parameters of reaction ${rid} were written into its rate as numbers`);
    const contribute = (list: string, sign: 1 | -1) => {
      for (const sr of children(child(r, list), 'speciesReference')) {
        const sp = sr.attrs.species!;
        const sym = symbols.get(sp);
        if (!sym || sym.kind !== 'state') continue; // boundary or constant species do not change
        if (sr.attrs.constant === 'false') throw new ExchangeError(`${where('reaction', rid)}: variable stoichiometry is not supported`);
        const st = numberAttr(sr, 'stoichiometry') ?? 1;
        const node = speciesNodes.find((s) => s.attrs.id === sp)!;
        const size = node.attrs.hasOnlySubstanceUnits === 'true' ? 1 : (compartments.get(node.attrs.compartment!) ?? 1);
        let term: Expr = st === 1 ? rate : { kind: 'binary', op: '*', left: num(st), right: rate };
        if (size !== 1) term = { kind: 'binary', op: '/', left: term, right: num(size) };
        const prev = rhs.get(sp);
        rhs.set(sp, prev ? { kind: 'binary', op: sign > 0 ? '+' : '-', left: prev, right: term } : sign > 0 ? term : { kind: 'neg', arg: term });
      }
    };
    contribute('listOfReactants', -1);
    contribute('listOfProducts', 1);
  }

  // ---- doses from timed events
  const doses: DoseSpec[] = [];
  for (const ev of children(child(model, 'listOfEvents'), 'event')) {
    const eid = ev.attrs.id ?? '(event)';
    if (child(ev, 'delay')) throw new ExchangeError(`${where('event', eid)}: events with delays are not supported`);
    if (child(ev, 'priority')) throw new ExchangeError(`${where('event', eid)}: events with priorities are not supported`);
    const trig = child(child(child(ev, 'trigger') ?? ev, 'math') ?? ev, 'apply');
    const op = trig?.children[0]?.name;
    const [lhs, rhsNode] = trig?.children.slice(1) ?? [];
    if (!trig || (op !== 'geq' && op !== 'gt') || lhs?.name !== 'csymbol' || lhs.attrs.definitionURL !== TIME_SYMBOL || !rhsNode) {
      throw new ExchangeError(`${where('event', eid)}: only events triggered at a fixed time (time ≥ T) are supported`);
    }
    const T = fromMathml(rhsNode, ctx(`trigger of event ${eid}`));
    if (T.kind !== 'num') throw new ExchangeError(`${where('event', eid)}: the trigger time must be a number`);
    for (const ea of children(child(ev, 'listOfEventAssignments'), 'eventAssignment')) {
      const target = ea.attrs.variable!;
      const sym = symbols.get(target);
      const m = child(ea, 'math')?.children[0];
      const isAdd = m?.name === 'apply' && m.children[0]?.name === 'plus' && m.children.length === 3;
      const selfIdx = isAdd ? m.children.slice(1).findIndex((c) => c.name === 'ci' && c.text.trim() === target) : -1;
      if (!sym || sym.kind !== 'state' || selfIdx < 0) throw new ExchangeError(`${where('event', eid)}: only doses (species = species + amount) are supported`);
      const amountNode = m!.children.slice(1)[1 - selfIdx]!;
      const amount = fromMathml(amountNode, ctx(`event ${eid}`));
      doses.push({ type: 'bolus', state: sym.name!, amount: printExpr(amount), time: T.value });
    }
  }

  // ---- assemble
  const info = mechanistInfo(model);
  const states = stateIds.map((id) => {
    const node = speciesNodes.find((s) => s.attrs.id === id) ?? parameterNodes.find((p) => p.attrs.id === id)!;
    let initial: Expr;
    if (initialAssign.has(id)) initial = exprOf(id, initialAssign.get(id)!, `initial assignment ${id}`);
    else if (node.name === 'species') {
      const size = compartments.get(node.attrs.compartment!) ?? 1;
      const amount = numberAttr(node, 'initialAmount'), conc = numberAttr(node, 'initialConcentration');
      initial = num(node.attrs.hasOnlySubstanceUnits === 'true' ? (amount ?? (conc ?? 0) * size) : (conc ?? (amount ?? 0) / size));
    } else initial = num(numberAttr(node, 'value') ?? 0);
    const unit = mechanistInfo(node).unit;
    return { name: symbols.get(id)!.name!, ...(unit ? { unit } : {}), initial: printExpr(initial) };
  });
  if (states.length === 0) throw new ExchangeError('the model has no species or parameters that change over time');
  const parameters: ParameterSpec[] = [];
  const covariates: NonNullable<ModelSpec['covariates']> = [];
  for (const p of parameterNodes) {
    const s = symbols.get(p.attrs.id!);
    const i = mechanistInfo(p);
    if (s?.kind === 'parameter') {
      const omega = i.omega !== undefined ? Number(i.omega) : undefined;
      parameters.push({
        name: s.name!, ...(i.unit ? { unit: i.unit } : {}),
        prior: { type: 'lognormal', median: s.value!, gsd: 3 },
        ...(omega !== undefined && omega > 0 ? { varies: true, omega: { type: 'lognormal', median: omega, gsd: 2 } } : {}),
      });
    } else if (s?.kind === 'covariate') covariates.push({ name: s.name!, ...(i.unit ? { unit: i.unit } : {}), default: s.value! });
  }
  const observables: ModelSpec['observables'] = [];
  for (const id of assignRules.keys()) {
    const name = safe(id, 'observable');
    const node = [...speciesNodes, ...parameterNodes].find((x) => x.attrs.id === id);
    const unit = node ? mechanistInfo(node).unit : undefined;
    observables.push({ name, ...(unit ? { unit } : {}), expression: printExpr(exprOf(id, assignRules.get(id)!, `assignment rule ${id}`)) });
  }
  if (observables.length === 0) for (const s of states) observables.push({ name: safe(`${s.name}_obs`, 'observable'), expression: s.name });
  const rawName = model.attrs.name || model.attrs.id || 'Imported SBML model';
  const spec: ModelSpec = {
    name: (rawName.replace(/[^A-Za-z0-9 _.()+,/-]/g, ' ').trim().replace(/^[^A-Za-z0-9]+/, '') || 'Imported SBML model').slice(0, 80),
    description: `Imported from SBML (model ${model.attrs.id ?? rawName}).`,
    ...(info.timeUnit ? { timeUnit: info.timeUnit } : {}),
    states,
    parameters,
    ...(covariates.length ? { covariates } : {}),
    equations: Object.fromEntries(stateIds.map((id) => [symbols.get(id)!.name!, printExpr(rhs.get(id) ?? num(0))])),
    observables,
    ...(doses.length ? { doses } : {}),
    ...(info.error === 'additive' || info.error === 'proportional' || info.error === 'combined' ? { error: { model: info.error } } : {}),
    ...(info.stiff === 'true' ? { stiff: true } : {}),
  };
  const check = checkSpec(spec);
  if (!check.model) {
    const first = check.issues[0]!;
    throw new ExchangeError(`the imported model does not validate: ${first.path ? `${first.path}: ` : ''}${first.message}`);
  }
  return { spec, notes };
}
