/**
 * Plain text tables that fit the terminal: columns padded to their widest cell, and when the table would be wider
 * than the terminal, the widest columns wrap onto continuation lines (words kept whole where they can be) instead
 * of a 500-character ruler.
 */

export interface TextTableOptions {
  /** Columns of the terminal; default: stdout's when it is one, else 120. */
  readonly width?: number;
  /** Per column: pad on the right (text, default) or on the left (numbers). */
  readonly align?: readonly ('left' | 'right')[];
  /** Draw a `----` line under the header (default true). */
  readonly ruler?: boolean;
}

const GAP = 2;
const MIN_WRAP = 12;

export function terminalWidth(stream: { readonly columns?: number; readonly isTTY?: boolean }): number {
  return stream.isTTY && stream.columns && stream.columns > 20 ? stream.columns : 120;
}

/** Cell widths after shrinking the widest columns until the line fits `width` (never below MIN_WRAP or the header). */
function fitWidths(natural: number[], header: readonly string[], width: number): number[] {
  const widths = [...natural];
  const total = (): number => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  while (total() > width) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if (widths[i] > widths[widest]) widest = i;
    const floor = Math.max(MIN_WRAP, header[widest].length);
    if (widths[widest] <= floor) break;
    widths[widest] = Math.max(floor, widths[widest] - (total() - width));
  }
  return widths;
}

/** Splits text into lines of at most `width` characters, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut < width / 3) cut = width;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) lines.push(rest);
  return lines;
}

export function formatTextTable(header: readonly string[], rows: readonly (readonly string[])[], options: TextTableOptions = {}): string {
  const natural = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const widths = fitWidths(natural, header, options.width ?? 120);
  const pad = (cell: string, i: number): string => (options.align?.[i] === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]));
  const render = (cells: readonly string[]): string[] => {
    const wrapped = widths.map((w, i) => wrapText(cells[i] ?? '', w));
    const height = Math.max(...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let l = 0; l < height; l++) out.push(wrapped.map((w, i) => pad(w[l] ?? '', i)).join(' '.repeat(GAP)).trimEnd());
    return out;
  };
  const lines = [...render(header)];
  if (options.ruler ?? true) lines.push(widths.map((w) => '-'.repeat(w)).join(' '.repeat(GAP)));
  for (const r of rows) lines.push(...render(r));
  return lines.join('\n');
}
