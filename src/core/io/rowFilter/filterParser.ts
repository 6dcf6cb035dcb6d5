/**
 * The grid's and `facetwise rows --filter`'s row filter: a small expression language, tokenized and parsed here
 * into a tree, never evaluated as code.
 *
 *   expr    := and ("or" and)*
 *   and     := unary ("and" unary)*
 *   unary   := "not" unary | "(" expr ")" | test
 *   test    := column op value | column "is" ["not"] "missing" | column "in" "(" value ("," value)* ")"
 *   op      := "=" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "contains"
 *   column  := identifier ([A-Za-z_][A-Za-z0-9_.]*) | `any name` (backquotes)
 *   value   := number | "text" | 'text' (backslash escapes \" \' \\)
 *
 * Keywords are case-insensitive. Anything else is a FilterSyntaxError with the 1-based column of the offence.
 */

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains';
export type FilterValue = { readonly kind: 'number'; readonly value: number; readonly text: string } | { readonly kind: 'text'; readonly value: string };

export type FilterExpr =
  | { readonly kind: 'and' | 'or'; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: 'not'; readonly operand: FilterExpr }
  | { readonly kind: 'compare'; readonly column: string; readonly op: CompareOp; readonly value: FilterValue }
  | { readonly kind: 'missing'; readonly column: string; readonly negated: boolean }
  | { readonly kind: 'in'; readonly column: string; readonly values: readonly FilterValue[] };

export class FilterSyntaxError extends Error {
  readonly code = 'FILTER_SYNTAX';
  /** 1-based column in the expression. */
  readonly column: number;
  constructor(message: string, column: number) {
    super(`column ${column}: ${message}`);
    this.name = 'FilterSyntaxError';
    this.column = column;
  }
}

type Token =
  | { readonly kind: 'ident' | 'quotedIdent' | 'string'; readonly text: string; readonly at: number }
  | { readonly kind: 'number'; readonly text: string; readonly value: number; readonly at: number }
  | { readonly kind: 'op' | 'punct'; readonly text: string; readonly at: number }
  | { readonly kind: 'end'; readonly text: ''; readonly at: number };

const MAX_LENGTH = 10_000;
const MAX_DEPTH = 64;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i + 1;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c, at });
      i++;
    } else if ('=!<>'.includes(c)) {
      const two = source.slice(i, i + 2);
      const op = ['==', '!=', '<=', '>='].includes(two) ? two : c;
      if (op === '!') throw new FilterSyntaxError("'!' must be followed by '=' (use 'not' to negate)", at);
      tokens.push({ kind: 'op', text: op === '==' ? '=' : op, at });
      i += op.length;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= source.length) throw new FilterSyntaxError('text value is not closed', at);
        const d = source[j];
        if (d === '\\' && j + 1 < source.length) {
          text += source[j + 1];
          j += 2;
        } else if (d === c) {
          j++;
          break;
        } else {
          text += d;
          j++;
        }
      }
      tokens.push({ kind: 'string', text, at });
      i = j;
    } else if (c === '`') {
      const close = source.indexOf('`', i + 1);
      if (close < 0) throw new FilterSyntaxError('column name is not closed with `', at);
      tokens.push({ kind: 'quotedIdent', text: source.slice(i + 1, close), at });
      i = close + 1;
    } else {
      const number = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(source.slice(i));
      if (number) {
        tokens.push({ kind: 'number', text: number[0], value: Number(number[0]), at });
        i += number[0].length;
        continue;
      }
      const ident = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(i));
      if (!ident) throw new FilterSyntaxError(`unexpected character ${JSON.stringify(c)}`, at);
      tokens.push({ kind: 'ident', text: ident[0], at });
      i += ident[0].length;
    }
  }
  tokens.push({ kind: 'end', text: '', at: source.length + 1 });
  return tokens;
}

export function parseFilter(source: string): FilterExpr {
  if (source.length > MAX_LENGTH) throw new FilterSyntaxError(`the filter is longer than ${MAX_LENGTH} characters`, 1);
  const tokens = tokenize(source);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos];
  const isKeyword = (t: Token, word: string): boolean => t.kind === 'ident' && t.text.toLowerCase() === word;
  const describe = (t: Token): string => (t.kind === 'end' ? 'the end' : `'${t.text}'`);

  const parseOr = (): FilterExpr => {
    if (++depth > MAX_DEPTH) throw new FilterSyntaxError('the filter nests too deeply', peek().at);
    let left = parseAnd();
    while (isKeyword(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    depth--;
    return left;
  };
  const parseAnd = (): FilterExpr => {
    let left = parseUnary();
    while (isKeyword(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): FilterExpr => {
    const t = peek();
    if (isKeyword(t, 'not')) {
      pos++;
      if (++depth > MAX_DEPTH) throw new FilterSyntaxError('the filter nests too deeply', t.at);
      const operand = parseUnary();
      depth--;
      return { kind: 'not', operand };
    }
    if (t.kind === 'punct' && t.text === '(') {
      pos++;
      const inner = parseOr();
      expectPunct(')');
      return inner;
    }
    return parseTest();
  };
  const expectPunct = (p: string): void => {
    const t = peek();
    if (t.kind !== 'punct' || t.text !== p) throw new FilterSyntaxError(`expected '${p}', found ${describe(t)}`, t.at);
    pos++;
  };
  const parseValue = (): FilterValue => {
    const t = peek();
    pos++;
    if (t.kind === 'number') return { kind: 'number', value: t.value, text: t.text };
    if (t.kind === 'string') return { kind: 'text', value: t.text };
    throw new FilterSyntaxError(`expected a number or a "quoted" text value, found ${describe(t)}`, t.at);
  };
  const parseTest = (): FilterExpr => {
    const t = peek();
    if ((t.kind !== 'ident' || ['and', 'or', 'not', 'is', 'in', 'contains'].includes(t.text.toLowerCase())) && t.kind !== 'quotedIdent') {
      throw new FilterSyntaxError(`expected a column name, found ${describe(t)}`, t.at);
    }
    pos++;
    const column = t.text;
    const next = peek();
    if (isKeyword(next, 'is')) {
      pos++;
      const negated = isKeyword(peek(), 'not');
      if (negated) pos++;
      const word = peek();
      if (!isKeyword(word, 'missing')) throw new FilterSyntaxError(`expected 'missing' after 'is', found ${describe(word)}`, word.at);
      pos++;
      return { kind: 'missing', column, negated };
    }
    if (isKeyword(next, 'in')) {
      pos++;
      expectPunct('(');
      const values = [parseValue()];
      while (peek().kind === 'punct' && peek().text === ',') {
        pos++;
        values.push(parseValue());
      }
      expectPunct(')');
      return { kind: 'in', column, values };
    }
    if (isKeyword(next, 'contains')) {
      pos++;
      return { kind: 'compare', column, op: 'contains', value: parseValue() };
    }
    if (next.kind !== 'op') throw new FilterSyntaxError(`expected a comparison (= != < <= > >= contains, is missing, in) after ${describe(t)}, found ${describe(next)}`, next.at);
    pos++;
    return { kind: 'compare', column, op: next.text as CompareOp, value: parseValue() };
  };

  const expr = parseOr();
  const rest = peek();
  if (rest.kind !== 'end') throw new FilterSyntaxError(`unexpected ${describe(rest)}; join tests with 'and' / 'or'`, rest.at);
  return expr;
}

/** Every column an expression names, to check them against the dataset's before scanning. */
export function filterColumns(expr: FilterExpr, out: Set<string> = new Set()): Set<string> {
  switch (expr.kind) {
    case 'and':
    case 'or':
      filterColumns(expr.left, out);
      filterColumns(expr.right, out);
      return out;
    case 'not':
      return filterColumns(expr.operand, out);
    case 'compare':
    case 'missing':
    case 'in':
      out.add(expr.column);
      return out;
    default: {
      const never: never = expr;
      return never;
    }
  }
}
