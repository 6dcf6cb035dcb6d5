// The decompression floor of the compressed-CSV benchmark, in its own child process: node:zlib gunzip of a file,
// streamed as Facetwise streams it (1 MiB reads, 256 KiB output pieces), the bytes counted and dropped.
// Usage: node bench/gunzipOnly.mjs <file.gz>   Prints {"bytes": …, "seconds": …}.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/gunzipOnly.mjs <file.gz>\n');
  process.exit(2);
}
let bytes = 0;
const started = performance.now();
await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), createGunzip({ chunkSize: 256 * 1024 }), async function* (source) {
  for await (const piece of source) bytes += piece.length;
});
process.stdout.write(JSON.stringify({ bytes, seconds: (performance.now() - started) / 1000 }) + '\n');
