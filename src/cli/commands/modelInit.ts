/** `facetwise model init`: derive a feature spec (feature_spec.json) from a dataset's statistics. */
import { FacetwiseError } from '../../core/data/issues.js';
import type { ModelTask } from '../../core/model/featureSpec.js';
import { writeFeatureSpec } from '../../core/model/featureSpec.js';
import { summariesFromStatistics } from '../../core/model/featureSummary.js';
import { loadStatistics } from '../loadStatistics.js';
import { parseExpression } from '../../core/model/labelExpression.js';
import type { TransformKind } from '../../core/model/specInit.js';
import { deriveFeatureSpec } from '../../core/model/specInit.js';
import { deriveOnnxFeatureSpec } from '../../core/model/onnx/onnxSpecInit.js';
import { promises as fs } from 'node:fs';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { datasetOptionSpecs, datasetOptionsUsage, intOption, readOptionsFrom } from '../datasetArgs.js';
import { outputFormat, parseCommandArgs, table, writeJson } from '../modelArgs.js';

const usage = `Usage: facetwise model init <dataset|stats> --task <binary|multiclass|regression> [--label <expr>] [options]

Derives a feature spec — which columns a model reads and how each becomes part of its input tensor — from the
dataset: numeric features are standardised with their mean and standard deviation, string features looked up
in a vocabulary of their most frequent values (plus an out-of-vocabulary bucket). Training and every kind of
serving then use this one spec, so features cannot be transformed two ways.

Options:
  -o, --output <file>      Write the spec (e.g. taxi_model/1/feature_spec.json); default: print it
  --task <t>               binary, multiclass or regression (required)
  --label <expr>           Label expression over columns, e.g. 'tips > 0.2 * fare'
  --classes <a,b,...>      Class names (multiclass, in output order)
  --features <a,b,...>     Features to use, in order (default: every column the label does not read)
  --kind <feature=kind>    Force a transform: numeric, vocabulary, oneHot, bucketize (repeatable)
  --boundaries <f=1,2,3>   Bucket boundaries of a bucketized feature (repeatable)
  --vocabulary-size <n>    Largest vocabulary (default 100)
  --min-frequency <n>      Leave rarer values out of vocabularies (default 1)
  --oov-buckets <n>        Out-of-vocabulary buckets (default 1)
  --onnx <model.onnx>      Fit the spec to an ONNX model: named inputs pass through as they are (names from the
                           model; strings by vocabulary slot); a dense [batch, n] input must get n columns
  --unknown-string <s>     With --onnx: the string a named string input gets for a value outside its vocabulary
                           (default: such a value is an error)
  --format <json|text>     What is printed: the spec as JSON (default) or a summary table
${datasetOptionsUsage}

Exit codes: 0 ok, 1 the dataset could not be read, 2 usage error.`;

function pairs(list: readonly string[] | undefined, option: string): [string, string][] {
  return (list ?? []).map((item) => {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`--${option} takes feature=value, got '${item}'`);
    return [item.slice(0, at), item.slice(at + 1)];
  });
}

async function readOnnxFile(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    throw new FacetwiseError('MODEL_NOT_FOUND', `cannot read the ONNX model: ${(err as Error).message}`, { file });
  }
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...datasetOptionSpecs,
    output: { type: 'string', short: 'o' },
    task: { type: 'string' },
    label: { type: 'string' },
    classes: { type: 'string' },
    features: { type: 'string' },
    kind: { type: 'string', multiple: true },
    boundaries: { type: 'string', multiple: true },
    'vocabulary-size': { type: 'string' },
    'min-frequency': { type: 'string' },
    'oov-buckets': { type: 'string' },
    onnx: { type: 'string' },
    'unknown-string': { type: 'string' },
    format: { type: 'string' },
  });
  const format = outputFormat(values);
  if (positionals.length === 0) throw new UsageError('give a dataset');
  const task = values.task as ModelTask | undefined;
  if (task !== 'binary' && task !== 'multiclass' && task !== 'regression') throw new UsageError('--task must be binary, multiclass or regression');
  const kinds = Object.fromEntries(
    pairs(values.kind, 'kind').map(([f, k]) => {
      if (!['numeric', 'vocabulary', 'oneHot', 'bucketize'].includes(k)) throw new UsageError(`--kind ${f}=${k}: kind must be numeric, vocabulary, oneHot or bucketize`);
      return [f, k as TransformKind];
    }),
  );
  const boundaries = Object.fromEntries(
    pairs(values.boundaries, 'boundaries').map(([f, list]) => {
      const b = list.split(',').map(Number);
      if (b.some((x) => !Number.isFinite(x))) throw new UsageError(`--boundaries ${f}: give numbers separated by commas`);
      return [f, b];
    }),
  );
  if (values.label !== undefined) {
    try {
      parseExpression(values.label);
    } catch (err) {
      throw new UsageError(`--label: ${(err as Error).message}`);
    }
  }
  const vocabularySize = intOption('vocabulary-size', values['vocabulary-size'], 1);
  const minFrequency = intOption('min-frequency', values['min-frequency'], 1);
  const oovBuckets = intOption('oov-buckets', values['oov-buckets'], 1, 1_000_000);
  if (positionals.length > 1) throw new UsageError('give one dataset (a file, a folder of shards, or a statistics file)');
  // The statistics engine, so a statistics file TFDV computed on Beam works as well as data.
  const statistics = await loadStatistics(
    positionals[0],
    { read: readOptionsFrom(values), stats: { numTopValues: Math.max(vocabularySize ?? 100, 20) }, workers: intOption('workers', values.workers, 0, 64) },
    io,
  );
  const summaries = summariesFromStatistics(statistics);
  if (statistics.numExamples === 0n || summaries.length === 0) throw new FacetwiseError('MODEL_SPEC_INIT', 'the dataset has no rows', { file: positionals[0] });
  let spec;
  const onnxBytes = values.onnx !== undefined ? await readOnnxFile(values.onnx) : undefined;
  try {
    const derive = onnxBytes
      ? (sums: typeof summaries, o: Parameters<typeof deriveFeatureSpec>[1]) =>
          deriveOnnxFeatureSpec(onnxBytes, values.onnx!, sums, { ...o, ...(values['unknown-string'] !== undefined ? { unknownString: values['unknown-string'] } : {}) })
      : deriveFeatureSpec;
    spec = derive(summaries, {
      task,
      ...(values.label !== undefined ? { label: { expression: values.label, ...(values.classes ? { classes: values.classes.split(',') } : {}) } } : {}),
      ...(values.features ? { features: values.features.split(',').map((f) => f.trim()) } : {}),
      kinds,
      boundaries,
      ...(vocabularySize !== undefined ? { vocabularySize } : {}),
      ...(minFrequency !== undefined ? { minFrequency } : {}),
      ...(oovBuckets !== undefined ? { oovBuckets } : {}),
    });
  } catch (err) {
    // A label expression or a feature choice the user typed: a usage problem, not unreadable input.
    if (err instanceof FacetwiseError && (err.code === 'MODEL_SPEC_INVALID' || err.code === 'MODEL_SPEC_INIT')) throw new UsageError(err.message);
    throw err;
  }
  if (values.output) {
    await writeFeatureSpec(values.output, spec);
    io.stderr.write(`facetwise model init: wrote ${values.output} (${spec.features.length} features)\n`);
  }
  if (format === 'json') {
    if (!values.output) writeJson(io, spec);
    else writeJson(io, { output: values.output, features: spec.features.length, task: spec.task });
  } else {
    io.stdout.write(
      table(
        ['feature', 'transform', 'detail'],
        spec.features.map((f) => {
          const t = f.transform;
          const detail =
            t.kind === 'numeric'
              ? `mean ${t.mean.toPrecision(6)}, std ${t.stdDev.toPrecision(6)}`
              : t.kind === 'vocabulary'
                ? `${t.vocabulary.length} values + ${t.oovBuckets} OOV`
                : t.kind === 'oneHot'
                  ? `${t.values.length} values`
                  : `boundaries ${t.boundaries.join(', ')}`;
          return [f.name, t.kind, detail];
        }),
      ) + (spec.label ? `label (${spec.task}): ${spec.label.expression}\n` : `task: ${spec.task} (no label)\n`),
    );
  }
  return ExitCode.ok;
}

export const modelInitCommand: CliCommand = {
  name: 'model init',
  summary: 'Derive a feature spec (feature_spec.json) from a dataset',
  usage,
  run,
};
