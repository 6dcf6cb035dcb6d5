/**
 * Which encoding a TFDV file is in: by content where the content says so unambiguously (a TFRecord header with
 * a valid CRC, e.g. TFX's `FeatureStats.pb`), then by extension, then by a look at the first bytes.
 */
import { extname } from 'node:path';
import { looksLikeTfRecord } from './tfrecordFrame.js';

export type ProtoEncoding = 'binary' | 'text' | 'json' | 'tfrecord';

const BY_EXTENSION: Record<string, ProtoEncoding> = {
  '.pb': 'binary',
  '.bin': 'binary',
  '.binpb': 'binary',
  '.pbtxt': 'text',
  '.txt': 'text',
  '.textproto': 'text',
  '.txtpb': 'text',
  '.prototxt': 'text',
  '.json': 'json',
  '.tfrecord': 'tfrecord',
  '.tfrecords': 'tfrecord',
};

/** The encoding an extension names (`.gz` looked through), or undefined for an extension we do not know. */
export function encodingFromExtension(path: string): ProtoEncoding | undefined {
  const p = path.toLowerCase().replace(/\.gz$/, '');
  return BY_EXTENSION[extname(p)];
}

/** The encoding of file content (already decompressed) named `path`. */
export function detectEncoding(bytes: Uint8Array, path: string): ProtoEncoding {
  if (looksLikeTfRecord(bytes)) return 'tfrecord';
  const byExtension = encodingFromExtension(path);
  if (byExtension && byExtension !== 'tfrecord') return byExtension;
  return sniffEncoding(bytes);
}

/** JSON starts with `{`; text format with a field name or a comment; anything else is taken as binary. */
function sniffEncoding(bytes: Uint8Array): ProtoEncoding {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  const c = bytes[i];
  if (c === undefined) return 'text';
  if (c === 0x7b) return 'json';
  const isLetter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  if ((isLetter || c === 0x23) && isMostlyText(bytes)) return 'text';
  return 'binary';
}

function isMostlyText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return false;
  }
  return true;
}
