/// <reference types="mocha" />
// Smoke tests inside VS Code's extension host, against the real `vscode` API: the extension is installed,
// activates, and registers its commands. The harness opens the taxi lab's workspace (see
// harness/sampleWorkspace.ts createTaxiWorkspace): taxi/train.csv, taxi/eval.csv, taxi/schema.pbtxt and one
// TFRecord shard under tfrecord/Split-eval/.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'facetwise.facetwise';

/** The commands package.json contributes, each registered by activate(). */
const COMMANDS = [
  'facetwise.validateDataset',
  'facetwise.inferSchema',
  'facetwise.compareWith',
  'facetwise.compareSpans',
  'facetwise.openOverview',
  'facetwise.clearProblems',
  'facetwise.applySchemaFix',
  'facetwise.models.refresh',
  'facetwise.models.compareWith',
  'facetwise.models.compareVersions',
  'facetwise.models.compare',
  'facetwise.models.evaluateOnDataset',
  'facetwise.evaluateModel',
  'facetwise.models.openFeatureSpec',
  'facetwise.models.revealInExplorer',
  'facetwise.models.rollBack',
  'facetwise.models.openGuide',
  'facetwise.models.openInDatapointEditor',
  'facetwise.openDatapointEditor',
  'facetwise.explainRow',
  'facetwise.showInRows',
];

describe('Facetwise extension (smoke)', () => {
  it('is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed; installed: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command it contributes, and only those facetwise.* commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const contributed = (extension.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
    assert.deepEqual([...contributed].sort(), [...COMMANDS].sort());
    // VS Code itself registers <view id>.focus, .open, … for the Models view (facetwise.models): not ours.
    const viewCommands = new Set(['focus', 'open', 'removeView', 'resetViewLocation', 'toggleVisibility'].map((c) => `facetwise.models.${c}`));
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('facetwise.') && !viewCommands.has(c));
    assert.deepEqual([...new Set(registered)].sort(), [...COMMANDS].sort());
  });

  it('runs against the workspace the harness opened', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'expected one workspace folder');
    const files = await vscode.workspace.findFiles('**/*');
    assert.deepEqual(
      files.map((uri) => vscode.workspace.asRelativePath(uri, false)).sort(),
      [
        'models/models.config',
        ...['1', '2'].flatMap((v) => ['feature_spec.json', 'group1-shard1of1.bin', 'model.json'].map((f) => `models/taxi_model/${v}/${f}`)),
        ...['1', '2'].flatMap((v) => ['feature_spec.json', 'model.onnx'].map((f) => `models/taxi_onnx/${v}/${f}`)),
        'taxi/eval.csv',
        'taxi/schema.pbtxt',
        'taxi/serving.csv',
        'taxi/train.csv',
        'tfdv/train_FeatureStats.pb',
        'tfrecord/Split-eval/data_tfrecord-00000-of-00012.gz',
      ].sort(),
    );
  });
});
