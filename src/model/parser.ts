// Recursive-descent parser for expressions → Expr (with spans). Precedence, loosest first:
//   + -   (left)      * /   (left)      unary - +      ^ (right; binds tighter than unary minus,
//   and its exponent may itself carry a sign: -x^2 = -(x^2), 2^-1 = 2^(-1))
// Recursion is bounded by LIMITS.expressionDepth, so 10^5 nested parentheses fail fast.
import { FUNCTIONS, type BinaryOp, type Expr, type FunctionName } from './ast.ts';
import { LIMITS } from './limits.ts';
import { exprError, tokenize, type Token } from './lexer.ts';
import { didYouMean } from './names.ts';

const FUNCTION_LIST = Object.keys(FUNCTIONS).join(', ');

class Parser {
  private pos = 0;
  private nesting = 0;
  private nodes = 0;
  private readonly depth = new WeakMap<Expr, number>();

  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    if (this.peek().kind === 'eof') throw exprError('syntax', 'the expression is empty', 0);
    const e = this.additive();
    const tok = this.peek();
    if (tok.kind !== 'eof') {
      if (tok.kind === ')') throw exprError('syntax', "unmatched ')'", tok.start);
      this.unexpectedAfterOperand(tok);
    }
    return e;
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    return this.tokens[this.pos++]!;
  }

  private isOp(tok: Token, ...ops: string[]): boolean {
    return tok.kind === 'op' && ops.includes(tok.text);
  }

  /** Registers a new node: counts it, records its depth, enforces the limits. */
  private node<E extends Expr>(e: E, children: Expr[], chain?: { kind: 'sum' | 'product'; terms: number }): E {
    if (++this.nodes > LIMITS.expressionNodes) {
      throw exprError('limit', `the expression has more than ${LIMITS.expressionNodes} terms`, e.span?.start ?? 0);
    }
    let d = 0;
    for (const c of children) d = Math.max(d, this.depth.get(c) ?? 0);
    if (d + 1 > LIMITS.expressionDepth) {
      // a long flat sum is a tree one level deeper per term: say so, not "nested"
      const flat = chain !== undefined && chain.terms >= d;
      throw exprError(
        'limit',
        flat
          ? `this ${chain?.kind} has more than ${LIMITS.expressionDepth} terms in a row, which the expression tree allows at most; group them in parentheses, e.g. (a + b + c) + (d + e + f)`
          : `the expression is nested more than ${LIMITS.expressionDepth} levels deep`,
        e.span?.start ?? 0,
      );
    }
    this.depth.set(e, d + 1);
    return e;
  }

  private enter(at: number): void {
    if (++this.nesting > LIMITS.expressionDepth) {
      throw exprError('limit', `the expression is nested more than ${LIMITS.expressionDepth} levels deep`, at);
    }
  }

  private additive(): Expr {
    let left = this.multiplicative();
    let terms = 1;
    while (this.isOp(this.peek(), '+', '-')) {
      const op = this.next().text as BinaryOp;
      const right = this.multiplicative();
      left = this.node({ kind: 'binary', op, left, right, span: { start: left.span!.start, end: right.span!.end } }, [left, right], { kind: 'sum', terms: ++terms });
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    let terms = 1;
    while (this.isOp(this.peek(), '*', '/')) {
      const op = this.next().text as BinaryOp;
      const right = this.unary();
      left = this.node({ kind: 'binary', op, left, right, span: { start: left.span!.start, end: right.span!.end } }, [left, right], { kind: 'product', terms: ++terms });
    }
    return left;
  }

  private unary(): Expr {
    const tok = this.peek();
    this.enter(tok.start);
    let e: Expr;
    if (this.isOp(tok, '-')) {
      this.next();
      const arg = this.unary();
      e = this.node({ kind: 'neg', arg, span: { start: tok.start, end: arg.span!.end } }, [arg]);
    } else if (this.isOp(tok, '+')) {
      this.next();
      e = this.unary(); // unary plus changes nothing
    } else {
      e = this.power();
    }
    this.nesting--;
    return e;
  }

  private power(): Expr {
    const base = this.primary();
    if (!this.isOp(this.peek(), '^')) return base;
    this.next();
    const exponent = this.unary();
    return this.node({ kind: 'binary', op: '^', left: base, right: exponent, span: { start: base.span!.start, end: exponent.span!.end } }, [base, exponent]);
  }

  private primary(): Expr {
    const tok = this.next();
    switch (tok.kind) {
      case 'num':
        return this.node({ kind: 'num', value: tok.value!, span: { start: tok.start, end: tok.end } }, []);
      case 'ident':
        return this.identOrCall(tok);
      case '(': {
        const inner = this.additive();
        const close = this.peek();
        if (close.kind !== ')') {
          if (close.kind === 'eof') throw exprError('syntax', `missing ')' to close the '(' at position ${tok.start + 1}`, close.start);
          this.unexpectedAfterOperand(close);
        }
        this.next();
        return inner;
      }
      case 'eof': {
        const prev = this.tokens[this.pos - 2];
        throw exprError('syntax', `the expression ends too early: a number, name or '(' must follow${prev ? ` '${prev.text}'` : ''}`, tok.start);
      }
      case ')':
        throw exprError('syntax', "unexpected ')': a number, name or '(' was expected here", tok.start);
      case ',':
        throw exprError('syntax', "unexpected ',' (commas only separate function arguments)", tok.start);
      default:
        throw exprError('syntax', `unexpected '${tok.text}': a number, name or '(' was expected here`, tok.start);
    }
  }

  private identOrCall(tok: Token): Expr {
    const name = tok.text;
    const after = this.peek();
    const isFunction = Object.hasOwn(FUNCTIONS, name);
    if (after.kind === '(') {
      if (!isFunction) {
        const near = after.start === tok.end ? didYouMean(name, Object.keys(FUNCTIONS)) : null;
        if (near) throw exprError('syntax', `unknown function '${name}'. Did you mean ${near}?`, tok.start);
        throw exprError('syntax', `missing operator between '${name}' and '(': write ${name}*(…) for a product (functions are ${FUNCTION_LIST})`, after.start);
      }
      return this.call(tok, name as FunctionName);
    }
    if (isFunction) throw exprError('syntax', `${name} is a function: call it like ${name}(x)`, tok.start);
    return this.node({ kind: 'ident', name, span: { start: tok.start, end: tok.end } }, []);
  }

  private call(nameTok: Token, fn: FunctionName): Expr {
    this.enter(nameTok.start);
    this.next(); // '('
    const args: Expr[] = [];
    if (this.peek().kind !== ')') {
      for (;;) {
        args.push(this.additive());
        const sep = this.peek();
        if (sep.kind === ',') {
          this.next();
          continue;
        }
        if (sep.kind === ')') break;
        if (sep.kind === 'eof') throw exprError('syntax', `missing ')' to close the call of ${fn}`, sep.start);
        this.unexpectedAfterOperand(sep);
      }
    }
    const close = this.next();
    const arity = FUNCTIONS[fn];
    if (args.length !== arity) {
      throw exprError('syntax', `${fn} takes ${arity} argument${arity === 1 ? '' : 's'} but got ${args.length}`, nameTok.start);
    }
    this.nesting--;
    return this.node({ kind: 'call', fn, args, span: { start: nameTok.start, end: close.end } }, args);
  }

  /** A complete operand is followed by something that is not an operator. */
  private unexpectedAfterOperand(tok: Token): never {
    const prev = this.tokens[this.pos - 1]!;
    if (tok.kind === 'num' || tok.kind === 'ident' || tok.kind === '(') {
      const a = prev.kind === ')' ? '(…)' : prev.text;
      const b = tok.kind === '(' ? '(…)' : tok.text;
      throw exprError('syntax', `missing operator between '${a}' and '${tok.text}': write ${a}*${b}`, tok.start);
    }
    if (tok.kind === ')') throw exprError('syntax', "unmatched ')'", tok.start);
    if (tok.kind === ',') throw exprError('syntax', "unexpected ',' (commas only separate function arguments)", tok.start);
    throw exprError('syntax', `unexpected '${tok.text}'`, tok.start);
  }
}

/**
 * Parses one expression. Throws a SpecError whose single issue has code 'syntax' or 'limit',
 * path '' (the caller knows where the expression lives) and the character offset.
 */
export function parseExpression(src: string): Expr {
  if (typeof src !== 'string') throw exprError('syntax', 'an expression must be a string', 0);
  if (src.length > LIMITS.expressionLength) {
    throw exprError('limit', `the expression is longer than ${LIMITS.expressionLength} characters`, LIMITS.expressionLength);
  }
  return new Parser(tokenize(src)).parse();
}
