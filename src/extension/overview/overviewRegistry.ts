/** The open overviews (panels and custom editors): which one is active, and the status bar that follows it. */
import * as vscode from 'vscode';
import type { OverviewSession } from './overviewSession.js';
import type { DatasetStatusBar } from '../statusBar.js';

export class OverviewRegistry implements vscode.Disposable {
  private readonly sessions = new Map<OverviewSession, vscode.Disposable>();

  constructor(private readonly statusBar: DatasetStatusBar) {}

  add(session: OverviewSession): void {
    const subscription = session.onDidChange(() => this.update());
    this.sessions.set(session, subscription);
    session.panel.onDidDispose(() => {
      this.sessions.get(session)?.dispose();
      this.sessions.delete(session);
      this.update();
    });
    this.update();
  }

  /** The dataset of the active overview, if one is active. */
  activeDataset(): vscode.Uri | undefined {
    return this.active()?.dataset;
  }

  /** Open sessions of a dataset (for the panel manager to reuse one). */
  find(dataset: vscode.Uri, predicate: (s: OverviewSession) => boolean = () => true): OverviewSession | undefined {
    for (const s of this.sessions.keys()) if (s.dataset.fsPath === dataset.fsPath && predicate(s)) return s;
    return undefined;
  }

  /** Every open session, in opening order. */
  all(): OverviewSession[] {
    return [...this.sessions.keys()];
  }

  private active(): OverviewSession | undefined {
    for (const s of this.sessions.keys()) if (s.active) return s;
    return undefined;
  }

  private update(): void {
    const active = this.active();
    if (active) this.statusBar.show(active.status());
    else this.statusBar.hide();
  }

  dispose(): void {
    for (const [session, subscription] of this.sessions) {
      subscription.dispose();
      session.dispose();
    }
    this.sessions.clear();
  }
}
