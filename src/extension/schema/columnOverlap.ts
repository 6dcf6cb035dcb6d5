/**
 * How many columns a dataset and a schema have in common. Validating a dataset against a schema made for other
 * data raises one "column dropped" or "new column" error per column that is on one side only, so when fewer than
 * half of all the columns involved (dataset's and schema's together) are shared, the user is asked first.
 * Pure: no `vscode` import.
 */

export interface ColumnOverlap {
  /** Columns both the dataset and the schema have. */
  readonly shared: number;
  /** Columns of the dataset and features of the schema together (each name once). */
  readonly total: number;
  /** Fewer than half of `total` are shared. */
  readonly tooFew: boolean;
}

export function columnOverlap(datasetColumns: readonly string[], schemaFeatures: readonly string[]): ColumnOverlap {
  const columns = new Set(datasetColumns);
  const all = new Set([...columns, ...schemaFeatures]);
  let shared = 0;
  for (const f of new Set(schemaFeatures)) if (columns.has(f)) shared++;
  return { shared, total: all.size, tooFew: all.size > 0 && shared * 2 < all.size };
}

/** The question's text: "ragged.csv shares 2 of 18 columns with schema.pbtxt". */
export function overlapQuestion(datasetName: string, schemaName: string, overlap: ColumnOverlap): string {
  return `${datasetName} shares ${overlap.shared} of ${overlap.total} column${overlap.total === 1 ? '' : 's'} with ${schemaName}: validating against it would report most columns as missing or unexpected.`;
}
