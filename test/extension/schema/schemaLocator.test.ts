import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { findSchema, schemaCandidates, schemaSavePath } from '../../../src/extension/schema/schemaLocator.js';

const root = mkdtempSync(join(tmpdir(), 'facetwise-locator-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('schemaCandidates / schemaSavePath', () => {
  test('a file: the setting beside it', () => {
    const data = { path: '/w/data/train.csv', isFolder: false };
    assert.deepEqual(schemaCandidates(data, 'schema.pbtxt'), ['/w/data/schema.pbtxt']);
    assert.equal(schemaSavePath(data, 'schema.pbtxt'), '/w/data/schema.pbtxt');
    assert.deepEqual(schemaCandidates(data, 'schemas/taxi.pbtxt'), ['/w/data/schemas/taxi.pbtxt']);
  });

  test('a folder of shards: in it, then in its parent; a TFX split folder saves in the parent', () => {
    const split = { path: '/w/examples/Split-train', isFolder: true };
    assert.deepEqual(schemaCandidates(split, 'schema.pbtxt'), ['/w/examples/Split-train/schema.pbtxt', '/w/examples/schema.pbtxt']);
    assert.equal(schemaSavePath(split, 'schema.pbtxt'), '/w/examples/schema.pbtxt');
    const plain = { path: '/w/shards', isFolder: true };
    assert.equal(schemaSavePath(plain, 'schema.pbtxt'), '/w/shards/schema.pbtxt');
    // A shard inside a split folder looks in the parent too.
    assert.deepEqual(schemaCandidates({ path: '/w/examples/Split-eval/data_tfrecord-00000-of-00012.gz', isFolder: false }, 'schema.pbtxt'), [
      '/w/examples/Split-eval/schema.pbtxt',
      '/w/examples/schema.pbtxt',
    ]);
  });

  test('absolute and ${workspaceFolder} settings', () => {
    const data = { path: '/w/data/train.csv', isFolder: false, workspaceFolder: '/w' };
    assert.deepEqual(schemaCandidates(data, '/schemas/s.pbtxt'), ['/schemas/s.pbtxt']);
    assert.deepEqual(schemaCandidates(data, '${workspaceFolder}/schemas/s.pbtxt'), ['/w/schemas/s.pbtxt']);
    // No workspace folder: the dataset's folder stands in.
    assert.deepEqual(schemaCandidates({ path: '/x/train.csv', isFolder: false }, '${workspaceFolder}/s.pbtxt'), ['/x/s.pbtxt']);
  });
});

describe('findSchema', () => {
  test('finds the first existing candidate, skipping folders of that name', async () => {
    const split = join(root, 'examples', 'Split-train');
    mkdirSync(split, { recursive: true });
    const dataset = { path: split, isFolder: true };
    assert.equal(await findSchema(dataset, 'schema.pbtxt'), undefined);
    writeFileSync(join(root, 'examples', 'schema.pbtxt'), '');
    assert.equal(await findSchema(dataset, 'schema.pbtxt'), join(root, 'examples', 'schema.pbtxt'));
    mkdirSync(join(split, 'schema.pbtxt')); // a folder named like the schema is not a schema
    assert.equal(await findSchema(dataset, 'schema.pbtxt'), join(root, 'examples', 'schema.pbtxt'));
  });
});
