/**
 * Checks a column chunk's pages before hyparquet decodes them. hyparquet trusts the counts in a page: an RLE run
 * longer than the values left in its page grows a JS array for as long as the run says (2³¹ values: minutes and
 * gigabytes, one synchronous loop) and a page claiming billions of
 * values is counted through one by one. A corrupt file must instead fail fast with our error, so this walks the
 * page headers and every RLE/bit-packed hybrid run (levels, dictionary indices, RLE booleans) the way hyparquet
 * will read them and refuses counts that cannot be right. It costs one more read and decompression of each chunk.
 */
import { snappyUncompress } from 'hyparquet';
import type { ColumnMetaData, Compressors, SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import type { PageHeader } from 'hyparquet';
import { getMaxDefinitionLevel, getMaxRepetitionLevel } from 'hyparquet/src/schema.js';

/** Values one page may claim. Writers cut pages at ~20,000 rows or 1 MB; more than this is a corrupt count. */
export const MAX_PAGE_VALUES = 1 << 24;
/** Bytes one page may decompress to (hyparquet allocates the declared size up front). */
export const MAX_PAGE_BYTES = 1 << 28;

/** A page that cannot be right; `message` says what, in the file's terms. */
export class ParquetPageError extends Error {}

export interface ChunkToCheck {
  readonly meta: ColumnMetaData;
  /** The leaf column's path from the schema root (hyparquet's schemaPath). */
  readonly schemaPath: readonly SchemaTree[];
  readonly bytes: Uint8Array;
  readonly compressors: Compressors;
}

/** Throws ParquetPageError at the first page whose counts or run lengths would make hyparquet loop or overrun. */
export function checkColumnChunk({ meta, schemaPath, bytes, compressors }: ChunkToCheck): void {
  const path = schemaPath as SchemaTree[];
  const maxRep = schemaPath.length > 1 ? getMaxRepetitionLevel(path) : 0;
  const maxDef = getMaxDefinitionLevel(path);
  const boolean = meta.type === 'BOOLEAN';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: 0 };
  for (let page = 0; reader.offset < view.byteLength - 1; page++) {
    let header: PageHeader;
    try {
      header = parquetHeader(reader);
    } catch {
      return; // hyparquet fails on the same header with its own error, which the reader turns into ours
    }
    const where = `page ${page} of column "${meta.path_in_schema.join('.')}"`;
    const size = header.compressed_page_size;
    const uncompressed = header.uncompressed_page_size;
    if (!isCount(size) || reader.offset + size > view.byteLength) throw new ParquetPageError(`${where}: its size (${size} bytes) runs past the column chunk`);
    if (!isCount(uncompressed) || uncompressed > MAX_PAGE_BYTES) throw new ParquetPageError(`${where}: an uncompressed size of ${uncompressed} bytes`);
    const body = bytes.subarray(reader.offset, reader.offset + size);
    reader.offset += size;
    if (header.type === 'DATA_PAGE' && header.data_page_header) {
      const daph = header.data_page_header;
      const n = checkValues(daph.num_values, where);
      const page = decompress(body, uncompressed, meta, compressors, where);
      const runs = new Runs(page, where);
      if (maxRep > 0) runs.levels(bitWidth(maxRep), n, 'repetition levels');
      if (maxDef > 0) runs.levels(bitWidth(maxDef), n, 'definition levels');
      if (daph.encoding === 'PLAIN_DICTIONARY' || daph.encoding === 'RLE_DICTIONARY' || daph.encoding === 'RLE') {
        if (boolean) runs.levels(1, n, 'values');
        else runs.indices(n);
      }
    } else if (header.type === 'DATA_PAGE_V2' && header.data_page_header_v2) {
      const daph2 = header.data_page_header_v2;
      const n = checkValues(daph2.num_values, where);
      const repLength = daph2.repetition_levels_byte_length;
      const defLength = daph2.definition_levels_byte_length;
      if (!isCount(repLength) || !isCount(defLength) || repLength + defLength > body.length || repLength + defLength > uncompressed) {
        throw new ParquetPageError(`${where}: level lengths ${repLength} + ${defLength} exceed the page's ${body.length} bytes`);
      }
      if (!isCount(daph2.num_nulls) || daph2.num_nulls > n) throw new ParquetPageError(`${where}: ${daph2.num_nulls} nulls among ${n} values`);
      const levels = new Runs(body, where);
      if (maxRep > 0) levels.runs(bitWidth(maxRep), n, 0, 'repetition levels');
      if (maxDef > 0) levels.runs(bitWidth(maxDef), n, repLength, 'definition levels');
      const valuesSize = uncompressed - repLength - defLength;
      let values = body.subarray(repLength + defLength);
      if (daph2.is_compressed !== false && valuesSize > 0) values = decompress(values, valuesSize, meta, compressors, where);
      const runs = new Runs(values, where);
      if (daph2.encoding === 'RLE') runs.levels(1, n, 'values');
      else if (daph2.encoding === 'PLAIN_DICTIONARY' || daph2.encoding === 'RLE_DICTIONARY') runs.indices(n);
    } else if (header.type === 'DICTIONARY_PAGE' && header.dictionary_page_header) {
      checkValues(header.dictionary_page_header.num_values, where);
    }
  }
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

function checkValues(n: unknown, where: string): number {
  if (!isCount(n) || n > MAX_PAGE_VALUES) throw new ParquetPageError(`${where}: it claims ${String(n)} values`);
  return n;
}

function bitWidth(max: number): number {
  return 32 - Math.clz32(max);
}

function decompress(body: Uint8Array, size: number, meta: ColumnMetaData, compressors: Compressors, where: string): Uint8Array {
  if (meta.codec === 'UNCOMPRESSED') return body;
  let page: Uint8Array;
  try {
    const custom = compressors[meta.codec];
    if (custom) page = custom(body, size);
    else if (meta.codec === 'SNAPPY') {
      page = new Uint8Array(size);
      snappyUncompress(body, page);
    } else return body; // hyparquet refuses the codec itself
  } catch (err) {
    throw new ParquetPageError(`${where}: cannot decompress it (${meta.codec}: ${err instanceof Error ? err.message : String(err)})`);
  }
  return page;
}

/**
 * Walks RLE/bit-packed hybrid runs exactly as hyparquet's readRleBitPackedHybrid consumes them (it reads until it
 * has the values it wants, past the declared length if need be), refusing runs it would overrun with.
 */
class Runs {
  private offset = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly where: string,
  ) {}

  /** V1 levels and RLE booleans: a 4-byte length, then the runs; reading resumes after the declared length. */
  levels(width: number, n: number, what: string): void {
    if (this.offset + 4 > this.bytes.length) return; // hyparquet throws a RangeError here
    const length = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 4).getUint32(0, true);
    const start = this.offset + 4;
    this.runs(width, n, start, what);
    this.offset = start + length;
  }

  /** Dictionary indices: a bit-width byte, then runs to the end of the page. */
  indices(n: number): void {
    if (this.offset >= this.bytes.length) return;
    const width = this.bytes[this.offset];
    if (width === 0) return; // hyparquet fills zeros without reading runs
    if (width > 32) throw new ParquetPageError(`${this.where}: dictionary indices ${width} bits wide`);
    this.runs(width, n, this.offset + 1, 'dictionary indices');
  }

  /** The runs from `start` until `n` values are read (or the bytes end, where hyparquet throws a RangeError). */
  runs(width: number, n: number, start: number, what: string): void {
    const bytes = this.bytes;
    let at = start;
    let seen = 0;
    while (seen < n && at < bytes.length) {
      // hyparquet's readVarInt: 32-bit signed accumulation.
      let header = 0;
      let shift = 0;
      for (;;) {
        if (at >= bytes.length) return;
        const byte = bytes[at++];
        header |= (byte & 0x7f) << shift;
        if (!(byte & 0x80)) break;
        shift += 7;
      }
      if (header & 1) {
        const count = (header >> 1) << 3;
        // hyparquet reads a bit-packed run whole but stores only the values it wants, so a long one costs its
        // bytes, not memory (writers pad them); a negative count reads to the end of the page and throws there.
        if (count < 0) return;
        at += Math.max(1, Math.ceil((count * width) / 8));
        seen = Math.min(n, seen + count);
      } else {
        const count = header >>> 1;
        if (count > n - seen) throw new ParquetPageError(`${this.where}: a run of ${count} ${what} where ${n - seen} remain`);
        at += (width + 7) >> 3;
        seen += count;
      }
    }
  }
}
