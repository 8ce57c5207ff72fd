// Small AST constructors for generated expressions (derivatives, simplification).
import { someIdent, type BinaryOp, type Expr, type FunctionName } from '../ast.ts';

export const num = (value: number): Expr => ({ kind: 'num', value });
export const neg = (arg: Expr): Expr => ({ kind: 'neg', arg });
export const binary = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
export const add = (a: Expr, b: Expr): Expr => binary('+', a, b);
export const sub = (a: Expr, b: Expr): Expr => binary('-', a, b);
export const mul = (a: Expr, b: Expr): Expr => binary('*', a, b);
export const div = (a: Expr, b: Expr): Expr => binary('/', a, b);
export const pow = (a: Expr, b: Expr): Expr => binary('^', a, b);
export const call = (fn: FunctionName, ...args: Expr[]): Expr => ({ kind: 'call', fn, args });

/** The numeric value of a constant node (number or negated number), else undefined. */
export function constantValue(e: Expr): number | undefined {
  if (e.kind === 'num') return e.value;
  if (e.kind === 'neg' && e.arg.kind === 'num') return -e.arg.value;
  return undefined;
}

/** true when the expression contains no identifiers. */
export function isConstant(e: Expr): boolean {
  return !someIdent(e, () => true);
}

/** Number of nodes, stopping early once `cap` is exceeded (returns a value > cap then). */
export function exprSize(e: Expr, cap = Infinity): number {
  let count = 0;
  const stack: Expr[] = [e];
  while (stack.length > 0 && count <= cap) {
    const x = stack.pop()!;
    count++;
    if (x.kind === 'neg') stack.push(x.arg);
    else if (x.kind === 'binary') stack.push(x.left, x.right);
    else if (x.kind === 'call') stack.push(...x.args);
  }
  return count;
}
