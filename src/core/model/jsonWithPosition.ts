/**
 * JSON.parse with a position a user can go to. V8's messages only sometimes carry an offset ("…is not valid JSON"
 * has none), so on failure a small scanner walks the text to find the first offending character.
 */
import { lineColumnOf } from '../data/lineColumn.js';
import { FacetwiseError } from '../data/issues.js';

export function parseJsonWithPosition(text: string, file: string, code = 'MODEL_JSON_INVALID'): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const found = locateJsonError(text);
    const detail = found?.message ?? (err instanceof Error ? err.message : String(err));
    const offset = found?.offset ?? text.length;
    const { line, column } = lineColumnOf(text, offset);
    throw new FacetwiseError(code, `not valid JSON: ${detail}`, { file, line, column, offset });
  }
}


interface JsonError {
  readonly offset: number;
  readonly message: string;
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Returns where the first syntax error is, or undefined when the text is valid JSON. */
export function locateJsonError(text: string): JsonError | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw new ScanError(i, message);
  };
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const describe = (): string => (i >= text.length ? 'unexpected end of input' : `unexpected character '${text[i]}'`);
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(describe());
  };
  const string = (): void => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail('control character in string');
      if (c === 92) {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape');
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail('bad escape in string');
      } else i++;
    }
    fail('unterminated string');
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(describe());
    else i += m[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') object();
    else if (c === '[') array();
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail(describe());
  };
  const object = (): void => {
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail(`expected a double-quoted property name, found ${describe().replace('unexpected ', '')}`);
      string();
      ws();
      if (text[i] !== ':') fail(`expected ':' after property name, ${describe()}`);
      i++;
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`expected ',' or '}' in object, ${describe()}`);
    }
  };
  const array = (): void => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`expected ',' or ']' in array, ${describe()}`);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return undefined;
  } catch (err) {
    if (err instanceof ScanError) return { offset: err.offset, message: err.message };
    throw err;
  }
}
