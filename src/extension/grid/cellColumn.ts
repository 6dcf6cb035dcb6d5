/** Which column a character of a delimited line falls in (quote-aware), to name the cell a diagnostic points at. */

export function columnAt(line: string, character: number, delimiter = ',', quote = '"'): number {
  let column = 0;
  let quoted = false;
  for (let i = 0; i < line.length && i < character; i++) {
    const c = line[i];
    if (c === quote) quoted = !quoted;
    else if (c === delimiter && !quoted) column++;
  }
  return column;
}

/** The header's names, split the same way. */
export function headerNames(line: string, delimiter = ',', quote = '"'): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === quote) {
      if (quoted && line[i + 1] === quote) {
        current += quote;
        i++;
      } else quoted = !quoted;
    } else if (c === delimiter && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current.replace(/\r$/, ''));
  return out;
}
