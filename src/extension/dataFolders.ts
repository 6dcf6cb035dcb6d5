/**
 * Where datasets are, for the `facetwise.dataFolders` context key: the folders holding a data file, and their
 * ancestors up to the workspace folder (a folder of splits, the workspace root). The Explorer offers dataset
 * commands on those folders only, so a model version folder gets none. Pure: no `vscode` import.
 */
import { dirname } from 'node:path';
import { DATASET_DIALOG_FILTERS } from './datasetKinds.js';

/** The glob the workspace scan and its watcher use: every data extension (`.csv.gz` ends in `.gz`). */
export const DATA_FILES_GLOB = `**/*.{${(DATASET_DIALOG_FILTERS.Datasets ?? []).join(',')}}`;

/** At most this many files are listed by the scan: it only has to find folders, and stays cheap in a huge workspace. */
export const DATA_SCAN_LIMIT = 5000;

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') || folder.endsWith('\\') ? folder : `${folder}/`) || path.startsWith(`${folder}\\`);
}

/** The folders holding one of `files` and their ancestors up to (and including) the workspace folder each lies in; sorted. */
export function dataFolderSet(files: readonly string[], workspaceFolders: readonly string[]): string[] {
  const out = new Set<string>();
  for (const file of files) {
    const top = workspaceFolders.filter((w) => isInside(file, w)).sort((a, b) => b.length - a.length)[0];
    let folder = dirname(file);
    if (top === undefined) {
      out.add(folder);
      continue;
    }
    while (!out.has(folder) && isInside(folder, top)) {
      out.add(folder);
      if (folder === top) break;
      const parent = dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
  }
  return [...out].sort();
}
