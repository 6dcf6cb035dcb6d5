/**
 * Writing schema files from the extension: only in a trusted workspace, never over a file with unsaved edits,
 * atomically and never over a dataset (writeSchema refuses data files).
 */
import * as vscode from 'vscode';
import type { Schema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { writeSchema } from '../../core/proto/protoFiles.js';
import { FacetwiseError } from '../../core/data/issues.js';

export function ensureTrustedForWriting(what: string): void {
  if (!vscode.workspace.isTrusted) {
    throw new FacetwiseError('WORKSPACE_UNTRUSTED', `Facetwise does not write files in an untrusted workspace (${what}). Trust the workspace to save schemas.`);
  }
}

export async function saveSchemaFile(path: string, schema: Schema): Promise<void> {
  ensureTrustedForWriting(`writing ${vscode.workspace.asRelativePath(path)}`);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
  if (open?.isDirty) {
    throw new FacetwiseError('SCHEMA_UNSAVED', 'The schema has unsaved changes in an editor; save or revert them first.', { file: path });
  }
  await writeSchema(path, schema);
}
