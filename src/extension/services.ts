/** What the commands, editors and views share: created once in activate() and passed explicitly. */
import type * as vscode from 'vscode';
import type { DatasetEnvironments } from './datasetEnvironments.js';
import type { DiagnosticStore } from './validation/diagnostics/diagnosticStore.js';
import type { EngineClient } from './engineClient.js';
import type { SchemaResolver } from './schema/schemaResolver.js';
import type { StatisticsCache } from './statisticsCache.js';
import type { ValidationResults } from './validation/validationResults.js';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly engine: EngineClient;
  readonly cache: StatisticsCache;
  readonly diagnostics: DiagnosticStore;
  readonly results: ValidationResults;
  readonly environments: DatasetEnvironments;
  /** Which schema each dataset is validated against (the one decision every surface uses). */
  readonly schemas: SchemaResolver;
}
