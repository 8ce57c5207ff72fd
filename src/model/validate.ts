// validateSpec: raw text or object → ValidatedModel, or a SpecError listing every issue found.
// Stages, each only when the previous one passed: size → JSON nesting → JSON syntax →
// duplicate keys / non-finite numbers / huge containers → JSON Schema → semantics.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { SpecError, type SpecIssue } from './errors.ts';
import { LIMITS } from './limits.ts';
import { SourceLocator, LineMap, toPointer } from './locate.ts';
import type { ModelSpec } from './spec.ts';
import type { ValidatedModel } from './validated.ts';
import { schemaIssues, type RawIssue } from './validate-schema.ts';
import { checkSemantics } from './validate-semantics.ts';

export type { RawIssue } from './validate-schema.ts';

/** Members of one JSON array or object beyond which no valid spec can go. */
const MAX_CONTAINER = 1000;

export interface SpecCheck {
  /** the validated model when there are no issues */
  model?: ValidatedModel;
  issues: SpecIssue[];
}

const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: "a ':' was expected",
  CommaExpected: "a ',' was expected",
  CloseBraceExpected: "a '}' was expected",
  CloseBracketExpected: "a ']' was expected",
  EndOfFileExpected: 'the text continues after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'malformed number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidCharacter: 'control characters must be escaped inside strings',
};

/** Offset of the first bracket nested deeper than the limit (a linear scan; strings skipped). */
function tooDeepAt(text: string): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > LIMITS.jsonDepth) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return null;
}

/** Duplicate keys, non-finite numbers (1e999) and oversized containers, found in the tree. */
function treeIssues(root: Node): RawIssue[] {
  const issues: RawIssue[] = [];
  const stack: [Node, (string | number)[]][] = [[root, []]];
  while (stack.length > 0 && issues.length < 20) {
    const [node, path] = stack.pop()!;
    const children = node.children ?? [];
    if ((node.type === 'object' || node.type === 'array') && children.length > MAX_CONTAINER) {
      issues.push({ code: 'limit', path: toPointer(path), message: `${toPointer(path) || 'the spec'} has ${children.length} entries; no model spec needs more than ${MAX_CONTAINER}` });
      continue;
    }
    if (node.type === 'object') {
      const keys = new Set<string>();
      for (const prop of children) {
        const key = String(prop.children?.[0]?.value);
        if (keys.has(key)) {
          issues.push({ code: 'duplicate-key', path: toPointer([...path, key]), message: `the key ${JSON.stringify(key)} appears twice in the same object`, atKey: true });
        }
        keys.add(key);
        const value = prop.children?.[1];
        if (value) stack.push([value, [...path, key]]);
      }
    } else if (node.type === 'array') {
      children.forEach((child, i) => stack.push([child, [...path, i]]));
    } else if (node.type === 'number' && !Number.isFinite(node.value)) {
      issues.push({ code: 'schema', path: toPointer(path), message: `${toPointer(path)}: the number is too large to represent` });
    }
  }
  return issues;
}

/** Parses and checks the JSON text; returns the value or issues (with line/column). */
function parseSource(text: string, lines: LineMap): { value?: unknown; root?: Node; issues: SpecIssue[] } {
  const at = (offset: number) => lines.position(offset);
  if (text.length > LIMITS.sourceLength) {
    return { issues: [{ code: 'limit', path: '', message: `the spec is ${text.length} characters long; at most ${LIMITS.sourceLength} are allowed` }] };
  }
  const deep = tooDeepAt(text);
  if (deep !== null) {
    return { issues: [{ code: 'limit', path: '', message: `the JSON is nested more than ${LIMITS.jsonDepth} levels deep`, ...at(deep) }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    const what = e ? JSON_ERRORS[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error) : 'the text is empty';
    return { issues: [{ code: 'json', path: '', message: `invalid JSON: ${what}`, ...at(e?.offset ?? 0) }] };
  }
  const locator = new SourceLocator(text, root);
  const tree = treeIssues(root);
  if (tree.length > 0) return { issues: tree.map((i) => finish(i, locator)) };
  try {
    return { value: JSON.parse(text), root, issues: [] };
  } catch (err) {
    return { issues: [{ code: 'json', path: '', message: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

/** Drops internal fields and adds line/column when the source text is known. */
function finish(raw: RawIssue, locator?: SourceLocator): SpecIssue {
  const { atKey, ...issue } = raw;
  if (!locator) return issue;
  const pos = locator.locate(issue.path, { atKey, exprOffset: issue.offset });
  return pos ? { ...issue, ...pos } : issue;
}

/**
 * Checks a spec (JSON text, or an already-parsed object) without throwing: every issue found,
 * with line/column when the input is text, and the validated model when there are none.
 */
export function checkSpec(input: unknown): SpecCheck {
  let text: string;
  const located = typeof input === 'string';
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      const s = JSON.stringify(input);
      if (typeof s !== 'string') return { issues: [{ code: 'json', path: '', message: `the spec must be a JSON object, not ${typeof input}` }] };
      text = s;
    } catch (err) {
      return { issues: [{ code: 'json', path: '', message: `the spec cannot be read as JSON: ${err instanceof Error ? err.message : String(err)}` }] };
    }
  }
  const lines = new LineMap(located ? text : '');
  const parsed = parseSource(text, lines);
  if (parsed.issues.length > 0 || !parsed.root) {
    return { issues: located ? parsed.issues : parsed.issues.map(({ line: _l, column: _c, ...i }) => i) };
  }
  const locator = located ? new SourceLocator(text, parsed.root) : undefined;
  const schema = schemaIssues(parsed.value);
  if (schema.length > 0) return { issues: schema.map((i) => finish(i, locator)) };
  const { model, issues } = checkSemantics(parsed.value as ModelSpec);
  if (issues.length > 0 || !model) return { issues: issues.map((i) => finish(i, locator)) };
  return { model, issues: [] };
}

/** Validates a spec; throws a SpecError listing every issue found. */
export function validateSpec(input: unknown): ValidatedModel {
  const { model, issues } = checkSpec(input);
  if (!model) throw new SpecError(issues.length > 0 ? issues : [{ code: 'internal', path: '', message: 'validation failed' }]);
  return model;
}
