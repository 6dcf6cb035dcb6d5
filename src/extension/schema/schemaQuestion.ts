/**
 * The question asked when a dataset has no schema yet (and by the overview's "Change…"): "No schema for
 * eval.csv. Infer it from: train.csv (same folder) / eval.csv itself / Choose…". Options come ranked from
 * schemaOptions.ts over the folders from the dataset's up to the workspace folder.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, relative } from 'node:path';
import * as vscode from 'vscode';
import { DATASET_DIALOG_FILTERS } from '../datasetKinds.js';
import type { SchemaPairing } from './schemaChoice.js';
import type { FolderListing, SchemaOption } from './schemaOptions.js';
import { foldersToList, schemaOptions } from './schemaOptions.js';

/** Schema files the "Choose…" dialog accepts as schemas; anything else picked is a dataset to infer from. */
const SCHEMA_FILE = /\.(pbtxt|textproto|pb)$/i;

interface OptionItem extends vscode.QuickPickItem {
  readonly option: SchemaOption;
}

async function listFolder(path: string): Promise<FolderListing> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return { path, entries: entries.map((e) => ({ name: e.name, isFolder: e.isDirectory() })) };
}

function itemOf(option: SchemaOption, dataset: string, workspaceFolder: string | undefined): OptionItem {
  const shown = (p: string): string => (workspaceFolder ? relative(workspaceFolder, p) : p);
  switch (option.kind) {
    case 'inferFrom':
      return { option, label: `$(wand) ${basename(option.path)}`, description: option.where, detail: `Infer a schema from ${shown(option.path)} and validate ${basename(dataset)} against it` };
    case 'file':
      return { option, label: `$(file-code) ${basename(option.path)}`, description: option.where, detail: `Use the schema ${shown(option.path)}` };
    case 'self':
      return { option, label: `$(mirror) ${basename(dataset)} itself`, detail: 'A schema inferred from the data fits it: only reader problems can show' };
    case 'choose':
      return { option, label: '$(folder-opened) Choose\u2026', detail: 'A schema file, or a dataset to infer one from' };
    default: {
      const never: never = option;
      throw new Error(`unknown option ${JSON.stringify(never)}`);
    }
  }
}

/** The options, ranked, for `dataset` (exported for the picker's callers that need no UI). */
export async function optionsFor(dataset: string, workspaceFolder: string | undefined): Promise<SchemaOption[]> {
  const listings = await Promise.all(foldersToList(dataset, workspaceFolder).map(listFolder));
  return schemaOptions(dataset, listings);
}

/**
 * Asks which schema `dataset` uses; undefined when the user dismissed the question. `change`: asked from
 * "Change…" (the dataset has a schema already), so the title does not say it has none.
 */
export async function askForSchema(dataset: string, workspaceFolder: string | undefined, change = false): Promise<SchemaPairing | undefined> {
  const name = basename(dataset);
  const items = (await optionsFor(dataset, workspaceFolder)).map((o) => itemOf(o, dataset, workspaceFolder));
  const picked = await vscode.window.showQuickPick(items, {
    title: change ? `Schema for ${name}` : `No schema for ${name}. Infer it from:`,
    placeHolder: change ? `Validate ${name} against…` : `Infer a schema for ${name} from…`,
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  const { option } = picked;
  switch (option.kind) {
    case 'inferFrom':
    case 'file':
      return { kind: option.kind, path: option.path };
    case 'self':
      return { kind: 'self' };
    case 'choose': {
      const uris = await vscode.window.showOpenDialog({
        title: `Schema for ${name}: a schema file, or a dataset to infer one from`,
        defaultUri: vscode.Uri.file(dirname(dataset)),
        canSelectFiles: true,
        canSelectFolders: true,
        canSelectMany: false,
        filters: { Schemas: ['pbtxt', 'textproto', 'pb'], ...DATASET_DIALOG_FILTERS },
      });
      const uri = uris?.[0];
      if (!uri) return undefined;
      return SCHEMA_FILE.test(uri.fsPath) ? { kind: 'file', path: uri.fsPath } : { kind: 'inferFrom', path: uri.fsPath };
    }
    default: {
      const never: never = option;
      throw new Error(`unknown option ${JSON.stringify(never)}`);
    }
  }
}
