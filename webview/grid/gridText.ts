/** Text helpers of the grid: CSV for the clipboard, row numbers for display. Pure: no DOM. */

function csvCell(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows as RFC 4180 CSV with a header line (missing cells empty). */
export function rowsToCsv(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | null>>): string {
  return [columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** A 0-based row as the 1-based number a user reads, with thousands separators. */
export function rowLabel(row: number, estimated = false): string {
  return `${estimated ? '≈ ' : ''}${(Math.round(row) + 1).toLocaleString('en-US')}`;
}

/** A column's type as statistics name it, and whether its cells are numbers (right-aligned). */
export function isNumericType(type: string | undefined): boolean {
  return type === 'int' || type === 'float';
}
