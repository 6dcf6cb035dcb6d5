import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { trainTaxiModels } from '../../../scripts/trainTaxiModel.js';
import { selectBackend } from '../../../src/core/model/backend.js';
import { fixtureModel } from './reference.js';
import { taxiTrain } from './naiveCsv.js';

describe('training script', () => {
  test('retraining reproduces the committed fixtures byte for byte (deterministic, and the fixtures are current)', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'fw-train-'));
    try {
      const versions = await trainTaxiModels({ data: taxiTrain, out });
      assert.deepEqual(versions.map((v) => v.version), [1, 2]);
      assert.ok(versions[0]!.trainAccuracy > versions[1]!.trainAccuracy, 'payment_type helps');
      for (const v of ['1', '2']) {
        const files = readdirSync(path.join(out, v)).sort();
        assert.deepEqual(files, readdirSync(path.join(fixtureModel, v)).sort());
        for (const f of files) assert.ok(readFileSync(path.join(out, v, f)).equals(readFileSync(path.join(fixtureModel, v, f))), `${v}/${f} differs`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
      await selectBackend({ backend: 'wasm' });
    }
  });
});
