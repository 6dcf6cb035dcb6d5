/**
 * Streams the raw records of one TFRecord file (optionally GZIP/ZLIB-compressed), checking the framing
 *
 *   uint64 length (LE) | uint32 masked crc32c(length bytes) | data[length] | uint32 masked crc32c(data)
 *
 * Nothing is loaded whole: the file is read and decompressed in chunks. Problems become DataIssues: a bad data
 * checksum skips that record; a bad length checksum, an absurd length, a truncated file or a corrupt
 * compressed stream ends the file (there is no way to find the next record boundary).
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import type { DataIssue } from '../../data/issues.js';
import { FacetwiseError } from '../../data/issues.js';
import type { JobOptions } from '../../data/job.js';
import { throwIfAborted } from '../../data/job.js';
import { ByteQueue } from './byteQueue.js';
import type { TfRecordCompression } from './compression.js';
import { createDecompressor, detectCompression } from './compression.js';
import { maskedCrc32c } from './crc32c.js';

export interface TfRecord {
  /** The record's bytes. May be a view into a larger buffer; it is never overwritten, so it may be kept. */
  readonly payload: Uint8Array;
  /** 0-based index of the record in the file, counting records skipped for a bad checksum. */
  readonly index: number;
  /** Byte offset of the record's header in the (decompressed) file. */
  readonly offset: number;
}

export interface TfRecordReadOptions {
  /** 'auto' (default) looks at the first bytes; see detectCompression. */
  readonly compression?: 'auto' | TfRecordCompression;
  /** Check both CRCs of every record (default true). Off saves ~10% of the time and loses corruption checks. */
  readonly verifyCrc?: boolean;
  /** Receives every problem found; without it problems are silently skipped. */
  readonly onIssue?: (issue: DataIssue) => void;
  /** Lengths at or above this are taken as corruption (default 2 GiB). */
  readonly maxRecordBytes?: number;
}

const HEADER_BYTES = 12;
const FOOTER_BYTES = 4;
const DEFAULT_MAX_RECORD_BYTES = 2 ** 31;
const READ_CHUNK_BYTES = 1 << 20;
const INFLATE_CHUNK_BYTES = 256 * 1024;

/**
 * The records of `path`, in order. Throws FacetwiseError only if the file cannot be opened; everything wrong
 * inside it is reported through `onIssue`. Progress is in bytes of the file as stored (compressed).
 */
export async function* readTfRecords(
  path: string,
  options: TfRecordReadOptions & JobOptions = {},
): AsyncGenerator<TfRecord, void, undefined> {
  for await (const group of readTfRecordGroups(path, options)) {
    for (const record of group) {
      yield record;
      throwIfAborted(options.signal); // the consumer may have cancelled while it held the record
    }
  }
}

/**
 * readTfRecords in groups: all records completed by one chunk of input, so a consumer with a tight per-record
 * loop pays the cost of an async step per chunk, not per record. Groups are never empty.
 */
export async function* readTfRecordGroups(
  path: string,
  options: TfRecordReadOptions & JobOptions = {},
): AsyncGenerator<TfRecord[], void, undefined> {
  const { signal, onProgress, onIssue } = options;
  const verifyCrc = options.verifyCrc ?? true;
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  throwIfAborted(signal);

  const handle = await openFile(path);
  let size: number;
  let compression: TfRecordCompression;
  try {
    size = (await handle.stat()).size;
    compression = options.compression === undefined || options.compression === 'auto'
      ? detectCompression(await readHead(handle))
      : options.compression;
  } catch (err) {
    await handle.close();
    throw new FacetwiseError('FILE_UNREADABLE', `Cannot read the file: ${errorMessage(err)}`, { file: path });
  }

  const file = handle.createReadStream({ start: 0, highWaterMark: READ_CHUNK_BYTES });
  const decompressor = createDecompressor(compression, INFLATE_CHUNK_BYTES);
  // pipeline() propagates an error or early close of either stream to the other (and closes the file).
  const source: Readable = decompressor === undefined ? file : pipeline(file, decompressor, () => {});
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;

  const message = basename(path);
  const report = (code: string, text: string, record: number, offset: number): void => {
    onIssue?.({ code, severity: 'error', message: text, position: { file: path, record, offset } });
  };
  let reportedBytes = -1;
  const progress = (): void => {
    if (onProgress === undefined || file.bytesRead === reportedBytes) return;
    reportedBytes = file.bytesRead;
    onProgress({ done: reportedBytes, total: size, unit: 'bytes', message });
  };

  const queue = new ByteQueue();
  let index = 0;
  /** Decompressed offset of the record being assembled. */
  let offset = 0;
  /** Data length of that record once its header is read, -1 while waiting for the header. */
  let dataLength = -1;

  try {
    for (;;) {
      let step: IteratorResult<Buffer>;
      try {
        step = await chunks.next();
      } catch (err) {
        throwIfAborted(signal);
        if (isZlibError(err)) {
          report(
            'TFRECORD_DECOMPRESSION_ERROR',
            `The ${compression} stream is corrupt or truncated (${errorMessage(err)}) at record ${index}; ` +
              'the rest of the file is skipped.',
            index,
            offset,
          );
        } else {
          report('TFRECORD_READ_ERROR', `Reading failed (${errorMessage(err)}); the rest of the file is skipped.`, index, offset);
        }
        return;
      }
      if (step.done) break;
      throwIfAborted(signal);
      queue.push(step.value);

      let group: TfRecord[] = [];
      for (;;) {
        if (dataLength < 0) {
          if (queue.length < HEADER_BYTES) break;
          const header = queue.take(HEADER_BYTES);
          const low = header.readUInt32LE(0);
          const high = header.readUInt32LE(4);
          if (verifyCrc) {
            const stored = header.readUInt32LE(8);
            const computed = maskedCrc32c(header.subarray(0, 8));
            if (stored !== computed) {
              if (group.length > 0) yield group; // keep issues and records in file order
              report(
                'TFRECORD_LENGTH_CRC_MISMATCH',
                `The length field of record ${index} fails its checksum (stored ${hex(stored)}, computed ` +
                  `${hex(computed)}): the file is corrupt or not a TFRecord file; the rest of it is skipped.`,
                index,
                offset,
              );
              return;
            }
          }
          const length = high * 4294967296 + low;
          if (length >= maxRecordBytes) {
            if (group.length > 0) yield group;
            report(
              'TFRECORD_RECORD_TOO_LARGE',
              `Record ${index} claims ${length} bytes, over the ${maxRecordBytes}-byte limit: the file is corrupt ` +
                'or not a TFRecord file; the rest of it is skipped.',
              index,
              offset,
            );
            return;
          }
          dataLength = length;
        }
        if (queue.length < dataLength + FOOTER_BYTES) break;
        const payload = queue.take(dataLength);
        const stored = queue.take(FOOTER_BYTES).readUInt32LE(0);
        const record: TfRecord = { payload, index, offset };
        const recordBytes = HEADER_BYTES + dataLength + FOOTER_BYTES;
        dataLength = -1;
        index++;
        offset += recordBytes;
        if (verifyCrc && maskedCrc32c(payload) !== stored) {
          if (group.length > 0) {
            yield group;
            group = [];
            throwIfAborted(signal);
          }
          report(
            'TFRECORD_DATA_CRC_MISMATCH',
            `The data of record ${record.index} fails its checksum; the record is skipped.`,
            record.index,
            record.offset,
          );
          continue;
        }
        group.push(record);
      }
      if (group.length > 0) {
        yield group;
        group = [];
        throwIfAborted(signal);
      }
      progress();
    }

    if (dataLength >= 0 || queue.length > 0) {
      const have = queue.length + (dataLength >= 0 ? HEADER_BYTES : 0);
      const need = dataLength >= 0 ? HEADER_BYTES + dataLength + FOOTER_BYTES : HEADER_BYTES;
      report(
        'TFRECORD_TRUNCATED',
        `The file ends inside record ${index}: ${have} of its ${need} bytes are there` +
          `${dataLength >= 0 ? '' : ' (header)'}; the partial record is skipped.`,
        index,
        offset,
      );
    }
    progress();
  } finally {
    await chunks.return?.();
    source.destroy();
    file.destroy();
  }
}

async function openFile(path: string): Promise<FileHandle> {
  try {
    const handle = await open(path, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      throw new FacetwiseError('NOT_A_FILE', 'Not a file.', { file: path });
    }
    return handle;
  } catch (err) {
    if (err instanceof FacetwiseError) throw err;
    throw new FacetwiseError('FILE_UNREADABLE', `Cannot open the file: ${errorMessage(err)}`, { file: path });
  }
}

async function readHead(handle: FileHandle): Promise<Buffer> {
  const head = Buffer.alloc(HEADER_BYTES);
  const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0);
  return head.subarray(0, bytesRead);
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
