/**
 * Runs datasetValidation.ts for one dataset inside VS Code: with a cancellable progress notification (a new run
 * on the same dataset cancels the previous one), diagnostics published to the Problems pane, the outcome kept
 * for overviews and the status bar, and — when the schema was inferred — an offer to save it.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { formatIssue } from '../../core/data/issues.js';
import { printText } from '../../core/proto/textFormat.js';
import { readConfig } from '../config.js';
import type { ValidationOutcome } from './datasetValidation.js';
import { validateDataset } from './datasetValidation.js';
import { countAnomalies } from './diagnostics/anomalyDiagnostics.js';
import { isAbort, withCancellableProgress } from '../progress.js';
import { saveSchemaFile } from '../schema/schemaWriter.js';
import type { Services } from '../services.js';

export interface RunValidationOptions {
  /** Validate in this environment (and remember it for the dataset). */
  readonly environment?: string;
  /** Do not offer to save an inferred schema (when a caller validates again right after saving one). */
  readonly quiet?: boolean;
}

const running = new Map<string, AbortController>();

function workspaceFolderOf(uri: vscode.Uri): string | undefined {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
}

/** Validates the dataset at `uri`; undefined when cancelled or failed (the failure is shown and logged). */
export async function runValidation(services: Services, uri: vscode.Uri, options: RunValidationOptions = {}): Promise<ValidationOutcome | undefined> {
  const path = uri.fsPath;
  const name = basename(path);
  running.get(path)?.abort(new DOMException('Superseded', 'AbortError'));
  const controller = new AbortController();
  running.set(path, controller);
  if (options.environment !== undefined) await services.environments.set(path, options.environment);
  const environment = options.environment ?? services.environments.get(path);
  const config = readConfig(uri);
  const started = Date.now();
  try {
    const outcome = await withCancellableProgress(
      `Facetwise: validating ${name}`,
      (signal, report) =>
        validateDataset(path, services, {
          config,
          ...(environment !== undefined ? { environment } : {}),
          ...(workspaceFolderOf(uri) !== undefined ? { workspaceFolder: workspaceFolderOf(uri) } : {}),
          signal,
          onProgress: report,
        }),
      controller.signal,
    );
    services.diagnostics.publish(path, outcome.diagnostics, outcome.schemaPath);
    services.results.set(path, outcome);
    logOutcome(services, outcome, Date.now() - started);
    if (!outcome.schemaPath && !options.quiet) offerToSaveSchema(services, uri, outcome);
    return outcome;
  } catch (error) {
    if (isAbort(error)) {
      services.log.info(`Validation of ${path} cancelled.`);
      return undefined;
    }
    reportError(services, `Validating ${name} failed`, error);
    return undefined;
  } finally {
    if (running.get(path) === controller) running.delete(path);
  }
}

export function reportError(services: Services, what: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  services.log.error(`${what}: ${message}`);
  void vscode.window.showErrorMessage(`${what}: ${message}`);
}

function logOutcome(services: Services, outcome: ValidationOutcome, ms: number): void {
  const n = countAnomalies(outcome.anomalies);
  const schema = outcome.schemaPath ?? 'a schema inferred from the data';
  services.log.info(
    `Validated ${outcome.location.path} (${outcome.result.numExamples} examples) against ${schema}` +
      `${outcome.environment ? ` in environment ${outcome.environment}` : ''}: ${n} anomal${n === 1 ? 'y' : 'ies'}, ` +
      `${outcome.issues.length} reader issue${outcome.issues.length === 1 ? '' : 's'}, ${outcome.diagnostics.length} diagnostics, ${ms} ms.`,
  );
  for (const issue of outcome.issues.slice(0, 50)) services.log.warn(formatIssue(issue));
}

/** Not awaited by the command: the message stays until the user answers, which tests never do. */
function offerToSaveSchema(services: Services, uri: vscode.Uri, outcome: ValidationOutcome): void {
  const save = `Save ${basename(outcome.savePath)}`;
  const open = 'Open';
  const features = outcome.schema.feature.length;
  // An untrusted workspace gets no offer to write files.
  const choices = vscode.workspace.isTrusted ? [save, open] : [open];
  void vscode.window
    .showInformationMessage(
      `No schema found for ${outcome.info.name}: it was validated against a schema inferred from its own statistics (${features} features), so only reader problems can show.`,
      ...choices,
    )
    .then(async (choice) => {
      try {
        if (choice === save) {
          await saveSchemaFile(outcome.savePath, outcome.schema);
          services.log.info(`Schema saved to ${outcome.savePath}.`);
          await vscode.window.showTextDocument(vscode.Uri.file(outcome.savePath), { preview: true, preserveFocus: true });
          await runValidation(services, uri, { quiet: true });
        } else if (choice === open) {
          const doc = await vscode.workspace.openTextDocument({ content: printText(outcome.schema) });
          await vscode.window.showTextDocument(doc, { preview: true });
        }
      } catch (error) {
        reportError(services, 'Saving the schema failed', error);
      }
    });
}
