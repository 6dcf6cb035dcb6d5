/**
 * Turns what a user points at — files, folders of shards, glob patterns — into the ordered list of data files
 * that are read as one dataset (the shard index of a file is its position in that list).
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { FacetwiseError } from '../data/issues.js';

export interface ExpandInputsOptions {
  /** Base for relative paths and patterns (default: the process's working directory). */
  readonly cwd?: string;
}

/** The kinds of data file a folder may hold; files of one kind make a dataset. */
export type DataFileKind = 'tfrecord' | 'csv' | 'tsv' | 'parquet' | 'other';

/**
 * Files that sit beside data shards but are not data: metadata, schemas, statistics, logs, markers.
 * (`.pb` is here because a folder of shards may carry TFDV's binary statistics, never a dataset.)
 */
const NON_DATA_EXTENSIONS = new Set([
  '.json', '.pbtxt', '.textproto', '.prototxt', '.pb', '.txt', '.md', '.yaml', '.yml', '.html', '.log',
  '.crc', '.py', '.ipynb', '.sh', '.zip', '.tar', '.png', '.jpg', '.svg',
]);

/** Compression suffixes that do not change what kind of data a file holds. */
const COMPRESSION_EXTENSIONS = new Set(['.gz', '.gzip', '.zz', '.zlib', '.deflate', '.zst', '.zstd', '.bz2']);

const collator = new Intl.Collator('en', { numeric: true });

/**
 * Absolute paths of the data files named by `inputs`, in order, without duplicates:
 * - a file is taken as is;
 * - a folder contributes its files (not subfolders) of the most common data kind (see dataFileKind), naturally
 *   sorted (`part-2` before `part-10`), skipping hidden (`.x`) and marker (`_SUCCESS`) files and obvious
 *   non-data such as `.json` / `.pbtxt`;
 * - a glob pattern (`data/*.gz`, `shards/**\/*.tfrecord`, brace sets…) contributes the matching files, sorted,
 *   with the same skipping.
 * Throws FacetwiseError (code INPUT_NOT_FOUND / INPUT_EMPTY) when an input names nothing readable.
 */
export async function expandInputs(inputs: readonly string[], options: ExpandInputsOptions = {}): Promise<string[]> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (files: readonly string[]): void => {
    for (const file of files) {
      if (!seen.has(file)) {
        seen.add(file);
        out.push(file);
      }
    }
  };
  for (const input of inputs) {
    const path = resolve(cwd, input);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) add([path]);
    else if (info?.isDirectory()) add(await expandFolder(path, input));
    else if (isDynamicPattern(input.split(sep).join('/'))) add(await expandGlob(input, cwd));
    else throw new FacetwiseError('INPUT_NOT_FOUND', 'No such file or folder.', { file: input });
  }
  return out;
}

/** What a file name says it holds, looking through a compression suffix (`x.csv.gz` is csv). */
export function dataFileKind(fileName: string): DataFileKind {
  let name = fileName.toLowerCase();
  const ext = extname(name);
  if (COMPRESSION_EXTENSIONS.has(ext)) name = name.slice(0, -ext.length);
  const inner = extname(name);
  if (inner === '.csv') return 'csv';
  if (inner === '.tsv' || inner === '.tab') return 'tsv';
  if (inner === '.parquet' || inner === '.parq') return 'parquet';
  if (/\.tfrecords?$|\.tfr$|tfrecord/.test(name)) return 'tfrecord';
  return 'other';
}

/** Hidden files, marker files and files whose extension says "not data". */
export function isSkippedFile(fileName: string): boolean {
  if (fileName.startsWith('.') || fileName.startsWith('_')) return true;
  return NON_DATA_EXTENSIONS.has(extname(fileName).toLowerCase());
}

async function expandFolder(folder: string, input: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new FacetwiseError('INPUT_NOT_FOUND', `Cannot list the folder: ${reason}`, { file: input });
  }
  const candidates: string[] = [];
  for (const entry of entries) {
    if (isSkippedFile(entry.name)) continue;
    if (entry.isFile()) candidates.push(entry.name);
    else if (entry.isSymbolicLink() && (await stat(join(folder, entry.name)).catch(() => undefined))?.isFile()) {
      candidates.push(entry.name);
    }
  }
  const chosen = dominantKind(candidates);
  const files = candidates.filter((name) => dataFileKind(name) === chosen).sort(collator.compare);
  if (files.length === 0) {
    const splits = await dataSubfolders(folder);
    const hint =
      splits.length > 0
        ? ` Its subfolders do: ${splits.join(', ')}. Pick one (${join(input, splits[0])}), or give '${join(input, '*', '*')}' to \`facetwise stats\` for one dataset per folder.`
        : '';
    throw new FacetwiseError('INPUT_EMPTY', `The folder holds no data files.${hint}`, { file: input });
  }
  return files.map((name) => join(folder, name));
}

/** The most frequent recognized kind (ties: tfrecord, csv, tsv, parquet); 'other' only when nothing is recognized. */
function dominantKind(names: readonly string[]): DataFileKind {
  const counts: Record<DataFileKind, number> = { tfrecord: 0, csv: 0, tsv: 0, parquet: 0, other: 0 };
  for (const name of names) counts[dataFileKind(name)]++;
  let best: DataFileKind = 'other';
  for (const kind of ['tfrecord', 'csv', 'tsv', 'parquet'] as const) {
    if (counts[kind] > (best === 'other' ? 0 : counts[best])) best = kind;
  }
  return best;
}

async function expandGlob(input: string, cwd: string): Promise<string[]> {
  // Split off the literal leading folders: they become the crawl root (passed as cwd, so a folder name with
  // glob characters or a Windows drive cannot be misread as pattern syntax); the rest stays the pattern.
  const pattern = input.split(sep).join('/');
  const segments = pattern.split('/');
  let literal = 0;
  while (literal < segments.length - 1 && !isDynamicPattern(segments[literal])) literal++;
  const rootText = segments.slice(0, literal).join('/');
  const root = rootText === '' ? (isAbsolute(pattern) ? '/' : cwd) : resolve(cwd, rootText);
  const rest = segments.slice(literal).join('/');
  const matches = await glob([rest], { cwd: root, absolute: true, onlyFiles: true, dot: false, expandDirectories: false });
  const files = matches
    .map((m) => resolve(m))
    .filter((file) => !isSkippedFile(basename(file)))
    .sort(collator.compare);
  if (files.length === 0) throw new FacetwiseError('INPUT_EMPTY', 'The pattern matches no data files.', { file: input });
  return files;
}

/** Subfolders of `folder` that hold data files (one level down), naturally sorted; for "no data files here" hints. */
export async function dataSubfolders(folder: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const inner = await readdir(join(folder, entry.name), { withFileTypes: true }).catch(() => [] as Dirent[]);
    if (inner.some((f) => f.isFile() && !isSkippedFile(f.name) && dataFileKind(f.name) !== 'other')) found.push(entry.name);
  }
  return found.sort(collator.compare);
}
