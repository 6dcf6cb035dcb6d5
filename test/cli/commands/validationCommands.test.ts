/**
 * The infer-schema, validate and compare commands, run in-process with a fake CliIo and a statistics loader
 * stubbed with the test CSV statistics (the real loader, src/cli/loadStatistics.ts, is the lead's).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { AnomalyInfo_Type } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { DatasetFeatureStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { readAnomalies, readSchema } from '../../../src/core/proto/protoFiles.js';
import { getFeature, setNotInEnvironment } from '../../../src/core/schema/schemaModel.js';
import { writeSchema } from '../../../src/core/proto/protoFiles.js';
import type { CliIo } from '../../../src/cli/cliIo.js';
import { ExitCode, UsageError } from '../../../src/cli/cliIo.js';
import { createCompareCommand } from '../../../src/cli/commands/compare.js';
import { createInferSchemaCommand } from '../../../src/cli/commands/inferSchema.js';
import { createValidateCommand } from '../../../src/cli/commands/validate.js';
import { batchesOf, textBatch } from '../../core/validate/rowBatches.js';
import { readCsv, statsFromTable, taxiPath } from '../../core/validate/statsFromCsv.js';

const dir = mkdtempSync(join(tmpdir(), 'facetwise-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const tables = { 'train.csv': readCsv(taxiPath('train')), 'eval.csv': readCsv(taxiPath('eval')), 'serving.csv': readCsv(taxiPath('serving')) };
const statsCache = new Map<string, DatasetFeatureStatistics>();
async function loadStatistics(input: string): Promise<DatasetFeatureStatistics> {
  const table = tables[input as keyof typeof tables];
  if (!table) throw new Error(`cannot read ${input}`);
  if (!statsCache.has(input)) statsCache.set(input, statsFromTable(table, input));
  return statsCache.get(input) as DatasetFeatureStatistics;
}
const readRows = async (input: string) => {
  const t = tables[input as keyof typeof tables];
  return batchesOf(textBatch(input, t.header, t.rows));
};

function fakeIo(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        append(chunk.toString());
        cb();
      },
    });
  return {
    io: { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), cwd: dir, signal: new AbortController().signal },
    out: () => out,
    err: () => err,
  };
}

const inferSchemaCmd = createInferSchemaCommand({ loadStatistics });
const validateCmd = createValidateCommand({ loadStatistics, readRows });
const compareCmd = createCompareCommand({ loadStatistics });

describe('facetwise infer-schema', () => {
  it('writes schema.pbtxt that reads back, or prints it', async () => {
    const f = fakeIo();
    assert.equal(await inferSchemaCmd.run(['train.csv', '-o', 'schema.pbtxt'], f.io), ExitCode.ok);
    const schema = await readSchema(join(dir, 'schema.pbtxt'));
    assert.equal(schema.feature.length, tables['train.csv'].header.length);
    assert.match(readFileSync(join(dir, 'schema.pbtxt'), 'utf8'), /string_domain \{\n  name: "payment_type"/);
    const p = fakeIo();
    assert.equal(await inferSchemaCmd.run(['train.csv', '--no-infer-shape', '--infer-ranges'], p.io), ExitCode.ok);
    assert.match(p.out(), /value_count \{\n    min: 1\n    max: 1\n  \}/);
    assert.match(p.out(), /float_domain \{/);
  });

  it('rejects bad arguments as usage errors', async () => {
    await assert.rejects(inferSchemaCmd.run([], fakeIo().io), UsageError);
    await assert.rejects(inferSchemaCmd.run(['a', '--max-domain-size', 'lots'], fakeIo().io), UsageError);
    await assert.rejects(inferSchemaCmd.run(['a', '--bogus'], fakeIo().io), UsageError);
  });
});

describe('facetwise validate', () => {
  it('exit 0 and an empty anomaly map when the data fits', async () => {
    await inferSchemaCmd.run(['train.csv', '-o', 'schema.pbtxt'], fakeIo().io);
    const f = fakeIo();
    assert.equal(await validateCmd.run(['train.csv', '--schema', 'schema.pbtxt'], f.io), ExitCode.ok);
    const json = JSON.parse(f.out());
    assert.equal(json.anomalyInfo, undefined);
    assert.equal(json.anomalyNameFormat, 'SERIALIZED_PATH');
  });

  it('exit 3 with canonical JSON naming eval’s anomalies', async () => {
    await inferSchemaCmd.run(['train.csv', '-o', 'schema.pbtxt'], fakeIo().io);
    const f = fakeIo();
    assert.equal(await validateCmd.run(['eval.csv', '--schema', 'schema.pbtxt'], f.io), ExitCode.anomalies);
    const json = JSON.parse(f.out());
    assert.deepEqual(Object.keys(json.anomalyInfo).sort(), ['company', 'payment_type']);
    assert.equal(json.anomalyInfo.payment_type.reason[0].type, 'ENUM_TYPE_UNEXPECTED_STRING_VALUES');
    assert.equal(json.anomalyInfo.payment_type.severity, 'ERROR');
  });

  it('--format text prints TFDV’s table, --examples the rows, -o the file', async () => {
    await inferSchemaCmd.run(['train.csv', '-o', 'schema.pbtxt'], fakeIo().io);
    const f = fakeIo();
    const code = await validateCmd.run(['eval.csv', '--schema', 'schema.pbtxt', '--format', 'text', '--examples', '3', '-o', 'anomalies.pbtxt'], f.io);
    assert.equal(code, ExitCode.anomalies);
    assert.match(f.out(), /Feature name +Severity +Anomaly short description +Anomaly long description/);
    assert.match(f.out(), /payment_type +ERROR +Unexpected string values +Examples contain values missing from the schema: Prcard \(<1%\)\./);
    const pi = tables['eval.csv'].header.indexOf('payment_type');
    const line = tables['eval.csv'].rows.findIndex((r) => r[pi] === 'Prcard') + 2;
    assert.match(f.out(), new RegExp(`eval\\.csv:${line}  "Prcard"`));
    const written = await readAnomalies(join(dir, 'anomalies.pbtxt'));
    assert.equal(written.anomalyInfo['payment_type']?.reason[0]?.type, AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES);
  });

  it('--environment SERVING with tips marked not in SERVING passes serving; without it tips is dropped', async () => {
    await inferSchemaCmd.run(['train.csv', '-o', 'schema.pbtxt'], fakeIo().io);
    const plain = fakeIo();
    assert.equal(await validateCmd.run(['serving.csv', '--schema', 'schema.pbtxt'], plain.io), ExitCode.anomalies);
    assert.equal(JSON.parse(plain.out()).anomalyInfo.tips.shortDescription, 'Column dropped');
    const schema = await readSchema(join(dir, 'schema.pbtxt'));
    schema.defaultEnvironment.push('TRAINING');
    setNotInEnvironment(schema, getFeature(schema, ['tips'])!, 'SERVING');
    await writeSchema(join(dir, 'env.pbtxt'), schema);
    const f = fakeIo();
    assert.equal(await validateCmd.run(['serving.csv', '--schema', 'env.pbtxt', '--environment', 'SERVING'], f.io), ExitCode.ok);
  });

  it('--serving and --previous feed the schema’s skew and drift comparators', async () => {
    await inferSchemaCmd.run(['train.csv', '-o', 'schema.pbtxt'], fakeIo().io);
    const schema = await readSchema(join(dir, 'schema.pbtxt'));
    const { setComparatorThreshold } = await import('../../../src/core/schema/schemaModel.js');
    setComparatorThreshold(getFeature(schema, ['payment_type'])!, 'skew', 'infinityNorm', 0.01);
    setComparatorThreshold(getFeature(schema, ['company'])!, 'drift', 'infinityNorm', 0.001);
    await writeSchema(join(dir, 'cmp.pbtxt'), schema);
    const f = fakeIo();
    const code = await validateCmd.run(['train.csv', '--schema', 'cmp.pbtxt', '--serving', 'serving.csv', '--previous', 'eval.csv', '--format', 'text'], f.io);
    assert.equal(code, ExitCode.anomalies);
    assert.match(f.out(), /High Linfty distance between training and serving/);
    assert.match(f.out(), /High Linfty distance between current and previous/);
    assert.match(f.out(), /payment_type +skew +L-infinity/);
  });

  it('usage errors: no schema, bad format, --examples on statistics, an environment the schema lacks', async () => {
    await inferSchemaCmd.run(['train.csv', '-o', 'schema.pbtxt'], fakeIo().io);
    await assert.rejects(validateCmd.run(['eval.csv', '--schema', 'schema.pbtxt', '--environment', 'SERVING'], fakeIo().io), /Environment SERVING not found in the schema/);
    await assert.rejects(validateCmd.run(['eval.csv'], fakeIo().io), UsageError);
    await assert.rejects(validateCmd.run(['eval.csv', '--schema', 's', '--format', 'xml'], fakeIo().io), UsageError);
    await assert.rejects(validateCmd.run(['stats.pb', '--schema', 's', '--examples', '3'], fakeIo().io), UsageError);
  });

  it('a missing schema file is an input error (thrown for main to turn into exit 1)', async () => {
    await assert.rejects(validateCmd.run(['eval.csv', '--schema', resolve(dir, 'nope.pbtxt')], fakeIo().io));
  });
});

describe('facetwise compare', () => {
  it('prints the most changed feature first; thresholds fail the run', async () => {
    const f = fakeIo();
    assert.equal(await compareCmd.run(['train.csv', 'serving.csv', '--format', 'text'], f.io), ExitCode.ok);
    const lines = f.out().split('\n');
    assert.match(lines[0] ?? '', /^Feature +Kind +JSD/);
    assert.match(lines[2] ?? '', /^tips +only in a/);
    const j = fakeIo();
    assert.equal(await compareCmd.run(['train.csv', 'serving.csv', '--format', 'json', '--threshold', 'lInfinity=0.01'], j.io), ExitCode.anomalies);
    const results = JSON.parse(j.out()) as Array<{ pathKey: string; alerts: Array<{ metric: string }> }>;
    assert.ok(results.find((r) => r.pathKey === 'payment_type')?.alerts.some((a) => a.metric === 'lInfinity'));
    await assert.rejects(compareCmd.run(['a'], fakeIo().io), UsageError);
    await assert.rejects(compareCmd.run(['a', 'b', '--threshold', 'bogus=1'], fakeIo().io), UsageError);
  });
});
