/**
 * One tf.train.Example as display cells: a list of one value shows as that value, longer lists as `[a, b, c]`,
 * an empty list as `[]`, a feature with no list set (TFX's missing value) as missing. Bytes show as text when they
 * are valid UTF-8, else as hex (`0x…`). Protobuf semantics as in ../tfrecord/exampleDecoder.ts: packed and
 * unpacked lists, the last list of the oneof wins, unknown fields skipped.
 */
import { WIRE_FIXED32, WIRE_LEN, WireReader } from '../tfrecord/protoWire.js';
import { float32Text, listText } from './cellText.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Feature name → cell text (null: missing), in the order the features occur in the record. */
export function exampleCells(payload: Uint8Array): Map<string, string | null> {
  const cells = new Map<string, string | null>();
  const reader = new WireReader(payload);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  while (reader.pos < payload.length) {
    const tag = reader.uint32();
    if (tag !== ((1 << 3) | WIRE_LEN)) {
      reader.skip(tag & 7, tag >>> 3);
      continue;
    }
    const featuresEnd = reader.lengthDelimitedEnd();
    while (reader.pos < featuresEnd) {
      const entryTag = reader.uint32();
      if (entryTag !== ((1 << 3) | WIRE_LEN)) {
        reader.skip(entryTag & 7, entryTag >>> 3);
        continue;
      }
      const entryEnd = reader.lengthDelimitedEnd();
      let key = '';
      let value: string | null = null;
      while (reader.pos < entryEnd) {
        const t = reader.uint32();
        if (t === ((1 << 3) | WIRE_LEN)) {
          const end = reader.lengthDelimitedEnd();
          key = new TextDecoder().decode(payload.subarray(reader.pos, end));
          reader.pos = end;
        } else if (t === ((2 << 3) | WIRE_LEN)) {
          const end = reader.lengthDelimitedEnd();
          value = featureText(reader, view, end);
          reader.pos = end;
          reader.limit = entryEnd;
        } else reader.skip(t & 7, t >>> 3);
      }
      cells.set(key, value);
      reader.limit = featuresEnd;
    }
    reader.limit = payload.length;
  }
  return cells;
}

function featureText(reader: WireReader, view: DataView, end: number): string | null {
  reader.limit = end;
  let values: string[] | undefined;
  let kind = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if ((tag & 7) !== WIRE_LEN || field < 1 || field > 3) {
      reader.skip(tag & 7, field);
      continue;
    }
    const listEnd = reader.lengthDelimitedEnd();
    if (field !== kind) values = []; // another member of the oneof replaces the earlier one
    kind = field;
    const list = values ?? (values = []);
    readList(reader, view, field, listEnd, list);
    reader.pos = listEnd;
    reader.limit = end;
  }
  if (values === undefined) return null;
  return listText(values);
}

function readList(reader: WireReader, view: DataView, field: number, end: number, out: string[]): void {
  reader.limit = end;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const wire = tag & 7;
    if (tag >>> 3 !== 1) {
      reader.skip(wire, tag >>> 3);
      continue;
    }
    if (field === 1 && wire === WIRE_LEN) {
      const e = reader.lengthDelimitedEnd();
      out.push(bytesText(reader.buf.subarray(reader.pos, e)));
      reader.pos = e;
    } else if (field === 2 && wire === WIRE_LEN) {
      const e = reader.lengthDelimitedEnd();
      for (let p = reader.pos; p + 4 <= e; p += 4) out.push(float32Text(view.getFloat32(p, true)));
      reader.pos = e;
    } else if (field === 2 && wire === WIRE_FIXED32) {
      out.push(float32Text(view.getFloat32(reader.pos, true)));
      reader.pos += 4;
    } else if (field === 3 && wire === WIRE_LEN) {
      const e = reader.lengthDelimitedEnd();
      reader.limit = e;
      while (reader.pos < e) out.push(String(reader.int64()));
      reader.limit = end;
    } else if (field === 3) {
      out.push(String(reader.int64()));
    } else reader.skip(wire, 1);
  }
}

/** Text when valid UTF-8, else hex, so a binary value never turns into replacement characters. */
export function bytesText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return '0x' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  }
}
