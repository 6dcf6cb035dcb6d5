// Helpers for Facetwise's extension-host tests: the extension, a temp folder of dataset copies (outside the
// workspace, so the workspace the smoke test checks stays as the harness made it), and polling.
import * as assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'facetwise.facetwise';

export interface FacetwiseApi {
  statusBar(): { readonly text: string; readonly visible: boolean };
  workerThreads(): number;
  /** Schema association (src/extension/schema/schemaResolver.ts). */
  readonly schemas: {
    current(dataset: string): Promise<{ readonly kind: string; readonly path?: string; readonly source: string } | undefined>;
    remember(dataset: string, pairing: { readonly kind: 'self' } | { readonly kind: 'file' | 'inferFrom'; readonly path: string }): Promise<void>;
  };
}

export async function activateFacetwise(): Promise<{ api: FacetwiseApi; extensionPath: string }> {
  const extension = vscode.extensions.getExtension<FacetwiseApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  return { api, extensionPath: extension.extensionPath };
}

/**
 * Pairs each dataset with a schema inferred from itself, as answering "No schema for x.csv… x.csv itself" would:
 * for tests that validate data with no schema and are not about that question.
 */
export async function pairWithItself(...datasets: vscode.Uri[]): Promise<void> {
  const { api } = await activateFacetwise();
  for (const d of datasets) await api.schemas.remember(d.fsPath, { kind: 'self' });
}

/** ../shared/data beside the repository (the extension is installed from the repository folder). */
export function sharedData(extensionPath: string, ...parts: string[]): string {
  return resolve(extensionPath, '..', 'shared', 'data', ...parts);
}

export interface Scratch {
  readonly root: string;
  copy(from: string, as: string): vscode.Uri;
  write(name: string, content: string | Uint8Array): vscode.Uri;
  dispose(): void;
}

export function scratch(prefix: string): Scratch {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    root,
    copy(from, as) {
      const path = join(root, as);
      mkdirSync(dirname(path), { recursive: true });
      copyFileSync(from, path);
      chmodSync(path, 0o644);
      return vscode.Uri.file(path);
    },
    write(name, content) {
      const path = join(root, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return vscode.Uri.file(path);
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** The header cell of `column` in the first line of a CSV file, computed from the file's text. */
export function headerCellRange(file: vscode.Uri, column: string): vscode.Range {
  const header = readFileSync(file.fsPath, 'utf8').split(/\r?\n/)[0] ?? '';
  const cells = header.split(',');
  const index = cells.indexOf(column);
  assert.ok(index >= 0, `no column ${column}`);
  const start = cells.slice(0, index).join(',').length + (index > 0 ? 1 : 0);
  return new vscode.Range(0, start, 0, start + column.length);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
