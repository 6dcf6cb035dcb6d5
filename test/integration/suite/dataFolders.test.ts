/// <reference types="mocha" />
// The facetwise.dataFolders context key in the extension host: the folders holding data files and their
// ancestors (what the Explorer offers dataset commands on), not a model version folder; a new data file adds
// its folder, and deleting it takes the folder away again.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateFacetwise, waitFor } from './facetwiseKit.js';

interface DataFoldersApi {
  dataFolders(): Promise<readonly string[]>;
}

describe('Facetwise: data folders context key (extension host)', function () {
  this.timeout(60_000);

  it('holds the workspace folders with data, not models/taxi_model/1; follows a new data file and its deletion', async () => {
    const { api } = await activateFacetwise();
    const folders = (api as unknown as DataFoldersApi).dataFolders;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the harness opens a workspace folder');
    const found = await folders();
    for (const f of ['', 'taxi', 'tfrecord', join('tfrecord', 'Split-eval')]) assert.ok(found.includes(join(root, f)), `${f}: ${found.join(', ')}`);
    for (const f of ['models', join('models', 'taxi_model', '1')]) assert.ok(!found.includes(join(root, f)), `${f} has no data files`);

    const dir = join(root, 'facetwise-data-folders-test', 'day1');
    mkdirSync(dir, { recursive: true });
    try {
      // A .tsv, removed afterwards, so the smoke test's list of workspace files is not disturbed.
      writeFileSync(join(dir, 'x.tsv'), 'a\tb\n1\t2\n');
      await waitFor('the new folder in the key', async () => ((await folders()).includes(dir) ? true : undefined));
      assert.ok((await folders()).includes(join(root, 'facetwise-data-folders-test')), 'its parent too');
    } finally {
      rmSync(join(root, 'facetwise-data-folders-test'), { recursive: true, force: true });
    }
    await waitFor('the folder to leave the key', async () => ((await folders()).includes(dir) ? undefined : true));
  });
});
