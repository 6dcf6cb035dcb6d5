/** The last validation outcome of each dataset, and an event when one changes (overviews and the status bar listen). */
import * as vscode from 'vscode';
import type { ValidationOutcome } from './datasetValidation.js';

export class ValidationResults implements vscode.Disposable {
  private readonly outcomes = new Map<string, ValidationOutcome>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires the dataset path whose outcome was set or dropped. */
  readonly onDidChange = this.changed.event;

  get(dataset: string): ValidationOutcome | undefined {
    return this.outcomes.get(dataset);
  }

  /** Every dataset's last outcome. */
  entries(): IterableIterator<[string, ValidationOutcome]> {
    return this.outcomes.entries();
  }

  set(dataset: string, outcome: ValidationOutcome): void {
    this.outcomes.set(dataset, outcome);
    this.changed.fire(dataset);
  }

  delete(dataset: string): void {
    if (this.outcomes.delete(dataset)) this.changed.fire(dataset);
  }

  clear(): void {
    const keys = [...this.outcomes.keys()];
    this.outcomes.clear();
    for (const k of keys) this.changed.fire(k);
  }

  dispose(): void {
    this.outcomes.clear();
    this.changed.dispose();
  }
}
