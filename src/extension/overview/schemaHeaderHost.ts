/**
 * The host side of the overview header's schema line: what it says (schema/schemaResolver.ts's decision, which
 * Validate uses too) and its actions — "Change…" runs the schema picker (and validates again when the overview
 * shows anomalies from the old schema); "Compare Dataset with…" runs that command on the dataset.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { SchemaHeaderMessage, SchemaHeaderRequest } from '../../protocol/overview/schemaHeaderProtocol.js';
import { schemaLabel } from '../schema/schemaChoice.js';
import type { Services } from '../services.js';
import { runValidation } from '../validation/validationRunner.js';

export async function schemaHeaderMessage(services: Services, dataset: vscode.Uri): Promise<SchemaHeaderMessage> {
  const choice = await services.schemas.current(dataset);
  if (!choice) return { type: 'schema', detail: `No schema for ${basename(dataset.fsPath)} yet: Validate asks which to use.` };
  const detail = choice.kind === 'self' ? dataset.fsPath : choice.path;
  return { type: 'schema', label: schemaLabel(choice, dataset.fsPath), source: choice.source, detail: vscode.workspace.asRelativePath(detail, false) };
}

export async function handleSchemaHeaderRequest(services: Services, dataset: vscode.Uri, request: SchemaHeaderRequest): Promise<void> {
  switch (request.type) {
    case 'changeSchema': {
      const chosen = await services.schemas.ask(dataset, true);
      if (chosen && services.results.get(dataset.fsPath)) await runValidation(services, dataset);
      return;
    }
    case 'compareWith':
      await vscode.commands.executeCommand('facetwise.compareWith', dataset);
      return;
    default: {
      const never: never = request;
      services.log.warn(`Overview: unknown header request ${JSON.stringify(never)}`);
    }
  }
}

/** Fires `listener` when the schema `dataset` uses may have changed: a pairing, or the facetwise.schemas / schemaPath settings. */
export function onSchemaChange(services: Services, dataset: vscode.Uri, listener: () => void): vscode.Disposable {
  const pairing = services.schemas.onDidChange((path) => {
    if (path === dataset.fsPath) listener();
  });
  const setting = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('facetwise.schemas', dataset) || e.affectsConfiguration('facetwise.schemaPath', dataset)) listener();
  });
  return vscode.Disposable.from(pairing, setting);
}
