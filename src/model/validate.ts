// validateSpec: raw text or object → ValidatedModel, or a SpecError listing every issue found.
// Stages, each only when the previous one passed: size → JSON nesting and container sizes →
// JSON syntax → duplicate keys / non-finite numbers → JSON Schema → semantics.
import { SpecError, type SpecIssue } from './errors.ts';
import { JsonSyntaxError, parseJsonTree, scanStructure, type JsonNode } from './json-tree.ts';
import { LIMITS } from './limits.ts';
import { LineMap, SourceLocator, toPointer } from './locate.ts';
import type { ModelSpec } from './spec.ts';
import type { ValidatedModel } from './validated.ts';
import { schemaIssues, type RawIssue } from './validate-schema.ts';
import { checkSemantics } from './validate-semantics.ts';

export interface SpecCheck {
  /** the validated model when there are no issues */
  model?: ValidatedModel;
  issues: SpecIssue[];
}

/** Duplicate keys and non-finite numbers (1e999), found in the tree. */
function treeIssues(root: JsonNode): RawIssue[] {
  const issues: RawIssue[] = [];
  const stack: [JsonNode, (string | number)[]][] = [[root, []]];
  while (stack.length > 0 && issues.length < 20) {
    const [node, path] = stack.pop()!;
    const children = node.children ?? [];
    if (node.type === 'object') {
      const keys = new Set<string>();
      for (const prop of children) {
        const key = String(prop.value);
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
      issues.push({ code: 'schema', path: toPointer(path), message: `${toPointer(path) || 'the spec'}: the number is too large to represent` });
    }
  }
  return issues;
}

/** Parses and checks the JSON text; returns the value or issues (with line/column). */
function parseSource(text: string, lines: LineMap): { value?: unknown; root?: JsonNode; issues: SpecIssue[] } {
  if (text.length > LIMITS.sourceLength) {
    return { issues: [{ code: 'limit', path: '', message: `the spec is ${text.length} characters long; at most ${LIMITS.sourceLength} are allowed` }] };
  }
  const structure = scanStructure(text);
  if (structure) return { issues: [{ code: 'limit', path: '', message: structure.message, ...lines.position(structure.offset) }] };
  let root: JsonNode;
  try {
    root = parseJsonTree(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    return { issues: [{ code: 'json', path: '', message: `invalid JSON: ${err.message}`, ...lines.position(err.offset) }] };
  }
  const tree = treeIssues(root);
  if (tree.length > 0) {
    const locator = new SourceLocator(text, root, lines);
    return { issues: tree.map((i) => finish(i, locator)) };
  }
  // the tree proved the text valid; the native parser builds the value (own "__proto__" keys)
  return { value: JSON.parse(text), root, issues: [] };
}

/** Drops internal fields and adds line/column when the source text is known. */
function finish(raw: RawIssue, locator?: SourceLocator): SpecIssue {
  const { atKey, ...issue } = raw;
  if (!locator) return issue;
  const pos = locator.locate(issue.path, { atKey, exprOffset: issue.offset });
  return pos ? { ...issue, ...pos } : issue;
}

/** The text of a non-string input, or the issue that stops it from being JSON. */
function serialize(input: unknown): string | SpecIssue {
  try {
    const s = JSON.stringify(input);
    return typeof s === 'string' ? s : { code: 'json', path: '', message: `the spec must be a JSON object, not ${typeof input}` };
  } catch (err) {
    if (err instanceof RangeError) return { code: 'limit', path: '', message: 'the spec object is nested too deeply' };
    return { code: 'json', path: '', message: `the spec cannot be read as JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * Checks a spec (JSON text, or an already-parsed object) without throwing: every issue found,
 * with line/column when the input is text, and the validated model when there are none.
 */
export function checkSpec(input: unknown): SpecCheck {
  const located = typeof input === 'string';
  // a byte-order mark becomes a space: same offsets, valid JSON
  const text = located ? (input as string).replace(/^\uFEFF/, ' ') : serialize(input);
  if (typeof text !== 'string') return { issues: [text] };
  const lines = new LineMap(text);
  const parsed = parseSource(text, lines);
  if (parsed.issues.length > 0 || !parsed.root) {
    // positions in our own serialization of an object would mean nothing to the caller
    return { issues: located ? parsed.issues : parsed.issues.map(({ line: _l, column: _c, ...i }) => i) };
  }
  const locator = located ? new SourceLocator(text, parsed.root, lines) : undefined;
  const schema = schemaIssues(parsed.value);
  if (schema.length > 0) return { issues: schema.slice(0, LIMITS.issues).map((i) => finish(i, locator)) };
  const { model, issues } = checkSemantics(parsed.value as ModelSpec);
  if (issues.length > 0 || !model) return { issues: issues.slice(0, LIMITS.issues).map((i) => finish(i, locator)) };
  return { model, issues: [] };
}

/** Validates a spec; throws a SpecError listing every issue found. */
export function validateSpec(input: unknown): ValidatedModel {
  const { model, issues } = checkSpec(input);
  if (!model) throw new SpecError(issues.length > 0 ? issues : [{ code: 'internal', path: '', message: 'validation failed' }]);
  return model;
}
