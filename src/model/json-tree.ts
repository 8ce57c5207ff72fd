// A strict JSON (RFC 8259) parser that keeps source offsets, for error positions, duplicate
// keys and JSON-pointer → line/column. Linear time; nesting is bounded by scanStructure first.
import { LIMITS } from './limits.ts';

export interface JsonNode {
  type: 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';
  /** offset of the first character (the quote of a string, the brace of an object) */
  offset: number;
  length: number;
  /** decoded value of string/number/boolean leaves and property keys */
  value?: unknown;
  /** object: properties; property: [key, value]; array: items */
  children?: JsonNode[];
}

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** Members of one JSON array or object beyond which no valid spec can go. */
export const MAX_CONTAINER = 1000;

/**
 * One linear pass over the text that finds nesting deeper than LIMITS.jsonDepth and containers
 * with more than MAX_CONTAINER members, before anything builds a tree.
 */
export function scanStructure(text: string): { message: string; offset: number } | null {
  const members: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      members.push(0);
      if (members.length > LIMITS.jsonDepth) return { message: `the JSON is nested more than ${LIMITS.jsonDepth} levels deep`, offset: i };
    } else if (c === 125 || c === 93) members.pop();
    else if (c === 44 && members.length > 0) {
      const n = ++members[members.length - 1]!;
      if (n >= MAX_CONTAINER) return { message: `an array or object here has more than ${MAX_CONTAINER} entries; no model spec needs that many`, offset: i };
    }
  }
  return null;
}

const describe = (text: string, i: number): string => {
  if (i >= text.length) return 'the end of the text';
  const cp = text.codePointAt(i)!;
  return cp < 32 || cp > 126 ? `character U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCodePoint(cp)}'`;
};

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  parse(): JsonNode {
    this.ws();
    if (this.i >= this.text.length) throw new JsonSyntaxError('the text is empty: a JSON object was expected', this.i);
    const node = this.value();
    this.ws();
    if (this.i < this.text.length) throw new JsonSyntaxError('the text continues after the end of the JSON value', this.i);
    return node;
  }

  private ws(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.i++;
      else if (c === 47 && (t[this.i + 1] === '/' || t[this.i + 1] === '*')) throw new JsonSyntaxError('comments are not allowed in JSON', this.i);
      else return;
    }
  }

  private value(): JsonNode {
    const t = this.text;
    const c = t[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (t.startsWith(word, this.i)) {
        const node: JsonNode = { type: value === null ? 'null' : 'boolean', offset: this.i, length: word.length, value };
        this.i += word.length;
        return node;
      }
    }
    if (c === "'") throw new JsonSyntaxError('single quotes are not allowed in JSON: use double quotes', this.i);
    const word = /^[A-Za-z_$][\w$]*/.exec(t.slice(this.i, this.i + 40))?.[0];
    if (word === 'NaN' || word === 'Infinity') throw new JsonSyntaxError(`${word} is not a JSON value: write a number`, this.i);
    if (word) throw new JsonSyntaxError(`unexpected word '${word}': a JSON value was expected`, this.i);
    if (c === '+') throw new JsonSyntaxError("malformed number: JSON numbers have no '+' sign", this.i);
    throw new JsonSyntaxError(`unexpected ${describe(t, this.i)}: a JSON value was expected`, this.i);
  }

  private object(): JsonNode {
    const start = this.i++;
    const node: JsonNode = { type: 'object', offset: start, length: 0, children: [] };
    this.ws();
    if (this.text[this.i] === '}') {
      this.i++;
      node.length = this.i - start;
      return node;
    }
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') {
        if (this.text[this.i] === '}') throw new JsonSyntaxError("a trailing comma before '}' is not allowed in JSON", this.i);
        throw new JsonSyntaxError(`a property name in double quotes was expected, not ${describe(this.text, this.i)}`, this.i);
      }
      const key = this.string();
      this.ws();
      if (this.text[this.i] !== ':') throw new JsonSyntaxError(`a ':' was expected after the property name, not ${describe(this.text, this.i)}`, this.i);
      this.i++;
      this.ws();
      const value = this.value();
      node.children!.push({ type: 'property', offset: key.offset, length: value.offset + value.length - key.offset, value: key.value, children: [key, value] });
      this.ws();
      const c = this.text[this.i];
      this.i++;
      if (c === '}') break;
      if (c !== ',') throw new JsonSyntaxError(`a ',' or '}' was expected, not ${describe(this.text, this.i - 1)}`, this.i - 1);
    }
    node.length = this.i - start;
    return node;
  }

  private array(): JsonNode {
    const start = this.i++;
    const node: JsonNode = { type: 'array', offset: start, length: 0, children: [] };
    this.ws();
    if (this.text[this.i] === ']') {
      this.i++;
      node.length = this.i - start;
      return node;
    }
    for (;;) {
      this.ws();
      if (this.text[this.i] === ']') throw new JsonSyntaxError("a trailing comma before ']' is not allowed in JSON", this.i);
      node.children!.push(this.value());
      this.ws();
      const c = this.text[this.i];
      this.i++;
      if (c === ']') break;
      if (c !== ',') throw new JsonSyntaxError(`a ',' or ']' was expected, not ${describe(this.text, this.i - 1)}`, this.i - 1);
    }
    node.length = this.i - start;
    return node;
  }

  private string(): JsonNode {
    const t = this.text;
    const start = this.i++;
    let escaped = false;
    for (;;) {
      if (this.i >= t.length) throw new JsonSyntaxError('a string is not closed', start);
      const c = t.charCodeAt(this.i);
      if (c === 34) break;
      if (c < 32) throw new JsonSyntaxError('control characters (such as a raw newline or tab) must be escaped inside strings', this.i);
      if (c === 92) {
        escaped = true;
        const e = t[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.i + 2, this.i + 6))) throw new JsonSyntaxError('invalid \\u escape: four hex digits must follow', this.i);
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new JsonSyntaxError(`invalid escape sequence '\\${e ?? ''}'`, this.i);
        this.i += 2;
        continue;
      }
      this.i++;
    }
    this.i++;
    const raw = t.slice(start, this.i);
    return { type: 'string', offset: start, length: this.i - start, value: escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1) };
  }

  private number(): JsonNode {
    const t = this.text;
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(t.slice(this.i, this.i + 400));
    if (!m) throw new JsonSyntaxError('malformed number', this.i);
    const next = t[this.i + m[0].length];
    if (next !== undefined && /[\d.eExX]/.test(next)) throw new JsonSyntaxError('malformed number (no leading zeros, hex or trailing dots in JSON)', this.i);
    const node: JsonNode = { type: 'number', offset: this.i, length: m[0].length, value: Number(m[0]) };
    this.i += m[0].length;
    return node;
  }
}

/** Parses JSON text into a tree with offsets; throws JsonSyntaxError at the first problem. */
export function parseJsonTree(text: string): JsonNode {
  return new Parser(text).parse();
}
