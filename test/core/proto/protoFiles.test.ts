import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { create, equals, fromBinary } from '@bufbuild/protobuf';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { AnomaliesSchema, AnomalyInfo_Severity, AnomalyInfoSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import {
  readAnomalies,
  readSchema,
  readStatistics,
  writeAnomalies,
  writeSchema,
  writeStatistics,
} from '../../../src/core/proto/protoFiles.js';
import { evalStatsPath, schemaTextPath, trainStatsPath } from './interopFiles.js';

const dir = mkdtempSync(join(tmpdir(), 'facetwise-proto-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const trainBytes = new Uint8Array(readFileSync(trainStatsPath));
const train = fromBinary(DatasetFeatureStatisticsListSchema, trainBytes);
const schemaText = readFileSync(schemaTextPath, 'utf8');

// An independent bit-at-a-time CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) and TFRecord framing.
function crc32c(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
const masked = (data: Uint8Array): number => ((((crc32c(data) >>> 15) | (crc32c(data) << 17)) >>> 0) + 0xa282ead8) >>> 0;
function tfrecord(...records: Uint8Array[]): Uint8Array {
  const parts: Buffer[] = [];
  for (const data of records) {
    const header = Buffer.alloc(12);
    header.writeBigUInt64LE(BigInt(data.length), 0);
    header.writeUInt32LE(masked(header.subarray(0, 8)), 8);
    const footer = Buffer.alloc(4);
    footer.writeUInt32LE(masked(data), 0);
    parts.push(header, Buffer.from(data), footer);
  }
  return Buffer.concat(parts);
}

async function rejectsWith(p: Promise<unknown>, code: string, file?: string): Promise<FacetwiseError> {
  let caught: unknown;
  await p.catch((e: unknown) => {
    caught = e;
  });
  assert.ok(caught instanceof FacetwiseError, `expected FacetwiseError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (file !== undefined) assert.equal(caught.position?.file, file);
  return caught;
}

test('the CRC used by these tests is right (CRC-32C check value of "123456789")', () => {
  assert.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283);
});

test('reads TFX binary statistics', async () => {
  const stats = await readStatistics(trainStatsPath);
  assert.ok(equals(DatasetFeatureStatisticsListSchema, stats, train));
  const evalStats = await readStatistics(evalStatsPath);
  assert.equal(evalStats.datasets[0]?.numExamples, 4966n);
});

test('writes statistics by extension (binary, text, JSON) and reads each back', async () => {
  for (const [name, check] of [
    ['stats.pb', (b: Buffer) => assert.ok(b.equals(Buffer.from(trainBytes)))],
    ['stats.bin', (b: Buffer) => assert.ok(b.equals(Buffer.from(trainBytes)))],
    ['stats.pbtxt', (b: Buffer) => assert.ok(b.toString('utf8').startsWith('datasets {\n  num_examples: 10036\n'))],
    ['stats.txt', (b: Buffer) => assert.ok(b.toString('utf8').startsWith('datasets {\n'))],
    ['stats.json', (b: Buffer) => assert.ok(b.toString('utf8').startsWith('{\n  "datasets": [\n    {\n      "numExamples": "10036"'))],
    ['stats.unknownext', (b: Buffer) => assert.ok(b.equals(Buffer.from(trainBytes)))],
  ] as const) {
    const path = join(dir, name);
    await writeStatistics(path, train);
    check(readFileSync(path));
    assert.ok(equals(DatasetFeatureStatisticsListSchema, await readStatistics(path), train), name);
  }
});

test('reads a TFRecord holding one serialized statistics list (TFX StatisticsGen FeatureStats.pb), whatever its name', async () => {
  const path = join(dir, 'FeatureStats.pb');
  writeFileSync(path, tfrecord(trainBytes));
  assert.ok(equals(DatasetFeatureStatisticsListSchema, await readStatistics(path), train));
  // A second record is an error, as in TFDV's load_stats_tfrecord; so are bytes after the record.
  const two = join(dir, 'two_records.tfrecord');
  writeFileSync(two, tfrecord(trainBytes, readFileSync(evalStatsPath)));
  await rejectsWith(readStatistics(two), 'TFRECORD_MULTIPLE_RECORDS', two);
  const trailing = join(dir, 'trailing_FeatureStats.pb');
  writeFileSync(trailing, Buffer.concat([tfrecord(trainBytes), Buffer.from('junk')]));
  await rejectsWith(readStatistics(trailing), 'TFRECORD_TRAILING_DATA', trailing);
  // Written back with TFRecord framing on request, readable by an independent framing check.
  const out = join(dir, 'out_FeatureStats.pb');
  await writeStatistics(out, train, { encoding: 'tfrecord' });
  assert.ok(readFileSync(out).equals(Buffer.from(tfrecord(trainBytes))));
  // Replacing an existing TFRecord file needs the explicit encoding.
  await rejectsWith(writeStatistics(out, train), 'PROTO_WRITE_REFUSED', out);
  await writeStatistics(out, train, { encoding: 'tfrecord' });
});

test('a TFRecord whose data CRC is wrong is reported, not decoded', async () => {
  const bytes = Buffer.from(tfrecord(trainBytes));
  bytes[100] = (bytes[100] ?? 0) ^ 0xff;
  const path = join(dir, 'corrupt_FeatureStats.pb');
  writeFileSync(path, bytes);
  await rejectsWith(readStatistics(path), 'TFRECORD_CRC_MISMATCH', path);
});

test('detects the encoding from content when the extension says nothing, and reads GZIP', async () => {
  const asText = join(dir, 'schema_as_text.data');
  writeFileSync(asText, schemaText);
  const expected = await readSchema(schemaTextPath);
  assert.ok(equals(SchemaSchema, await readSchema(asText), expected));
  const asJson = join(dir, 'schema_as_json.data');
  writeFileSync(asJson, '{"feature": [{"name": "a", "type": "INT"}]}');
  assert.equal((await readSchema(asJson)).feature[0]?.name, 'a');
  const asBinary = join(dir, 'stats.data');
  writeFileSync(asBinary, trainBytes);
  assert.ok(equals(DatasetFeatureStatisticsListSchema, await readStatistics(asBinary), train));
  const gz = join(dir, 'schema.pbtxt.gz');
  writeFileSync(gz, gzipSync(schemaText));
  assert.ok(equals(SchemaSchema, await readSchema(gz), expected));
});

test('schema: text by default, byte-identical through files, unknown fields kept; other encodings by extension', async () => {
  const schema = await readSchema(schemaTextPath);
  const noExt = join(dir, 'schema');
  await writeSchema(noExt, schema);
  assert.equal(readFileSync(noExt, 'utf8'), schemaText);
  const withUnknown = join(dir, 'unknown.pbtxt');
  writeFileSync(withUnknown, 'feature {\n  name: "a"\n  natural_language_domain {\n  }\n}\ngenerate_legacy_feature_spec: false\n');
  const s = await readSchema(withUnknown);
  s.defaultEnvironment.push('TRAINING');
  await writeSchema(withUnknown, s);
  assert.equal(
    readFileSync(withUnknown, 'utf8'),
    'feature {\n  name: "a"\n  natural_language_domain {\n  }\n}\ngenerate_legacy_feature_spec: false\ndefault_environment: "TRAINING"\n',
  );
  for (const name of ['schema.pb', 'schema.json']) {
    const path = join(dir, name);
    await writeSchema(path, schema);
    assert.ok(equals(SchemaSchema, await readSchema(path), schema), name);
  }
  await rejectsWith(readSchema(withUnknown, { strict: true }), 'PROTO_TEXT_UNKNOWN_FIELD', withUnknown);
});

test('anomalies round-trip through text and JSON files', async () => {
  const anomalies = create(AnomaliesSchema, {
    anomalyInfo: { payment_type: create(AnomalyInfoSchema, { severity: AnomalyInfo_Severity.ERROR, shortDescription: 'Unexpected string values' }) },
    dataMissing: false,
  });
  for (const name of ['anomalies.pbtxt', 'anomalies.json', 'anomalies.pb']) {
    const path = join(dir, name);
    await writeAnomalies(path, anomalies);
    assert.ok(equals(AnomaliesSchema, await readAnomalies(path), anomalies), name);
  }
  assert.equal(
    readFileSync(join(dir, 'anomalies.pbtxt'), 'utf8'),
    'anomaly_info {\n  key: "payment_type"\n  value {\n    severity: ERROR\n    short_description: "Unexpected string values"\n  }\n}\ndata_missing: false\n',
  );
});

test('writes are atomic: no temporary file is left behind, and an aborted write leaves the old file', async () => {
  const sub = mkdtempSync(join(dir, 'atomic-'));
  const path = join(sub, 'schema.pbtxt');
  writeFileSync(path, 'old contents\n');
  const schema = await readSchema(schemaTextPath);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(writeSchema(path, schema, { signal: controller.signal }), { name: 'AbortError' });
  assert.equal(readFileSync(path, 'utf8'), 'old contents\n');
  await writeSchema(path, schema);
  assert.equal(readFileSync(path, 'utf8'), schemaText);
  assert.deepEqual(readdirSync(sub), ['schema.pbtxt']);
});

test('never writes over a data file', async () => {
  const schema = await readSchema(schemaTextPath);
  const csv = join(dir, 'train.csv');
  writeFileSync(csv, 'a,b\n1,2\n');
  await rejectsWith(writeSchema(csv, schema), 'PROTO_WRITE_REFUSED', csv);
  assert.equal(readFileSync(csv, 'utf8'), 'a,b\n1,2\n');
  await rejectsWith(writeStatistics(join(dir, 'data.tfrecord.gz'), train), 'PROTO_WRITE_REFUSED');
  await rejectsWith(writeStatistics(join(dir, 'stats.tfrecord'), train), 'PROTO_WRITE_REFUSED');
  await writeStatistics(join(dir, 'stats.tfrecord'), train, { encoding: 'tfrecord' });
  assert.ok(equals(DatasetFeatureStatisticsListSchema, await readStatistics(join(dir, 'stats.tfrecord')), train));
  // A file that holds TFRecord data, whatever its name.
  const disguised = join(dir, 'examples.pbtxt');
  writeFileSync(disguised, tfrecord(new Uint8Array([1, 2, 3])));
  await rejectsWith(writeSchema(disguised, schema), 'PROTO_WRITE_REFUSED', disguised);
  assert.ok(readFileSync(disguised).equals(Buffer.from(tfrecord(new Uint8Array([1, 2, 3])))));
  await rejectsWith(writeSchema(dir, schema), 'PROTO_WRITE_REFUSED', dir);
});

test('read errors name the file (and line and column for text)', async () => {
  await rejectsWith(readSchema(join(dir, 'missing.pbtxt')), 'PROTO_FILE_UNREADABLE');
  const bad = join(dir, 'bad.pbtxt');
  writeFileSync(bad, 'feature {\n  name: "a"\n  type: NOPE\n}\n');
  const e = await rejectsWith(readSchema(bad), 'PROTO_TEXT_UNKNOWN_ENUM', bad);
  assert.deepEqual([e.position?.line, e.position?.column], [3, 9]);
  const garbage = join(dir, 'garbage.pb');
  writeFileSync(garbage, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]));
  await rejectsWith(readStatistics(garbage), 'PROTO_BINARY_INVALID', garbage);
  await rejectsWith(writeStatistics(join(dir, 'no', 'such', 'folder', 'stats.pb'), train), 'PROTO_FILE_UNWRITABLE');
});
