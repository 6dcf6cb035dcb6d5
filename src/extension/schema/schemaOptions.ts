/**
 * What the "No schema for eval.csv" question offers, best first: infer from a training split beside the data
 * (train*.csv / training*, a Split-train folder) in the same folder, then in the parent; schema files already in
 * the folders up to the workspace folder, nearest first; the dataset itself; a file picker. Pure: it ranks
 * listings the caller read (schemaQuestion.ts).
 */
import { basename, dirname, extname, join } from 'node:path';
import { DATASET_FILE_NAME } from '../datasetKinds.js';

export interface FolderEntry {
  readonly name: string;
  readonly isFolder: boolean;
}

/** A folder's entries; `folders` below are ordered nearest first: the dataset's folder, its parent, …, the workspace folder. */
export interface FolderListing {
  readonly path: string;
  readonly entries: readonly FolderEntry[];
}

export type SchemaOption =
  /** Infer a schema from another dataset (the training split) and validate against it. */
  | { readonly kind: 'inferFrom'; readonly path: string; readonly where: 'same folder' | 'parent folder' }
  /** Use an existing schema file. */
  | { readonly kind: 'file'; readonly path: string; readonly where: string }
  /** Infer from the dataset itself (TFDV's first step on training data; finds only reader problems). */
  | { readonly kind: 'self'; readonly path: string }
  /** Pick a schema file (or a dataset to infer from) with a dialog. */
  | { readonly kind: 'choose' };

/** `train.csv`, `training-2024.csv`, `Split-train`, `train_data.tfrecord.gz`: a training split's name. */
const TRAINING_NAME = /^(?:split-)?train(?:ing)?(?:$|[^a-z])/i;
/** Schema files: `schema.pbtxt`, `taxi_schema.pbtxt`, `schema.pb`. */
const SCHEMA_NAME = /schema\.(?:pbtxt|pb|textproto)$/i;

function isTrainingEntry(entry: FolderEntry): boolean {
  if (!TRAINING_NAME.test(entry.name)) return false;
  return entry.isFolder || DATASET_FILE_NAME.test(entry.name);
}

/** Lower ranks first: the same kind of file as the dataset, then `train` before `training`, then by name. */
function trainingRank(name: string, datasetExt: string): [number, number, string] {
  return [extname(name).toLowerCase() === datasetExt ? 0 : 1, /^(?:split-)?training/i.test(name) ? 1 : 0, name];
}

function compareRanks(a: [number, number, string], b: [number, number, string]): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

export function schemaOptions(dataset: string, folders: readonly FolderListing[]): SchemaOption[] {
  const out: SchemaOption[] = [];
  const datasetExt = extname(dataset).toLowerCase();
  const training = (listing: FolderListing | undefined, where: 'same folder' | 'parent folder'): void => {
    if (!listing) return;
    const names = listing.entries
      .filter(isTrainingEntry)
      .map((e) => e.name)
      .filter((n) => join(listing.path, n) !== dataset)
      .sort((a, b) => compareRanks(trainingRank(a, datasetExt), trainingRank(b, datasetExt)));
    for (const n of names) out.push({ kind: 'inferFrom', path: join(listing.path, n), where });
  };
  training(folders[0], 'same folder');
  training(folders[1], 'parent folder');
  folders.forEach((listing, depth) => {
    const where = depth === 0 ? 'same folder' : depth === 1 ? 'parent folder' : `${basename(listing.path)}/`;
    for (const e of [...listing.entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (!e.isFolder && SCHEMA_NAME.test(e.name)) out.push({ kind: 'file', path: join(listing.path, e.name), where });
    }
  });
  out.push({ kind: 'self', path: dataset }, { kind: 'choose' });
  return out;
}

/** The folders to list for `dataset`, nearest first: its own folder up to `workspaceFolder` (only its own folder when outside one). */
export function foldersToList(dataset: string, workspaceFolder: string | undefined): string[] {
  const out = [dirname(dataset)];
  if (workspaceFolder === undefined) return out;
  const top = workspaceFolder.replace(/[\\/]+$/, '');
  if (!(out[0] as string).startsWith(top)) return out;
  let current = out[0] as string;
  while (current !== top && current.length > top.length) {
    const parent = dirname(current);
    if (parent === current) break;
    out.push(parent);
    current = parent;
  }
  return out;
}
