import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeVersion, discoverModels, globToRegExp } from '../../../src/core/model/modelDiscovery.js';
import { layOutOnnxModel } from '../../integration/harness/onnxModel.js';
import { namedInputsClassifier } from './onnx/onnxFixtures.js';

const fixture = path.resolve('test/fixtures/models/taxi_model');

async function workspace(): Promise<string> {
  const ws = await mkdtemp(path.join(tmpdir(), 'fw-discover-'));
  await cp(fixture, path.join(ws, 'models', 'taxi_model'), { recursive: true });
  return ws;
}

describe('model discovery', () => {
  test('finds taxi_model with two versions and describes them from model.json and the feature spec', async () => {
    const ws = await workspace();
    const models = await discoverModels(ws);
    assert.equal(models.length, 1);
    const m = models[0]!;
    assert.equal(m.name, 'taxi_model');
    assert.equal(m.relativePath, 'models/taxi_model');
    assert.equal(m.layout, 'versioned');
    assert.deepEqual(m.versions.map((v) => v.version), [1, 2]);
    const [v1, v2] = m.versions as [NonNullable<(typeof m.versions)[0]>, NonNullable<(typeof m.versions)[0]>];
    assert.equal(v1.error, undefined);
    assert.equal(v1.format, 'LayersModel');
    assert.equal(v1.task, 'binary');
    assert.match(v1.label!, /tips/);
    // 24×12 + 12 + 12×1 + 1 weights in the manifest.
    assert.equal(v1.parameters, 24 * 12 + 12 + 12 + 1);
    assert.equal(v1.inputs!.specWidth, 24);
    assert.equal(v1.inputs!.modelWidth, 24);
    assert.ok(v1.inputs!.features.includes('payment_type'));
    assert.ok(!v2.inputs!.features.includes('payment_type'), 'v2 dropped payment_type');
    assert.equal(v1.inputs!.count, v1.inputs!.features.length);
    assert.ok(v1.sizeBytes > 1000);
    assert.ok(v1.modifiedMs > Date.UTC(2020, 0, 1));
    assert.equal(v1.specFile, path.join(ws, 'models/taxi_model/1/feature_spec.json'));
    await rm(ws, { recursive: true });
  });

  test('odd layouts are items with errors, never a crash', async () => {
    const ws = await workspace();
    const tm = path.join(ws, 'models', 'taxi_model');
    await mkdir(path.join(tm, '3'));
    await writeFile(path.join(tm, '3', 'model.json'), '{"modelTopology": {"class_name": "Sequential",\n  "config": }');
    await cp(path.join(tm, '1', 'model.json'), path.join(tm, '4', 'model.json'), { recursive: true });
    await mkdir(path.join(tm, 'backup'));
    await mkdir(path.join(tm, '5'));
    await writeFile(path.join(tm, '5', 'saved_model.pb'), 'x');
    // A bare model folder, and a version whose spec is wider than the model.
    await cp(path.join(tm, '1'), path.join(ws, 'bare_model'), { recursive: true });
    await cp(path.join(tm, '2', 'feature_spec.json'), path.join(ws, 'bare_model', 'feature_spec.json'));
    await mkdir(path.join(ws, 'node_modules', 'x', '1'), { recursive: true });
    await cp(path.join(tm, '1', 'model.json'), path.join(ws, 'node_modules', 'x', '1', 'model.json'));

    const models = await discoverModels(ws);
    assert.deepEqual(models.map((m) => m.relativePath), ['bare_model', 'models/taxi_model']);
    const tmInfo = models[1]!;
    assert.deepEqual(tmInfo.versions.map((v) => v.version), [1, 2, 3, 4, 5]);
    assert.deepEqual(tmInfo.skipped, [{ name: 'backup', reason: 'not a version: TF Serving reads only folders named by a number' }]);
    const v3 = tmInfo.versions[2]!;
    assert.equal(v3.error?.code, 'MODEL_JSON_INVALID');
    assert.match(v3.error!.message, /model\.json:2:\d+/);
    assert.equal(v3.format, null);
    const v4 = tmInfo.versions[3]!;
    assert.equal(v4.format, 'LayersModel');
    assert.equal(v4.error?.code, 'MODEL_SPEC_MISSING');
    assert.match(v4.error!.message, /facetwise model init/);
    assert.equal(tmInfo.versions[4]!.error?.code, 'MODEL_NOT_CONVERTED');
    const bare = models[0]!;
    assert.equal(bare.layout, 'bare');
    assert.equal(bare.versions[0]!.version, null);
    assert.equal(bare.versions[0]!.error?.code, 'MODEL_SPEC_WIDTH');
    assert.match(bare.versions[0]!.error!.message, /the model takes 24 floats per row, the feature spec makes \d+/);
    await rm(ws, { recursive: true });
  });

  test('include globs limit discovery; a version folder can be described alone', async () => {
    const ws = await workspace();
    await cp(path.join(ws, 'models', 'taxi_model'), path.join(ws, 'archive', 'old_taxi'), { recursive: true });
    assert.equal((await discoverModels(ws)).length, 2);
    assert.deepEqual((await discoverModels(ws, { include: ['models/**'] })).map((m) => m.name), ['taxi_model']);
    assert.deepEqual((await discoverModels(ws, { include: ['**/old_*'] })).map((m) => m.name), ['old_taxi']);
    assert.deepEqual((await discoverModels(ws, { include: ['{models,archive}'] })).length, 2);
    assert.equal((await describeVersion(path.join(ws, 'models/taxi_model/2'))).version, 2);
    await assert.rejects(discoverModels(path.join(ws, 'nope')), /does not exist/);
    assert.ok(globToRegExp('a/**/b').test('a/b') && globToRegExp('a/**/b').test('a/x/y/b') && !globToRegExp('a/*').test('a/x/y'));
    await rm(ws, { recursive: true });
  });
  test('ONNX versions (model.onnx) are found and described: format ONNX, inputs from the spec, parameters from the initializers; a corrupt one is an error item', async () => {
    const ws = await mkdtemp(path.join(tmpdir(), 'fw-discover-onnx-'));
    const root = layOutOnnxModel(ws, 'models/taxi_onnx');
    await mkdir(path.join(root, '3'));
    await writeFile(path.join(root, '3', 'model.onnx'), 'not a protobuf at all \u0000\u00ff');
    await cp(path.join(root, '1', 'feature_spec.json'), path.join(root, '3', 'feature_spec.json'));
    // A bare folder with a named-inputs model whose spec lacks one of its inputs.
    await mkdir(path.join(ws, 'sk_model'));
    await writeFile(path.join(ws, 'sk_model', 'model.onnx'), namedInputsClassifier(['Cash'], [1, 0.1], 0));
    await writeFile(
      path.join(ws, 'sk_model', 'feature_spec.json'),
      JSON.stringify({ format: 1, task: 'binary', features: [{ name: 'fare', transform: { kind: 'numeric', mean: 0, stdDev: 1 } }] }),
    );
    const models = await discoverModels(ws);
    assert.deepEqual(models.map((m) => m.relativePath), ['models/taxi_onnx', 'sk_model']);
    const [onnx, bare] = models as [NonNullable<(typeof models)[0]>, NonNullable<(typeof models)[0]>];
    assert.deepEqual(onnx.versions.map((v) => v.version), [1, 2, 3]);
    const [v1, v2, v3] = onnx.versions as [NonNullable<(typeof onnx.versions)[0]>, NonNullable<(typeof onnx.versions)[0]>, NonNullable<(typeof onnx.versions)[0]>];
    for (const v of [v1, v2]) {
      assert.equal(v.error, undefined, v.error?.message);
      assert.equal(v.format, 'ONNX');
      assert.equal(v.parameters, 24 * 12 + 12 + 12 + 1, 'W1, B1, W2, B2');
      assert.equal(v.inputs!.modelWidth, 24);
      assert.equal(v.inputs!.specWidth, 24);
      assert.ok(v.inputs!.features.includes('payment_type'));
      assert.equal(v.task, 'binary');
      assert.ok(v.sizeBytes > 24 * 12 * 4, `${v.sizeBytes} bytes`);
      assert.ok(v.modifiedMs > Date.UTC(2020, 0, 1));
    }
    assert.equal(v3.format, null);
    assert.equal(v3.error?.code, 'MODEL_LOAD_FAILED');
    assert.match(v3.error!.message, /not an ONNX model/);
    assert.equal(bare.layout, 'bare');
    assert.equal(bare.versions[0]!.format, 'ONNX');
    assert.equal(bare.versions[0]!.error?.code, 'MODEL_SPEC_MISMATCH');
    assert.match(bare.versions[0]!.error!.message, /payment_type/);
    await rm(ws, { recursive: true });
  });
});
