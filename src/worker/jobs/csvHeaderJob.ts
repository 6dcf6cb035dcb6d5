/** Worker job: a CSV/TSV file's header — delimiter, column names, and the header row's text for header cells. */
import { open } from 'node:fs/promises';
import { decompressedPrefix } from '../../core/io/compression/textCompression.js';
import { readCsvHeader } from '../../core/io/csv/index.js';
import type { CsvHeaderParams, CsvHeaderResult } from '../../protocol/worker/workerProtocol.js';

export async function runCsvHeader(params: CsvHeaderParams): Promise<CsvHeaderResult> {
  const header = await readCsvHeader(params.file, params.delimiter !== undefined ? { delimiter: params.delimiter } : {});
  const delimiter = String.fromCharCode(header.delimiter);
  const quote = header.quote < 0 ? null : String.fromCharCode(header.quote);
  const base = { columnNames: [...header.columnNames], delimiter, quote, hasHeaderRow: header.hasHeaderRow };
  if (!header.hasHeaderRow) return { ...base, headerText: '', headerLine: 0 };
  const start = header.bom ? 3 : 0;
  const length = Math.max(0, header.dataStart - start);
  let bytes: Uint8Array = new Uint8Array(length);
  if (header.compression !== 'none') {
    // A compressed file's offsets are decompressed ones.
    bytes = (await decompressedPrefix(params.file, header.compression, start + length)).subarray(start);
  } else {
    const handle = await open(params.file, 'r');
    try {
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(bytes, done, length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
    } finally {
      await handle.close();
    }
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  // Blank lines before the header row are skipped by the reader: count them so header cells land on the right line.
  let headerLine = 0;
  // (a blank line is an empty record to the reader; a line of spaces is not blank, so it is the header row).
  for (let m = /^\r?\n/.exec(text); m; m = /^\r?\n/.exec(text)) {
    text = text.slice(m[0].length);
    headerLine++;
  }
  return { ...base, headerText: text.replace(/\r?\n$/, ''), headerLine };
}
