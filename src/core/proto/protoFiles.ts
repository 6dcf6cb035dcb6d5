/**
 * Reading and writing TFDV's files: statistics (DatasetFeatureStatisticsList), schema and anomalies, in any of
 * the encodings TFDV and TFX use — binary, text format, JSON, or a TFRecord holding one binary record (TFX
 * StatisticsGen's `FeatureStats.pb`), optionally GZIP-compressed when reading.
 *
 * Writes are atomic (temporary file + rename) and refuse to replace a dataset: a path with a data extension
 * (`.csv`, `.tfrecord.gz`…) or an existing file that holds TFRecord or GZIP data, unless TFRecord framing was
 * asked for explicitly.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { FacetwiseError } from '../data/issues.js';
import { throwIfAborted } from '../data/job.js';
import { writeFileAtomic } from './atomicWrite.js';
import { decodeBinary, encodeBinary } from './binaryFormat.js';
import { lengthDelimitedHeader } from './chunkedBinary.js';
import type { EncodedMessage } from './chunkedBinary.js';
import { AnomaliesSchema } from './gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Anomalies } from './gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { SchemaSchema } from './gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { Schema } from './gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetFeatureStatisticsListSchema } from './gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { DatasetFeatureStatisticsList } from './gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseJsonText, toJsonText } from './jsonFormat.js';
import { detectEncoding, encodingFromExtension } from './protoEncoding.js';
import type { ProtoEncoding } from './protoEncoding.js';
import { parseTextMessage } from './text/textParser.js';
import { printTextMessage } from './text/textPrinter.js';
import { frameTfRecord, hasTfRecordHeader, readSingleTfRecord } from './tfrecordFrame.js';

export interface ReadProtoOptions {
  readonly signal?: AbortSignal;
  /** Skip detection and read this encoding. */
  readonly encoding?: ProtoEncoding;
  /** Text and JSON: reject fields the message type does not define (default: keep / ignore them). */
  readonly strict?: boolean;
}

export interface WriteProtoOptions {
  readonly signal?: AbortSignal;
  /**
   * Override the encoding the extension implies. `tfrecord` writes one binary record (StatisticsGen's
   * `FeatureStats.pb`); it is never chosen from the extension, and is needed to replace an existing TFRecord file.
   */
  readonly encoding?: ProtoEncoding;
  /** Text format: keep non-ASCII characters instead of octal escapes (TFDV escapes). */
  readonly asUtf8?: boolean;
}

/** Extensions of datasets: never written over by a stats/schema/anomalies writer. */
const DATA_EXTENSIONS = /\.(csv|tsv|tfrecords?|gz|gzip|zlib|zz|parquet|avro|arrow|feather|jsonl|ndjson|npy|npz|h5|hdf5)$/i;

export async function readProtoFile<Desc extends DescMessage>(
  schema: Desc,
  path: string,
  options: ReadProtoOptions = {},
): Promise<MessageShape<Desc>> {
  throwIfAborted(options.signal);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path, options.signal ? { signal: options.signal } : {});
  } catch (e) {
    if (options.signal?.aborted) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(e)})`;
    throw new FacetwiseError('PROTO_FILE_UNREADABLE', why, { file: path });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new FacetwiseError('PROTO_GZIP_INVALID', `corrupt GZIP data: ${e instanceof Error ? e.message : String(e)}`, { file: path });
    }
  }
  const encoding = options.encoding ?? detectEncoding(bytes, path);
  throwIfAborted(options.signal);
  return decodeAs(schema, bytes, encoding, path, options.strict ?? false);
}

function decodeAs<Desc extends DescMessage>(
  schema: Desc,
  bytes: Uint8Array,
  encoding: ProtoEncoding,
  path: string,
  strict: boolean,
): MessageShape<Desc> {
  switch (encoding) {
    case 'binary':
      return decodeBinary(schema, bytes, path);
    case 'tfrecord':
      return decodeBinary(schema, readSingleTfRecord(bytes, path), path);
    case 'text':
      return parseTextMessage(schema, decodeUtf8(bytes, path), path, { strict });
    case 'json':
      return parseJsonText(schema, decodeUtf8(bytes, path), path, { strict });
  }
}

function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FacetwiseError('PROTO_TEXT_INVALID_UTF8', 'the file is not UTF-8 text', { file: path });
  }
}

export async function writeProtoFile<Desc extends DescMessage>(
  schema: Desc,
  path: string,
  message: MessageShape<Desc>,
  defaultEncoding: ProtoEncoding,
  options: WriteProtoOptions = {},
): Promise<void> {
  const encoding = writeEncodingOf(path, defaultEncoding, options);
  await refuseDataFile(path, options.encoding === 'tfrecord');
  let data: Uint8Array | string;
  switch (encoding) {
    case 'binary':
      data = encodeBinary(message);
      break;
    case 'tfrecord':
      data = frameTfRecord(encodeBinary(message));
      break;
    case 'text':
      data = printTextMessage(schema, message, { asUtf8: options.asUtf8 ?? false });
      break;
    case 'json':
      data = toJsonText(message);
      break;
  }
  await writeOrExplain(path, data, options.signal);
}

/** The encoding a write to `path` uses: the one asked for, else the extension's, else `defaultEncoding`. */
function writeEncodingOf(path: string, defaultEncoding: ProtoEncoding, options: WriteProtoOptions): ProtoEncoding {
  // `.tfrecord` names a dataset: TFRecord framing is written only when asked for explicitly.
  const byExtension = encodingFromExtension(path);
  return options.encoding ?? (byExtension === 'tfrecord' ? undefined : byExtension) ?? defaultEncoding;
}

async function writeOrExplain(path: string, data: Uint8Array | string | Iterable<Uint8Array>, signal: AbortSignal | undefined): Promise<void> {
  try {
    await writeFileAtomic(path, data, signal);
  } catch (e) {
    if (signal?.aborted || e instanceof FacetwiseError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(e));
    throw new FacetwiseError('PROTO_FILE_UNWRITABLE', `cannot be written: ${why}`, { file: path });
  }
}

/** Throws unless `path` is safe to (over)write with a stats/schema/anomalies file. */
async function refuseDataFile(path: string, tfrecordRequested: boolean): Promise<void> {
  const tfrecordName = /\.tfrecords?$/i.test(path);
  if (DATA_EXTENSIONS.test(path) && !(tfrecordName && tfrecordRequested)) {
    throw new FacetwiseError('PROTO_WRITE_REFUSED', 'refusing to write over what is named like a dataset file', { file: path });
  }
  let head = new Uint8Array(16);
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new FacetwiseError('PROTO_WRITE_REFUSED', 'the target exists and is not a regular file', { file: path });
    const fd = await open(path, 'r');
    try {
      const { bytesRead } = await fd.read(head, 0, head.length, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await fd.close();
    }
  } catch (e) {
    if (e instanceof FacetwiseError) throw e;
    return; // no file there yet
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (gzip || (hasTfRecordHeader(head) && !tfrecordRequested)) {
    throw new FacetwiseError(
      'PROTO_WRITE_REFUSED',
      'refusing to replace a file that holds TFRecord or GZIP data (it may be a dataset); pass encoding "tfrecord" to rewrite a TFRecord statistics file',
      { file: path },
    );
  }
}

export function readStatistics(path: string, options?: ReadProtoOptions): Promise<DatasetFeatureStatisticsList> {
  return readProtoFile(DatasetFeatureStatisticsListSchema, path, options);
}

/** By extension: `.pb`/`.bin` binary, `.pbtxt`/`.txt` text, `.json` JSON; otherwise binary (TFDV's default). */
export function writeStatistics(path: string, list: DatasetFeatureStatisticsList, options?: WriteProtoOptions): Promise<void> {
  return writeProtoFile(DatasetFeatureStatisticsListSchema, path, list, 'binary', options);
}

/** The encoding writeStatistics(path, …, options) writes. */
export function statisticsWriteEncoding(path: string, options: WriteProtoOptions = {}): ProtoEncoding {
  return writeEncodingOf(path, 'binary', options);
}

/**
 * Writes a DatasetFeatureStatisticsList whose datasets are already encoded (binary, each in pieces: e.g.
 * DatasetAccumulator.finishBinary), as writeStatistics writes it in binary, byte for byte, without building it.
 */
export async function writeEncodedStatistics(path: string, datasets: ReadonlyArray<EncodedMessage>, options: Pick<WriteProtoOptions, 'signal'> = {}): Promise<void> {
  await refuseDataFile(path, false);
  await writeOrExplain(path, encodedListPieces(datasets), options.signal);
}

function* encodedListPieces(datasets: ReadonlyArray<EncodedMessage>): Generator<Uint8Array, void, undefined> {
  for (const d of datasets) {
    // DatasetFeatureStatisticsList.datasets is field 1.
    yield lengthDelimitedHeader(1, (d.spill?.byteLength ?? 0) + d.chunks.reduce((n, c) => n + c.length, 0));
    if (d.spill) yield* d.spill.pieces();
    yield* d.chunks;
  }
}

export function readSchema(path: string, options?: ReadProtoOptions): Promise<Schema> {
  return readProtoFile(SchemaSchema, path, options);
}

/** Text format unless the extension says otherwise (what TFDV's `write_schema_text` writes). */
export function writeSchema(path: string, schema: Schema, options?: WriteProtoOptions): Promise<void> {
  return writeProtoFile(SchemaSchema, path, schema, 'text', options);
}

export function readAnomalies(path: string, options?: ReadProtoOptions): Promise<Anomalies> {
  return readProtoFile(AnomaliesSchema, path, options);
}

/** Text format unless the extension says otherwise (what TFDV's `write_anomalies_text` writes). */
export function writeAnomalies(path: string, anomalies: Anomalies, options?: WriteProtoOptions): Promise<void> {
  return writeProtoFile(AnomaliesSchema, path, anomalies, 'text', options);
}
