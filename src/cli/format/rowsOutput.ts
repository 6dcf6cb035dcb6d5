/** Rows printed by `facetwise rows`: RFC 4180 CSV (missing as an empty cell) or a JSON array of row objects. */

export interface PrintedRow {
  /** 1-based data row. */
  readonly row: number | undefined;
  /** 1-based line (CSV) or 0-based record index in its shard (TFRecord). */
  readonly position: number;
  readonly shard: number;
  readonly cells: ReadonlyArray<string | null>;
}

function csvCell(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value;
}

export function rowsAsCsv(columns: readonly string[], rows: readonly PrintedRow[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.cells.map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

export function rowsAsJson(columns: readonly string[], rows: readonly PrintedRow[], positionName: 'line' | 'record'): string {
  const out = rows.map((r) => {
    const values: Record<string, string | null> = {};
    columns.forEach((c, i) => (values[c] = r.cells[i] ?? null));
    return positionName === 'line' ? { row: r.row ?? null, line: r.position, values } : { row: r.row ?? null, shard: r.shard, record: r.position, values };
  });
  return JSON.stringify(out, null, 2) + '\n';
}
