/**
 * One measured step of bench/rows.ts, in its own process (so its peak RSS is its own): what the grid's host does.
 *   first <csv>            first 100 rows, no index (DatasetRows.open + rowsAt(0))
 *   jumpByte <csv>         rows at the last bytes, no index (resynchronising byte jump)
 *   jumpRow <csv> <cache>  the last row and 20 random rows through the cached index
 * Prints one JSON line of timings in milliseconds.
 */
import { resolveDataset } from '../src/core/io/dataset.js';
import { DatasetRows, RowIndexCache } from '../src/core/io/rowIndex/index.js';

async function main(): Promise<void> {
  const [mode, file, cacheDir] = process.argv.slice(2);
  const t0 = performance.now();
  const info = await resolveDataset([file]);
  if (mode === 'first') {
    const rows = await DatasetRows.open(info);
    const window = await rows.rowsAt(0, 100);
    console.log(JSON.stringify({ ms: performance.now() - t0, rows: window.rows.length }));
    return;
  }
  if (mode === 'jumpByte') {
    const rows = await DatasetRows.open(info);
    const window = await rows.rowsAtByte(info.totalBytes - 300, 5);
    console.log(JSON.stringify({ ms: performance.now() - t0, rows: window.rows.length, certain: window.resync.certain, bytesRead: window.resync.bytesRead }));
    return;
  }
  const rows = await DatasetRows.open(info, { cache: new RowIndexCache(cacheDir) });
  const index = rows.index;
  if (!index) throw new Error('no cached index');
  const openMs = performance.now() - t0;
  const t1 = performance.now();
  const last = await rows.rowsAt(index.rows - 1, 1);
  const lastMs = performance.now() - t1;
  const times: number[] = [];
  let seed = 1;
  for (let k = 0; k < 20; k++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const t = performance.now();
    await rows.rowsAt(Math.floor((seed / 2 ** 31) * index.rows), 50);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ openMs, lastMs, lastRow: last.firstRow, randomMedianMs: times[10], randomMaxMs: times[19], rows: index.rows }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
