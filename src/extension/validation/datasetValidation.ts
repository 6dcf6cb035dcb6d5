/**
 * Validating one dataset end to end, the way the Validate Dataset command and the overview's Validate button do
 * it: statistics (on workers, cached), the schema found beside the data or inferred from the statistics, TFDV's
 * validate_statistics, then — only when an anomaly can be traced to rows — row-level validation on a worker,
 * and finally the diagnostics as plain data. No `vscode` import: tests run it in Node with a built worker.
 */
import { stat } from 'node:fs/promises';
import { toBinary } from '@bufbuild/protobuf';
import type { DataIssue } from '../../core/data/issues.js';
import { FacetwiseError } from '../../core/data/issues.js';
import type { DatasetInfo } from '../../core/io/dataset.js';
import type { Anomalies } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Schema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { SchemaSchema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { readSchema } from '../../core/proto/protoFiles.js';
import { inferSchema } from '../../core/schema/inferSchema.js';
import { validateStatistics } from '../../core/validate/validateStatistics.js';
import type { CsvHeaderResult, ValidateExamplesResult } from '../../protocol/worker/workerProtocol.js';
import type { FacetwiseConfig } from '../configValues.js';
import { validationSettingsOf } from './validationSettings.js';
import type { DatasetKind } from '../datasetKinds.js';
import { datasetKindOf, isDelimitedKind } from '../datasetKinds.js';
import type { DatasetLayout, DiagnosticData } from './diagnostics/anomalyDiagnostics.js';
import { diagnosticsForValidation, needsRowValidation } from './diagnostics/anomalyDiagnostics.js';
import { headerCellSpans } from './diagnostics/headerCells.js';
import type { TextSpan } from './diagnostics/textSpans.js';
import { DOCUMENT_START, shiftSpan } from './diagnostics/textSpans.js';
import type { Engine } from '../engineClient.js';
import type { DatasetLocation } from '../schema/schemaLocator.js';
import { findSchema, schemaSavePath } from '../schema/schemaLocator.js';
import type { CachedStatistics, StatisticsCache } from '../statisticsCache.js';
import type { ColumnOverlap } from '../schema/columnOverlap.js';
import { columnOverlap } from '../schema/columnOverlap.js';
import type { SchemaPairing } from '../schema/schemaChoice.js';
import { schemaLabel } from '../schema/schemaChoice.js';

export interface ValidationServices {
  readonly engine: Engine;
  readonly cache: StatisticsCache;
}

export interface DatasetJobOptions {
  readonly workspaceFolder?: string;
  readonly signal?: AbortSignal;
  /** Overall progress in [0, 1] with a short text. */
  readonly onProgress?: (fraction: number, message: string) => void;
}

export interface ValidateOptions extends DatasetJobOptions {
  readonly config: FacetwiseConfig;
  /** The environment to validate in, instead of the configured one (e.g. after a "not in SERVING" fix). */
  readonly environment?: string;
  /**
   * The schema to validate against (what schema/schemaResolver.ts decided). Without it: the schema file found
   * where facetwise.schemaPath says, else one inferred from the dataset itself.
   */
  readonly schema?: SchemaPairing;
  /**
   * Asked when the dataset shares fewer than half of the columns involved with the schema (never for a schema
   * inferred from the dataset itself); false stops the validation with a SchemaDeclinedError.
   */
  readonly confirmOverlap?: (overlap: ColumnOverlap, schemaName: string) => Promise<boolean>;
}

/** The user declined to validate against a schema that shares too few columns with the data. */
export class SchemaDeclinedError extends Error {
  constructor() {
    super('Validation stopped: the schema shares too few columns with the data.');
    this.name = 'SchemaDeclinedError';
  }
}

/** The top-level column names statistics describe (a feature named by path: its first step). */
function columnNamesOf(statistics: DatasetFeatureStatistics): string[] {
  return statistics.features.map((f) => (f.fieldId.case === 'name' ? f.fieldId.value : f.fieldId.case === 'path' ? (f.fieldId.value.step[0] ?? '') : '')).filter((n) => n !== '');
}

/** A dataset as the extension holds it: where it is, what it is, its files. */
export interface OpenedDataset {
  readonly location: DatasetLocation;
  readonly kind: DatasetKind;
  readonly info: DatasetInfo;
}

export interface DatasetStatistics extends OpenedDataset, CachedStatistics {}

export interface ValidationOutcome extends DatasetStatistics {
  readonly statistics: DatasetFeatureStatistics;
  readonly schema: Schema;
  /** The schema file read; undefined when the schema was inferred (from these statistics or `schemaFrom`'s). */
  readonly schemaPath: string | undefined;
  /** The other dataset the schema was inferred from (a training split); undefined otherwise. */
  readonly schemaFrom: string | undefined;
  /** What the result says about the schema: "schema.pbtxt", "a schema inferred from train.csv". */
  readonly schemaLabel: string;
  /** Where an inferred schema would be saved. */
  readonly savePath: string;
  /** The environment validated in (undefined: none). */
  readonly environment: string | undefined;
  /** Undefined when validation could not run (the environment is not in the schema). */
  readonly anomalies: Anomalies | undefined;
  readonly examples: ValidateExamplesResult | undefined;
  readonly header: CsvHeaderResult | undefined;
  readonly layout: DatasetLayout;
  readonly diagnostics: readonly DiagnosticData[];
}

/** Where statistics end and row validation starts on the progress bar. */
const STATS_SHARE = 0.6;

/** Checks what `path` is and expands it into files. */
export async function openDataset(path: string, engine: Engine, workspaceFolder?: string, signal?: AbortSignal): Promise<OpenedDataset> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new FacetwiseError('INPUT_NOT_FOUND', 'No such file or folder.', { file: path });
  const kind = datasetKindOf(path, info.isDirectory());
  if (!kind) {
    throw new FacetwiseError('NOT_A_DATASET', 'Facetwise reads CSV/TSV files, TFRecord files (.tfrecord, .gz), Parquet files and folders of shards.', { file: path });
  }
  const dataset = await engine.resolveDataset([path], { signal });
  return {
    location: { path, isFolder: info.isDirectory(), ...(workspaceFolder !== undefined ? { workspaceFolder } : {}) },
    kind,
    info: dataset,
  };
}

/** Statistics of a dataset (cached while its files do not change). */
export async function datasetStatistics(path: string, services: ValidationServices, options: DatasetJobOptions = {}, share = 1): Promise<DatasetStatistics> {
  const opened = await openDataset(path, services.engine, options.workspaceFolder, options.signal);
  return openedDatasetStatistics(opened, services, options, share);
}

/** The cached statistics of an opened dataset when still valid, else undefined (nothing is read). */
export async function cachedDatasetStatistics(opened: OpenedDataset, services: ValidationServices): Promise<DatasetStatistics | undefined> {
  const cached = await services.cache.peek(opened.info);
  return cached ? { ...opened, ...cached } : undefined;
}

/** Statistics of a dataset already opened with openDataset (cached while its files do not change). */
export async function openedDatasetStatistics(opened: OpenedDataset, services: ValidationServices, options: DatasetJobOptions = {}, share = 1): Promise<DatasetStatistics> {
  const { info } = opened;
  options.onProgress?.(0, `Computing statistics of ${info.name}`);
  const cached = await services.cache.get(info, async () => {
    const issues: DataIssue[] = [];
    const result = await services.engine.statistics(info, {
      signal: options.signal,
      onIssue: (issue) => issues.push(issue),
      onProgress: (p) => {
        if (p.total) options.onProgress?.((share * p.done) / p.total, `Computing statistics of ${info.name}`);
      },
    });
    return { result, issues };
  });
  options.onProgress?.(share, `Statistics of ${info.name} done`);
  return { ...opened, ...cached };
}

/** Header cells of a delimited dataset, or the TFRecord layout. */
export function layoutOf(dataset: OpenedDataset, header: CsvHeaderResult | undefined): DatasetLayout {
  if (header) {
    let cells = new Map<string, TextSpan>();
    if (header.hasHeaderRow) {
      cells = new Map([...headerCellSpans(header.headerText, header.delimiter, header.columnNames, header.quote)].map(([k, v]) => [k, shiftSpan(v, header.headerLine)]));
    }
    return { kind: 'delimited', file: dataset.info.shards[0] as string, delimiter: header.delimiter, quote: header.quote, columns: header.columnNames, headerCells: cells };
  }
  return { kind: 'tfrecord', target: dataset.location.path, shards: dataset.info.shards };
}

export async function validateDataset(path: string, services: ValidationServices, options: ValidateOptions): Promise<ValidationOutcome> {
  const { config, signal } = options;
  const dataset = await datasetStatistics(path, services, options, STATS_SHARE);
  const header = isDelimitedKind(dataset.kind) ? await services.engine.csvHeader({ file: dataset.info.shards[0] as string }, { signal }) : undefined;
  const statistics = dataset.result.statistics;

  const pairing: SchemaPairing = options.schema ?? (await findSchema(dataset.location, config.schemaPath).then((p): SchemaPairing => (p ? { kind: 'file', path: p } : { kind: 'self' })));
  const schemaPath = pairing.kind === 'file' ? pairing.path : undefined;
  const schemaFrom = pairing.kind === 'inferFrom' ? pairing.path : undefined;
  const savePath = schemaSavePath(dataset.location, config.schemaPath);
  const inferOptions = { maxStringDomainSize: config.maxStringDomainSize, inferRanges: config.inferNumericRanges };
  let schema: Schema;
  if (schemaPath !== undefined) {
    schema = await readSchema(schemaPath, { signal });
  } else if (schemaFrom !== undefined) {
    const training = await datasetStatistics(schemaFrom, services, {
      ...(options.workspaceFolder !== undefined ? { workspaceFolder: options.workspaceFolder } : {}),
      ...(signal ? { signal } : {}),
      onProgress: (_, message) => options.onProgress?.(STATS_SHARE, message),
    });
    schema = inferSchema(training.result.statistics, inferOptions);
  } else {
    schema = inferSchema(statistics, inferOptions);
  }
  const label = schemaLabel(pairing, path);
  if (pairing.kind !== 'self' && options.confirmOverlap) {
    const overlap = columnOverlap(columnNamesOf(statistics), schema.feature.map((f) => f.name));
    if (overlap.tooFew && !(await options.confirmOverlap(overlap, label))) throw new SchemaDeclinedError();
  }

  // An inferred schema has no environments: the data it came from is validated as it is.
  const wanted = options.environment ?? config.environment;
  const environment = schemaPath ? wanted : undefined;
  const extra: DiagnosticData[] = [];
  let anomalies: Anomalies | undefined;
  if (environment !== undefined && !schema.defaultEnvironment.includes(environment)) {
    const known = schema.defaultEnvironment.length > 0 ? ` (it has ${schema.defaultEnvironment.join(', ')})` : ' (it defines none)';
    extra.push({
      file: schemaPath ?? path,
      span: DOCUMENT_START,
      severity: 'error',
      message: `Environment ${environment} is not among the schema's default_environment${known}; set facetwise.environment to one of them, or add it to the schema.`,
      code: 'ENVIRONMENT_NOT_IN_SCHEMA',
    });
  } else {
    const { unknownTypes, ...validationOptions } = validationSettingsOf(config);
    for (const name of unknownTypes) {
      extra.push({
        file: schemaPath ?? path,
        span: DOCUMENT_START,
        severity: 'warning',
        message: `facetwise.severityOverrides names ${name}, which is not an anomaly type (see AnomalyInfo.Type in anomalies.proto); it is ignored.`,
        code: 'UNKNOWN_ANOMALY_TYPE',
      });
    }
    anomalies = validateStatistics(statistics, schema, { ...(environment !== undefined ? { environment } : {}), ...validationOptions });
  }

  let examples: ValidateExamplesResult | undefined;
  if (anomalies && needsRowValidation(anomalies) && config.examplesPerAnomaly > 0) {
    options.onProgress?.(STATS_SHARE, `Finding the rows behind the anomalies of ${dataset.info.name}`);
    examples = await services.engine.validateExamples(
      {
        dataset: dataset.info,
        schema: toBinary(SchemaSchema, schema),
        samplesPerReason: config.examplesPerAnomaly,
        withLineTexts: header !== undefined,
        ...(header ? { delimiter: header.delimiter } : {}),
        ...(environment !== undefined ? { environment } : {}),
      },
      {
        signal,
        onProgress: (p) => {
          if (p.total) options.onProgress?.(STATS_SHARE + ((1 - STATS_SHARE) * p.done) / p.total, `Finding the rows behind the anomalies of ${dataset.info.name}`);
        },
      },
    );
  }
  options.onProgress?.(1, `Validated ${dataset.info.name}`);

  const layout = layoutOf(dataset, header);
  const diagnostics = diagnosticsForValidation({
    layout,
    anomalies,
    ...(examples ? { examples, lineTexts: new Map(examples.lineTexts) } : {}),
    issues: dataset.issues,
    ...(schemaPath ? { fixContext: { statistics, schema, environment: wanted ?? 'SERVING' } } : {}),
    extra,
  });
  return { ...dataset, statistics, schema, schemaPath, schemaFrom, schemaLabel: label, savePath, environment, anomalies, examples, header, layout, diagnostics };
}
