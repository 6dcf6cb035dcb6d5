/**
 * Runs datasetValidation.ts for one dataset inside VS Code: the schema decided by schema/schemaResolver.ts
 * (asking when the dataset has none yet, and again when it shares too few columns with the data), a cancellable
 * progress notification (a new run on the same dataset cancels the previous one), diagnostics published to the
 * Problems pane, the outcome kept for overviews and the status bar, and a result notification that names the
 * schema used — with an offer to save it when it was inferred.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { formatIssue } from '../../core/data/issues.js';
import { printText } from '../../core/proto/textFormat.js';
import { readConfig } from '../config.js';
import type { ValidationOutcome } from './datasetValidation.js';
import { SchemaDeclinedError, validateDataset } from './datasetValidation.js';
import type { ColumnOverlap } from '../schema/columnOverlap.js';
import { overlapQuestion } from '../schema/columnOverlap.js';
import type { SchemaChoice, SchemaPairing } from '../schema/schemaChoice.js';
import { describeSchemaChoice } from '../schema/schemaChoice.js';
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

function pairingOf(choice: SchemaChoice): SchemaPairing {
  return choice.kind === 'self' ? { kind: 'self' } : { kind: choice.kind, path: choice.path };
}

const VALIDATE_ANYWAY = 'Validate anyway';
const CHOOSE_ANOTHER = 'Choose another schema';
const INFER_NEW = 'Infer a new one';

/** Validates the dataset at `uri`; undefined when cancelled, dismissed or failed (a failure is shown and logged). */
export async function runValidation(services: Services, uri: vscode.Uri, options: RunValidationOptions = {}): Promise<ValidationOutcome | undefined> {
  const path = uri.fsPath;
  const name = basename(path);
  let choice = await services.schemas.resolve(uri);
  if (!choice) {
    services.log.info(`Validation of ${path} not started: no schema was chosen.`);
    return undefined;
  }
  running.get(path)?.abort(new DOMException('Superseded', 'AbortError'));
  const controller = new AbortController();
  running.set(path, controller);
  if (options.environment !== undefined) await services.environments.set(path, options.environment);
  const environment = options.environment ?? services.environments.get(path);
  const config = readConfig(uri);
  try {
    for (;;) {
      const started = Date.now();
      const using: SchemaChoice = choice;
      let next: typeof CHOOSE_ANOTHER | typeof INFER_NEW | undefined;
      // A pairing the user already confirmed is not questioned again.
      const confirmOverlap =
        using.source === 'remembered'
          ? undefined
          : async (overlap: ColumnOverlap, schemaName: string): Promise<boolean> => {
              const answer = await vscode.window.showWarningMessage(overlapQuestion(name, schemaName, overlap), { modal: true }, VALIDATE_ANYWAY, CHOOSE_ANOTHER, INFER_NEW);
              if (answer === VALIDATE_ANYWAY) {
                await services.schemas.remember(path, pairingOf(using));
                return true;
              }
              next = answer;
              return false;
            };
      try {
        const outcome = await withCancellableProgress(
          `Facetwise: validating ${name}`,
          (signal, report) =>
            validateDataset(path, services, {
              config,
              schema: pairingOf(using),
              ...(confirmOverlap ? { confirmOverlap } : {}),
              ...(environment !== undefined ? { environment } : {}),
              ...(workspaceFolderOf(uri) !== undefined ? { workspaceFolder: workspaceFolderOf(uri) } : {}),
              signal,
              onProgress: report,
            }),
          controller.signal,
        );
        services.diagnostics.publish(path, outcome.diagnostics, outcome.schemaPath);
        services.results.set(path, outcome);
        logOutcome(services, outcome, using, Date.now() - started);
        if (!options.quiet) reportResult(services, uri, outcome, using);
        return outcome;
      } catch (error) {
        if (!(error instanceof SchemaDeclinedError)) throw error;
        const chosen: typeof CHOOSE_ANOTHER | typeof INFER_NEW | undefined = next;
        if (chosen === CHOOSE_ANOTHER) {
          const other = await services.schemas.ask(uri, true);
          if (!other) return undefined;
          choice = other;
        } else if (chosen === INFER_NEW) {
          await services.schemas.remember(path, { kind: 'self' });
          choice = { kind: 'self', source: 'chosen' };
        } else {
          services.log.info(`Validation of ${path} stopped: ${error.message}`);
          return undefined;
        }
      }
    }
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

function anomalyCount(outcome: ValidationOutcome): string {
  const n = countAnomalies(outcome.anomalies);
  return `${n} anomal${n === 1 ? 'y' : 'ies'}`;
}

function logOutcome(services: Services, outcome: ValidationOutcome, choice: SchemaChoice, ms: number): void {
  services.log.info(
    `Validated ${outcome.location.path} (${outcome.result.numExamples} examples) against ${describeSchemaChoice(choice, outcome.location.path)}` +
      `${outcome.schemaPath ? ` at ${outcome.schemaPath}` : ''}${outcome.environment ? ` in environment ${outcome.environment}` : ''}: ${anomalyCount(outcome)}, ` +
      `${outcome.issues.length} reader issue${outcome.issues.length === 1 ? '' : 's'}, ${outcome.diagnostics.length} diagnostics, ${ms} ms.`,
  );
  for (const issue of outcome.issues.slice(0, 50)) services.log.warn(formatIssue(issue));
}

/**
 * The result notification: which schema was used and what was found; for an inferred schema, an offer to save
 * it (then the dataset is paired with the saved file). Not awaited: the message stays until the user answers,
 * which tests never do.
 */
function reportResult(services: Services, uri: vscode.Uri, outcome: ValidationOutcome, choice: SchemaChoice): void {
  const head = `${outcome.info.name} validated against ${describeSchemaChoice(choice, uri.fsPath)}: ${anomalyCount(outcome)}.`;
  if (outcome.schemaPath) {
    void vscode.window.showInformationMessage(head);
    return;
  }
  const save = `Save ${basename(outcome.savePath)}`;
  const open = 'Open';
  const features = outcome.schema.feature.length;
  const note = choice.kind === 'self' ? ` A schema inferred from the data fits it (${features} features), so only reader problems can show.` : ` The schema has ${features} features.`;
  // An untrusted workspace gets no offer to write files.
  const choices = vscode.workspace.isTrusted ? [save, open] : [open];
  void vscode.window.showInformationMessage(head + note, ...choices).then(async (answer) => {
    try {
      if (answer === save) {
        await saveSchemaFile(outcome.savePath, outcome.schema);
        services.log.info(`Schema saved to ${outcome.savePath}.`);
        await services.schemas.remember(uri.fsPath, { kind: 'file', path: outcome.savePath });
        await vscode.window.showTextDocument(vscode.Uri.file(outcome.savePath), { preview: true, preserveFocus: true });
        await runValidation(services, uri, { quiet: true });
      } else if (answer === open) {
        const doc = await vscode.workspace.openTextDocument({ content: printText(outcome.schema) });
        await vscode.window.showTextDocument(doc, { preview: true });
      }
    } catch (error) {
      reportError(services, 'Saving the schema failed', error);
    }
  });
}
