/**
 * The Models view's settings: `facetwise.modelRoots` (globs that limit discovery), `facetwise.servingConfigPath`
 * (the TF Serving config the served badge and roll back use) and `facetwise.modelGate` (the gate that turns a
 * comparison into KEEP / ROLL BACK / INCONCLUSIVE). A gate that does not parse is reported, never guessed at.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GateConfig } from '../../core/model/modelGate.js';
import { defaultGate, parseGateConfig } from '../../core/model/modelGate.js';
import type { MetricName } from '../../core/model/metrics.js';

const SECTION = 'facetwise';

export function modelRoots(): string[] {
  const value = vscode.workspace.getConfiguration(SECTION).get<unknown>('modelRoots');
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/**
 * Where the TF Serving config of a model lives: the setting (relative to the workspace folder of the model, with
 * `${workspaceFolder}` expanded) or `models.config` beside the model folder.
 */
export function servingConfigPath(modelRoot: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(modelRoot))?.uri.fsPath ?? path.dirname(modelRoot);
  const setting = vscode.workspace.getConfiguration(SECTION, vscode.Uri.file(modelRoot)).get<unknown>('servingConfigPath');
  if (typeof setting === 'string' && setting.trim() !== '') {
    const expanded = setting.trim().replace(/\$\{workspaceFolder\}/g, folder);
    return path.isAbsolute(expanded) ? expanded : path.join(folder, expanded);
  }
  return path.join(path.dirname(modelRoot), 'models.config');
}

export interface GateSetting {
  readonly gate: GateConfig;
  /** Whether it came from the setting (else the default gate on the comparison's metric). */
  readonly configured: boolean;
}

/** The gate for `metric`; throws the parser's FacetwiseError (with every problem) when the setting is invalid. */
export function gateSetting(metric: MetricName, scope?: vscode.Uri): GateSetting {
  const raw = vscode.workspace.getConfiguration(SECTION, scope).get<unknown>('modelGate');
  if (raw === undefined || raw === null || (typeof raw === 'object' && Object.keys(raw).length === 0)) return { gate: defaultGate(metric), configured: false };
  return { gate: parseGateConfig(raw, 'facetwise.modelGate'), configured: true };
}
