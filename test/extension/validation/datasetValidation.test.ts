/**
 * Validation as the Validate Dataset command runs it, in Node with a real worker: the taxi lab's story on copies
 * of the shared CSVs, a TFRecord file with corrupted records, and a dataset without a schema. Expected values
 * are computed here from the files themselves.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readSchema, writeSchema } from '../../../src/core/proto/protoFiles.js';
import { inferSchema } from '../../../src/core/schema/inferSchema.js';
import { getFeature, setNotInEnvironment } from '../../../src/core/schema/schemaModel.js';
import { CONFIG_DEFAULTS } from '../../../src/extension/configValues.js';
import { cachedDatasetStatistics, datasetStatistics, openDataset, openedDatasetStatistics, validateDataset } from '../../../src/extension/validation/datasetValidation.js';
import type { DiagnosticData } from '../../../src/extension/validation/diagnostics/anomalyDiagnostics.js';
import { EngineClient } from '../../../src/extension/engineClient.js';
import { StatisticsCache } from '../../../src/extension/statisticsCache.js';
import { buildWorker, linesWithValue, taxiDir, tempDir, tfrecordBytes } from '../engineKit.js';

const tmp = tempDir();
let engine: EngineClient;
let services: { engine: EngineClient; cache: StatisticsCache };

before(async () => {
  engine = new EngineClient(await buildWorker(tmp.root), () => 2);
  services = { engine, cache: new StatisticsCache() };
  // The lab's layout: train's inferred schema beside copies of eval and serving.
  const train = tmp.copy(join(taxiDir, 'train.csv'), 'lab/train.csv');
  tmp.copy(join(taxiDir, 'eval.csv'), 'lab/eval.csv');
  tmp.copy(join(taxiDir, 'serving.csv'), 'lab/serving.csv');
  const stats = await datasetStatistics(train, services);
  await writeSchema(join(tmp.root, 'lab/schema.pbtxt'), inferSchema(stats.result.statistics));
});
after(async () => {
  await engine.dispose();
  tmp.cleanup();
});

/** Character range of `name` in the first line of a CSV file, found with indexOf. */
function headerCell(file: string, name: string): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const header = readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
  const cells = header.split(',');
  const index = cells.indexOf(name);
  assert.ok(index >= 0);
  const start = cells.slice(0, index).join(',').length + (index > 0 ? 1 : 0);
  return { start: { line: 0, character: start }, end: { line: 0, character: start + name.length } };
}

const byCode = (ds: readonly DiagnosticData[], code: string): DiagnosticData[] => ds.filter((d) => d.code === code);

describe('validateDataset on the taxi lab data', () => {
  test("eval.csv against train's schema: payment_type and company on their header cells, as errors, with their rows", async () => {
    const file = join(tmp.root, 'lab/eval.csv');
    const out = await validateDataset(file, services, { config: CONFIG_DEFAULTS });
    assert.equal(out.schemaPath, join(tmp.root, 'lab/schema.pbtxt'));
    const enumDiagnostics = byCode(out.diagnostics, 'ENUM_TYPE_UNEXPECTED_STRING_VALUES');
    const payment = enumDiagnostics.find((d) => d.message.startsWith('payment_type:'));
    const company = enumDiagnostics.find((d) => d.message.startsWith('company:'));
    assert.deepEqual(payment?.span, headerCell(file, 'payment_type'));
    assert.deepEqual(company?.span, headerCell(file, 'company'));
    assert.equal(payment?.severity, 'error');
    assert.equal(company?.severity, 'error');
    assert.equal(payment?.file, file);
    assert.match(payment?.message ?? '', /^payment_type: Unexpected string values: Examples contain values missing from the schema: Prcard \(<1%\)\./);
    assert.equal(payment?.codeTarget, 'https://www.tensorflow.org/tfx/data_validation/anomalies');

    // One row diagnostic per Prcard line, on the payment_type cell of that line, pointing back at the header cell.
    const prcardLines = linesWithValue(file, 'payment_type', 'Prcard');
    const rows = enumDiagnostics.filter((d) => d.message === "Row has value 'Prcard' not in the schema's domain of payment_type");
    assert.deepEqual(rows.map((d) => d.span.start.line + 1), prcardLines);
    const lineText = readFileSync(file, 'utf8').split(/\r?\n/)[(prcardLines[0] as number) - 1] ?? '';
    assert.equal(rows[0]?.span.start.character, lineText.indexOf(',Prcard,') + 1);
    assert.equal(rows[0]?.span.end.character, lineText.indexOf(',Prcard,') + 1 + 'Prcard'.length);
    assert.equal(rows[0]?.severity, 'warning');
    assert.deepEqual(rows[0]?.related?.[0]?.span, headerCell(file, 'payment_type'));

    // company: the totals in the header message, at most examplesPerAnomaly rows listed.
    const header = readFileSync(file, 'utf8').split(/\r?\n/)[0]?.split(',') ?? [];
    const trainCompanies = new Set(
      readFileSync(join(tmp.root, 'lab/train.csv'), 'utf8').split(/\r?\n/).slice(1).map((l) => l.split(',')[header.indexOf('company')]),
    );
    const offending = readFileSync(file, 'utf8').split(/\r?\n/).slice(1).filter((l) => l !== '' && !trainCompanies.has(l.split(',')[header.indexOf('company')])).length;
    assert.match(company?.message ?? '', new RegExp(`${offending} rows; first 10 listed\\.$`));
    assert.equal(enumDiagnostics.filter((d) => d.message.startsWith('Row ') && d.message.endsWith('domain of company')).length, 10);
  });

  test('quick fixes travel with the diagnostics: add the value, add all, relax min_domain_mass', async () => {
    const out = await validateDataset(join(tmp.root, 'lab/eval.csv'), services, { config: CONFIG_DEFAULTS });
    const payment = out.diagnostics.find((d) => d.message.startsWith('payment_type:'));
    assert.deepEqual(payment?.fixes?.[0], { kind: 'addDomainValues', feature: 'payment_type', values: ['Prcard'] });
    const mass = payment?.fixes?.find((f) => f.kind === 'minDomainMass');
    // 1 Prcard among 5000 non-missing payment types → in-domain 0.9998 → 0.99.
    assert.deepEqual(mass, { kind: 'minDomainMass', feature: 'payment_type', mass: 0.99 });
    const company = out.diagnostics.find((d) => d.message.startsWith('company:'));
    const all = company?.fixes?.find((f) => f.kind === 'addDomainValues' && f.values.length > 1);
    assert.ok(all && all.kind === 'addDomainValues' && all.values.length === 15, JSON.stringify(all));
  });

  test('serving.csv without environment: tips is a missing column, with a "not in SERVING" fix', async () => {
    const out = await validateDataset(join(tmp.root, 'lab/serving.csv'), services, { config: CONFIG_DEFAULTS });
    const missing = byCode(out.diagnostics, 'SCHEMA_MISSING_COLUMN');
    assert.equal(missing.length, 1);
    assert.match(missing[0]?.message ?? '', /^tips: Column dropped/);
    assert.deepEqual(missing[0]?.span, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(missing[0]?.fixes, [{ kind: 'notInEnvironment', feature: 'tips', environment: 'SERVING' }]);
  });

  test('serving.csv in environment SERVING with tips not in SERVING: no missing column', async () => {
    const dir = join(tmp.root, 'serving-env');
    const file = tmp.copy(join(taxiDir, 'serving.csv'), 'serving-env/serving.csv');
    const schema = await readSchema(join(tmp.root, 'lab/schema.pbtxt'));
    setNotInEnvironment(schema, getFeature(schema, ['tips'])!, 'SERVING');
    await writeSchema(join(dir, 'schema.pbtxt'), schema);
    const out = await validateDataset(file, services, { config: { ...CONFIG_DEFAULTS, environment: 'SERVING' } });
    assert.equal(out.environment, 'SERVING');
    assert.deepEqual(byCode(out.diagnostics, 'SCHEMA_MISSING_COLUMN'), []);
    // An environment the schema does not know is reported, not crashed on.
    const other = await validateDataset(file, services, { config: { ...CONFIG_DEFAULTS, environment: 'STAGING' } });
    assert.equal(other.anomalies, undefined);
    assert.equal(byCode(other.diagnostics, 'ENVIRONMENT_NOT_IN_SCHEMA').length, 1);
  });

  test('no schema beside the data: validated against one inferred from it, so nothing is anomalous', async () => {
    const file = tmp.copy(join(taxiDir, 'eval.csv'), 'noschema/eval.csv');
    const out = await validateDataset(file, services, { config: CONFIG_DEFAULTS });
    assert.equal(out.schemaPath, undefined);
    assert.equal(out.savePath, join(tmp.root, 'noschema/schema.pbtxt'));
    assert.equal(out.schema.feature.length, readFileSync(file, 'utf8').split(/\r?\n/)[0]?.split(',').length);
    assert.deepEqual(Object.keys(out.anomalies?.anomalyInfo ?? {}), []);
    assert.deepEqual(out.diagnostics, []);
    assert.equal(out.examples, undefined, 'no row-level pass when nothing is anomalous');
  });

  test('progress goes from 0 to 1 and never backwards', async () => {
    const seen: number[] = [];
    const file = tmp.copy(join(taxiDir, 'eval.csv'), 'progress/eval.csv');
    tmp.copy(join(tmp.root, 'lab/schema.pbtxt'), 'progress/schema.pbtxt');
    await validateDataset(file, { engine, cache: new StatisticsCache() }, { config: CONFIG_DEFAULTS, onProgress: (f) => seen.push(f) });
    assert.equal(seen[0], 0);
    assert.equal(seen.at(-1), 1);
    for (let i = 1; i < seen.length; i++) assert.ok((seen[i] as number) >= (seen[i - 1] as number), `${seen[i - 1]} → ${seen[i]}`);
  });
});

describe('validateDataset on TFRecord and broken CSV', () => {
  test('a corrupted TFRecord shard: a diagnostic on the file naming shard and record', async () => {
    const examples = Array.from({ length: 6 }, (_, i) => ({
      payment_type: { kind: 'bytes' as const, values: [i % 2 ? 'Cash' : 'Credit Card'] },
      fare: { kind: 'float' as const, values: [i + 0.5] },
    }));
    const shard = tmp.file('tfr/data_tfrecord-00000-of-00001.tfrecord', tfrecordBytes(examples, new Set([3])));
    const out = await validateDataset(shard, services, { config: CONFIG_DEFAULTS });
    assert.equal(out.result.numExamples, 5);
    const crc = byCode(out.diagnostics, 'TFRECORD_DATA_CRC_MISMATCH');
    assert.equal(crc.length, 1);
    assert.equal(crc[0]?.file, shard);
    assert.deepEqual(crc[0]?.span.start, { line: 0, character: 0 });
    assert.match(crc[0]?.message ?? '', /^data_tfrecord-00000-of-00001\.tfrecord, record 3: /);
    assert.equal(crc[0]?.severity, 'error');
  });

  test('a folder of shards: feature anomalies on the folder, reader issues on their shard with its number', async () => {
    const mk = (v: string) => ({ payment_type: { kind: 'bytes' as const, values: [v] } });
    tmp.file('shards/Split-train/part-00000.tfrecord', tfrecordBytes([mk('Cash'), mk('Cash')]));
    const dir = join(tmp.root, 'shards/Split-eval');
    tmp.file('shards/Split-eval/part-00000.tfrecord', tfrecordBytes([mk('Cash'), mk('Cash')]));
    const second = tmp.file('shards/Split-eval/part-00001.tfrecord', tfrecordBytes([mk('Cash'), mk('Prcard'), mk('Cash')], new Set([2])));
    const train = await datasetStatistics(join(tmp.root, 'shards/Split-train'), services);
    // The schema the TFX layout shares between splits: in the folder above them.
    await writeSchema(join(tmp.root, 'shards/schema.pbtxt'), inferSchema(train.result.statistics));
    const out = await validateDataset(dir, services, { config: CONFIG_DEFAULTS });
    assert.equal(out.schemaPath, join(tmp.root, 'shards/schema.pbtxt'));
    const header = out.diagnostics.find((d) => d.code === 'ENUM_TYPE_UNEXPECTED_STRING_VALUES' && d.file === dir);
    assert.match(header?.message ?? '', /^payment_type: Unexpected string values: .*Prcard.*1 record, all listed\.$/);
    const row = out.diagnostics.find((d) => d.file === second && d.code === 'ENUM_TYPE_UNEXPECTED_STRING_VALUES');
    assert.equal(row?.message, "Record 1 of shard 2/2 (part-00001.tfrecord) has value 'Prcard' not in the schema's domain of payment_type");
    const crc = out.diagnostics.find((d) => d.code === 'TFRECORD_DATA_CRC_MISMATCH');
    assert.equal(crc?.file, second);
    assert.match(crc?.message ?? '', /^Shard 2\/2 \(part-00001\.tfrecord\), record 2: /);
  });

  test('malformed CSV rows are diagnostics at their lines', async () => {
    const file = tmp.file('bad/ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n');
    const out = await validateDataset(file, services, { config: CONFIG_DEFAULTS });
    const issues = out.diagnostics.filter((d) => d.code.startsWith('CSV_'));
    assert.ok(issues.length >= 2, JSON.stringify(out.diagnostics));
    assert.deepEqual(issues.map((d) => d.span.start.line).sort(), [2, 3]);
    assert.ok(issues.every((d) => d.file === file));
  });
});

describe('cached statistics, as the overview looks them up before showing progress', () => {
  test('nothing before the dataset was read; after validation the same statistics, with no progress reported', async () => {
    const cache = new StatisticsCache();
    const local = { engine, cache };
    const file = tmp.copy(join(taxiDir, 'eval.csv'), 'cached/eval.csv');
    const opened = await openDataset(file, engine);
    assert.equal(opened.kind, 'csv');
    assert.equal(await cachedDatasetStatistics(opened, local), undefined);
    const validated = await validateDataset(file, local, { config: CONFIG_DEFAULTS });
    const cached = await cachedDatasetStatistics(await openDataset(file, engine), local);
    assert.ok(cached);
    assert.equal(cached.result, validated.result);
    // Rows counted from the file itself: lines after the header, ignoring a trailing newline.
    const rows = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0).length - 1;
    assert.equal(cached.result.numExamples, rows);
    // openedDatasetStatistics on a cached dataset reads nothing: its only progress is the 0 and done reports.
    const fractions: number[] = [];
    const again = await openedDatasetStatistics(opened, local, { onProgress: (f) => fractions.push(f) });
    assert.equal(again.result, validated.result);
    assert.deepEqual(fractions, [0, 1]);
  });
});
