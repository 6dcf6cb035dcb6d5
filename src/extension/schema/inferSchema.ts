/**
 * Facetwise: Infer Schema — TFDV's infer_schema over the dataset's statistics, saved (atomically, trusted
 * workspaces only) where the schema of that dataset is looked for, then opened.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { inferSchema } from '../../core/schema/inferSchema.js';
import { readConfig } from '../config.js';
import { datasetStatistics } from '../validation/datasetValidation.js';
import { isAbort, withCancellableProgress } from '../progress.js';
import { schemaSavePath } from './schemaLocator.js';
import { ensureTrustedForWriting, saveSchemaFile } from './schemaWriter.js';
import type { Services } from '../services.js';
import { reportError } from '../validation/validationRunner.js';
import type { ActiveOverview } from '../commands/datasetTargets.js';
import { commandTargets } from '../commands/datasetTargets.js';

export const INFER_SCHEMA = 'facetwise.inferSchema';

/** Options scripts and tests may pass as the second argument. */
export interface InferSchemaOptions {
  /** Replace an existing schema without asking. */
  readonly overwrite?: boolean;
  /** Open the written schema (default true). */
  readonly open?: boolean;
}

function isOptions(x: unknown): x is InferSchemaOptions {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof vscode.Uri) && ('overwrite' in x || 'open' in x);
}

export function registerInferSchema(services: Services, activeOverview: ActiveOverview): vscode.Disposable {
  return vscode.commands.registerCommand(INFER_SCHEMA, async (...args: unknown[]): Promise<string | undefined> => {
    const options = isOptions(args[1]) ? args[1] : {};
    const [uri] = await commandTargets(isOptions(args[1]) ? [args[0]] : args, activeOverview, { many: false, purpose: 'Infer Schema' });
    if (!uri) return undefined;
    const name = basename(uri.fsPath);
    try {
      ensureTrustedForWriting('saving an inferred schema');
      const config = readConfig(uri);
      const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
      const stats = await withCancellableProgress(`Facetwise: inferring a schema for ${name}`, (signal, report) =>
        datasetStatistics(uri.fsPath, services, { signal, onProgress: report, ...(workspaceFolder !== undefined ? { workspaceFolder } : {}) }),
      );
      const schema = inferSchema(stats.result.statistics, { maxStringDomainSize: config.maxStringDomainSize, inferRanges: config.inferNumericRanges });
      const target = schemaSavePath(stats.location, config.schemaPath);
      if (existsSync(target) && !options.overwrite) {
        const replace = 'Replace';
        const choice = await vscode.window.showWarningMessage(
          `${vscode.workspace.asRelativePath(target)} exists. Replace it with a schema inferred from ${stats.info.name}?`,
          { modal: true },
          replace,
        );
        if (choice !== replace) return undefined;
      }
      await saveSchemaFile(target, schema);
      services.log.info(`Inferred a schema with ${schema.feature.length} features from ${uri.fsPath}; written to ${target}.`);
      if (options.open ?? true) await vscode.window.showTextDocument(vscode.Uri.file(target), { preview: true });
      return target;
    } catch (error) {
      if (isAbort(error)) return undefined;
      reportError(services, `Inferring a schema for ${name} failed`, error);
      return undefined;
    }
  });
}
