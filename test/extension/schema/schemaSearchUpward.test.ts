/** A split folder's overview finds a schema.pbtxt at the workspace root, not only in the folder and its parent. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { findSchema, schemaCandidates } from '../../../src/extension/schema/schemaLocator.js';

const root = mkdtempSync(join(tmpdir(), 'facetwise-schema-up-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a folder of shards searches up to the workspace folder and no further', async () => {
  const split = join(root, 'data', 'taxi-tfrecord', 'Split-train');
  mkdirSync(split, { recursive: true });
  writeFileSync(join(root, 'schema.pbtxt'), 'feature { name: "a" type: INT }\n');
  const dataset = { path: split, isFolder: true, workspaceFolder: root };
  assert.deepEqual(schemaCandidates(dataset, 'schema.pbtxt'), [
    join(split, 'schema.pbtxt'),
    join(root, 'data', 'taxi-tfrecord', 'schema.pbtxt'),
    join(root, 'data', 'schema.pbtxt'),
    join(root, 'schema.pbtxt'),
  ]);
  assert.equal(await findSchema(dataset, 'schema.pbtxt'), join(root, 'schema.pbtxt'));
  // Without a workspace folder (or outside it), only the folder and its parent, as before.
  assert.equal(schemaCandidates({ path: split, isFolder: true }, 'schema.pbtxt').length, 2);
  assert.equal(schemaCandidates({ path: split, isFolder: true, workspaceFolder: join(root, 'elsewhere') }, 'schema.pbtxt').length, 2);
});
