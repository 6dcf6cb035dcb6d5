/**
 * The text of a few lines of a (possibly huge) text file, by line number: one streaming read that stops after the
 * last line wanted. Used to underline the offending cell of the rows row-level validation lists.
 */
import { createReadStream } from 'node:fs';
import { throwIfAborted } from '../../core/data/job.js';
import { compressionOfFile, decompressedPieces } from '../../core/io/compression/textCompression.js';

/** Longest line text returned; a longer line is cut (the diagnostic then underlines what is there). */
const MAX_LINE_BYTES = 256 * 1024;
const NEWLINE = 0x0a;

/** Texts of the given 1-based lines (those that exist), without their line break; a BOM on line 1 is dropped. */
export async function readLineTexts(file: string, lines: Iterable<number>, signal?: AbortSignal): Promise<Map<number, string>> {
  const wanted = new Set([...lines].filter((n) => Number.isInteger(n) && n >= 1));
  const out = new Map<number, string>();
  if (wanted.size === 0) return out;
  const last = Math.max(...wanted);
  const decoder = new TextDecoder('utf-8');
  let line = 1;
  let parts: Uint8Array[] = [];
  let kept = 0;
  const finish = (): void => {
    if (wanted.has(line)) {
      const bytes = Buffer.concat(parts);
      out.set(line, decoder.decode(bytes).replace(/\r$/, ''));
    }
    parts = [];
    kept = 0;
    line++;
  };
  const compression = await compressionOfFile(file);
  // Line numbers of a compressed file count lines of its decompressed text.
  const stream =
    compression === 'none'
      ? createReadStream(file, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) })
      : decompressedPieces(file, compression, signal ? { signal } : {});
  try {
    for await (const raw of stream as AsyncIterable<Uint8Array>) {
      const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      throwIfAborted(signal);
      let from = 0;
      while (from < chunk.length) {
        const nl = chunk.indexOf(NEWLINE, from);
        const end = nl < 0 ? chunk.length : nl;
        if (wanted.has(line) && kept < MAX_LINE_BYTES) {
          const piece = chunk.subarray(from, Math.min(end, from + (MAX_LINE_BYTES - kept)));
          parts.push(piece);
          kept += piece.length;
        }
        if (nl < 0) break;
        finish();
        if (line > last) return out;
        from = nl + 1;
      }
    }
    if (parts.length > 0 || wanted.has(line)) finish();
    return out;
  } finally {
    if ('destroy' in stream) stream.destroy();
    else await stream.return(undefined);
  }
}
