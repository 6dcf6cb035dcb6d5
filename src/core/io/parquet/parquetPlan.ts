/**
 * Cuts a Parquet dataset into contiguous runs of row groups of roughly equal compressed size, one per worker.
 * Only the files' footers are read here; the workers read the row groups.
 */
import { openParquet } from './parquetFile.js';
import type { ParquetPart } from './parquetReader.js';

/** At most `n` chunks, each a list of parts in dataset order; concatenated they cover every row group once. */
export async function planParquetChunks(shards: readonly string[], n: number): Promise<ParquetPart[][]> {
  const groups: Array<{ file: string; shardIndex: number; group: number; bytes: number }> = [];
  for (let shardIndex = 0; shardIndex < shards.length; shardIndex++) {
    const file = await openParquet(shards[shardIndex]);
    await file.close();
    // A file without row groups still gets a part, so its unsupported columns are reported.
    if (file.groupRows.length === 0) groups.push({ file: file.path, shardIndex, group: 0, bytes: 0 });
    file.groupBytes.forEach((bytes, group) => groups.push({ file: file.path, shardIndex, group, bytes }));
  }
  const total = groups.reduce((a, g) => a + g.bytes, 0);
  const parts = Math.max(1, Math.min(n, groups.length));
  const chunks: ParquetPart[][] = [];
  let current: ParquetPart[] = [];
  let acc = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    const last = current[current.length - 1];
    if (last && last.file === g.file && last.endGroup === g.group) current[current.length - 1] = { ...last, endGroup: g.group + 1 };
    else current.push({ file: g.file, shardIndex: g.shardIndex, firstGroup: g.group, endGroup: g.group + 1 });
    acc += g.bytes;
    if (acc >= (total * (chunks.length + 1)) / parts && chunks.length < parts - 1 && i < groups.length - 1) {
      chunks.push(current);
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
