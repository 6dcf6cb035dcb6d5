/** A window of rows as text cells: what the grid shows and `facetwise rows` prints. */

export interface RowWindow {
  readonly columnNames: readonly string[];
  /** 0-based data row of the first row, or undefined when it is not known yet (a byte jump before indexing). */
  readonly firstRow: number | undefined;
  /** Per row, per column: the cell's text, or null when the value is missing. */
  readonly rows: ReadonlyArray<ReadonlyArray<string | null>>;
  /** Per row: where it is (1-based line for CSV, record index in its shard for TFRecord). */
  readonly positions: readonly number[];
  /** Per row: the shard it came from (0 for a single file). */
  readonly shards: readonly number[];
  /** Byte offset where the first row starts (CSV) — the scrollbar's position before the index exists. */
  readonly startOffset: number;
  /** Byte offset just after the last row (CSV), to continue reading. */
  readonly endOffset: number;
  /** No rows follow this window. */
  readonly atEnd: boolean;
}
