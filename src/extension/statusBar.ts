/** The status bar item: the active overview's dataset — rows and anomalies; clicking opens the Problems pane. */
import * as vscode from 'vscode';
import type { DatasetStatus } from './statusBarText.js';
import { statusBarText } from './statusBarText.js';

export class DatasetStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('facetwise.dataset', vscode.StatusBarAlignment.Left, 100);
  private shown = false;

  constructor() {
    this.item.name = 'Facetwise dataset';
    this.item.command = 'workbench.actions.view.problems';
  }

  show(status: DatasetStatus): void {
    const { text, tooltip } = statusBarText(status);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.show();
    this.shown = true;
  }

  hide(): void {
    this.item.hide();
    this.shown = false;
  }

  /** What it shows now (for tests, through the facetwise.statusBarState command). */
  get state(): { readonly text: string; readonly visible: boolean } {
    return { text: this.item.text, visible: this.shown };
  }

  dispose(): void {
    this.item.dispose();
  }
}
