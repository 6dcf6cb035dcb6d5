/**
 * Keeps the `facetwise.dataFolders` context key (dataFolders.ts) current: one capped findFiles over the data
 * extensions after startup, then again (debounced) when a data file is created or deleted, a folder goes, or the
 * workspace folders change. The Explorer's `when` clauses offer dataset commands on those folders only.
 */
import { extname } from 'node:path';
import * as vscode from 'vscode';
import { DATA_FILES_GLOB, DATA_SCAN_LIMIT, dataFolderSet } from './dataFolders.js';

export const DATA_FOLDERS_KEY = 'facetwise.dataFolders';
/** Folders never scanned: they hold no user datasets and can be huge. */
const EXCLUDE = '**/{node_modules,.git,.venv,__pycache__}/**';
const DEBOUNCE_MS = 500;

export interface DataFolders extends vscode.Disposable {
  /** The folders the key holds now (for tests). */
  folders(): readonly string[];
  /** Resolves once the scan in progress (or the first one) has set the key. */
  settled(): Promise<void>;
}

export function registerDataFolders(log: vscode.LogOutputChannel): DataFolders {
  let current: readonly string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let scan: Promise<void> = Promise.resolve();
  const run = async (): Promise<void> => {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const files = folders.length > 0 ? await vscode.workspace.findFiles(DATA_FILES_GLOB, EXCLUDE, DATA_SCAN_LIMIT) : [];
    // `resourcePath` is the file-system path; on Windows a URI's path differs, so both forms are listed.
    const set = dataFolderSet(files.map((f) => f.fsPath), folders);
    current = set;
    const paths = [...new Set([...set, ...set.map((p) => vscode.Uri.file(p).path)])];
    await vscode.commands.executeCommand('setContext', DATA_FOLDERS_KEY, paths);
    log.debug(`Data folders: ${set.length} (from ${files.length} data file${files.length === 1 ? '' : 's'}${files.length >= DATA_SCAN_LIMIT ? ', capped' : ''}).`);
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      scan = scan.then(run).catch((e: unknown) => log.warn(`Scanning for data folders failed: ${e instanceof Error ? e.message : String(e)}`));
    }, DEBOUNCE_MS);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(DATA_FILES_GLOB, false, true, false);
  // A deleted folder reports only itself, not the data files in it; a new folder's files may be reported as the
  // folder alone (a copied or unpacked folder), so a created name without an extension rescans too.
  const folderWatcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
  scan = run().catch((e: unknown) => log.warn(`Scanning for data folders failed: ${e instanceof Error ? e.message : String(e)}`));
  const disposables = [
    watcher,
    folderWatcher,
    watcher.onDidCreate(schedule),
    watcher.onDidDelete(schedule),
    folderWatcher.onDidCreate((uri) => {
      if (extname(uri.fsPath) === '') schedule();
    }),
    folderWatcher.onDidDelete((uri) => {
      if (current.includes(uri.fsPath)) schedule();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(schedule),
  ];
  return {
    folders: () => current,
    settled: async () => {
      while (timer) await new Promise((r) => setTimeout(r, DEBOUNCE_MS));
      await scan;
    },
    dispose: () => {
      if (timer) clearTimeout(timer);
      for (const d of disposables) d.dispose();
    },
  };
}
