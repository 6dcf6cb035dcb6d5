// The comparison cache's key follows the files a comparison read: rewriting an ONNX version's model.onnx (or a tfjs
// version's model.json) must miss the cache, so a re-run after retraining never shows the old verdict.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ComparisonCache, comparisonKey } from '../../../src/extension/models/comparisonCache.js';
import type { CompareModelsParams, CompareModelsResult } from '../../../src/protocol/models/compareJobProtocol.js';
import { layOutOnnxModel } from '../../integration/harness/onnxModel.js';

describe('comparison cache key', () => {
  test('is over the set of versions: the same set with another base (or order) shares the set key, not the result', async () => {
    const v = (version: number) => ({ root: '/nowhere/taxi_model', version });
    const key = (base: number, candidates: number[]) => comparisonKey({ base: v(base), candidates: candidates.map(v), dataset: { shards: ['/nowhere/eval.csv'] } } as unknown as CompareModelsParams);
    const a = await key(1, [2, 3]);
    const b = await key(2, [3, 1]);
    assert.equal(a.set, b.set);
    assert.notEqual(a.base, b.base);
    assert.notEqual((await key(1, [2])).set, a.set, 'another set, another key');
    const cache = new ComparisonCache();
    const result = { tag: 'v1 as base' } as unknown as CompareModelsResult;
    cache.set(a, result);
    assert.equal(cache.get(a), result);
    assert.equal(cache.get(b), undefined, 'another base is computed, not served from the first');
    assert.equal(cache.get(await key(1, [3, 2])), result, 'the candidates’ order does not matter');
  });

  test('changes when an ONNX version’s model.onnx changes, and only then', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'fw-cmp-key-'));
    try {
      const root = layOutOnnxModel(ws);
      const params = {
        base: { root, version: 1 },
        candidates: [{ root, version: 2 }],
        dataset: { shards: [] },
      } as unknown as CompareModelsParams;
      const before = await comparisonKey(params);
      assert.deepEqual(await comparisonKey(params), before, 'the same files give the same key');
      const later = new Date(Date.now() + 60_000);
      utimesSync(path.join(root, '2', 'model.onnx'), later, later);
      assert.notEqual((await comparisonKey(params)).set, before.set, 'a rewritten model.onnx misses the cache');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
