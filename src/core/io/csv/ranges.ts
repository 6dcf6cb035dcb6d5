/**
 * Splits a delimited file into byte ranges for parallel readers. Boundaries are put just after a line break, which
 * is a record start unless the break is inside a quoted field; the reader of each range reports where it stopped,
 * and a range whose predecessor did not stop exactly at its start must be read again sequentially.
 */
import { stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { LF } from './csvBytes.js';
import { openForReading } from './header.js';

export interface PlannedRange {
  readonly start: number;
  readonly end: number;
}

/** Bytes read at a time while looking for the line break after a split point. */
const PROBE = 64 * 1024;

/**
 * Up to `n` contiguous ranges covering [headerEnd, file size), each (but the first) starting just after a LF.
 * Fewer come back when the file is small or has few line breaks; none when there is no data after the header.
 */
export async function planCsvRanges(path: string, n: number, headerEnd: number): Promise<PlannedRange[]> {
  const size = (await stat(path)).size;
  if (headerEnd >= size) return [];
  const parts = Math.max(1, Math.floor(n));
  const bounds: number[] = [headerEnd];
  const handle = await openForReading(path);
  try {
    for (let k = 1; k < parts; k++) {
      const target = headerEnd + Math.floor(((size - headerEnd) * k) / parts);
      const previous = bounds[bounds.length - 1];
      if (target <= previous) continue;
      // The split goes after the first LF at or after target - 1, so a target just after a LF stays where it is.
      const boundary = await nextLineStart(handle, Math.max(previous, target - 1), size);
      if (boundary > previous && boundary < size) bounds.push(boundary);
    }
  } finally {
    await handle.close();
  }
  bounds.push(size);
  const ranges: PlannedRange[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) ranges.push({ start: bounds[k], end: bounds[k + 1] });
  return ranges;
}

/** Offset just after the first LF at or after `from`, or `size` when there is none. */
async function nextLineStart(handle: FileHandle, from: number, size: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(PROBE);
  for (let offset = from; offset < size; offset += PROBE) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(PROBE, size - offset), offset);
    if (bytesRead === 0) break;
    const at = buffer.subarray(0, bytesRead).indexOf(LF);
    if (at >= 0) return offset + at + 1;
  }
  return size;
}
