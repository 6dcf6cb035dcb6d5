/** Opens a CSV/TSV dataset in a text editor with a column's header cell selected. */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { datasetKindOf, isDelimitedKind } from './datasetKinds.js';
import { headerCellSpans } from './validation/diagnostics/headerCells.js';
import { shiftSpan } from './validation/diagnostics/textSpans.js';
import { toRange } from './validation/diagnostics/diagnosticStore.js';
import type { Services } from './services.js';

export async function revealColumn(services: Services, dataset: vscode.Uri, feature: string, viewColumn = vscode.ViewColumn.Beside): Promise<boolean> {
  if (!isDelimitedKind(datasetKindOf(dataset.fsPath, false))) {
    void vscode.window.showInformationMessage(`${basename(dataset.fsPath)} is not a text file: Facetwise cannot show the column ${feature} in it.`);
    return false;
  }
  const header = services.results.get(dataset.fsPath)?.header ?? (await services.engine.csvHeader({ file: dataset.fsPath }));
  const cell = header.hasHeaderRow ? headerCellSpans(header.headerText, header.delimiter, header.columnNames, header.quote).get(feature) : undefined;
  const selection = cell ? toRange(shiftSpan(cell, header.headerLine)) : new vscode.Range(0, 0, 0, 0);
  await vscode.window.showTextDocument(dataset, { selection, viewColumn, preview: true });
  return cell !== undefined;
}
