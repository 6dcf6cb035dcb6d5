import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { equals, fromBinary } from '@bufbuild/protobuf';
import { fromText } from '@bufbuild/protobuf/txtpb';
import { decodeBinary, encodeBinary } from '../../../src/core/proto/binaryFormat.js';
import { SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseJsonText, toJsonText } from '../../../src/core/proto/jsonFormat.js';
import { parseText, printText } from '../../../src/core/proto/textFormat.js';
import { evalStatsPath, schemaTextPath, trainStatsPath } from './interopFiles.js';

for (const [label, path, numExamples] of [
  ['train', trainStatsPath, 10036n],
  ['eval', evalStatsPath, 4966n],
] as const) {
  const bytes = new Uint8Array(readFileSync(path));

  test(`${label}_FeatureStats.pb: binary decode → encode is byte-identical and decodes to the same message`, () => {
    const stats = decodeBinary(DatasetFeatureStatisticsListSchema, bytes, path);
    assert.equal(stats.datasets.length, 1);
    assert.equal(stats.datasets[0]?.numExamples, numExamples);
    assert.ok((stats.datasets[0]?.features.length ?? 0) > 10);
    const encoded = encodeBinary(stats);
    assert.ok(Buffer.from(encoded).equals(Buffer.from(bytes)), 'encoding differs from the TFX-written bytes');
    assert.ok(equals(DatasetFeatureStatisticsListSchema, decodeBinary(DatasetFeatureStatisticsListSchema, encoded), stats));
  });

  test(`${label}_FeatureStats.pb: stats → text → stats identical (and protobuf-es' own parser agrees)`, () => {
    const stats = decodeBinary(DatasetFeatureStatisticsListSchema, bytes, path);
    const text = printText(stats);
    const back = parseText(DatasetFeatureStatisticsListSchema, text, 'stats.pbtxt');
    assert.ok(equals(DatasetFeatureStatisticsListSchema, back, stats));
    assert.ok(Buffer.from(encodeBinary(back)).equals(Buffer.from(bytes)));
    // An independent text parser reads our output to the same message: the printer writes valid text format.
    assert.ok(equals(DatasetFeatureStatisticsListSchema, fromText(DatasetFeatureStatisticsListSchema, text), stats));
    // Printing again gives the same text.
    assert.equal(printText(back), text);
  });

  test(`${label}_FeatureStats.pb: stats → JSON → stats identical`, () => {
    const stats = decodeBinary(DatasetFeatureStatisticsListSchema, bytes, path);
    const json = toJsonText(stats);
    const back = parseJsonText(DatasetFeatureStatisticsListSchema, json, 'stats.json');
    assert.ok(equals(DatasetFeatureStatisticsListSchema, back, stats));
    assert.ok(Buffer.from(encodeBinary(back)).equals(Buffer.from(bytes)));
    const value = JSON.parse(json) as { datasets: { numExamples: unknown }[] };
    assert.equal(value.datasets[0]?.numExamples, String(numExamples), 'uint64 is written as a JSON string');
  });
}

test('schema.pbtxt: text → message → text is byte-identical', () => {
  const text = readFileSync(schemaTextPath, 'utf8');
  const schema = parseText(SchemaSchema, text, schemaTextPath);
  assert.equal(schema.feature.length, 18);
  assert.equal(schema.stringDomain.length, 2);
  assert.equal(printText(schema), text);
  // parse → print → parse gives the same message.
  assert.ok(equals(SchemaSchema, parseText(SchemaSchema, printText(schema)), schema));
});

test('schema.pbtxt: → binary → message identical, → JSON → message identical', () => {
  const text = readFileSync(schemaTextPath, 'utf8');
  const schema = parseText(SchemaSchema, text, schemaTextPath);
  const viaBinary = decodeBinary(SchemaSchema, encodeBinary(schema));
  assert.ok(equals(SchemaSchema, viaBinary, schema));
  assert.ok(equals(SchemaSchema, fromBinary(SchemaSchema, encodeBinary(schema)), fromText(SchemaSchema, text)));
  const viaJson = parseJsonText(SchemaSchema, toJsonText(schema));
  assert.ok(equals(SchemaSchema, viaJson, schema));
  // The comment at the end of the file is text-only trivia: gone after binary, as in TFDV.
  assert.equal(printText(viaBinary), text.replace('# generate_legacy_feature_spec: false\n', ''));
});
