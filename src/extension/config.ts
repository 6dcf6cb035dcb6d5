/** The one place the extension reads `facetwise.*` settings (typed, validated: see configValues.ts). */
import * as vscode from 'vscode';
import type { FacetwiseConfig } from './configValues.js';
import { CONFIG_SECTION, parseConfig } from './configValues.js';

export type { FacetwiseConfig } from './configValues.js';

/** The settings that apply to `scope` (a dataset's URI: folder-level settings win in multi-root workspaces). */
export function readConfig(scope?: vscode.Uri): FacetwiseConfig {
  const section = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  return parseConfig((key) => section.get(key));
}

/** Fires `listener` when any `facetwise.*` setting changes. */
export function onConfigChange(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(CONFIG_SECTION)) listener();
  });
}
