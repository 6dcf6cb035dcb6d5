/**
 * The label's small declarative expression language (never `eval`): numbers, "strings", column names (bare, or
 * `back-quoted` when they contain other characters), + − * /, comparisons (> >= < <= == !=), && || ! (also
 * `and` `or` `not`), and parentheses. Example: `tips > 0.2 * fare`.
 *
 * Text cells are strings until arithmetic or a comparison with a number needs them as numbers; a cell that is not
 * a number there, or a missing cell anywhere, is an error for that row only.
 */

export type ExprValue = number | string | boolean;

/** Looks a column up for the current row: undefined when missing. */
export type ColumnLookup = (column: string) => number | string | undefined;

export type Expr =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'column'; readonly name: string }
  | { readonly type: 'unary'; readonly op: '-' | '!'; readonly arg: Expr }
  | { readonly type: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr };

type BinaryOp = '+' | '-' | '*' | '/' | '>' | '>=' | '<' | '<=' | '==' | '!=' | '&&' | '||';

/** A row-level failure while evaluating (missing or non-numeric input). */
export class ExpressionRowError extends Error {
  constructor(
    message: string,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'ExpressionRowError';
  }
}

interface Token {
  readonly kind: 'num' | 'str' | 'id' | 'op' | 'end';
  readonly text: string;
  readonly at: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ kind: 'num', text: num[0], at: start });
      i += num[0].length;
    } else if (c === '"' || c === "'") {
      let s = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        s += src[i];
        i++;
      }
      if (i >= src.length) throw new SyntaxError(`unterminated string at character ${start + 1}`);
      i++;
      out.push({ kind: 'str', text: s, at: start });
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new SyntaxError(`unterminated \`column name\` at character ${start + 1}`);
      out.push({ kind: 'id', text: src.slice(i + 1, end), at: start });
      i = end + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i))![0];
      const word = id.toLowerCase();
      if (word === 'and') out.push({ kind: 'op', text: '&&', at: start });
      else if (word === 'or') out.push({ kind: 'op', text: '||', at: start });
      else if (word === 'not') out.push({ kind: 'op', text: '!', at: start });
      else if (word === 'true' || word === 'false') out.push({ kind: 'num', text: word === 'true' ? '1' : '0', at: start });
      else out.push({ kind: 'id', text: id, at: start });
      i += id.length;
    } else {
      const two = src.slice(i, i + 2);
      if (['>=', '<=', '==', '!=', '&&', '||'].includes(two)) {
        out.push({ kind: 'op', text: two, at: start });
        i += 2;
      } else if ('+-*/()<>!'.includes(c)) {
        out.push({ kind: 'op', text: c, at: start });
        i++;
      } else if (c === '=') {
        out.push({ kind: 'op', text: '==', at: start });
        i++;
      } else {
        throw new SyntaxError(`unexpected '${c}' at character ${start + 1}`);
      }
    }
  }
  out.push({ kind: 'end', text: '', at: src.length });
  return out;
}

/** Parses an expression; throws SyntaxError with the character position. */
export function parseExpression(src: string): Expr {
  const tokens = tokenize(src);
  let k = 0;
  const peek = (): Token => tokens[k]!;
  const isOp = (...ops: string[]): boolean => peek().kind === 'op' && ops.includes(peek().text);
  const expectClose = (): void => {
    if (!isOp(')')) throw new SyntaxError(`expected ')' at character ${peek().at + 1}`);
    k++;
  };
  const binaryLevel = (ops: string[], next: () => Expr) => (): Expr => {
    let left = next();
    while (isOp(...ops)) {
      const op = tokens[k++]!.text as BinaryOp;
      left = { type: 'binary', op, left, right: next() };
    }
    return left;
  };
  const primary = (): Expr => {
    const t = tokens[k]!;
    if (t.kind === 'num') {
      k++;
      return { type: 'number', value: Number(t.text) };
    }
    if (t.kind === 'str') {
      k++;
      return { type: 'string', value: t.text };
    }
    if (t.kind === 'id') {
      k++;
      return { type: 'column', name: t.text };
    }
    if (isOp('(')) {
      k++;
      const e = or();
      expectClose();
      return e;
    }
    throw new SyntaxError(t.kind === 'end' ? 'the expression ends too early' : `unexpected '${t.text}' at character ${t.at + 1}`);
  };
  const unary = (): Expr => {
    if (isOp('-')) {
      k++;
      return { type: 'unary', op: '-', arg: unary() };
    }
    return primary();
  };
  const mul = binaryLevel(['*', '/'], unary);
  const add = binaryLevel(['+', '-'], mul);
  const cmp = (): Expr => {
    const left = add();
    if (isOp('>', '>=', '<', '<=', '==', '!=')) {
      const op = tokens[k++]!.text as BinaryOp;
      return { type: 'binary', op, left, right: add() };
    }
    return left;
  };
  // Negation binds looser than comparison, as Python's `not`: `not a < 0` is `not (a < 0)`.
  const not = (): Expr => {
    if (isOp('!')) {
      k++;
      return { type: 'unary', op: '!', arg: not() };
    }
    return cmp();
  };
  const and = binaryLevel(['&&'], not);
  const or: () => Expr = binaryLevel(['||'], and);
  const e = or();
  if (peek().kind !== 'end') throw new SyntaxError(`unexpected '${peek().text}' at character ${peek().at + 1}`);
  return e;
}

/** The columns an expression reads. */
export function expressionColumns(e: Expr, out = new Set<string>()): Set<string> {
  if (e.type === 'column') out.add(e.name);
  else if (e.type === 'unary') expressionColumns(e.arg, out);
  else if (e.type === 'binary') {
    expressionColumns(e.left, out);
    expressionColumns(e.right, out);
  }
  return out;
}

type Compiled = (lookup: ColumnLookup) => ExprValue;

function toNumber(v: ExprValue, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  const n = t === '' ? NaN : Number(t);
  if (Number.isNaN(n)) throw new ExpressionRowError(`${what} "${v}" is not a number`);
  return n;
}

function describe(e: Expr): string {
  return e.type === 'column' ? `column '${e.name}'` : 'value';
}

function compile(e: Expr): Compiled {
  switch (e.type) {
    case 'number':
    case 'string': {
      const v = e.value;
      return () => v;
    }
    case 'column': {
      const name = e.name;
      return (lookup) => {
        const v = lookup(name);
        if (v === undefined) throw new ExpressionRowError(`column '${name}' is missing`, name);
        return v;
      };
    }
    case 'unary': {
      const arg = compile(e.arg);
      const what = describe(e.arg);
      return e.op === '-' ? (l) => -toNumber(arg(l), what) : (l) => !truthy(arg(l));
    }
    case 'binary': {
      const a = compile(e.left);
      const b = compile(e.right);
      const wa = describe(e.left);
      const wb = describe(e.right);
      switch (e.op) {
        case '+':
          return (l) => toNumber(a(l), wa) + toNumber(b(l), wb);
        case '-':
          return (l) => toNumber(a(l), wa) - toNumber(b(l), wb);
        case '*':
          return (l) => toNumber(a(l), wa) * toNumber(b(l), wb);
        case '/':
          return (l) => toNumber(a(l), wa) / toNumber(b(l), wb);
        case '>':
          return (l) => toNumber(a(l), wa) > toNumber(b(l), wb);
        case '>=':
          return (l) => toNumber(a(l), wa) >= toNumber(b(l), wb);
        case '<':
          return (l) => toNumber(a(l), wa) < toNumber(b(l), wb);
        case '<=':
          return (l) => toNumber(a(l), wa) <= toNumber(b(l), wb);
        case '==':
          return (l) => equal(a(l), b(l), wa, wb);
        case '!=':
          return (l) => !equal(a(l), b(l), wa, wb);
        case '&&':
          return (l) => truthy(a(l)) && truthy(b(l));
        case '||':
          return (l) => truthy(a(l)) || truthy(b(l));
      }
    }
  }
}

function truthy(v: ExprValue): boolean {
  if (typeof v === 'string') throw new ExpressionRowError(`"${v}" is text, not true/false`);
  return typeof v === 'boolean' ? v : v !== 0;
}

/** Two strings compare as text; anything else as numbers (so a CSV cell "3" equals 3). */
function equal(x: ExprValue, y: ExprValue, wx: string, wy: string): boolean {
  if (typeof x === 'string' && typeof y === 'string') return x === y;
  return toNumber(x, wx) === toNumber(y, wy);
}

export interface CompiledExpression {
  readonly source: string;
  readonly columns: readonly string[];
  /** Throws ExpressionRowError for a row it cannot evaluate. */
  evaluate(lookup: ColumnLookup): ExprValue;
}

export function compileExpression(source: string): CompiledExpression {
  const ast = parseExpression(source);
  return { source, columns: [...expressionColumns(ast)], evaluate: compile(ast) };
}
