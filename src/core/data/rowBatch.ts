/**
 * The one row/value model every reader produces and every consumer (statistics, validation, models, the grid)
 * reads. Column-oriented, so consumers run tight per-column loops and batches can be shipped between threads
 * as typed arrays.
 *
 * Row r of a batch is described, per feature, by one column. A feature absent from a whole batch has no column.
 */

/** How a row's position reads: a 1-based line number (CSV/TSV) or a 0-based record index in its shard (TFRecord). */
export type RowPositionKind = 'line' | 'record';

export interface RowBatch {
  /** Path of the file (shard) the rows come from. */
  readonly source: string;
  /** Index of that file among the dataset's shards (0 for a single file). */
  readonly shardIndex: number;
  readonly rowCount: number;
  readonly positionKind: RowPositionKind;
  /** Per row: where it starts (line number or record index, see positionKind). */
  readonly positions: Float64Array;
  readonly columns: readonly FeatureColumn[];
}

export type FeatureColumn = TextColumn | NumberColumn | BytesColumn | EmptyColumn;

/**
 * Delimited-text cells: at most one value per row, as raw UTF-8 bytes (quotes already removed and `""` already
 * unescaped). The type (INT / FLOAT / STRING) is inferred downstream from all of a column's values, the way TFDV's
 * CSV decoder does. An empty cell is a missing value: `starts[r] === ends[r]`.
 */
export interface TextColumn {
  readonly kind: 'text';
  readonly name: string;
  readonly data: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/**
 * Typed value lists (tf.Example int64_list / float_list). `present[r]` is 0 when the feature is absent from row r;
 * row r's values are `values[offsets[r] .. offsets[r + 1])` (a present feature may have zero values).
 * int64 values are held as float64: exact up to 2^53, as TFDV's own statistics are computed in float64.
 */
export interface NumberColumn {
  readonly kind: 'int' | 'float';
  readonly name: string;
  readonly present: Uint8Array;
  readonly offsets: Int32Array;
  readonly values: Float64Array;
}

/** Typed byte-string lists (tf.Example bytes_list): value v is `data[starts[v] .. ends[v])`. */
export interface BytesColumn {
  readonly kind: 'bytes';
  readonly name: string;
  readonly present: Uint8Array;
  readonly offsets: Int32Array;
  readonly data: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/**
 * A feature whose rows in this batch carry a tf.train.Feature with no list set (TFX writes these for missing
 * values). Its type is unknown here; `present[r]` says whether the feature key occurred in row r.
 */
export interface EmptyColumn {
  readonly kind: 'empty';
  readonly name: string;
  readonly present: Uint8Array;
}
