/// <reference types="mocha" />
// Smoke tests inside VS Code's extension host, against the real `vscode` API: the extension is installed,
// activates, and its command runs. The harness opens a workspace holding exactly one CSV (sample.csv).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'facetwise.facetwise';

describe('Facetwise extension (smoke)', () => {
  it('is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed; installed: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers facetwise.hello, and running it resolves', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('facetwise.hello'), 'facetwise.hello is not registered');
    await vscode.commands.executeCommand('facetwise.hello');
  });

  it('runs against the workspace the harness opened', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'expected one workspace folder');
    const csvs = await vscode.workspace.findFiles('**/*.csv');
    assert.deepEqual(
      csvs.map((uri) => uri.path.split('/').pop()),
      ['sample.csv'],
    );
  });
});
