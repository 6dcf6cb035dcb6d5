/**
 * Trains the "big tipper" test models (label: tips > 20% of fare) on ../shared/data/taxi/train.csv and writes them
 * the way TF Serving lays out versions: <out>/1 and <out>/2, each with model.json, weights and feature_spec.json.
 *
 *   npx tsx scripts/trainTaxiModel.ts [--out test/fixtures/models/taxi_model] [--data ../shared/data/taxi/train.csv]
 *
 * Version 1 reads payment_type; version 2 does not. Cash fares almost never tip in this data, so version 2 is worse
 * on the payment_type=Cash slice: the case version comparison must find.
 *
 * Deterministic: cpu backend, seeded initialisers, fixed data order (no shuffling). The features go through the
 * engine's own FeatureTransform, the code that serves them (no training-serving skew).
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/core/model/backend.js';
import type { FeatureSpec } from '../src/core/model/featureSpec.js';
import { FEATURE_SPEC_FILE, writeFeatureSpec } from '../src/core/model/featureSpec.js';
import { summarizeRows } from '../src/core/model/featureSummary.js';
import { FeatureTransform } from '../src/core/model/featureTransform.js';
import { fileSystemIoHandler } from '../src/core/model/fileSystemIoHandler.js';
import { LabelReader } from '../src/core/model/labels.js';
import { deriveFeatureSpec } from '../src/core/model/specInit.js';
import type { RowBatch } from '../src/core/data/rowBatch.js';
import { readDataset, resolveDataset } from '../src/core/io/dataset.js';

export const TAXI_LABEL = 'tips > 0.2 * fare';
const ALL_FEATURES = ['trip_miles', 'trip_seconds', 'fare', 'trip_start_hour', 'payment_type', 'company'];

export interface TrainOptions {
  readonly data: string;
  readonly out: string;
  readonly epochs?: number;
}

export interface TrainedVersion {
  readonly version: number;
  readonly dir: string;
  readonly features: readonly string[];
  readonly trainAccuracy: number;
}

/** Dense rows and labels for a spec, through the serving transform; rows it cannot transform are dropped. */
function tensorsFor(spec: FeatureSpec, batches: readonly RowBatch[]): { x: Float32Array; y: Float32Array; rows: number } {
  const transform = new FeatureTransform(spec);
  const labels = new LabelReader(spec);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const batch of batches) {
    const input = new Float32Array(batch.rowCount * transform.width);
    const valid = new Uint8Array(batch.rowCount);
    const labelValues = new Float64Array(batch.rowCount);
    const labelValid = new Uint8Array(batch.rowCount);
    transform.transformBatch(batch, input, valid);
    labels.readBatch(batch, labelValues, labelValid);
    for (let r = 0; r < batch.rowCount; r++) {
      if (!valid[r] || !labelValid[r]) continue;
      for (let j = 0; j < transform.width; j++) xs.push(input[r * transform.width + j]!);
      ys.push(labelValues[r]!);
    }
  }
  return { x: Float32Array.from(xs), y: Float32Array.from(ys), rows: ys.length };
}

function buildModel(inputSize: number, seed: number): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [inputSize],
      units: 12,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      biasInitializer: 'zeros',
    }),
  );
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      biasInitializer: 'zeros',
    }),
  );
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

export async function trainTaxiModels(options: TrainOptions): Promise<TrainedVersion[]> {
  await selectBackend({ backend: 'cpu' });
  // 10,000 rows: small enough to hold, and read once for both the statistics and the two trainings.
  const batches: RowBatch[] = [];
  for await (const batch of readDataset(await resolveDataset([options.data]))) batches.push(batch);
  const summaries = await summarizeRows(async function* () {
    yield* batches;
  });
  const versions = [
    { version: 1, features: ALL_FEATURES },
    { version: 2, features: ALL_FEATURES.filter((f) => f !== 'payment_type') },
  ];
  const trained: TrainedVersion[] = [];
  for (const v of versions) {
    const spec = deriveFeatureSpec(summaries, {
      task: 'binary',
      label: { expression: TAXI_LABEL },
      features: v.features,
      kinds: { trip_start_hour: 'bucketize' },
      boundaries: { trip_start_hour: [6, 10, 16, 20] },
      vocabularySize: 10,
      minFrequency: 5,
    });
    const { x, y, rows } = tensorsFor(spec, batches);
    const width = new FeatureTransform(spec).width;
    const model = buildModel(width, 42);
    const xt = tf.tensor2d(x, [rows, width]);
    const yt = tf.tensor2d(y, [rows, 1]);
    const history = await model.fit(xt, yt, { epochs: options.epochs ?? 8, batchSize: 128, shuffle: false, verbose: 0 });
    xt.dispose();
    yt.dispose();
    const dir = path.join(options.out, String(v.version));
    await model.save(fileSystemIoHandler(dir));
    await writeFeatureSpec(path.join(dir, FEATURE_SPEC_FILE), spec);
    const acc = history.history.acc ?? history.history.accuracy ?? [];
    trained.push({ version: v.version, dir, features: v.features, trainAccuracy: Number(acc[acc.length - 1] ?? NaN) });
    model.dispose();
  }
  return trained;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const data = path.resolve(arg('--data', path.join(root, '../shared/data/taxi/train.csv')));
  const out = path.resolve(arg('--out', path.join(root, 'test/fixtures/models/taxi_model')));
  const started = performance.now();
  trainTaxiModels({ data, out }).then(
    (versions) => {
      for (const v of versions) console.log(`version ${v.version}: ${v.dir} (features: ${v.features.join(', ')}; train accuracy ${v.trainAccuracy.toFixed(4)})`);
      console.log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
