/**
 * Decodes a serialized tf.train.Example straight into a batch's columns, without building message objects:
 *
 *   Example  { Features features = 1; }
 *   Features { map<string, Feature> feature = 1; }      // entries: { string key = 1; Feature value = 2; }
 *   Feature  { oneof kind { BytesList bytes_list = 1; FloatList float_list = 2; Int64List int64_list = 3; } }
 *   BytesList { repeated bytes value = 1; }
 *   FloatList { repeated float value = 1 [packed = true]; }
 *   Int64List { repeated int64 value = 1 [packed = true]; }
 *
 * Parsing follows protobuf semantics where they matter: packed and unpacked repeated encodings are both
 * accepted; int64 is plain two's complement (not zigzag); unknown fields are skipped; a repeated map key keeps
 * its last value; in the `kind` oneof the last list wins, and repeated occurrences of that list merge.
 * A Feature with no list set is a missing value, as tfx_bsl's decoder (which TFDV uses) treats it.
 */
import type { ExampleBatchBuilder } from './exampleBatchBuilder.js';
import type { FeatureColumnBuilder } from './featureColumnBuilder.js';
import type { ListKind } from './featureRegistry.js';
import { WIRE_FIXED32, WIRE_LEN, WIRE_VARINT, WireFormatError, WireReader } from './protoWire.js';

const KIND_BY_FIELD: readonly (ListKind | undefined)[] = [undefined, 'bytes', 'float', 'int'];

/** Reusable decoder: keeps its scratch state between examples to avoid per-record allocation. */
export class ExampleDecoder {
  private readonly reader = new WireReader(new Uint8Array(0));
  private view: DataView = new DataView(new ArrayBuffer(0));
  /** [start, end) of each occurrence of the winning list message within the current Feature. */
  private spanStarts = new Int32Array(4);
  private spanEnds = new Int32Array(4);
  private spanCount = 0;

  /**
   * Writes `payload`'s features into the builder's current row. Throws WireFormatError on malformed input
   * (the caller rolls the row back); kind conflicts are not errors here, the builder reports them.
   */
  decode(payload: Uint8Array, builder: ExampleBatchBuilder): void {
    const reader = this.reader;
    reader.buf = payload;
    reader.pos = 0;
    reader.limit = payload.length;
    this.view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    while (reader.pos < payload.length) {
      const tag = reader.uint32();
      if (tag === ((1 << 3) | WIRE_LEN)) {
        const end = reader.lengthDelimitedEnd();
        this.decodeFeatures(reader.pos, end, builder);
        reader.pos = end;
        reader.limit = payload.length;
      } else {
        reader.skip(tag & 7, tag >>> 3);
      }
    }
  }

  private decodeFeatures(start: number, end: number, builder: ExampleBatchBuilder): void {
    const reader = this.reader;
    reader.pos = start;
    reader.limit = end;
    while (reader.pos < end) {
      const tag = reader.uint32();
      if (tag === ((1 << 3) | WIRE_LEN)) {
        const entryEnd = reader.lengthDelimitedEnd();
        this.decodeEntry(reader.pos, entryEnd, builder);
        reader.pos = entryEnd;
        reader.limit = end;
      } else {
        reader.skip(tag & 7, tag >>> 3);
      }
    }
  }

  /** One map entry: key and value may come in any order, and either may be absent (defaults: "" and {}). */
  private decodeEntry(start: number, end: number, builder: ExampleBatchBuilder): void {
    const reader = this.reader;
    reader.pos = start;
    reader.limit = end;
    let keyStart = start;
    let keyEnd = start;
    let valueStart = -1;
    let valueEnd = -1;
    while (reader.pos < end) {
      const tag = reader.uint32();
      if (tag === ((1 << 3) | WIRE_LEN)) {
        keyEnd = reader.lengthDelimitedEnd();
        keyStart = reader.pos;
        reader.pos = keyEnd;
      } else if (tag === ((2 << 3) | WIRE_LEN)) {
        valueEnd = reader.lengthDelimitedEnd();
        valueStart = reader.pos;
        reader.pos = valueEnd;
      } else {
        reader.skip(tag & 7, tag >>> 3);
      }
    }
    const kind = valueStart < 0 ? undefined : this.scanFeature(valueStart, valueEnd);
    const column = builder.column(reader.buf, keyStart, keyEnd);
    if (kind === undefined) {
      builder.kindless(column);
      return;
    }
    if (!builder.openValues(column, kind)) return;
    const spans = this.spanCount;
    for (let i = 0; i < spans; i++) {
      const s = this.spanStarts[i];
      const e = this.spanEnds[i];
      if (kind === 'int') this.decodeInt64List(s, e, column);
      else if (kind === 'float') this.decodeFloatList(s, e, column);
      else this.decodeBytesList(s, e, column);
    }
    builder.closeValues(column);
  }

  /** Finds which list a Feature holds (the last one set) and where its occurrence(s) are. */
  private scanFeature(start: number, end: number): ListKind | undefined {
    const reader = this.reader;
    reader.pos = start;
    reader.limit = end;
    let kind: ListKind | undefined;
    this.spanCount = 0;
    while (reader.pos < end) {
      const tag = reader.uint32();
      const field = tag >>> 3;
      if ((tag & 7) === WIRE_LEN && field >= 1 && field <= 3) {
        const listEnd = reader.lengthDelimitedEnd();
        const listKind = KIND_BY_FIELD[field];
        if (listKind !== kind) {
          kind = listKind; // another oneof member replaces the earlier one
          this.spanCount = 0;
        }
        this.addSpan(reader.pos, listEnd);
        reader.pos = listEnd;
      } else {
        reader.skip(tag & 7, field);
      }
    }
    return kind;
  }

  private addSpan(start: number, end: number): void {
    if (this.spanCount === this.spanStarts.length) {
      const starts = new Int32Array(this.spanCount * 2);
      starts.set(this.spanStarts);
      this.spanStarts = starts;
      const ends = new Int32Array(this.spanCount * 2);
      ends.set(this.spanEnds);
      this.spanEnds = ends;
    }
    this.spanStarts[this.spanCount] = start;
    this.spanEnds[this.spanCount] = end;
    this.spanCount++;
  }

  private decodeInt64List(start: number, end: number, column: FeatureColumnBuilder): void {
    const reader = this.reader;
    reader.pos = start;
    reader.limit = end;
    while (reader.pos < end) {
      const tag = reader.uint32();
      if (tag === ((1 << 3) | WIRE_LEN)) {
        const packedEnd = reader.lengthDelimitedEnd();
        reader.limit = packedEnd;
        while (reader.pos < packedEnd) column.pushNumber(reader.int64());
        reader.limit = end;
      } else if (tag === ((1 << 3) | WIRE_VARINT)) {
        column.pushNumber(reader.int64());
      } else {
        reader.skip(tag & 7, tag >>> 3);
      }
    }
  }

  private decodeFloatList(start: number, end: number, column: FeatureColumnBuilder): void {
    const reader = this.reader;
    const view = this.view;
    reader.pos = start;
    reader.limit = end;
    while (reader.pos < end) {
      const tag = reader.uint32();
      if (tag === ((1 << 3) | WIRE_LEN)) {
        const packedStart = reader.pos;
        const packedEnd = reader.lengthDelimitedEnd();
        const from = reader.pos;
        if ((packedEnd - from) % 4 !== 0) {
          throw new WireFormatError('packed float list length is not a multiple of 4', packedStart);
        }
        for (let p = from; p < packedEnd; p += 4) column.pushNumber(view.getFloat32(p, true));
        reader.pos = packedEnd;
      } else if (tag === ((1 << 3) | WIRE_FIXED32)) {
        if (reader.pos + 4 > end) throw new WireFormatError('truncated float', reader.pos);
        column.pushNumber(view.getFloat32(reader.pos, true));
        reader.pos += 4;
      } else {
        reader.skip(tag & 7, tag >>> 3);
      }
    }
  }

  private decodeBytesList(start: number, end: number, column: FeatureColumnBuilder): void {
    const reader = this.reader;
    reader.pos = start;
    reader.limit = end;
    while (reader.pos < end) {
      const tag = reader.uint32();
      if (tag === ((1 << 3) | WIRE_LEN)) {
        const valueEnd = reader.lengthDelimitedEnd();
        column.pushBytes(reader.buf, reader.pos, valueEnd);
        reader.pos = valueEnd;
      } else {
        reader.skip(tag & 7, tag >>> 3);
      }
    }
  }
}
