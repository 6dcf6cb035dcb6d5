/**
 * A dataset is the shards of one folder (TFX writes one folder per split: Split-train/, Split-eval/). A glob
 * that reaches into several folders names several datasets; these helpers find them and word the refusal.
 */
import { basename, dirname, join } from 'node:path';
import { FacetwiseError } from '../data/issues.js';

export interface ShardFolder {
  readonly folder: string;
  readonly files: readonly string[];
}

/** The files grouped by their folder, in first-seen order. */
export function groupByFolder(files: readonly string[]): ShardFolder[] {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const folder = dirname(file);
    let list = groups.get(folder);
    if (!list) groups.set(folder, (list = []));
    list.push(file);
  }
  return [...groups].map(([folder, list]) => ({ folder, files: list }));
}

export function mixedFoldersError(input: string, groups: readonly ShardFolder[]): FacetwiseError {
  const names = groups.map((g) => `${basename(g.folder)} (${g.files.length})`).join(', ');
  return new FacetwiseError(
    'INPUT_MIXED_FOLDERS',
    `The input matches shards in ${groups.length} folders: ${names}. A dataset is one folder's shards: pick one ` +
      `folder (e.g. ${join(groups[0]?.folder ?? '.', '*')}); \`facetwise stats\` computes one dataset per folder.`,
    { file: input },
  );
}
