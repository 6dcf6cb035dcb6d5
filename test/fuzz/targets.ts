/**
 * One fuzz target per parser that takes untrusted bytes, with its seeds (the shared data, TFDV's files, the test
 * fixtures) and a dictionary of tokens worth inserting. `run` feeds one input through the parser the way the
 * product does (file-based readers through a temp file); it must return or throw one of ours (isOurs).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync, deflateSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { FacetwiseError } from '../../src/core/data/issues.js';
import type { RowBatch } from '../../src/core/data/rowBatch.js';
import { readCsv } from '../../src/core/io/csv/index.js';
import { readParquetDataset } from '../../src/core/io/parquet/index.js';
import { frameTfRecord, readTfRecordDataset, readTfRecords } from '../../src/core/io/tfrecord/index.js';
import { validateFeatureSpec } from '../../src/core/model/featureSpec.js';
import { loadModelArtifacts } from '../../src/core/model/fileSystemIoHandler.js';
import { parseJsonWithPosition } from '../../src/core/model/jsonWithPosition.js';
import { readStatistics } from '../../src/core/proto/protoFiles.js';
import { parseText, printText } from '../../src/core/proto/textFormat.js';
import { toJsonText } from '../../src/core/proto/jsonFormat.js';
import { decodeBinary } from '../../src/core/proto/binaryFormat.js';
import { SchemaSchema } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { DatasetAccumulator } from '../../src/core/stats/datasetAccumulator.js';
import { accumulateStatistics } from '../../src/core/stats/statisticsJob.js';
import { FilterSyntaxError, filterColumns, matchesFilter, parseFilter } from '../../src/core/io/rowFilter/index.js';
import { planRollback, readServingConfig, servedVersionNumbers, servingModels } from '../../src/core/model/servingConfig.js';
import { decodeOnnx, graphInfo, inputLayout, scoreOutput, withoutZipMap } from '../../src/core/model/onnx/onnxGraph.js';
import { ensembleMargin, findTreeEnsemble } from '../../src/core/model/onnx/treeEnsemble.js';
import { logisticRegression, mlp, namedInputsClassifier, treeClassifier, treeRegressor } from '../core/model/onnx/onnxFixtures.js';

export interface FuzzTarget {
  readonly name: string;
  /** The source files this parser's code lives in, for coverage (paths under src/). */
  readonly sources: readonly string[];
  seeds(): Promise<Uint8Array[]>;
  readonly dictionary: readonly Uint8Array[];
  run(input: Uint8Array, scratch: string): Promise<void>;
  /** This parser's own error type with a position, where it is not a FacetwiseError (default: isOurs). */
  readonly ours?: (err: unknown) => boolean;
}

const repo = resolve(__dirname, '../..');
const shared = resolve(repo, '../shared/data');
const fixtures = resolve(repo, 'test/fixtures');
const enc = new TextEncoder();
const tokens = (...t: string[]): Uint8Array[] => t.map((s) => enc.encode(s));
const lossy = new TextDecoder('utf-8');

/** Our error: a FacetwiseError that says where. Everything else thrown is a finding. */
export function isOurs(err: unknown): boolean {
  return err instanceof FacetwiseError && err.position !== undefined && typeof err.position.file === 'string';
}

export function isOursFor(target: FuzzTarget, err: unknown): boolean {
  return (target.ours ?? isOurs)(err);
}

async function accumulate(batches: AsyncIterable<RowBatch>): Promise<void> {
  const acc = new DatasetAccumulator({});
  for await (const batch of batches) acc.add(batch);
  acc.finish('fuzz');
}

function head(path: string, bytes: number): Uint8Array {
  const all = readFileSync(path);
  if (all.length <= bytes) return all;
  return all.subarray(0, all.lastIndexOf(0x0a, bytes) + 1);
}

const csv: FuzzTarget = {
  name: 'csv',
  sources: ['src/core/io/csv/', 'src/core/io/fileChunks.ts', 'src/core/io/decompressedChunks.ts', 'src/core/io/compression/', 'src/core/stats/cellNumber.ts'],
  async seeds() {
    const taxi = head(join(shared, 'taxi/train.csv'), 4096);
    const spending = head(join(shared, 'spending/score_train.csv'), 4096);
    const quoted = enc.encode('id,"name, with comma",note\r\n1,"say ""hi""","multi\nline"\n2,,\n3,"x",y\n');
    const tsv = enc.encode('\ufeffa\tb\tc\n1\t2.5\tx\n\t-3e5\t"q"\n');
    const semi = enc.encode('a;b;c\n1;2;3\n4;5;6\n');
    return [taxi, spending, quoted, tsv, semi, gzipSync(taxi.subarray(0, 1024)), readFileSync(join(fixtures, 'compressed/tiny.csv.zst')), readFileSync(join(fixtures, 'compressed/tiny.csv.bz2'))];
  },
  dictionary: tokens('"', '""', ',', ';', '\t', '|', '\n', '\r\n', '\r', '\ufeff', '1e308', '-0', 'NaN', 'inf', '9223372036854775808', '0x1F', '\u00e9', '\x1f\x8b\x08', '(\xb5/\xfd', 'BZh91AY&SY'),
  async run(input, scratch) {
    const path = join(scratch, input.length % 2 === 0 ? 'fuzz.csv' : 'fuzz.tsv');
    writeFileSync(path, input);
    await accumulate(readCsv(path, { maxIssuesPerCode: 5 }));
  },
};

/**
 * The compressed-CSV fan-out against the plain read: the input (text, gzipped here, or already compressed) is read
 * through blocks of 1–61 bytes on two lanes; the rows and every issue's position must be those of one reader
 * reading the decompressed text front to back, in the same order per code (the reader puts a batch's invalid-UTF-8
 * warnings after its other issues, and blocks cut batches elsewhere). A mismatch is a plain Error, so a finding.
 */
const csvBlocks: FuzzTarget = {
  name: 'csvBlocks',
  sources: ['src/core/io/csv/recordBlocks.ts', 'src/core/stats/csvBlockFanOut.ts', 'src/core/stats/csvBlockLane.ts', 'src/core/io/csv/issueLog.ts'],
  seeds: () => csv.seeds(),
  dictionary: csv.dictionary,
  async run(input, scratch) {
    const gz = input[0] === 0x1f && input[1] === 0x8b ? input : gzipSync(input);
    let text: Uint8Array;
    try {
      text = gunzipSync(gz);
    } catch {
      text = new Uint8Array(0); // a corrupt stream: the fan-out must fail with our error
    }
    const plain = join(scratch, 'blocks.csv');
    const packed = join(scratch, 'blocks.csv.gz');
    writeFileSync(plain, text);
    writeFileSync(packed, gz);
    const read = async (path: string, blocks: boolean) => {
      const issues: string[] = [];
      const info = { format: 'csv' as const, shards: [path], name: 'x', totalBytes: gz.length };
      // The plain file by one reader: the per-code issue limit is then the file's, as the fan-out's is.
      const acc = await accumulateStatistics(info, { parallelism: blocks ? 2 : 1, ...(blocks ? { csvBlockBytes: 1 + (input.length % 61) } : {}), onIssue: (i) => issues.push(`${i.code}@${i.position.line}:${i.position.column}:${i.position.offset}`) });
      return { rows: acc.numExamples, issues };
    };
    const byCode = (issues: readonly string[]): string => [...issues].sort((a, b) => a.split('@')[0].localeCompare(b.split('@')[0])).join(' ');
    const got = await read(packed, true);
    const expected = await read(plain, false);
    if (got.rows !== expected.rows || byCode(got.issues) !== byCode(expected.issues))
      throw new Error(`blocks read ${got.rows} rows, ${byCode(got.issues).slice(0, 300)}; the plain file ${expected.rows}, ${byCode(expected.issues).slice(0, 300)}`);
  },
};

async function tfrecordPayloads(): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const record of readTfRecords(join(shared, 'taxi-tfrecord/Split-eval/data_tfrecord-00000-of-00012.gz'))) {
    out.push(record.payload.slice());
    if (out.length >= 8) break;
  }
  return out;
}

const tfrecord: FuzzTarget = {
  name: 'tfrecord',
  sources: ['src/core/io/tfrecord/recordReader.ts', 'src/core/io/tfrecord/compression.ts', 'src/core/io/tfrecord/byteQueue.ts', 'src/core/io/tfrecord/crc32c.ts'],
  async seeds() {
    const gz = readFileSync(join(shared, 'taxi-tfrecord/unlabelled/data_tfrecord-00000-of-00012.gz'));
    const raw = gunzipSync(gz);
    const few = Buffer.concat((await tfrecordPayloads()).slice(0, 3).map(frameTfRecord));
    return [gz, raw.subarray(0, 8192), few, deflateSync(few), gzipSync(few)];
  },
  dictionary: [Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0), Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f), Uint8Array.of(0x1f, 0x8b), Uint8Array.of(0x78, 0x9c)],
  async run(input, scratch) {
    const path = join(scratch, 'fuzz.tfrecord');
    writeFileSync(path, input);
    await accumulate(readTfRecordDataset([path]));
  },
};

const example: FuzzTarget = {
  name: 'example',
  sources: ['src/core/io/tfrecord/exampleDecoder.ts', 'src/core/io/tfrecord/protoWire.ts', 'src/core/io/tfrecord/exampleBatchBuilder.ts', 'src/core/io/tfrecord/featureColumnBuilder.ts', 'src/core/io/tfrecord/featureRegistry.ts'],
  seeds: tfrecordPayloads,
  // Field tags of Example → Features → map entry → Feature → {bytes,float,int64}_list, and big varints.
  dictionary: [Uint8Array.of(0x0a), Uint8Array.of(0x12), Uint8Array.of(0x1a), Uint8Array.of(0x22), Uint8Array.of(0x0d), Uint8Array.of(0x08), Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f), Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)],
  async run(input, scratch) {
    // Valid framing around a mutated payload, several times, so the decoder's state carries between examples.
    const path = join(scratch, 'fuzz-example.tfrecord');
    writeFileSync(path, Buffer.concat([frameTfRecord(input), frameTfRecord(input.subarray(0, input.length >> 1)), frameTfRecord(input)]));
    await accumulate(readTfRecordDataset([path]));
  },
};

const parquet: FuzzTarget = {
  name: 'parquet',
  sources: ['src/core/io/parquet/'],
  async seeds() {
    const n = 40;
    const ints = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : BigInt(i * 3 - 20)));
    const a = parquetWriteBuffer({
      columnData: [
        { name: 'i', type: 'INT64', data: ints },
        { name: 'f', type: 'DOUBLE', data: ints.map((v) => (v === null ? null : Number(v) / 4)) },
        { name: 's', type: 'STRING', data: ints.map((v) => (v === null ? null : `v${String(v)}`)) },
        { name: 'b', type: 'BOOLEAN', data: ints.map((v) => v !== null && v > 0n) },
        { name: 't', type: 'TIMESTAMP', data: ints.map((v) => (v === null ? null : new Date(Number(v) * 1000))) },
      ],
      rowGroupSize: 16,
    });
    const b = parquetWriteBuffer({ columnData: [{ name: 'x', type: 'INT32', data: Array.from({ length: n }, (_, i) => i), nullable: false }], rowGroupSize: 10 });
    return [new Uint8Array(a), new Uint8Array(b)];
  },
  dictionary: [...tokens('PAR1'), Uint8Array.of(0x15), Uint8Array.of(0x19, 0x1c), Uint8Array.of(0xff, 0xff, 0xff, 0x7f), Uint8Array.of(0, 0, 0, 0)],
  async run(input, scratch) {
    const path = join(scratch, 'fuzz.parquet');
    writeFileSync(path, input);
    await accumulate(readParquetDataset([path]));
  },
};

const textproto: FuzzTarget = {
  name: 'textproto',
  sources: ['src/core/proto/text/'],
  async seeds() {
    const schema = readFileSync(join(shared, 'tfdv-interop/schema.pbtxt'));
    const stats = decodeBinary(DatasetFeatureStatisticsListSchema, readFileSync(join(shared, 'tfdv-interop/eval_FeatureStats.pb')));
    const statsText = enc.encode(printText(stats));
    return [schema, statsText.subarray(0, statsText.indexOf(0x0a, 8192) + 1), enc.encode('feature { name: "a" type: INT int_domain { min: -1 max: 0x10 } }\n# c\nstring_domain [tensorflow.metadata.v0.x] < value: \'\\x41\\u00e9\\101\' >\n')];
  },
  dictionary: tokens('{', '}', '<', '>', ':', '"', "'", '\\', '\\x', '\\u', '#', '[', ']', 'feature', 'name', 'type', 'INT', 'FLOAT', '1e400', '-inf', 'nan', '0x', '-9223372036854775809', 'true', 'datasets', 'num_stats'),
  async run(input) {
    const text = lossy.decode(input);
    if (input.length % 2 === 0) parseText(SchemaSchema, text, 'fuzz.pbtxt');
    else parseText(DatasetFeatureStatisticsListSchema, text, 'fuzz.pbtxt');
  },
};

const statistics: FuzzTarget = {
  name: 'statistics',
  sources: ['src/core/proto/protoFiles.ts', 'src/core/proto/binaryFormat.ts', 'src/core/proto/jsonFormat.ts', 'src/core/proto/protoEncoding.ts', 'src/core/proto/tfrecordFrame.ts'],
  async seeds() {
    const binary = readFileSync(join(shared, 'tfdv-interop/train_FeatureStats.pb'));
    const stats = decodeBinary(DatasetFeatureStatisticsListSchema, binary);
    const json = enc.encode(toJsonText(stats));
    return [binary, json.subarray(0, 16384), gzipSync(binary), frameTfRecord(binary)];
  },
  dictionary: [...tokens('{', '}', '[', ']', '"', ':', ',', 'null', '1e999', '"NaN"', '"datasets"', '"numExamples"'), Uint8Array.of(0x0a), Uint8Array.of(0x12), Uint8Array.of(0x1f, 0x8b)],
  async run(input, scratch) {
    const path = join(scratch, ['fuzz.pb', 'fuzz.json', 'fuzz.pbtxt', 'fuzz.tfrecord'][input.length % 4]);
    writeFileSync(path, input);
    await readStatistics(path);
  },
};

const modelJson: FuzzTarget = {
  name: 'modelJson',
  sources: ['src/core/model/fileSystemIoHandler.ts', 'src/core/model/jsonWithPosition.ts'],
  async seeds() {
    return ['1', '2'].map((v) => readFileSync(join(fixtures, `models/taxi_model/${v}/model.json`)));
  },
  dictionary: tokens('{', '}', '[', ']', '"', ':', ',', 'null', '-1', '1e999', '"../../etc/passwd"', '"paths"', '"weights"', '"shape"', '"dtype"', '"float32"', '"int32"', '"string"', '"quantization"', '"weightsManifest"'),
  async run(input, scratch) {
    const dir = join(scratch, 'model');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'model.json'), input);
    copyFileSync(join(fixtures, 'models/taxi_model/1/group1-shard1of1.bin'), join(dir, 'group1-shard1of1.bin'));
    await loadModelArtifacts(dir);
  },
};

const featureSpec: FuzzTarget = {
  name: 'featureSpec',
  sources: ['src/core/model/featureSpec.ts', 'src/core/model/jsonWithPosition.ts'],
  async seeds() {
    return ['1', '2'].map((v) => readFileSync(join(fixtures, `models/taxi_model/${v}/feature_spec.json`)));
  },
  dictionary: tokens('{', '}', '[', ']', '"', ':', ',', 'null', '-1', '0', '1e999', '"numeric"', '"vocabulary"', '"one_hot"', '"bucketize"', '"binary"', '"regression"', '"multiclass"', '"mean"', '"std"', '"boundaries"'),
  async run(input) {
    const file = 'feature_spec.json';
    validateFeatureSpec(parseJsonWithPosition(lossy.decode(input), file, 'MODEL_SPEC_INVALID'), file);
  },
};

const filter: FuzzTarget = {
  name: 'filter',
  sources: ['src/core/io/rowFilter/filterParser.ts', 'src/core/io/rowFilter/filterEval.ts'],
  async seeds() {
    return [
      'fare > 100 and payment_type = "Cash" or tips >= 1.5e1',
      'not (company is missing) and `trip miles` in (1, 2.5, "x")',
      "company contains 'Taxi\\'s' or fare != -3 and tips is not missing",
      'a == 1 or not not b <= 0x10 and (c < "z" or d >= 1e308)',
    ].map((t) => enc.encode(t));
  },
  dictionary: tokens('(', ')', '"', "'", '`', '\\', ',', ' and ', ' or ', 'not ', ' is ', 'missing', ' in ', 'contains', '=', '==', '!=', '<=', '>=', '1e999', '-0', 'NaN', '\u00e9'),
  async run(input) {
    const expr = parseFilter(lossy.decode(input));
    const columns = filterColumns(expr);
    // Evaluate against a row holding text, a number and a missing cell, so the evaluator sees every kind.
    const cells = ['12.5', 'Cash', null, '', '-1e3'];
    let i = 0;
    const row = new Map([...columns].map((c) => [c, cells[i++ % cells.length]]));
    matchesFilter(expr, (c) => row.get(c));
  },
  // The filter's own error: a FilterSyntaxError naming a column inside the expression (or just past its end).
  ours: (err) => err instanceof FilterSyntaxError && Number.isInteger(err.column) && err.column >= 1,
};

const servingConfig: FuzzTarget = {
  name: 'servingConfig',
  sources: ['src/core/model/servingConfig.ts', 'src/core/proto/text/'],
  async seeds() {
    return [
      `# prod\nmodel_config_list {\n  config {\n    name: 'taxi_model'\n    base_path: '/models/taxi_model'\n    model_platform: 'tensorflow'\n    model_version_policy { specific { versions: 2 versions: 3 } }\n    version_labels { key: 'stable' value: 2 }\n    version_labels { key: 'canary' value: 3 }\n    logging_config { sampling_config { sampling_rate: 0.01 } }\n  }\n  config { name: "other" base_path: "/m/o" model_version_policy { latest { num_versions: 2 } } }\n}\n`,
      'model_config_list: { config: { name: "a", base_path: "/a", model_version_policy: { all: {} } } }',
      'custom_model_config { [type.googleapis.com/x] { } }',
    ].map((t) => enc.encode(t));
  },
  dictionary: tokens('{', '}', ':', '"', "'", '#', '\n', 'model_config_list', 'config', 'name', 'base_path', 'model_platform', 'model_version_policy', 'specific', 'versions', 'latest', 'num_versions', 'all', 'version_labels', 'key', 'value', 'stable', '-1', '18446744073709551616', 'custom_model_config'),
  async run(input) {
    const text = lossy.decode(input);
    const config = readServingConfig(text, 'models.config');
    const models = servingModels(config);
    for (const model of models) servedVersionNumbers(model, [1, 2, 3]);
    // A roll back edits the text; what it writes must read back (the property is on the printer too).
    const plan = planRollback(text, { modelName: models[0]?.name || 'taxi_model', basePath: '/models/taxi_model', toVersion: 1 });
    readServingConfig(plan.text, 'models.config');
  },
};

const onnx: FuzzTarget = {
  name: 'onnx',
  sources: ['src/core/model/onnx/onnxGraph.ts', 'src/core/model/onnx/treeEnsemble.ts'],
  async seeds() {
    const tree = [
      { feature: 0, threshold: 0.5, yes: 1, no: 2, value: 0 },
      { feature: 1, threshold: -1, yes: -1, no: -1, value: 0.25 },
      { feature: 0, threshold: 2, yes: -1, no: -1, value: -0.75 },
    ];
    return [
      logisticRegression([0.5, -1, 2], 0.1),
      mlp([0.1, 0.2, 0.3, 0.4], [0, 0], [1, -1], [0.5], 2),
      treeRegressor([tree, tree], 2, 1),
      treeClassifier([tree], 2, true),
      namedInputsClassifier(['Cash', 'Credit Card'], [1, -1, 0.5], 0.2),
    ];
  },
  // Protobuf field tags and wire types of ModelProto → GraphProto → NodeProto/AttributeProto, and big varints.
  dictionary: [Uint8Array.of(0x3a), Uint8Array.of(0x0a), Uint8Array.of(0x12), Uint8Array.of(0x1a), Uint8Array.of(0x22), Uint8Array.of(0x2a), Uint8Array.of(0x3a), Uint8Array.of(0x40), Uint8Array.of(0x08), Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f), ...tokens('ai.onnx.ml', 'TreeEnsembleRegressor', 'ZipMap', 'nodes_truenodeids', 'nodes_modes', 'LEAF', 'BRANCH_LEQ', 'probabilities')],
  async run(input) {
    // Our checks before onnxruntime sees the bytes (loadOnnx), and the tree reader TreeSHAP walks.
    const file = 'model.onnx';
    const { model, removed } = withoutZipMap(decodeOnnx(input, file));
    const info = graphInfo(model, removed);
    inputLayout(info, file);
    scoreOutput(info, file);
    if (model.graph!.node.some((n) => n.opType.startsWith('TreeEnsemble'))) {
      const ensemble = findTreeEnsemble(model, file);
      ensembleMargin(ensemble, [0.3, 7, Number.NaN], 0);
    }
  },
};

export const FUZZ_TARGETS: readonly FuzzTarget[] = [csv, csvBlocks, tfrecord, example, parquet, textproto, statistics, modelJson, featureSpec, filter, servingConfig, onnx];
