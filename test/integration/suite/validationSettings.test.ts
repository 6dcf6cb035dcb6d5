/// <reference types="mocha" />
// TFDV's validation options as Facetwise settings, in VS Code's extension host: facetwise.severityOverrides turns
// eval.csv's ENUM_TYPE_UNEXPECTED_STRING_VALUES errors into warnings in the Problems pane, and an override naming
// no anomaly type is reported on the schema instead of being ignored silently.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateFacetwise, codeOf, headerCellRange, scratch, sharedData } from './facetwiseKit.js';
import type { Scratch } from './facetwiseKit.js';

describe('Facetwise: TFDV validation settings (extension host)', function () {
  this.timeout(60_000);
  let dir: Scratch;
  let evalCsv: vscode.Uri;
  const settings = () => vscode.workspace.getConfiguration('facetwise');

  before(async () => {
    const { extensionPath } = await activateFacetwise();
    const taxi = (name: string) => sharedData(extensionPath, 'taxi', name);
    dir = scratch('facetwise-settings-');
    const train = dir.copy(taxi('train.csv'), 'opts/train.csv');
    evalCsv = dir.copy(taxi('eval.csv'), 'opts/eval.csv');
    await vscode.commands.executeCommand('facetwise.inferSchema', train, { overwrite: true, open: false });
  });
  after(async () => {
    await settings().update('severityOverrides', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('facetwise.clearProblems');
    dir.dispose();
  });

  it('facetwise.severityOverrides makes unexpected string values warnings; an unknown type is reported on the schema', async () => {
    await settings().update('severityOverrides', { ENUM_TYPE_UNEXPECTED_STRING_VALUES: 'WARNING', NOT_A_TYPE: 'ERROR' }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('facetwise.validateDataset', evalCsv);
    const onHeader = vscode.languages
      .getDiagnostics(evalCsv)
      .filter((d) => codeOf(d) === 'ENUM_TYPE_UNEXPECTED_STRING_VALUES' && d.range.isEqual(headerCellRange(evalCsv, 'payment_type')));
    assert.equal(onHeader.length, 1);
    assert.equal(onHeader[0]?.severity, vscode.DiagnosticSeverity.Warning);
    const schemaUri = vscode.Uri.file(join(dir.root, 'opts', 'schema.pbtxt'));
    const unknown = vscode.languages.getDiagnostics(schemaUri).filter((d) => codeOf(d) === 'UNKNOWN_ANOMALY_TYPE');
    assert.equal(unknown.length, 1, vscode.languages.getDiagnostics(schemaUri).map((d) => d.message).join('\n'));
    assert.match(unknown[0]?.message ?? '', /NOT_A_TYPE, which is not an anomaly type/);

    await settings().update('severityOverrides', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('facetwise.validateDataset', evalCsv);
    const back = vscode.languages
      .getDiagnostics(evalCsv)
      .filter((d) => codeOf(d) === 'ENUM_TYPE_UNEXPECTED_STRING_VALUES' && d.range.isEqual(headerCellRange(evalCsv, 'payment_type')));
    assert.equal(back[0]?.severity, vscode.DiagnosticSeverity.Error);
  });
});
