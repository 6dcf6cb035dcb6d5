/**
 * The Problems pane's 'facetwise' collection. Each validated dataset owns the diagnostics of its last run —
 * publishing a run replaces them (never accumulates) — and a file shows the union of what the datasets covering
 * it found. Keeps, beside each diagnostic, the schema fixes the quick-fix provider may offer for it.
 */
import * as vscode from 'vscode';
import type { SchemaFix } from '../../schema/schemaEdits.js';
import type { DiagnosticData, SeverityName } from './anomalyDiagnostics.js';
import type { TextSpan } from './textSpans.js';

export const DIAGNOSTIC_SOURCE = 'Facetwise';

/** What a quick fix edits and re-validates. */
export interface FixTarget {
  /** The dataset (file or folder) whose validation produced the diagnostic. */
  readonly dataset: string;
  /** The schema file the fix edits. */
  readonly schemaPath: string | undefined;
}

interface Stored {
  readonly data: DiagnosticData;
  readonly diagnostic: vscode.Diagnostic;
  readonly target: FixTarget;
}

export function toRange(s: TextSpan): vscode.Range {
  return new vscode.Range(s.start.line, s.start.character, s.end.line, s.end.character);
}

function toSeverity(s: SeverityName): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    default: {
      const never: never = s;
      throw new Error(`unknown severity ${String(never)}`);
    }
  }
}

export function toDiagnostic(data: DiagnosticData): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(data.span), data.message, toSeverity(data.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = data.codeTarget ? { value: data.code, target: vscode.Uri.parse(data.codeTarget) } : data.code;
  if (data.related && data.related.length > 0) {
    d.relatedInformation = data.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(r.file), toRange(r.span)), r.message),
    );
  }
  return d;
}

/** The code of a diagnostic as a string, whether it is a plain code or a `{ value, target }` one. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`) || path.startsWith(`${root}\\`);
}

export class DiagnosticStore implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('facetwise');
  /** dataset path → file path → its diagnostics from that dataset's last run. */
  private readonly byDataset = new Map<string, Map<string, Stored[]>>();

  /** Replaces the diagnostics of `dataset` with `items`. */
  publish(dataset: string, items: readonly DiagnosticData[], schemaPath: string | undefined): void {
    const touched = new Set(this.byDataset.get(dataset)?.keys() ?? []);
    const files = new Map<string, Stored[]>();
    const target: FixTarget = { dataset, schemaPath };
    for (const data of items) {
      let list = files.get(data.file);
      if (!list) {
        list = [];
        files.set(data.file, list);
      }
      list.push({ data, diagnostic: toDiagnostic(data), target });
      touched.add(data.file);
    }
    this.byDataset.set(dataset, files);
    for (const file of touched) this.refresh(file);
  }

  /** Diagnostics published for `dataset` (all files), for tests and the status bar. */
  count(dataset: string): number {
    let n = 0;
    for (const list of this.byDataset.get(dataset)?.values() ?? []) n += list.length;
    return n;
  }

  clearAll(): void {
    this.byDataset.clear();
    this.collection.clear();
  }

  /** A file or folder was deleted: drop what datasets under it found, and what was found in files under it. */
  forgetPath(path: string): void {
    const touched = new Set<string>();
    for (const [dataset, files] of [...this.byDataset]) {
      if (isUnder(dataset, path)) {
        for (const file of files.keys()) touched.add(file);
        this.byDataset.delete(dataset);
        continue;
      }
      for (const file of [...files.keys()]) {
        if (isUnder(file, path)) {
          files.delete(file);
          touched.add(file);
        }
      }
    }
    for (const file of touched) this.refresh(file);
  }

  /** The fixes stored with the diagnostics of `uri` that match `diagnostic` (as a code-action context gives it). */
  fixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Array<{ fix: SchemaFix; target: FixTarget; diagnostic: vscode.Diagnostic }> {
    const out: Array<{ fix: SchemaFix; target: FixTarget; diagnostic: vscode.Diagnostic }> = [];
    const code = codeOf(diagnostic);
    for (const files of this.byDataset.values()) {
      for (const stored of files.get(uri.fsPath) ?? []) {
        if (!stored.data.fixes || stored.data.code !== code || stored.data.message !== diagnostic.message) continue;
        if (!stored.diagnostic.range.start.isEqual(diagnostic.range.start)) continue;
        for (const fix of stored.data.fixes) out.push({ fix, target: stored.target, diagnostic });
      }
    }
    return out;
  }

  dispose(): void {
    this.byDataset.clear();
    this.collection.dispose();
  }

  private refresh(file: string): void {
    const all: vscode.Diagnostic[] = [];
    for (const files of this.byDataset.values()) for (const s of files.get(file) ?? []) all.push(s.diagnostic);
    const uri = vscode.Uri.file(file);
    if (all.length === 0) this.collection.delete(uri);
    else this.collection.set(uri, all);
  }
}
