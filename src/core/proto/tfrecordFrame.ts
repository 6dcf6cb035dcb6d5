/**
 * Just enough TFRecord framing to open TFX's `FeatureStats.pb`, which StatisticsGen writes as a TFRecord file
 * holding one serialized DatasetFeatureStatisticsList. Record layout: `uint64 length (LE) | uint32 masked
 * crc32c(length) | data | uint32 masked crc32c(data)`. The full streaming reader lives in src/core/io/tfrecord;
 * this file only needs the single record of a small file held in memory.
 */
import * as crc32cImpl from 'crc-32/crc32c';
import { FacetwiseError } from '../data/issues.js';

const MASK_DELTA = 0xa282ead8;

function maskedCrc32c(data: Uint8Array): number {
  const crc = crc32cImpl.buf(data) >>> 0;
  return (((crc >>> 15) | (crc << 17)) + MASK_DELTA) >>> 0;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * True when the file starts with a TFRecord header: a length whose masked CRC32C matches, and a record that fits
 * in the file. A binary protobuf passing this by chance has odds of 1 in 2^32.
 */
export function looksLikeTfRecord(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || !hasTfRecordHeader(bytes)) return false;
  return view(bytes).getBigUint64(0, true) + 16n <= BigInt(bytes.length);
}

/** The first 12 bytes are a length and its valid masked CRC32C (the rest of the file is not looked at). */
export function hasTfRecordHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && view(bytes).getUint32(8, true) === maskedCrc32c(bytes.subarray(0, 8));
}

/**
 * The data of the file's only record, its CRC checked. Like TFDV's `load_stats_tfrecord`, a second record is an
 * error rather than silently ignored.
 */
export function readSingleTfRecord(bytes: Uint8Array, fileName: string): Uint8Array {
  if (!looksLikeTfRecord(bytes)) {
    throw new FacetwiseError('TFRECORD_BAD_HEADER', 'not a TFRecord file (bad length header)', { file: fileName, record: 0, offset: 0 });
  }
  const v = view(bytes);
  const length = Number(v.getBigUint64(0, true));
  const data = bytes.subarray(12, 12 + length);
  if (v.getUint32(12 + length, true) !== maskedCrc32c(data)) {
    throw new FacetwiseError('TFRECORD_CRC_MISMATCH', 'the first record is corrupt (data CRC mismatch)', { file: fileName, record: 0, offset: 12 });
  }
  const rest = bytes.subarray(16 + length);
  if (rest.length > 0) {
    const position = { file: fileName, record: 1, offset: 16 + length };
    if (hasTfRecordHeader(rest)) {
      throw new FacetwiseError('TFRECORD_MULTIPLE_RECORDS', 'expected a single statistics record, found more (TFDV rejects such files too)', position);
    }
    throw new FacetwiseError('TFRECORD_TRAILING_DATA', `${rest.length} bytes after the record are not a TFRecord record`, position);
  }
  return data;
}

/** One record holding `data`. */
export function frameTfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(16 + data.length);
  const v = view(out);
  v.setBigUint64(0, BigInt(data.length), true);
  v.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  v.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}
