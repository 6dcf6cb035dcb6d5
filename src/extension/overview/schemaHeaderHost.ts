/**
 * The host side of the overview header's schema line: what it says (schema/schemaResolver.ts's decision, which
 * Validate uses too) and its actions — "Change…" runs the schema picker (and validates again when the overview
 * shows anomalies from the old schema); "Compare Dataset with…" runs that command on the dataset.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { SchemaHeaderMessage, SchemaHeaderRequest } from '../../protocol/overview/schemaHeaderProtocol.js';
import type { SchemaChoice } from '../schema/schemaChoice.js';
import { schemaLabel } from '../schema/schemaChoice.js';
import type { Services } from '../services.js';
import type { ValidationOutcome } from '../validation/datasetValidation.js';
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
  const setting = onSchemaSettingChange(dataset, listener);
  return vscode.Disposable.from(pairing, setting);
}

/** Whether `outcome` was validated against the schema `choice` names. */
function validatedWith(outcome: ValidationOutcome, choice: SchemaChoice): boolean {
  switch (choice.kind) {
    case 'file':
      return outcome.schemaPath === choice.path;
    case 'inferFrom':
      return outcome.schemaPath === undefined && outcome.schemaFrom === choice.path;
    case 'self':
      return outcome.schemaPath === undefined && outcome.schemaFrom === undefined;
    default: {
      const never: never = choice;
      return never;
    }
  }
}

/**
 * After a facetwise.schemas / schemaPath change: when the anomalies shown for `dataset` came from another schema
 * than the one now in force, validate again, so the header's schema and the anomalies agree (Change… does the same
 * for a picked schema). Nothing runs when the dataset was never validated.
 */
export async function revalidateOnSchemaSetting(services: Services, dataset: vscode.Uri): Promise<void> {
  const outcome = services.results.get(dataset.fsPath);
  if (!outcome) return;
  const choice = await services.schemas.current(dataset);
  if (!choice || validatedWith(outcome, choice)) return;
  await runValidation(services, dataset);
}

/** Fires `listener` when the facetwise.schemas or facetwise.schemaPath setting changes for `dataset`. */
export function onSchemaSettingChange(dataset: vscode.Uri, listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('facetwise.schemas', dataset) || e.affectsConfiguration('facetwise.schemaPath', dataset)) listener();
  });
}
