/**
 * Which paths Facetwise treats as datasets, in one place: the kinds the commands accept, the `when` clauses of
 * the manifest's menus (a unit test checks package.json uses exactly these), and the open-dialog filters.
 * Pure: no `vscode` import.
 */
import { basename, extname } from 'node:path';

export type DatasetKind = 'csv' | 'tsv' | 'tfrecord' | 'parquet' | 'folder';

/** File names the explorer and editor menus offer Facetwise's commands for (`x.tfrecord.gz` ends in `.gz`). */
export const DATASET_FILE_NAME = /\.(csv|tsv|tfrecords?|gz|zst|bz2|parquet)$/i;
/** Delimited text files: these open in a text editor, so header cells and quick fixes apply. */
export const DELIMITED_FILE_NAME = /\.(csv|tsv)$/i;

/** `when` clause: the resource is a dataset file (a regex literal, as VS Code's `=~` operator takes it). */
export const WHEN_DATASET_FILE = `resourceFilename =~ ${String(DATASET_FILE_NAME)}`;
export const WHEN_DELIMITED_FILE = `resourceFilename =~ ${String(DELIMITED_FILE_NAME)}`;
/**
 * `when` clause of the explorer's context menu: dataset files, and folders that hold data files (at any depth:
 * the `facetwise.dataFolders` context key, dataFolderContext.ts) — not a model version folder.
 */
export const WHEN_EXPLORER_DATASET = `explorerResourceIsFolder && resourcePath in facetwise.dataFolders || ${WHEN_DATASET_FILE}`;
/** `when` clause: the active editor is one of Facetwise's overview editors. */
export const WHEN_OVERVIEW_EDITOR = 'activeCustomEditorId =~ /^facetwise\\.overview/';

/** `showOpenDialog` filters for picking a dataset file. */
export const DATASET_DIALOG_FILTERS: Readonly<Record<string, string[]>> = {
  Datasets: ['csv', 'tsv', 'tfrecord', 'tfrecords', 'gz', 'zst', 'bz2', 'parquet'],
  'All files': ['*'],
};

/** Compression suffixes that do not change what a file holds (as src/core/io/shards.ts reads names). */
const COMPRESSION = new Set(['.gz', '.gzip', '.zz', '.zlib', '.deflate', '.zst', '.zstd', '.bz2']);

/**
 * What kind of dataset a path is, or undefined when it is not one Facetwise reads. A folder is a dataset (of
 * shards); whether it holds any is found out when it is read.
 */
export function datasetKindOf(path: string, isDirectory: boolean): DatasetKind | undefined {
  if (isDirectory) return 'folder';
  const name = basename(path);
  if (!DATASET_FILE_NAME.test(name)) return undefined;
  // The same reading of names as the engine's (src/core/io/shards.ts dataFileKind), without importing it: that
  // module brings a glob library the extension host does not need (folders are expanded on a worker).
  let lower = name.toLowerCase();
  if (COMPRESSION.has(extname(lower))) lower = lower.slice(0, -extname(lower).length);
  const inner = extname(lower);
  if (inner === '.csv') return 'csv';
  if (inner === '.tsv' || inner === '.tab') return 'tsv';
  if (inner === '.parquet') return 'parquet';
  // Anything else with a data extension (`.tfrecord`, `.gz` shards such as TFX's `data_tfrecord-00000-of-00012.gz`).
  return 'tfrecord';
}

/** Whether diagnostics of this dataset can point into text (header cells, lines). */
export function isDelimitedKind(kind: DatasetKind | undefined): kind is 'csv' | 'tsv' {
  return kind === 'csv' || kind === 'tsv';
}
