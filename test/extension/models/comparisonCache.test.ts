// The comparison cache's key follows the files a comparison read: rewriting an ONNX version's model.onnx (or a tfjs
// version's model.json) must miss the cache, so a re-run after retraining never shows the old verdict.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { comparisonKey } from '../../../src/extension/models/comparisonCache.js';
import type { CompareModelsParams } from '../../../src/protocol/models/compareJobProtocol.js';
import { layOutOnnxModel } from '../../integration/harness/onnxModel.js';

describe('comparison cache key', () => {
  test('changes when an ONNX version’s model.onnx changes, and only then', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'fw-cmp-key-'));
    try {
      const root = layOutOnnxModel(ws);
      const params = {
        base: { root, version: 1 },
        candidate: { root, version: 2 },
        dataset: { shards: [] },
      } as unknown as CompareModelsParams;
      const before = await comparisonKey(params);
      assert.equal(await comparisonKey(params), before, 'the same files give the same key');
      const later = new Date(Date.now() + 60_000);
      utimesSync(path.join(root, '2', 'model.onnx'), later, later);
      assert.notEqual(await comparisonKey(params), before, 'a rewritten model.onnx misses the cache');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
