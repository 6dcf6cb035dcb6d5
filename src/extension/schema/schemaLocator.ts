/**
 * Where a dataset's schema is: `facetwise.schemaPath` (default `schema.pbtxt`) taken beside the data — for a
 * folder of shards in the folder, then in its parent and up to the workspace folder, as TFX lays out `Split-train/`, `Split-eval/` under one
 * artifact — or as an absolute / `${workspaceFolder}` path. No `vscode` import: the file system only.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

export interface DatasetLocation {
  /** The dataset file, or the folder of shards. */
  readonly path: string;
  readonly isFolder: boolean;
  /** The workspace folder holding it, for `${workspaceFolder}` in the setting. */
  readonly workspaceFolder?: string;
}

const WORKSPACE_VARIABLE = '${workspaceFolder}';

/** TFX's split folders (`Split-train`, `Split-eval`) share one schema in the folder above them. */
function isSplitFolder(folder: string): boolean {
  return /^Split-/.test(basename(folder));
}

/** The folders strictly above `folder`, nearest first, up to and including `top`; none when `folder` is not inside `top`. */
function ancestorsUpTo(folder: string, top: string | undefined): string[] {
  if (top === undefined) return [];
  const root = resolve(top);
  const out: string[] = [];
  let current = resolve(folder);
  const rel = relative(root, current);
  if (rel.startsWith('..') || isAbsolute(rel)) return [];
  while (current !== root) {
    const parent = dirname(current);
    if (parent === current) break;
    out.push(parent);
    current = parent;
  }
  return out;
}

/** The paths tried, in order, for `setting` (the value of facetwise.schemaPath). */
export function schemaCandidates(dataset: DatasetLocation, setting: string): string[] {
  if (setting.includes(WORKSPACE_VARIABLE)) {
    const base = dataset.workspaceFolder ?? (dataset.isFolder ? dataset.path : dirname(dataset.path));
    return [resolve(setting.replaceAll(WORKSPACE_VARIABLE, base))];
  }
  if (isAbsolute(setting)) return [resolve(setting)];
  const folder = dataset.isFolder ? dataset.path : dirname(dataset.path);
  const out = [join(folder, setting)];
  // A folder of shards, or a shard inside a TFX split folder: the parent too.
  if (dataset.isFolder || isSplitFolder(folder)) {
    out.push(join(dirname(folder), setting));
    // …and every folder above, up to the workspace folder (a schema.pbtxt at the workspace root serves its splits).
    out.push(...ancestorsUpTo(dirname(folder), dataset.workspaceFolder).map((a) => join(a, setting)));
  }
  return [...new Set(out.map((p) => resolve(p)))];
}

/** Where an inferred schema is saved: beside the file; for a TFX split folder, in its parent (shared by splits). */
export function schemaSavePath(dataset: DatasetLocation, setting: string): string {
  const candidates = schemaCandidates(dataset, setting);
  const folder = dataset.isFolder ? dataset.path : dirname(dataset.path);
  if (candidates.length > 1 && isSplitFolder(folder)) return candidates[1] as string;
  return candidates[0] as string;
}

/** The first candidate that exists as a file, or undefined. */
export async function findSchema(dataset: DatasetLocation, setting: string): Promise<string | undefined> {
  for (const candidate of schemaCandidates(dataset, setting)) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  return undefined;
}
