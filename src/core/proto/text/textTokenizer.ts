/**
 * The lexer of protobuf text format: identifiers, numbers, string literals (decoded to bytes, C escapes
 * resolved), punctuation and `#` comments, each with its 1-based line and column so that every error points at
 * the character a user has to fix. Comments are not dropped: they ride on the token that follows them, so the
 * parser can keep a user's comments in a schema it rewrites.
 */
import { FacetwiseError } from '../../data/issues.js';

export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'eof';

export interface TextComment {
  /** The comment from `#` to the end of its line, trailing spaces removed. */
  readonly text: string;
  /** Nothing but whitespace before it on its line (otherwise it ends the line of the previous token). */
  readonly ownLine: boolean;
}

export interface Token {
  readonly kind: TokenKind;
  /** The lexeme as written (a string token includes its quotes). */
  readonly text: string;
  /** A string token's decoded bytes. */
  readonly bytes: Uint8Array | undefined;
  /** Offsets into the source, `end` exclusive. */
  readonly start: number;
  readonly end: number;
  readonly line: number;
  /** 1-based, in UTF-16 code units (what editors such as VS Code count). */
  readonly column: number;
  /** Comments between the previous token and this one. */
  readonly comments: readonly TextComment[];
}

export interface TextPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

const HEX_INT = /^0[xX][0-9a-fA-F]+$/;
const OCT_INT = /^0[0-7]+$/;
const DEC_INT = /^(?:0|[1-9][0-9]*)$/;
const FLOAT = /^(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+|(?:0|[1-9][0-9]*))[fF]?$/;

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63,
};

const NO_COMMENTS: TextComment[] = [];

export function isIntegerLexeme(text: string): boolean {
  return HEX_INT.test(text) || OCT_INT.test(text) || DEC_INT.test(text);
}

export class TextTokenizer {
  readonly source: string;
  readonly fileName: string;
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  /** Line of the last token produced, to tell end-of-line comments from own-line ones. */
  private lastTokenLine = 0;
  private peeked: Token | undefined;

  constructor(source: string, fileName: string) {
    this.source = source;
    this.fileName = fileName;
    if (source.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
      this.lineStart = 1;
    }
  }

  peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  /** A FacetwiseError at a token (or an explicit position) of this source. */
  error(code: string, message: string, at: Token | TextPosition): FacetwiseError {
    const offset = 'offset' in at ? at.offset : at.start;
    return new FacetwiseError(code, message, { file: this.fileName, line: at.line, column: at.column, offset });
  }

  /** The 0-based column where the line holding `offset` starts its first non-blank character. */
  lineIndentAt(offset: number): number {
    let start = offset;
    while (start > 0 && this.source[start - 1] !== '\n') start--;
    let i = start;
    while (i < this.source.length && (this.source[i] === ' ' || this.source[i] === '\t')) i++;
    return i - start;
  }

  private lex(): Token {
    let comments: TextComment[] = NO_COMMENTS;
    const src = this.source;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (c === 10) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
        this.pos++;
      } else if (c === 35 /* # */) {
        let end = src.indexOf('\n', this.pos);
        if (end < 0) end = src.length;
        if (comments === NO_COMMENTS) comments = [];
        comments.push({ text: src.slice(this.pos, end).trimEnd(), ownLine: this.lastTokenLine !== this.line });
        this.pos = end;
      } else {
        break;
      }
    }
    const start = this.pos;
    const line = this.line;
    const column = start - this.lineStart + 1;
    if (start >= src.length) return this.token('eof', start, start, line, column, comments, undefined);
    const c = src[start] as string;
    if (isIdentStart(c)) {
      let end = start + 1;
      while (end < src.length && isIdentPart(src[end] as string)) end++;
      return this.token('ident', start, end, line, column, comments, undefined);
    }
    if (isDigit(c) || (c === '.' && isDigit(src[start + 1] ?? ''))) {
      const end = this.scanNumber(start);
      const text = src.slice(start, end);
      if (!DEC_INT.test(text) && !FLOAT.test(text) && !HEX_INT.test(text) && !OCT_INT.test(text)) {
        throw this.error('PROTO_TEXT_BAD_NUMBER', `'${text}' is not a valid number`, { line, column, offset: start });
      }
      return this.token('number', start, end, line, column, comments, undefined);
    }
    if (c === '"' || c === "'") {
      const { end, bytes } = this.scanString(start, line, column);
      return this.token('string', start, end, line, column, comments, bytes);
    }
    if ('{}<>[]:,;-/.'.includes(c)) return this.token('punct', start, start + 1, line, column, comments, undefined);
    throw this.error('PROTO_TEXT_SYNTAX', `unexpected character '${c}'`, { line, column, offset: start });
  }

  private token(
    kind: TokenKind,
    start: number,
    end: number,
    line: number,
    column: number,
    comments: readonly TextComment[],
    bytes: Uint8Array | undefined,
  ): Token {
    this.pos = end;
    this.lastTokenLine = this.line;
    return { kind, text: this.source.slice(start, end), bytes, start, end, line, column, comments };
  }

  /** A run of characters that can belong to a number literal; validated by the caller as a whole. */
  private scanNumber(start: number): number {
    const src = this.source;
    const hex = src[start] === '0' && (src[start + 1] === 'x' || src[start + 1] === 'X');
    let end = start;
    while (end < src.length) {
      const ch = src[end] as string;
      const prev = src[end - 1];
      if (isIdentPart(ch) || ch === '.') end++;
      else if ((ch === '+' || ch === '-') && !hex && (prev === 'e' || prev === 'E') && end > start) end++;
      else break;
    }
    return end;
  }

  private scanString(start: number, line: number, column: number): { end: number; bytes: Uint8Array } {
    const src = this.source;
    const quote = src[start];
    const out: number[] = [];
    let i = start + 1;
    for (;;) {
      if (i >= src.length || src[i] === '\n') {
        throw this.error('PROTO_TEXT_UNTERMINATED_STRING', 'unterminated string (a string must end on the line it starts)', {
          line,
          column,
          offset: start,
        });
      }
      const ch = src[i] as string;
      if (ch === quote) return { end: i + 1, bytes: Uint8Array.from(out) };
      if (ch !== '\\') {
        const code = src.charCodeAt(i);
        if (code < 0x80) {
          out.push(code);
          i++;
          continue;
        }
        const cp = src.codePointAt(i) ?? 0;
        pushUtf8(out, cp);
        i += cp > 0xffff ? 2 : 1;
        continue;
      }
      i = this.scanEscape(i, out, line, column + (i - start));
    }
  }

  /** Decodes one backslash escape at `i`, appending its bytes; returns the index after it. */
  private scanEscape(i: number, out: number[], line: number, column: number): number {
    const src = this.source;
    const e = src[i + 1] ?? '';
    const bad = (what: string): FacetwiseError =>
      this.error('PROTO_TEXT_BAD_ESCAPE', what, { line, column, offset: i });
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out.push(simple);
      return i + 2;
    }
    if (e >= '0' && e <= '7') {
      let j = i + 1;
      let value = 0;
      while (j < i + 4 && (src[j] ?? '') >= '0' && (src[j] ?? '') <= '7') value = value * 8 + Number(src[j++]);
      if (value > 255) throw bad(`octal escape '${src.slice(i, j)}' is larger than one byte`);
      out.push(value);
      return j;
    }
    if (e === 'x' || e === 'X') {
      let j = i + 2;
      while (j < i + 4 && isHexDigit(src[j] ?? '')) j++;
      if (j === i + 2) throw bad(`'\\${e}' must be followed by hex digits`);
      out.push(parseInt(src.slice(i + 2, j), 16));
      return j;
    }
    if (e === 'u' || e === 'U') {
      const len = e === 'u' ? 4 : 8;
      const hex = src.slice(i + 2, i + 2 + len);
      if (hex.length !== len || ![...hex].every(isHexDigit)) throw bad(`'\\${e}' must be followed by ${len} hex digits`);
      let cp = parseInt(hex, 16);
      let end = i + 2 + len;
      if (cp >= 0xd800 && cp <= 0xdbff && src[end] === '\\' && src[end + 1] === 'u') {
        const low = parseInt(src.slice(end + 2, end + 6), 16);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          end += 6;
        }
      }
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw bad(`'${src.slice(i, end)}' is not a Unicode character`);
      pushUtf8(out, cp);
      return end;
    }
    throw bad(e === '' || e === '\n' ? 'a backslash cannot end a line inside a string' : `unknown escape sequence '\\${e}'`);
  }
}

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isHexDigit(c: string): boolean {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}
