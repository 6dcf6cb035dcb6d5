/** Facetwise: Validate Dataset — the clicked/selected dataset(s), the active one, or one picked; each in turn. */
import * as vscode from 'vscode';
import { countAnomalies } from './diagnostics/anomalyDiagnostics.js';
import type { Services } from '../services.js';
import { runValidation } from './validationRunner.js';
import type { ActiveOverview } from '../commands/datasetTargets.js';
import { commandTargets } from '../commands/datasetTargets.js';

export const VALIDATE_DATASET = 'facetwise.validateDataset';

/** What the command returns (for scripts and tests): one entry per dataset validated. */
export interface ValidationSummary {
  readonly dataset: string;
  readonly examples: number;
  readonly anomalies: number;
  readonly diagnostics: number;
  /** The schema file used; undefined when the schema was inferred. */
  readonly schemaPath: string | undefined;
  /** The dataset an inferred schema came from when not this one (a training split). */
  readonly schemaFrom: string | undefined;
  /** What the result notification said about the schema: "schema.pbtxt", "a schema inferred from train.csv". */
  readonly schemaLabel: string;
  readonly environment: string | undefined;
}

export function registerValidateDataset(services: Services, activeOverview: ActiveOverview): vscode.Disposable {
  return vscode.commands.registerCommand(VALIDATE_DATASET, async (...args: unknown[]): Promise<ValidationSummary[]> => {
    const targets = await commandTargets(args, activeOverview, { many: true, purpose: 'Validate Dataset' });
    const out: ValidationSummary[] = [];
    for (const uri of targets) {
      const outcome = await runValidation(services, uri);
      if (!outcome) continue;
      out.push({
        dataset: outcome.location.path,
        examples: outcome.result.numExamples,
        anomalies: countAnomalies(outcome.anomalies),
        diagnostics: outcome.diagnostics.length,
        schemaPath: outcome.schemaPath,
        schemaFrom: outcome.schemaFrom,
        schemaLabel: outcome.schemaLabel,
        environment: outcome.environment,
      });
    }
    return out;
  });
}
