/**
 * The row index on disk: `FWRI`, a format version byte, a little-endian uint32 length of a JSON header, the header,
 * padding to 8 bytes, then the Float64 arrays the header lists, in order. Small (16–24 bytes per checkpoint) and
 * read back without parsing numbers as text.
 */
import type { FileIdentity } from './fileIdentity.js';
import type { CsvRowIndex, RowIndex, TfRecordShardIndex } from './rowIndex.js';

const MAGIC = [0x46, 0x57, 0x52, 0x49];
export const INDEX_FORMAT_VERSION = 1;

interface CsvHeaderJson {
  readonly kind: 'csv';
  readonly file: string;
  readonly identity: FileIdentity;
  readonly rows: number;
  readonly arrays: readonly number[];
}

interface TfHeaderJson {
  readonly kind: 'tfrecord';
  readonly rows: number;
  readonly shards: ReadonlyArray<Omit<TfRecordShardIndex, 'offsets'>>;
  readonly arrays: readonly number[];
}

export function encodeRowIndex(index: RowIndex): Uint8Array {
  const arrays: Float64Array[] =
    index.kind === 'csv' ? [index.checkpointRows, index.checkpointOffsets, index.checkpointLines] : index.shards.map((s) => s.offsets);
  const header: CsvHeaderJson | TfHeaderJson =
    index.kind === 'csv'
      ? { kind: 'csv', file: index.file, identity: index.identity, rows: index.rows, arrays: arrays.map((a) => a.length) }
      : {
          kind: 'tfrecord',
          rows: index.rows,
          shards: index.shards.map((s) => ({ file: s.file, identity: s.identity, records: s.records, every: s.every, compressed: s.compressed })),
          arrays: arrays.map((a) => a.length),
        };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerEnd = 9 + json.length;
  const dataStart = Math.ceil(headerEnd / 8) * 8;
  const total = dataStart + arrays.reduce((n, a) => n + a.byteLength, 0);
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  out[4] = INDEX_FORMAT_VERSION;
  new DataView(out.buffer).setUint32(5, json.length, true);
  out.set(json, 9);
  let at = dataStart;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return out;
}

/** The index, or undefined when the bytes are not an index of this format version (a cache to rebuild). */
export function decodeRowIndex(bytes: Uint8Array): RowIndex | undefined {
  if (bytes.length < 9 || MAGIC.some((m, i) => bytes[i] !== m) || bytes[4] !== INDEX_FORMAT_VERSION) return undefined;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(5, true);
  if (9 + length > bytes.length) return undefined;
  let header: CsvHeaderJson | TfHeaderJson;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(9, 9 + length))) as CsvHeaderJson | TfHeaderJson;
  } catch {
    return undefined;
  }
  let at = Math.ceil((9 + length) / 8) * 8;
  const arrays: Float64Array[] = [];
  for (const n of header.arrays) {
    if (!Number.isInteger(n) || n < 0 || at + n * 8 > bytes.length) return undefined;
    // A copy: the file's buffer may not be 8-byte aligned (and a Buffer's slice is a view of a shared pool).
    const copy = new Uint8Array(n * 8);
    copy.set(bytes.subarray(at, at + n * 8));
    arrays.push(new Float64Array(copy.buffer));
    at += n * 8;
  }
  if (header.kind === 'csv') {
    if (arrays.length !== 3) return undefined;
    const index: CsvRowIndex = {
      kind: 'csv',
      file: header.file,
      identity: header.identity,
      rows: header.rows,
      checkpointRows: arrays[0],
      checkpointOffsets: arrays[1],
      checkpointLines: arrays[2],
    };
    return index;
  }
  if (header.kind !== 'tfrecord' || arrays.length !== header.shards.length) return undefined;
  return { kind: 'tfrecord', rows: header.rows, shards: header.shards.map((s, i) => ({ ...s, offsets: arrays[i] })) };
}
