// Tokenizer for the expression language. Only ASCII is accepted: look-alike letters
// (Cyrillic 'а'), fullwidth digits and invisible characters are reported by code point.
import { SpecError } from './errors.ts';

export type TokenKind = 'num' | 'ident' | 'op' | '(' | ')' | ',' | 'eof';

export interface Token {
  kind: TokenKind;
  /** source text of the token ('' for eof) */
  text: string;
  start: number;
  end: number;
  /** numeric value (num tokens only) */
  value?: number;
}

/** A one-issue SpecError for a problem at `offset` inside an expression. */
export function exprError(code: string, message: string, offset: number): SpecError {
  return new SpecError([{ code, message, path: '', offset }]);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function describeChar(src: string, i: number): string {
  const cp = src.codePointAt(i)!;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  const invisible = cp < 32 || cp === 127 || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff || cp === 0xa0 || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064);
  if (invisible) return `an invisible character (${hex})`;
  const ch = String.fromCodePoint(cp);
  if (cp > 127) return `'${ch}' (${hex}, not ASCII — look-alike letters and digits are not allowed)`;
  return `'${ch}'`;
}

/** Splits an expression into tokens; throws a 'syntax' SpecError at the first bad character. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === 46 && i + 1 < n && isDigit(src.charCodeAt(i + 1)))) {
      while (i < n && isDigit(src.charCodeAt(i))) i++;
      if (i < n && src.charCodeAt(i) === 46) {
        i++;
        while (i < n && isDigit(src.charCodeAt(i))) i++;
      }
      // exponent only when digits follow (so "2e" or "2exp(x)" become a missing-operator error)
      if (i < n && (src[i] === 'e' || src[i] === 'E')) {
        let j = i + 1;
        if (j < n && (src[j] === '+' || src[j] === '-')) j++;
        if (j < n && isDigit(src.charCodeAt(j))) {
          i = j;
          while (i < n && isDigit(src.charCodeAt(i))) i++;
        }
      }
      const text = src.slice(start, i);
      const value = Number(text);
      if (!Number.isFinite(value)) throw exprError('syntax', `number ${text} is too large`, start);
      if (i < n && src.charCodeAt(i) === 46) throw exprError('syntax', `malformed number: a second '.' after ${text}`, i);
      tokens.push({ kind: 'num', text, start, end: i, value });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(src.charCodeAt(i))) i++;
      tokens.push({ kind: 'ident', text: src.slice(start, i), start, end: i });
      continue;
    }
    const ch = src[i]!;
    i++;
    if (ch === '+' || ch === '-' || ch === '*' || ch === '/' || ch === '^') {
      if (ch === '*' && src[i] === '*') throw exprError('syntax', "'**' is not an operator: write x^y for powers", start);
      tokens.push({ kind: 'op', text: ch, start, end: i });
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, start, end: i });
    } else {
      throw exprError('syntax', `unexpected character ${describeChar(src, start)}`, start);
    }
  }
  tokens.push({ kind: 'eof', text: '', start: n, end: n });
  return tokens;
}
