/// <reference types="mocha" />
// Facetwise: Compare with… in the extension host: training vs serving statistics, most changed feature first,
// with the schema's skew comparator when the training data has a schema.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readSchema, writeSchema } from '../../../src/core/proto/protoFiles.js';
import { getFeature, setComparatorThreshold } from '../../../src/core/schema/schemaModel.js';
import { activateFacetwise, scratch, sharedData } from './facetwiseKit.js';
import type { Scratch } from './facetwiseKit.js';

interface CompareResult {
  readonly model: { features: ReadonlyArray<{ pathKey: string; distance: number; present: boolean[]; anomalies: unknown[] }> };
  readonly skew?: { driftSkewInfo: ReadonlyArray<{ path?: { step: string[] }; skewMeasurements: ReadonlyArray<{ value: number; threshold: number }> }> };
}

describe('Facetwise: Compare with… (extension host)', function () {
  this.timeout(60_000);
  let dir: Scratch;
  let taxi: (name: string) => string;

  before(async () => {
    const { extensionPath } = await activateFacetwise();
    taxi = (name) => sharedData(extensionPath, 'taxi', name);
    dir = scratch('facetwise-compare-');
  });
  after(() => dir.dispose());

  it('compares serving.csv with train.csv (the baseline): sorted by distance, tips only in training, skew on payment_type', async () => {
    const train = dir.copy(taxi('train.csv'), 'train.csv');
    const serving = dir.copy(taxi('serving.csv'), 'serving.csv');
    const schemaPath = await vscode.commands.executeCommand<string>('facetwise.inferSchema', train, { overwrite: true, open: false });
    const schema = await readSchema(schemaPath);
    setComparatorThreshold(getFeature(schema, ['payment_type'])!, 'skew', 'infinityNorm', 0.01);
    await writeSchema(join(dir.root, 'schema.pbtxt'), schema);

    const result = await vscode.commands.executeCommand<CompareResult | undefined>('facetwise.compareWith', serving, { with: train });
    assert.ok(result);
    const distances = result.model.features.map((c) => c.distance);
    assert.deepEqual(distances, [...distances].sort((a, b) => b - a));
    assert.deepEqual(result.model.features.find((c) => c.pathKey === 'tips')?.present, [true, false]);
    assert.equal(result.model.features.find((c) => c.pathKey === 'payment_type')?.anomalies.length, 1);
    const skew = result.skew?.driftSkewInfo.find((d) => d.path?.step.join('.') === 'payment_type');
    assert.equal(skew?.skewMeasurements.length, 1);
    assert.equal(skew?.skewMeasurements[0]?.threshold, 0.01);
  });
});
