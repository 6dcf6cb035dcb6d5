/**
 * Serializes tf.train.Example messages (the inverse of exampleDecoder.ts), with control over the encoding
 * choices a decoder must cope with: packed or unpacked repeated numbers, and Features with no list set.
 */

export type ExampleFeatureValue =
  | { readonly kind: 'int'; readonly values: readonly (number | bigint)[] }
  | { readonly kind: 'float'; readonly values: readonly number[] }
  | { readonly kind: 'bytes'; readonly values: readonly (string | Uint8Array)[] }
  /** A Feature message with no list set (what TFX writes for a missing value). */
  | { readonly kind: 'none' };

export interface ExampleEncodeOptions {
  /** Packed repeated int64/float (the proto3 default TensorFlow writes); false writes one field per value. */
  readonly packed?: boolean;
}

const utf8 = new TextEncoder();

/**
 * An Example with the given features, in the given order (an entries array may repeat a key, which a decoder
 * must resolve as "last wins"). Integers may be given as bigint for values beyond 2^53 or exact negatives.
 */
export function encodeExample(
  features: Readonly<Record<string, ExampleFeatureValue>> | Iterable<readonly [string, ExampleFeatureValue]>,
  options: ExampleEncodeOptions = {},
): Uint8Array {
  const packed = options.packed ?? true;
  const entries = isIterable(features) ? [...features] : Object.entries(features);
  const map = new ByteSink();
  for (const [name, value] of entries) {
    const entry = new ByteSink();
    entry.lengthDelimited(1, utf8.encode(name));
    entry.lengthDelimited(2, encodeFeature(value, packed));
    map.lengthDelimited(1, entry.bytes());
  }
  const example = new ByteSink();
  example.lengthDelimited(1, map.bytes());
  return example.bytes();
}

function encodeFeature(value: ExampleFeatureValue, packed: boolean): Uint8Array {
  const feature = new ByteSink();
  const list = new ByteSink();
  switch (value.kind) {
    case 'none':
      return feature.bytes();
    case 'bytes':
      for (const v of value.values) list.lengthDelimited(1, typeof v === 'string' ? utf8.encode(v) : v);
      feature.lengthDelimited(1, list.bytes());
      return feature.bytes();
    case 'float':
      if (packed) {
        const body = new ByteSink();
        for (const v of value.values) body.float32(v);
        list.lengthDelimited(1, body.bytes());
      } else {
        for (const v of value.values) {
          list.tag(1, 5);
          list.float32(v);
        }
      }
      feature.lengthDelimited(2, list.bytes());
      return feature.bytes();
    case 'int':
      if (packed) {
        const body = new ByteSink();
        for (const v of value.values) body.varint(BigInt(v));
        list.lengthDelimited(1, body.bytes());
      } else {
        for (const v of value.values) {
          list.tag(1, 0);
          list.varint(BigInt(v));
        }
      }
      feature.lengthDelimited(3, list.bytes());
      return feature.bytes();
    default: {
      const unreachable: never = value;
      throw new Error(`unknown feature kind ${JSON.stringify(unreachable)}`);
    }
  }
}

function isIterable(
  x: Readonly<Record<string, ExampleFeatureValue>> | Iterable<readonly [string, ExampleFeatureValue]>,
): x is Iterable<readonly [string, ExampleFeatureValue]> {
  return typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

/** Append-only protobuf writer; simplicity over speed (fixtures and small messages). */
class ByteSink {
  private readonly parts: number[] = [];

  tag(field: number, wireType: number): void {
    this.varint(BigInt((field << 3) | wireType));
  }

  /** Unsigned LEB128 of the value's 64-bit two's complement: negatives take 10 bytes. */
  varint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.parts.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.parts.push(Number(v));
  }

  float32(value: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.parts.push(...b);
  }

  lengthDelimited(field: number, bytes: Uint8Array): void {
    this.tag(field, 2);
    this.varint(BigInt(bytes.length));
    for (const b of bytes) this.parts.push(b);
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}
