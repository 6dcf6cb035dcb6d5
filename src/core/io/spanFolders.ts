/**
 * The spans of a folder of span folders — `span-1/`, `span-2/`… or TFX's `Span-1/` (also `span_1`, `span1`),
 * each a dataset (a folder of shards, or one statistics file such as TFX's `FeatureStats.pb`) — in span order
 * (numeric: span-2 before span-10). Nothing else is guessed: a folder with no span folder is an error that says
 * what names are looked for.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FacetwiseError } from '../data/issues.js';
import { dataFileKind, isSkippedFile } from './shards.js';

export const SPAN_FOLDER_NAME = /^span[-_]?(\d+)$/i;

export interface SpanFolder {
  readonly name: string;
  readonly span: number;
  /** The span's dataset: the folder itself (its shards), or the statistics file it holds instead of data. */
  readonly path: string;
}

const STATISTICS_FILE = /featurestats.*\.pb$|\.pb$/i;

/** A span folder without data files but with one statistics file (TFX's `FeatureStats.pb`) is that file. */
async function spanDataset(folder: string): Promise<string> {
  const files = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  if (files.some((f) => !isSkippedFile(f) && dataFileKind(f) !== 'other')) return folder;
  const stats = files.filter((f) => STATISTICS_FILE.test(f));
  return stats.length === 1 ? join(folder, stats[0] as string) : folder;
}

export async function listSpanFolders(folder: string): Promise<SpanFolder[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((e: unknown) => {
    const code = (e as { code?: string }).code;
    throw new FacetwiseError(code === 'ENOTDIR' ? 'INPUT_NOT_A_FOLDER' : 'INPUT_NOT_FOUND', code === 'ENOTDIR' ? 'Spans are read from a folder of span folders; this is a file.' : 'No such folder.', { file: folder });
  });
  const spans: SpanFolder[] = [];
  for (const e of entries) {
    const m = e.isDirectory() ? SPAN_FOLDER_NAME.exec(e.name) : null;
    if (m) spans.push({ name: e.name, span: Number(m[1]), path: await spanDataset(join(folder, e.name)) });
  }
  if (spans.length === 0) {
    throw new FacetwiseError('SPANS_NOT_FOUND', 'The folder holds no span folder: spans are subfolders named span-1, span-2… (or TFX’s Span-1, span_1, span1).', { file: folder });
  }
  spans.sort((a, b) => a.span - b.span || (a.name < b.name ? -1 : 1));
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1] as SpanFolder;
    const b = spans[i] as SpanFolder;
    if (a.span === b.span) throw new FacetwiseError('SPANS_DUPLICATE', `Two folders name span ${a.span}: ${a.name} and ${b.name}.`, { file: folder });
  }
  return spans;
}
