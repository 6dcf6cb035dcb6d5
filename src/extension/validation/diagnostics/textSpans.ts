/** Positions in a text document as VS Code counts them (0-based line, UTF-16 character), without `vscode`. */

export interface TextPos {
  readonly line: number;
  readonly character: number;
}

export interface TextSpan {
  readonly start: TextPos;
  readonly end: TextPos;
}

/** A character far beyond any real line: VS Code clamps a range to the line when it shows it. */
export const LINE_END = 2 ** 30;

export function span(line: number, startCharacter: number, endLine: number, endCharacter: number): TextSpan {
  return { start: { line, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** The start of the document: where dataset-level findings go. */
export const DOCUMENT_START: TextSpan = span(0, 0, 0, 0);

/** A whole line (0-based). */
export function lineSpan(line: number): TextSpan {
  return span(line, 0, line, LINE_END);
}

/** Moves a span measured from the start of a record to the record's line in the document. */
export function shiftSpan(s: TextSpan, lines: number): TextSpan {
  return span(s.start.line + lines, s.start.character, s.end.line + lines, s.end.character);
}
