import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { loadModelArtifacts } from '../../../src/core/model/fileSystemIoHandler.js';
import { modelLabel, openModel } from '../../../src/core/model/openModel.js';
import { fixtureModel } from './reference.js';

let dir: string;
let version: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fw-model-'));
  cpSync(fixtureModel, path.join(dir, 'taxi_model'), { recursive: true });
  version = path.join(dir, 'taxi_model', '1');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function loadError(fn: () => Promise<unknown>): Promise<FacetwiseError> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof FacetwiseError, `expected a FacetwiseError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

describe('file-system IO handler', () => {
  test('loads model.json and concatenates its shards in manifest order', async () => {
    const artifacts = await loadModelArtifacts(version);
    const bin = readFileSync(path.join(version, 'group1-shard1of1.bin'));
    const data = artifacts.weightData as ArrayBuffer;
    assert.equal(data.byteLength, bin.length);
    assert.deepEqual(new Uint8Array(data), new Uint8Array(bin));
    assert.equal(artifacts.format, 'layers-model');
    assert.ok((artifacts.weightSpecs ?? []).length >= 4);
  });

  test('shards split across files are joined', async () => {
    const bin = readFileSync(path.join(version, 'group1-shard1of1.bin'));
    const cut = 100;
    writeFileSync(path.join(version, 'group1-shard1of2.bin'), bin.subarray(0, cut));
    writeFileSync(path.join(version, 'group1-shard2of2.bin'), bin.subarray(cut));
    unlinkSync(path.join(version, 'group1-shard1of1.bin'));
    const jsonFile = path.join(version, 'model.json');
    const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as { weightsManifest: { paths: string[] }[] };
    json.weightsManifest[0]!.paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
    writeFileSync(jsonFile, JSON.stringify(json));
    const artifacts = await loadModelArtifacts(version);
    assert.deepEqual(new Uint8Array(artifacts.weightData as ArrayBuffer), new Uint8Array(bin));
  });

  test('a corrupt model.json is an error naming the file, line and column', async () => {
    const file = path.join(version, 'model.json');
    const text = readFileSync(file, 'utf8');
    // Break it on line 2 after a newline so the position is checkable.
    const broken = '{\n  "modelTopology": {"a": tru},' + text.slice(1);
    writeFileSync(file, broken);
    const err = await loadError(() => openModel(path.join(dir, 'taxi_model'), { version: 1 }));
    assert.equal(err.code, 'MODEL_JSON_INVALID');
    assert.equal(err.position?.file, file);
    assert.equal(err.position?.line, 2);
    assert.equal(err.position?.column, broken.split('\n')[1]!.indexOf('tru') + 1);
    assert.match(err.message, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:\\d+: not valid JSON`));
  });

  test('truncated model.json reports the end of input', async () => {
    const file = path.join(version, 'model.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200));
    const err = await loadError(() => loadModelArtifacts(version));
    assert.equal(err.position?.file, file);
    assert.match(err.message, /not valid JSON: .*end of input/);
  });

  test('a missing weight shard is an error naming the shard', async () => {
    const shard = path.join(version, 'group1-shard1of1.bin');
    unlinkSync(shard);
    const err = await loadError(() => openModel(path.join(dir, 'taxi_model'), { version: 1 }));
    assert.equal(err.code, 'MODEL_WEIGHTS_MISSING');
    assert.equal(err.position?.file, shard);
    assert.match(err.message, /group1-shard1of1\.bin/);
  });

  test('a shard of the wrong size is an error naming the shard', async () => {
    const shard = path.join(version, 'group1-shard1of1.bin');
    const size = readFileSync(shard).length;
    truncateSync(shard, size - 8);
    let err = await loadError(() => loadModelArtifacts(version));
    assert.equal(err.code, 'MODEL_WEIGHTS_SIZE');
    assert.equal(err.position?.file, shard);
    assert.match(err.message, new RegExp(`hold ${size - 8} bytes .* need ${size} bytes`));
    appendFileSync(shard, Buffer.alloc(16));
    err = await loadError(() => loadModelArtifacts(version));
    assert.match(err.message, new RegExp(`hold ${size + 8} bytes`));
  });

  test('a weight path leaving the model folder is refused', async () => {
    const jsonFile = path.join(version, 'model.json');
    const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as { weightsManifest: { paths: string[] }[] };
    json.weightsManifest[0]!.paths = ['../../../etc/passwd'];
    writeFileSync(jsonFile, JSON.stringify(json));
    const err = await loadError(() => loadModelArtifacts(version));
    assert.match(err.message, /outside the model folder/);
  });

  test('a folder with no model says so', async () => {
    const err = await loadError(() => openModel(dir));
    assert.equal(err.code, 'MODEL_NOT_FOUND');
    const missing = await loadError(() => openModel(path.join(dir, 'nope')));
    assert.equal(missing.code, 'MODEL_NOT_FOUND');
    const v9 = await loadError(() => openModel(path.join(dir, 'taxi_model'), { version: 9 }));
    assert.equal(v9.code, 'MODEL_VERSION_NOT_FOUND');
    assert.match(v9.message, /versions: 1, 2/);
  });

  test('a version folder named directly is that version of its parent model (reports say taxi_model/1)', async () => {
    const m = await openModel(version);
    assert.equal(m.version, 1);
    assert.equal(m.name, 'taxi_model');
    assert.equal(modelLabel(m), 'taxi_model/1');
    m.dispose();
  });

  test('a bare folder with model.json (not named by a number) is a single unversioned model', async () => {
    const bare = path.join(dir, 'bare_model');
    cpSync(version, bare, { recursive: true });
    const m = await openModel(bare);
    assert.equal(m.version, null);
    assert.equal(m.name, 'bare_model');
    assert.equal(modelLabel(m), 'bare_model');
    m.dispose();
  });

  test('a spec that does not fit the model is refused', async () => {
    // Version 2's spec (no payment_type) on version 1's weights.
    cpSync(path.join(dir, 'taxi_model', '2', 'feature_spec.json'), path.join(version, 'feature_spec.json'));
    const err = await loadError(() => openModel(version));
    assert.equal(err.code, 'MODEL_SPEC_MISMATCH');
    assert.match(err.message, /makes 19 inputs per row but the model expects 24/);
  });
});
