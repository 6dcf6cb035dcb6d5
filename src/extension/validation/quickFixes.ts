/**
 * Quick fixes for Facetwise's diagnostics in CSV/TSV files: each offers a schema edit stored with the diagnostic
 * (see diagnostics/anomalyDiagnostics.ts — add a value to a domain, mark a feature as not in an environment,
 * relax min_domain_mass). Applying one edits the schema file through the text-format parser and printer (so
 * comments and unknown fields survive; see schemaEdits.ts), then validates the dataset again.
 */
import * as vscode from 'vscode';
import { readSchema } from '../../core/proto/protoFiles.js';
import type { FixTarget } from './diagnostics/diagnosticStore.js';
import { DIAGNOSTIC_SOURCE } from './diagnostics/diagnosticStore.js';
import type { SchemaFix } from '../schema/schemaEdits.js';
import { applySchemaFix, schemaFixTitle } from '../schema/schemaEdits.js';
import { saveSchemaFile } from '../schema/schemaWriter.js';
import type { Services } from '../services.js';
import { reportError, runValidation } from './validationRunner.js';

export const APPLY_SCHEMA_FIX = 'facetwise.applySchemaFix';

/** The argument of the apply command (what a code action carries). */
export interface SchemaFixRequest {
  readonly fix: SchemaFix;
  readonly target: FixTarget;
}

export const QUICK_FIX_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/*.csv' },
  { scheme: 'file', pattern: '**/*.tsv' },
];

export class SchemaQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly services: Services) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // Every fix writes the schema file, which an untrusted workspace does not allow.
    if (!vscode.workspace.isTrusted) return [];
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      for (const { fix, target } of this.services.diagnostics.fixesFor(document.uri, diagnostic)) {
        if (!target.schemaPath) continue;
        const title = schemaFixTitle(fix);
        if (seen.has(title)) continue;
        seen.add(title);
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        const request: SchemaFixRequest = { fix, target };
        action.command = { command: APPLY_SCHEMA_FIX, title, arguments: [request] };
        actions.push(action);
      }
    }
    return actions;
  }
}

function isRequest(x: unknown): x is SchemaFixRequest {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Partial<SchemaFixRequest>;
  return typeof r.fix?.kind === 'string' && typeof r.target?.dataset === 'string';
}

/** Applies a fix: edit the schema, save it, validate the dataset again. Resolves to whether it was applied. */
export async function applyFix(services: Services, request: SchemaFixRequest): Promise<boolean> {
  const { fix, target } = request;
  if (!target.schemaPath) return false;
  try {
    const edited = applySchemaFix(await readSchema(target.schemaPath), fix);
    await saveSchemaFile(target.schemaPath, edited);
    services.log.info(`${schemaFixTitle(fix)}: ${target.schemaPath} updated.`);
  } catch (error) {
    reportError(services, `${schemaFixTitle(fix)} failed`, error);
    return false;
  }
  // "Not in SERVING" says the file is serving data: validate it (and later runs) in that environment.
  await runValidation(services, vscode.Uri.file(target.dataset), fix.kind === 'notInEnvironment' ? { environment: fix.environment } : {});
  return true;
}

export function registerQuickFixes(services: Services): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(QUICK_FIX_SELECTOR, new SchemaQuickFixes(services), SchemaQuickFixes.metadata),
    vscode.commands.registerCommand(APPLY_SCHEMA_FIX, async (request: unknown) => {
      if (!isRequest(request)) throw new Error('facetwise.applySchemaFix needs { fix, target }');
      return applyFix(services, request);
    }),
  );
}
