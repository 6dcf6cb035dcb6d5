/**
 * Facetwise: Compare Spans (Drift Timeline) — on a folder of span folders (span-1/, span-2/…, TFX's Span-1/), or
 * on several datasets / statistics files selected together (taken in natural name order: span-2 before
 * span-10), the comparison panel with the drift timeline (comparePanel.ts). Resolves to what it found, for
 * scripts and tests. Callers may pass `{ spans: Uri[], reference? }` to give the order themselves.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { listSpanFolders } from '../../core/io/spanFolders.js';
import type { Services } from '../services.js';
import type { ComparisonOutcome } from './comparePanel.js';
import { COMPARE_PANEL_TYPE, ComparePanel } from './comparePanel.js';

export const COMPARE_SPANS = 'facetwise.compareSpans';

export interface CompareSpansOptions {
  readonly spans: readonly vscode.Uri[];
  /** Index of the reference span (default 0). */
  readonly reference?: number;
}

const isUri = (x: unknown): x is vscode.Uri => x instanceof vscode.Uri;

function isOptions(x: unknown): x is CompareSpansOptions {
  return typeof x === 'object' && x !== null && !isUri(x) && Array.isArray((x as { spans?: unknown }).spans) && (x as { spans: unknown[] }).spans.every(isUri);
}

const collator = new Intl.Collator('en', { numeric: true });

/** The spans the command was invoked on, in order; undefined when the user cancelled. */
async function spansOf(args: readonly unknown[]): Promise<{ uris: vscode.Uri[]; title: string } | undefined> {
  const [first, second] = args;
  if (isOptions(first)) return { uris: [...first.spans], title: `${first.spans.length} spans` };
  if (Array.isArray(second) && second.length > 1 && second.every(isUri)) {
    const uris = [...(second as vscode.Uri[])].sort((a, b) => collator.compare(a.fsPath, b.fsPath));
    return { uris, title: `${uris.length} selected` };
  }
  let folder = isUri(first) ? first : undefined;
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Compare Spans', title: 'Facetwise: a folder of span folders (span-1/, span-2/…)' });
    folder = picked?.[0];
  }
  if (!folder) return undefined;
  const spans = await listSpanFolders(folder.fsPath);
  return { uris: spans.map((s) => vscode.Uri.file(s.path)), title: basename(folder.fsPath) };
}

export function registerCompareSpans(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMPARE_SPANS, async (...args: unknown[]): Promise<ComparisonOutcome | undefined> => {
    try {
      const found = await spansOf(args);
      if (!found) return undefined;
      if (found.uris.length < 2) throw new Error(`${found.title} holds ${found.uris.length} span; a timeline needs two or more.`);
      const reference = isOptions(args[0]) ? (args[0].reference ?? 0) : 0;
      const panel = vscode.window.createWebviewPanel(COMPARE_PANEL_TYPE, `Drift: ${found.title} (${found.uris.length} spans)`, vscode.ViewColumn.Active, {
        enableScripts: true,
        retainContextWhenHidden: false,
        enableFindWidget: true,
      });
      const session = new ComparePanel(services, panel, { inputs: found.uris, spans: true, reference });
      await session.loading;
      return session.outcome;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      services.log.error(`Compare spans: ${message}`);
      void vscode.window.showErrorMessage(`Facetwise: ${message}`);
      return undefined;
    }
  });
}
