/**
 * A deliberately simple, independent tf.Example + TFRecord decoder for tests: whole buffers, BigInt varints,
 * generic field lists, no CRC checks, no shared code with src/. Slow and obviously correct is the point.
 */

export interface RefField {
  readonly field: number;
  readonly wireType: number;
  /** varint → bigint, fixed32/fixed64/len → bytes */
  readonly value: bigint | Uint8Array;
}

export function refVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if (b < 0x80) return [result, pos];
  }
}

export function refFields(buf: Uint8Array): RefField[] {
  const out: RefField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, afterTag] = refVarint(buf, pos);
    pos = afterTag;
    const field = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (wireType === 0) {
      const [v, next] = refVarint(buf, pos);
      out.push({ field, wireType, value: v });
      pos = next;
    } else if (wireType === 2) {
      const [len, next] = refVarint(buf, pos);
      const end = next + Number(len);
      if (end > buf.length) throw new Error('truncated length-delimited field');
      out.push({ field, wireType, value: buf.subarray(next, end) });
      pos = end;
    } else if (wireType === 5) {
      out.push({ field, wireType, value: buf.subarray(pos, pos + 4) });
      pos += 4;
    } else if (wireType === 1) {
      out.push({ field, wireType, value: buf.subarray(pos, pos + 8) });
      pos += 8;
    } else {
      throw new Error(`wire type ${wireType} not supported by the reference decoder`);
    }
  }
  return out;
}

export type RefFeature =
  | { kind: 'int'; values: bigint[] }
  | { kind: 'float'; values: number[] }
  | { kind: 'bytes'; values: Uint8Array[] }
  | { kind: 'none' };

function bytesOf(f: RefField): Uint8Array {
  if (!(f.value instanceof Uint8Array)) throw new Error('expected bytes');
  return f.value;
}

function refFeature(buf: Uint8Array): RefFeature {
  let result: RefFeature = { kind: 'none' };
  for (const f of refFields(buf)) {
    if (f.wireType !== 2) continue;
    const list = refFields(bytesOf(f)).filter((x) => x.field === 1);
    if (f.field === 1) {
      result = { kind: 'bytes', values: list.map(bytesOf) };
    } else if (f.field === 2) {
      const values: number[] = [];
      for (const x of list) {
        const b = bytesOf(x);
        for (let i = 0; i + 4 <= b.length; i += 4) values.push(new DataView(b.buffer, b.byteOffset + i, 4).getFloat32(0, true));
      }
      result = { kind: 'float', values };
    } else if (f.field === 3) {
      const values: bigint[] = [];
      for (const x of list) {
        if (typeof x.value === 'bigint') values.push(BigInt.asIntN(64, x.value));
        else {
          let pos = 0;
          while (pos < x.value.length) {
            const [v, next] = refVarint(x.value, pos);
            values.push(BigInt.asIntN(64, v));
            pos = next;
          }
        }
      }
      result = { kind: 'int', values };
    }
  }
  return result;
}

/** name → feature, for one serialized Example. */
export function refExample(payload: Uint8Array): Map<string, RefFeature> {
  const out = new Map<string, RefFeature>();
  for (const features of refFields(payload).filter((f) => f.field === 1)) {
    for (const entry of refFields(bytesOf(features)).filter((f) => f.field === 1)) {
      let name = '';
      let value: RefFeature = { kind: 'none' };
      for (const part of refFields(bytesOf(entry))) {
        if (part.field === 1) name = new TextDecoder().decode(bytesOf(part));
        if (part.field === 2) value = refFeature(bytesOf(part));
      }
      out.set(name, value);
    }
  }
  return out;
}

/** Splits an uncompressed TFRecord file into payloads (no CRC checks). */
export function refRecords(file: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let pos = 0;
  while (pos < file.length) {
    const length = Number(view.getBigUint64(pos, true));
    out.push(file.subarray(pos + 12, pos + 12 + length));
    pos += 12 + length + 4;
  }
  return out;
}
