/**
 * Applies a schema change to `schema.pbtxt` as a VS Code text document (a WorkspaceEdit of the one span that
 * changed), so that undo, the dirty state, save and git diff are VS Code's own, and an editor that has the file
 * open shows the change at once. Only in a trusted workspace.
 */
import * as vscode from 'vscode';
import type { Schema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { editSchemaText, textDelta } from './schemaText.js';
import { ensureTrustedForWriting } from './schemaWriter.js';

/** Edits the document; with `save`, writes it to disk too. Resolves to whether the text changed. */
export async function editSchemaDocument(uri: vscode.Uri, mutate: (schema: Schema) => void, options: { readonly save: boolean }): Promise<boolean> {
  ensureTrustedForWriting(`editing ${vscode.workspace.asRelativePath(uri)}`);
  const doc = await vscode.workspace.openTextDocument(uri);
  const before = doc.getText();
  const delta = textDelta(before, editSchemaText(before, uri.fsPath, mutate));
  if (!delta) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(doc.positionAt(delta.start), doc.positionAt(delta.end)), delta.text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code did not apply the edit to ${uri.fsPath}.`);
  if (options.save) await doc.save();
  return true;
}
