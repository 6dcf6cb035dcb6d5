/// <reference types="mocha" />
// Facetwise in VS Code's extension host with the real API: Validate Dataset, the Problems pane, Infer Schema,
// Clear Problems, environments and TFRecord corruption — on copies of the taxi lab's data.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { encodeExample } from '../../../src/core/io/tfrecord/exampleEncoder.js';
import { frameTfRecord } from '../../../src/core/io/tfrecord/recordWriter.js';
import { readSchema } from '../../../src/core/proto/protoFiles.js';
import { activateFacetwise, codeOf, headerCellRange, pairWithItself, scratch, sharedData, waitFor } from './facetwiseKit.js';
import type { Scratch } from './facetwiseKit.js';

const diagnosticsOf = (uri: vscode.Uri, code: string): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === code);

describe('Facetwise: Validate Dataset (extension host)', function () {
  this.timeout(60_000);
  let dir: Scratch;
  let taxi: (name: string) => string;
  let evalCsv: vscode.Uri;

  before(async () => {
    const { extensionPath } = await activateFacetwise();
    taxi = (name) => sharedData(extensionPath, 'taxi', name);
    dir = scratch('facetwise-validate-');
  });
  after(async () => {
    await vscode.commands.executeCommand('facetwise.clearProblems');
    dir.dispose();
  });

  it('Infer Schema on train.csv writes a schema.pbtxt beside it that readSchema parses', async () => {
    const train = dir.copy(taxi('train.csv'), 'lab/train.csv');
    const written = await vscode.commands.executeCommand<string | undefined>('facetwise.inferSchema', train, { overwrite: true, open: false });
    assert.equal(written, join(dir.root, 'lab', 'schema.pbtxt'));
    const schema = await readSchema(written);
    const header = readFileSync(train.fsPath, 'utf8').split(/\r?\n/)[0]?.split(',') ?? [];
    assert.deepEqual(schema.feature.map((f) => f.name).sort(), [...header].sort());
  });

  it("eval.csv with train's schema: ENUM_TYPE_UNEXPECTED_STRING_VALUES errors on the payment_type and company header cells", async () => {
    evalCsv = dir.copy(taxi('eval.csv'), 'lab/eval.csv');
    const summary = await vscode.commands.executeCommand<Array<{ anomalies: number; schemaPath?: string }>>('facetwise.validateDataset', evalCsv);
    assert.equal(summary.length, 1);
    assert.equal(summary[0]?.schemaPath, join(dir.root, 'lab', 'schema.pbtxt'));
    const found = diagnosticsOf(evalCsv, 'ENUM_TYPE_UNEXPECTED_STRING_VALUES');
    for (const column of ['payment_type', 'company']) {
      const onHeader = found.filter((d) => d.range.isEqual(headerCellRange(evalCsv, column)));
      assert.equal(onHeader.length, 1, `${column}: ${found.map((d) => d.message).join('\n')}`);
      const d = onHeader[0] as vscode.Diagnostic;
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(d.source, 'Facetwise');
      assert.ok(d.message.startsWith(`${column}: Unexpected string values: Examples contain values missing from the schema:`), d.message);
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.toString(), 'https://www.tensorflow.org/tfx/data_validation/anomalies');
    }
    // The Prcard row, on its own line, pointing back at the header cell.
    const lines = readFileSync(evalCsv.fsPath, 'utf8').split(/\r?\n/);
    const prcardLine = lines.findIndex((l) => l.split(',').includes('Prcard'));
    const row = found.find((d) => d.message === "Row has value 'Prcard' not in the schema's domain of payment_type");
    assert.equal(row?.range.start.line, prcardLine);
    assert.equal(row?.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(row?.relatedInformation?.[0]?.location.range.isEqual(headerCellRange(evalCsv, 'payment_type')));
  });

  it('validating again replaces the diagnostics instead of adding to them', async () => {
    const before = vscode.languages.getDiagnostics(evalCsv).length;
    assert.ok(before > 0);
    await vscode.commands.executeCommand('facetwise.validateDataset', evalCsv);
    assert.equal(vscode.languages.getDiagnostics(evalCsv).length, before);
  });

  it("the quick fix \"Add 'Prcard' to the schema's domain of payment_type\" edits schema.pbtxt and re-validates", async () => {
    const cell = headerCellRange(evalCsv, 'payment_type');
    await vscode.workspace.openTextDocument(evalCsv); // code actions are asked of a loaded document
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', evalCsv, cell, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const add = actions.find((a) => a.title === "Add 'Prcard' to the schema's domain of payment_type");
    assert.ok(add?.command, titles.join('\n'));
    assert.ok(titles.some((t) => /^Relax min_domain_mass of payment_type to 0\.\d+$/.test(t)), titles.join('\n'));
    await vscode.commands.executeCommand(add.command.command, ...(add.command.arguments ?? []));
    const schemaText = readFileSync(join(dir.root, 'lab', 'schema.pbtxt'), 'utf8');
    assert.match(schemaText, /value: "Prcard"/);
    const left = diagnosticsOf(evalCsv, 'ENUM_TYPE_UNEXPECTED_STRING_VALUES').filter((d) => d.message.startsWith('payment_type'));
    assert.deepEqual(left.map((d) => d.message), []);
    assert.ok(diagnosticsOf(evalCsv, 'ENUM_TYPE_UNEXPECTED_STRING_VALUES').some((d) => d.message.startsWith('company:')));
  });

  it('serving.csv: tips is SCHEMA_MISSING_COLUMN until the "Mark tips as not in SERVING" quick fix', async () => {
    const serving = dir.copy(taxi('serving.csv'), 'lab/serving.csv');
    await vscode.commands.executeCommand('facetwise.validateDataset', serving);
    const missing = diagnosticsOf(serving, 'SCHEMA_MISSING_COLUMN');
    assert.equal(missing.length, 1);
    assert.ok(missing[0]?.message.startsWith('tips: '), missing[0]?.message);
    await vscode.workspace.openTextDocument(serving);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', serving, missing[0]?.range, vscode.CodeActionKind.QuickFix.value);
    const mark = actions.find((a) => a.title === 'Mark tips as not in SERVING');
    assert.ok(mark?.command, actions.map((a) => a.title).join('\n'));
    await vscode.commands.executeCommand(mark.command.command, ...(mark.command.arguments ?? []));
    assert.deepEqual(diagnosticsOf(serving, 'SCHEMA_MISSING_COLUMN'), []);
    const schema = await readSchema(join(dir.root, 'lab', 'schema.pbtxt'));
    assert.deepEqual(schema.feature.find((f) => f.name === 'tips')?.notInEnvironment, ['SERVING']);
  });

  it('with facetwise.environment = SERVING and tips not in SERVING, a fresh serving.csv has no SCHEMA_MISSING_COLUMN', async () => {
    const config = vscode.workspace.getConfiguration('facetwise');
    await config.update('environment', 'SERVING', vscode.ConfigurationTarget.Global);
    try {
      const serving = dir.copy(taxi('serving.csv'), 'lab/serving-copy.csv');
      const summary = await vscode.commands.executeCommand<Array<{ environment?: string }>>('facetwise.validateDataset', serving);
      assert.equal(summary[0]?.environment, 'SERVING');
      assert.deepEqual(diagnosticsOf(serving, 'SCHEMA_MISSING_COLUMN'), []);
    } finally {
      await config.update('environment', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a corrupted TFRecord gives a diagnostic on the file naming shard and record', async () => {
    const records = Array.from({ length: 5 }, (_, i) => {
      const framed = frameTfRecord(encodeExample({ fare: { kind: 'float', values: [i] }, payment_type: { kind: 'bytes', values: ['Cash'] } }));
      if (i === 2) framed[14] = (framed[14] as number) ^ 0x55; // corrupt record 2's data
      return framed;
    });
    const shard = dir.write('tfr/data_tfrecord-00000-of-00001.tfrecord', Buffer.concat(records));
    await pairWithItself(shard);
    await vscode.commands.executeCommand('facetwise.validateDataset', shard);
    const crc = diagnosticsOf(shard, 'TFRECORD_DATA_CRC_MISMATCH');
    assert.equal(crc.length, 1);
    assert.ok(crc[0]?.range.isEqual(new vscode.Range(0, 0, 0, 0)));
    assert.ok(crc[0]?.message.startsWith(`${basename(shard.fsPath)}, record 2: `), crc[0]?.message);
    assert.equal(crc[0]?.severity, vscode.DiagnosticSeverity.Error);
  });

  it('Validate Dataset on a multi-selection validates each file', async () => {
    const a = dir.copy(taxi('eval.csv'), 'multi/a.csv');
    const b = dir.copy(taxi('serving.csv'), 'multi/b.csv');
    await pairWithItself(a, b);
    const summary = await vscode.commands.executeCommand<Array<{ dataset: string }>>('facetwise.validateDataset', a, [a, b]);
    assert.deepEqual(summary.map((s) => s.dataset), [a.fsPath, b.fsPath]);
  });

  it('deleting a validated file (through a workspace edit) removes its diagnostics', async () => {
    const ragged = dir.write('gone/ragged.csv', 'a,b\n1,2\n3\n4,5\n');
    await pairWithItself(ragged);
    await vscode.commands.executeCommand('facetwise.validateDataset', ragged);
    assert.ok(vscode.languages.getDiagnostics(ragged).length > 0, 'a ragged row is a diagnostic');
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(ragged);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.deepEqual(vscode.languages.getDiagnostics(ragged), []);
  });

  it('deleting a validated file outside VS Code (file system watcher) removes its diagnostics', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the harness opens a workspace folder');
    // A .tsv, so the smoke test's count of workspace CSV files is not disturbed.
    const file = join(folder, 'facetwise-delete-test', 'ragged.tsv');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'a\tb\n1\t2\n3\n');
    // VS Code drops a file's "created" and "deleted" events when they arrive in one batch: let the creation be
    // reported first, as for any file that existed before.
    await new Promise((r) => setTimeout(r, 2000));
    const uri = vscode.Uri.file(file);
    await pairWithItself(uri);
    try {
      await vscode.commands.executeCommand('facetwise.validateDataset', uri);
      assert.ok(vscode.languages.getDiagnostics(uri).length > 0);
      rmSync(file);
      await waitFor('the diagnostics to go', () => (vscode.languages.getDiagnostics(uri).length === 0 ? true : undefined));
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });

  it('Clear Problems empties the collection', async () => {
    assert.ok(vscode.languages.getDiagnostics(evalCsv).length > 0);
    await vscode.commands.executeCommand('facetwise.clearProblems');
    const ours = vscode.languages.getDiagnostics().filter(([, ds]) => ds.some((d) => d.source === 'Facetwise'));
    assert.deepEqual(ours, []);
  });
});
