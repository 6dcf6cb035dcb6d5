/**
 * What an overview panel restored after a window reload may show. The panel's dataset comes back from the
 * webview's saved state (the webview stores the path the host gave it), and a webview is less trusted than the
 * host: a path from it is shown only when the host itself opened an overview of it in this workspace (a list it
 * keeps in workspaceState), and it is still an existing file or folder of a kind Facetwise reads.
 * No runtime `vscode` import, so the checks are unit-tested in Node.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, normalize } from 'node:path';
import type * as vscode from 'vscode';
import type { DatasetKind } from '../datasetKinds.js';
import { datasetKindOf } from '../datasetKinds.js';

/** The field of the webview state that holds the dataset's fsPath (set by webview/overview/main.ts). */
export const DATASET_STATE_FIELD = 'dataset';

const KEY = 'facetwise.overviewPanelDatasets';
/** Longer than any real path; bounds what a bad state can make the host handle. */
const MAX_PATH_LENGTH = 4096;

export type RestoreCheck =
  | { readonly ok: true; readonly path: string; readonly kind: DatasetKind }
  | { readonly ok: false; readonly reason: string };

/** The dataset path a saved webview state names, or undefined when it names none (not a non-empty string). */
export function datasetPathOfState(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const value = (state as Record<string, unknown>)[DATASET_STATE_FIELD];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Whether `path` has the form of a path the host would have stored: absolute, normalized, sane. */
export function isPlainAbsolutePath(path: string): boolean {
  if (path.length > MAX_PATH_LENGTH || path.includes('\u0000')) return false;
  if (!isAbsolute(path)) return false;
  // normalize() removes `.`/`..` segments and doubled separators: a path that changes was not made by the host.
  return normalize(path) === path;
}

/**
 * Checks the dataset a restored panel's state names. `known` is what the host opened overviews of (from
 * RecentOverviewDatasets): anything else is refused before the file system is touched.
 */
export async function checkRestoredDataset(state: unknown, known: readonly string[]): Promise<RestoreCheck> {
  const path = datasetPathOfState(state);
  if (path === undefined) return { ok: false, reason: 'The saved panel state does not name a dataset.' };
  if (!isPlainAbsolutePath(path)) return { ok: false, reason: 'The saved panel state does not hold an absolute dataset path.' };
  if (!known.includes(path)) return { ok: false, reason: `${path} is not a dataset an overview was opened for in this workspace.` };
  const info = await stat(path).catch(() => undefined);
  if (!info) return { ok: false, reason: `${path} no longer exists.` };
  if (!info.isFile() && !info.isDirectory()) return { ok: false, reason: `${path} is neither a file nor a folder.` };
  const kind = datasetKindOf(path, info.isDirectory());
  if (!kind) return { ok: false, reason: `${path} is not a dataset Facetwise reads (CSV/TSV, TFRecord, Parquet, or a folder of shards).` };
  return { ok: true, path, kind };
}

/** The datasets overview panels were opened for in this workspace, most recent last (bounded). */
export class RecentOverviewDatasets {
  constructor(
    private readonly state: vscode.Memento,
    private readonly capacity = 64,
  ) {}

  list(): readonly string[] {
    const value = this.state.get<unknown>(KEY);
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
  }

  async remember(path: string): Promise<void> {
    const list = [...this.list().filter((p) => p !== path), path];
    await this.state.update(KEY, list.slice(Math.max(0, list.length - this.capacity)));
  }
}
