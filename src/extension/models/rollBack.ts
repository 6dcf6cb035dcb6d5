/**
 * Roll Back to vN: changes what TF Serving serves by editing its model config (`models.config`). The change is
 * shown in a diff editor first and written only once the user confirms, atomically, through the text-format
 * printer (other models, fields and comments survive). When the target version is not loaded yet, TF Serving
 * needs two reloads (load it, then move the label): step 1 is written and a notification offers step 2. Every
 * completed roll back is appended to the audit log beside the config.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditVerdict, RollbackPlan } from '../../core/model/servingConfig.js';
import { appendAuditLine, auditLogPathFor, planRollback, readServingConfigFile, writeServingConfigFile } from '../../core/model/servingConfig.js';
import type { Services } from '../services.js';
import { servingConfigPath } from './modelSettings.js';

export const PROPOSED_SCHEME = 'facetwise-proposed';

/** Read-only documents holding a proposed config text (the right side of the diff). */
export class ProposedConfigs implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  put(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${name}`, query: String(Date.now()) });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

export interface RollBackRequest {
  /** The model folder (TF Serving's base_path). */
  readonly modelRoot: string;
  readonly toVersion: number;
  readonly label?: string;
  /** The comparison that led here, for the audit log. */
  readonly verdict?: AuditVerdict;
}

export interface RollBackOptions {
  /** Skip the confirmation dialog (automation and tests); the diff is still shown. `true` writes both steps. */
  readonly confirm?: boolean;
}

export interface RollBackResult {
  readonly configPath: string;
  /** `none`: nothing written (cancelled or nothing to change); `step1`: the first of two steps; `done`. */
  readonly written: 'none' | 'step1' | 'done';
  readonly plan?: RollbackPlan;
}

export class RollBacks {
  private readonly done = new vscode.EventEmitter<{ configPath: string; modelRoot: string; version: number }>();
  /** Fires after a config was written (the tree re-reads its badges). */
  readonly onDidWrite = this.done.event;

  constructor(
    private readonly services: Services,
    private readonly proposed: ProposedConfigs,
  ) {}

  async rollBack(request: RollBackRequest, options: RollBackOptions = {}): Promise<RollBackResult> {
    const configPath = servingConfigPath(request.modelRoot);
    const modelName = path.basename(request.modelRoot);
    const current = await readServingConfigFile(configPath);
    const plan = planRollback(current?.text, {
      modelName,
      basePath: request.modelRoot,
      toVersion: request.toVersion,
      ...(request.label ? { label: request.label } : {}),
      file: configPath,
    });
    if (!plan.changed) {
      void vscode.window.showInformationMessage(plan.steps.join(' '));
      return { configPath, written: 'none', plan };
    }
    const firstText = plan.twoStep && plan.intermediateText !== undefined ? plan.intermediateText : plan.text;
    const name = path.basename(configPath);
    const right = this.proposed.put(name, firstText);
    const left = current ? vscode.Uri.file(configPath) : this.proposed.put(`${name} (no file yet)`, '');
    await vscode.commands.executeCommand('vscode.diff', left, right, `${name}: roll back ${modelName} to v${request.toVersion}${plan.twoStep ? ' (step 1 of 2)' : ''} — proposed`, { preview: true });
    if (options.confirm === undefined) {
      const write = plan.twoStep ? 'Write Step 1' : `Write ${name}`;
      const answer = await vscode.window.showWarningMessage(
        `Roll back ${modelName} to v${request.toVersion}?`,
        { modal: true, detail: `${plan.steps.join('\n\n')}\n\nFile: ${configPath}` },
        write,
      );
      if (answer !== write) return { configPath, written: 'none', plan };
    } else if (!options.confirm) return { configPath, written: 'none', plan };
    await writeServingConfigFile(configPath, firstText);
    if (!plan.twoStep) {
      await this.finish(request, plan, configPath);
      return { configPath, written: 'done', plan };
    }
    this.done.fire({ configPath, modelRoot: request.modelRoot, version: request.toVersion });
    const moveLabel = `Move Label to v${request.toVersion}`;
    const step2 = async (): Promise<void> => {
      await writeServingConfigFile(configPath, plan.text);
      await this.finish(request, plan, configPath);
    };
    if (options.confirm === true) {
      await step2();
      return { configPath, written: 'done', plan };
    }
    void vscode.window
      .showInformationMessage(
        `Step 1 of 2 written to ${name}: v${request.toVersion} of ${modelName} is added to the loaded versions. TF Serving only lets a label point at a loaded version: once it has loaded v${request.toVersion}, move the label.`,
        moveLabel,
      )
      .then(async (answer) => {
        if (answer === moveLabel) await step2().catch((e: unknown) => void vscode.window.showErrorMessage(`Facetwise: ${e instanceof Error ? e.message : String(e)}`));
      });
    return { configPath, written: 'step1', plan };
  }

  private async finish(request: RollBackRequest, plan: RollbackPlan, configPath: string): Promise<void> {
    const modelName = path.basename(request.modelRoot);
    await appendAuditLine(auditLogPathFor(configPath), {
      time: new Date().toISOString(),
      model: modelName,
      label: plan.label,
      from: plan.from,
      to: plan.to,
      ...(request.verdict ? { verdict: request.verdict } : {}),
      config: configPath,
    });
    // The proposed side of the diff is now what the file says: close that diff so it does not show a stale change.
    const stale = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === PROPOSED_SCHEME);
    if (stale.length > 0) await vscode.window.tabGroups.close(stale);
    this.services.log.info(`Rolled back ${modelName} to v${plan.to} (label ${plan.label}) in ${configPath}`);
    this.done.fire({ configPath, modelRoot: request.modelRoot, version: plan.to });
    void vscode.window.showInformationMessage(`${modelName}: label "${plan.label}" now points at v${plan.to} in ${path.basename(configPath)}.`);
  }
}
