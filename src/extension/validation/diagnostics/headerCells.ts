/**
 * Where each cell of a CSV/TSV record sits in the text, so a diagnostic can underline a column's header cell (or
 * a row's cell). Follows the reader's RFC 4180 rules: a field that starts with the quote character is quoted,
 * `""` inside it is one quote, delimiters and line breaks inside quotes belong to the field. A leading byte-order
 * mark is skipped without counting, because VS Code drops it from the document text. Pure: no `vscode`.
 */
import type { TextPos, TextSpan } from './textSpans.js';

export interface CsvCell {
  /** The field's value, quotes removed and `""` unescaped. */
  readonly value: string;
  /** From the first character of the field (its opening quote, if any) to just after its last one. */
  readonly span: TextSpan;
}

const BOM = '\uFEFF';

/**
 * Splits one record (the header row, or a row's text) into cells. The record ends at the first line break
 * outside quotes, or at the end of `text`; an unterminated quote runs to the end of `text`.
 * `delimiter` is one character (`,`, `\t`, `;`, `|`…); `quote` null turns quoting off.
 */
export function splitRecordCells(text: string, delimiter: string, quote: string | null = '"'): CsvCell[] {
  if (delimiter.length !== 1) throw new RangeError(`the delimiter must be one character, got ${JSON.stringify(delimiter)}`);
  const cells: CsvCell[] = [];
  let i = text.startsWith(BOM) ? 1 : 0;
  // VS Code's character index on the current line: the BOM is not part of the document.
  let line = 0;
  let lineStart = i;
  const pos = (index: number): TextPos => ({ line, character: index - lineStart });
  for (;;) {
    const start = pos(i);
    let value = '';
    if (quote !== null && text[i] === quote) {
      i++;
      for (;;) {
        if (i >= text.length) break;
        const c = text[i] as string;
        if (c === quote) {
          if (text[i + 1] === quote) {
            value += quote;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') {
          value += c;
          i++;
          line++;
          lineStart = i;
          continue;
        }
        value += c;
        i++;
      }
      // Characters between the closing quote and the delimiter belong to the field (lenient, as the reader is).
      while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
    } else {
      const from = i;
      while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
      value = text.slice(from, i);
    }
    cells.push({ value, span: { start, end: pos(i) } });
    if (i < text.length && text[i] === delimiter) {
      i++;
      continue;
    }
    return cells;
  }
}

/**
 * The header cell of every column, by column name: `columnNames[i]` is the reader's name of column i (which may
 * differ from the cell's text when the reader renamed an empty or duplicate name).
 */
export function headerCellSpans(headerText: string, delimiter: string, columnNames: readonly string[], quote: string | null = '"'): Map<string, TextSpan> {
  const cells = splitRecordCells(headerText, delimiter, quote);
  const out = new Map<string, TextSpan>();
  columnNames.forEach((name, index) => {
    const cell = cells[index];
    if (cell && !out.has(name)) out.set(name, cell.span);
  });
  return out;
}
