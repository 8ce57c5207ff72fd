// SBML Level 3 Version 2 core: states → species (amounts, one unit compartment), equations →
// rate rules, observables → assignment rules to non-constant parameters, parameters and
// covariates → constant parameters (values: posterior medians, or prior centres; units where the
// unit string is understood), non-zero initial values → initialAssignments, boluses → events at
// their times. Mechanist-only facts (which parameters vary between subjects and their ω, which
// constants are covariates) ride in an annotation in our own namespace, so our importer restores
// them; other tools ignore it. Infusions have no event form here and are refused.
import type { Expr, FunctionName } from '../model/ast.ts';
import type { ValidatedModel } from '../model/validated.ts';
import { fittedValues } from './fitted.ts';
import { definedFunctionsUsed, functionDefinitionXml, MATHML_NS, TIME_SYMBOL, toMathml } from './mathml.ts';
import { sbmlUnits, unitId } from './sbml-units.ts';
import { ExchangeError, type ExportInput } from './types.ts';
import { escapeXml } from './xml.ts';

export const SBML_NS = 'http://www.sbml.org/sbml/level3/version2/core';
export const MECHANIST_NS = 'https://mechanist.invalid/sbml-annotation/1';
export const COMPARTMENT_ID = 'mechanist_compartment';

const math = (e: Expr) => `<math xmlns="${MATHML_NS}">${toMathml(e)}</math>`;
const numText = (v: number) => String(v);
/** an SBML SId from a model name */
export const sid = (s: string): string => (s.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1') || 'model');

export function toSbml(v: ValidatedModel, input: ExportInput): string {
  const f = fittedValues(input);
  if (v.doses.some((d) => d.kind === 'bolus' && d.times.some((t) => t < 0))) {
    // an SBML simulation starts at 0: events triggered before it would all fire at once there
    throw new ExchangeError('SBML export: doses before t = 0 (a steady-state lead-in) cannot be written as SBML events; export to nlmixr2, NONMEM or Monolix');
  }
  if (v.doses.some((d) => d.kind === 'infusion')) {
    throw new ExchangeError('SBML export: infusions are not written yet (only bolus doses become SBML events); export to nlmixr2, NONMEM or Monolix, or use boluses');
  }
  const units = new Map<string, string>();
  const unitRef = (u: string | undefined, attr: string): string => {
    if (!u) return '';
    const def = sbmlUnits(u);
    if (!def) return '';
    const id = unitId(u);
    units.set(id, `<unitDefinition id="${id}" name="${escapeXml(u)}"><listOfUnits>${def.map((x) => `<unit kind="${x.kind}" exponent="${x.exponent}" scale="${x.scale}" multiplier="${x.multiplier}"/>`).join('')}</listOfUnits></unitDefinition>`);
    return ` ${attr}="${id}"`;
  };
  const timeUnits = unitRef(v.spec.timeUnit, 'timeUnits');
  const used = new Set<FunctionName>();
  const allExprs = [...v.equations, ...v.observables.map((o) => o.expr), ...v.states.map((s) => s.initial), ...v.doses.map((d) => d.expr)];
  for (const e of allExprs) definedFunctionsUsed(e, used);

  const info = (attrs: Record<string, string>) => `<annotation><mechanist:info xmlns:mechanist="${MECHANIST_NS}"${Object.entries(attrs).map(([k, x]) => ` mechanist:${k}="${escapeXml(x)}"`).join('')}/></annotation>`;
  const species = v.states.map((s) => {
    const init = s.initial;
    const amount = init.kind === 'num' ? init.value : 0;
    return `<species id="${s.name}" name="${s.name}" compartment="${COMPARTMENT_ID}" initialAmount="${numText(amount)}"${unitRef(s.unit, 'substanceUnits')} hasOnlySubstanceUnits="true" boundaryCondition="false" constant="false">${info({ role: 'state', ...(s.unit ? { unit: s.unit } : {}) })}</species>`;
  });
  const params = v.parameters.map((p) => {
    const w = f.omega(p.name);
    return `<parameter id="${p.name}" name="${escapeXml(p.description ? `${p.name}: ${p.description}` : p.name)}" value="${numText(f.theta(p.name))}"${unitRef(p.unit, 'units')} constant="true">${info({ role: 'parameter', ...(w !== undefined ? { omega: numText(w) } : {}), ...(p.unit ? { unit: p.unit } : {}) })}</parameter>`;
  });
  const covs = v.covariates.map((c) => `<parameter id="${c.name}" value="${numText(c.default)}"${unitRef(c.unit, 'units')} constant="true">${info({ role: 'covariate', ...(c.unit ? { unit: c.unit } : {}) })}</parameter>`);
  const obs = v.observables.map((o) => `<parameter id="${o.name}"${unitRef(o.unit, 'units')} constant="false">${info({ role: 'observable', ...(o.unit ? { unit: o.unit } : {}) })}</parameter>`);
  const initials = v.states.filter((s) => s.initial.kind !== 'num').map((s) => `<initialAssignment symbol="${s.name}">${math(s.initial)}</initialAssignment>`);
  const rules = [
    ...v.states.map((s, i) => `<rateRule variable="${s.name}">${math(v.equations[i]!)}</rateRule>`),
    ...v.observableOrder.map((k) => `<assignmentRule variable="${v.observables[k]!.name}">${math(v.observables[k]!.expr)}</assignmentRule>`),
  ];
  let n = 0;
  const events = v.doses.flatMap((d) => {
    if (d.kind !== 'bolus') return [];
    const target = v.states[d.state]!.name;
    return d.times.map((t) => {
      n++;
      const trigger = `<apply><geq/><csymbol encoding="text" definitionURL="${TIME_SYMBOL}">t</csymbol>${toMathml({ kind: 'num', value: t })}</apply>`;
      const add = toMathml({ kind: 'binary', op: '+', left: { kind: 'ident', name: target }, right: d.expr });
      return `<event id="dose_${n}" useValuesFromTriggerTime="true"><trigger initialValue="false" persistent="true"><math xmlns="${MATHML_NS}">${trigger}</math></trigger><listOfEventAssignments><eventAssignment variable="${target}"><math xmlns="${MATHML_NS}">${add}</math></eventAssignment></listOfEventAssignments></event>`;
    });
  });
  const notes = [v.spec.description, v.spec.rationale].filter(Boolean).map((t) => `<p>${escapeXml(t!)}</p>`).join('');
  const lists = [
    used.size ? `<listOfFunctionDefinitions>${[...used].map(functionDefinitionXml).join('')}</listOfFunctionDefinitions>` : '',
    units.size ? `<listOfUnitDefinitions>${[...units.values()].join('')}</listOfUnitDefinitions>` : '',
    `<listOfCompartments><compartment id="${COMPARTMENT_ID}" spatialDimensions="3" size="1" constant="true"/></listOfCompartments>`,
    `<listOfSpecies>${species.join('')}</listOfSpecies>`,
    params.length + covs.length + obs.length ? `<listOfParameters>${[...params, ...covs, ...obs].join('')}</listOfParameters>` : '',
    initials.length ? `<listOfInitialAssignments>${initials.join('')}</listOfInitialAssignments>` : '',
    `<listOfRules>${rules.join('')}</listOfRules>`,
    events.length ? `<listOfEvents>${events.join('')}</listOfEvents>` : '',
  ].filter(Boolean);
  const modelInfo = info({ ...(v.spec.timeUnit ? { timeUnit: v.spec.timeUnit } : {}), ...(v.spec.stiff ? { stiff: 'true' } : {}), ...(v.spec.error ? { error: v.spec.error.model } : {}) });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<sbml xmlns="${SBML_NS}" level="3" version="2">`,
    `  <model id="${sid(v.spec.name)}" name="${escapeXml(v.spec.name)}"${timeUnits}>`,
    ...(notes ? [`    <notes><body xmlns="http://www.w3.org/1999/xhtml">${notes}</body></notes>`] : []),
    `    ${modelInfo}`,
    ...lists.map((l) => `    ${l}`),
    '  </model>',
    '</sbml>',
    '',
  ].join('\n');
}
