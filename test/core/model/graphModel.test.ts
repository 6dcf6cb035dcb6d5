import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openModel } from '../../../src/core/model/openModel.js';
import { createRealtimePredictor } from '../../../src/core/model/realtimePredictor.js';
import { integratedGradients } from '../../../src/core/model/integratedGradients.js';
import { numericSpec, saveGraphModel } from './modelFixtures.js';

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fw-graph-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('graph models', () => {
  test('a hand-written GraphDef loads, predicts sigmoid(x·w + b) and differentiates', async () => {
    const w = [0.5, -1.25, 2];
    const b = 0.1;
    saveGraphModel(path.join(dir, 'g'), w, b, numericSpec(['a', 'b', 'c'], 'binary'));
    const m = await openModel(path.join(dir, 'g'));
    try {
      assert.equal(m.model.format, 'graph-model');
      assert.equal(m.model.inputSize, 3); // unknown in the graph, taken from the spec
      assert.equal(m.model.outputSize, 1);
      const rt = createRealtimePredictor(m);
      const x = { a: 1, b: 2, c: -0.5 };
      const want = 1 / (1 + Math.exp(-(0.5 * 1 - 1.25 * 2 + 2 * -0.5 + b)));
      const p = await rt.predict(x);
      assert.ok(Math.abs(p.scores[0]! - want) < 1e-6, `${p.scores[0]} vs ${want}`);
      const ig = await integratedGradients(m, x);
      assert.ok(ig.completeness.ok, JSON.stringify(ig.completeness));
      assert.ok(Math.abs(ig.prediction - want) < 1e-6);
    } finally {
      m.dispose();
    }
  });
});
