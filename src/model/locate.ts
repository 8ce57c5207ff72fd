// From a JSON pointer (and an offset inside an expression string) to line/column in the spec text.
import type { JsonNode as Node } from './json-tree.ts';

export interface Position { line: number; column: number }

/** "/a/b~1c" → ["a", "b/c"] (RFC 6901). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** ["a", "b/c"] → "/a/b~1c". */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** 1-based line and column (UTF-16 units) of a character offset; \n, \r\n and \r end lines. */
export class LineMap {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  /** Line starts, computed on first use (most valid specs never need a position). */
  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
    }
    return (this.starts = starts);
  }

  position(offset: number): Position {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

/** The value node at `pointer` and, when it is an object member, its property node. */
export function findNode(root: Node, pointer: string): { value?: Node; property?: Node } {
  let node: Node | undefined = root;
  let property: Node | undefined;
  for (const seg of parsePointer(pointer)) {
    if (!node) return {};
    if (node.type === 'object') {
      property = undefined;
      for (const p of node.children ?? []) if (p.children?.[0]?.value === seg) property = p;
      if (!property) return { value: node }; // a missing member: point at the enclosing object
      node = property.children?.[1];
    } else if (node.type === 'array') {
      const i = /^\d+$/.test(seg) ? Number(seg) : -1;
      const child: Node | undefined = node.children?.[i];
      if (!child) return { value: node };
      node = child;
      property = undefined;
    } else {
      return { value: node };
    }
  }
  return { value: node, property };
}

/**
 * Source offset of character `index` of the decoded string whose literal starts at `literalOffset`
 * (the opening quote). Escapes (\n, \uXXXX) take several source characters for one decoded one.
 */
export function stringIndexToSource(text: string, literalOffset: number, index: number): number {
  let src = literalOffset + 1;
  let decoded = 0;
  while (decoded < index && src < text.length && text[src] !== '"') {
    src += text[src] === '\\' ? (text[src + 1] === 'u' ? 6 : 2) : 1;
    decoded++;
  }
  return src;
}

/** Line/column of places in one spec text, addressed by JSON pointer. */
export class SourceLocator {
  constructor(private readonly text: string, private readonly root: Node, private readonly lines: LineMap) {}

  /**
   * Where to point for an issue: inside the expression string when `exprOffset` is given, at
   * the member's key when `atKey`, otherwise at the value.
   */
  locate(pointer: string, opts: { exprOffset?: number; atKey?: boolean } = {}): Position | undefined {
    const { value, property } = findNode(this.root, pointer);
    let offset: number | undefined;
    if (opts.atKey && property) offset = property.offset;
    else if (value && opts.exprOffset !== undefined && value.type === 'string') offset = stringIndexToSource(this.text, value.offset, opts.exprOffset);
    else offset = value?.offset;
    return offset === undefined ? undefined : this.lines.position(offset);
  }
}
