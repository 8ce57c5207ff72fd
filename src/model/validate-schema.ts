// Ajv against modelspec.schema.json (the single source of truth), with Ajv's errors turned into
// sentences that name the place. oneOf branches are picked by their `type` field, so a bolus
// with a typo is not also reported as a broken infusion.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from './modelspec.schema.json';
import type { SpecIssue } from './errors.ts';
import { LIMITS } from './limits.ts';
import { parsePointer, toPointer } from './locate.ts';
import { suggestion } from './names.ts';

/** A SpecIssue before positions are known; `atKey` points at an object member's key. */
export type RawIssue = SpecIssue & { atKey?: boolean };

interface Validators {
  spec: ValidateFunction;
  branches: Map<string, ValidateFunction>;
}

let validators: Validators | undefined;

function getValidators(): Validators {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  ajv.addSchema(schema);
  const id = schema.$id;
  const get = (ref: string): ValidateFunction => {
    const v = ajv.getSchema(id + ref);
    if (!v) throw new Error(`modelspec schema: ${ref} not found`);
    return v;
  };
  validators = {
    spec: get(''),
    branches: new Map([
      ['lognormal', get('#/definitions/lognormal')],
      ['uniform', get('#/definitions/bounded')],
      ['loguniform', get('#/definitions/bounded')],
      ['bolus', get('#/properties/doses/items/oneOf/0')],
      ['infusion', get('#/properties/doses/items/oneOf/1')],
    ]),
  };
  return validators;
}

/** The value at a JSON pointer (own properties only). */
function valueAt(data: unknown, pointer: string): unknown {
  let v = data;
  for (const seg of parsePointer(pointer)) {
    if (v !== null && typeof v === 'object' && Object.hasOwn(v, seg)) v = (v as Record<string, unknown>)[seg];
    else return undefined;
  }
  return v;
}

/** "parameters[0] (ka) › prior › median" */
export function describePath(pointer: string, data: unknown): string {
  const segs = parsePointer(pointer);
  if (segs.length === 0) return 'the spec';
  const parts: string[] = [];
  let v: unknown = data;
  for (const seg of segs) {
    v = v !== null && typeof v === 'object' && Object.hasOwn(v, seg) ? (v as Record<string, unknown>)[seg] : undefined;
    if (/^\d+$/.test(seg) && parts.length > 0) {
      const name = v !== null && typeof v === 'object' && Object.hasOwn(v, 'name') ? (v as { name: unknown }).name : undefined;
      const label = typeof name === 'string' && name.length <= 40 ? ` (${JSON.stringify(name)})` : '';
      parts[parts.length - 1] += `[${seg}]${label}`;
    } else {
      parts.push(seg.length > 40 ? seg.slice(0, 40) + '…' : JSON.stringify(seg).slice(1, -1));
    }
  }
  return parts.join(' › ');
}

const ARTICLE: Record<string, string> = {
  string: 'a string', number: 'a number', integer: 'an integer (whole number)', boolean: 'true or false',
  object: 'an object', array: 'an array', null: 'null',
};

const COMPARE: Record<string, string> = {
  '>': 'greater than', '>=': 'at least', '<': 'less than', '<=': 'at most',
};

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

function sentence(e: ErrorObject, data: unknown): RawIssue {
  const where = describePath(e.instancePath, data);
  const p = e.params as Record<string, unknown>;
  const issue = (message: string, path = e.instancePath, atKey = false): RawIssue => ({ code: 'schema', message, path, atKey });
  if (typeof e.propertyName === 'string') {
    const path = e.instancePath + toPointer([e.propertyName]);
    return issue(`${where}: ${show(e.propertyName)} is not a valid name: start with a letter, then use letters, digits or _ (at most 32 characters)`, path, true);
  }
  switch (e.keyword) {
    case 'required':
      return issue(`${where} is missing the required field "${String(p.missingProperty)}"`);
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
      const allowed = Object.keys(props);
      return issue(
        `${where} has an unknown field ${show(extra)}.${suggestion(extra, allowed) || ` Allowed fields: ${allowed.join(', ')}.`}`,
        e.instancePath + toPointer([extra]),
        true,
      );
    }
    case 'type':
      return issue(`${where} must be ${ARTICLE[String(p.type)] ?? String(p.type)}, not ${kindOf(e.data)}`);
    case 'const':
      return issue(`${where} must be ${show(p.allowedValue)}, not ${show(e.data)}`);
    case 'enum':
      return issue(`${where} must be one of ${(p.allowedValues as unknown[]).map(show).join(', ')}, not ${show(e.data)}`);
    case 'pattern':
      if (String(p.pattern).startsWith('^[A-Za-z][A-Za-z0-9_]')) {
        return issue(`${where}: ${show(e.data)} is not a valid name: start with a letter, then use letters, digits or _ (at most 32 characters)`);
      }
      return issue(`${where}: ${show(e.data)} may only contain letters, digits, spaces and _ . ( ) + , / - (starting with a letter or digit)`);
    case 'minLength':
      return issue(p.limit === 1 ? `${where} must not be empty` : `${where} must have at least ${String(p.limit)} characters`);
    case 'maxLength':
      return issue(`${where} is too long (${(e.data as string).length} characters; at most ${String(p.limit)})`);
    case 'minItems':
      return issue(`${where} needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return issue(`${where} has ${(e.data as unknown[]).length} items; at most ${String(p.limit)} are allowed`);
    case 'maxProperties':
      return issue(`${where} has too many entries (at most ${String(p.limit)})`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return issue(`${where} must be ${COMPARE[String(p.comparison)] ?? String(p.comparison)} ${String(p.limit)}, not ${show(e.data)}`);
    default:
      return issue(`${where} ${e.message ?? 'is invalid'}`);
  }
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${show(v)}`;
}

/** Places where the schema has a oneOf discriminated by `type`. */
function isOneOfSite(pointer: string): boolean {
  return /^\/doses\/\d+$/.test(pointer) || /^\/parameters\/\d+\/prior$/.test(pointer);
}

/** Schema issues of `data` (empty when it conforms). */
export function schemaIssues(data: unknown): RawIssue[] {
  const { spec, branches } = getValidators();
  if (spec(data)) return [];
  const errors = spec.errors ?? [];
  const sites = errors.filter((e) => e.keyword === 'oneOf' && isOneOfSite(e.instancePath)).map((e) => e.instancePath);
  const inSite = (path: string) => sites.some((s) => path === s || path.startsWith(s + '/'));
  const issues: RawIssue[] = [];
  for (const e of errors) {
    if (issues.length >= LIMITS.issues) break;
    if (e.keyword === 'propertyNames') continue; // reported through its inner error
    if (e.keyword === 'oneOf' && sites.includes(e.instancePath)) {
      issues.push(...branchIssues(e.instancePath, data, branches));
      continue;
    }
    if (inSite(e.instancePath)) continue;
    issues.push(sentence(e, data));
  }
  return issues;
}

function branchIssues(site: string, data: unknown, branches: Map<string, ValidateFunction>): RawIssue[] {
  const value = valueAt(data, site);
  const where = describePath(site, data);
  const types = site.startsWith('/doses') ? ['bolus', 'infusion'] : ['lognormal', 'uniform', 'loguniform'];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ code: 'schema', message: `${where} must be an object, not ${kindOf(value)}`, path: site }];
  }
  const type = Object.hasOwn(value, 'type') ? (value as { type: unknown }).type : undefined;
  const validate = typeof type === 'string' && types.includes(type) ? branches.get(type) : undefined;
  if (!validate) {
    const message = type === undefined
      ? `${where} is missing the required field "type" (one of ${types.join(', ')})`
      : `${where} › type must be one of ${types.map((t) => `"${t}"`).join(', ')}, not ${show(type)}.${typeof type === 'string' ? suggestion(type, types) : ''}`;
    return [{ code: 'schema', message, path: type === undefined ? site : site + '/type' }];
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => sentence({ ...e, instancePath: site + e.instancePath }, data));
}
