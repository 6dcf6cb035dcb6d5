/**
 * Statistics accumulator throughput on synthetic text RowBatches (what the CSV reader hands over), against a naive
 * peer measured in the same run: the same cells decoded to JS strings, parsed with Number() and counted in a Map —
 * the straightforward way to write it. Both see the same batches; only accumulation is timed (no I/O, no
 * tokenizing).
 *
 *   npx tsx bench/statsAccumulators.ts [rows=1000000] [rounds=3] [batchRows=16384]
 *
 * Columns (20): 8 integers, 6 decimals (4 places), 3 strings of 50 distinct values, 3 strings of 5000 distinct
 * values; 5% of cells empty. Prints rows/s and cells/s per round (wall and CPU time: on a shared machine CPU time
 * is the steadier measure) and the best, plus the peer ratio.
 */
import type { RowBatch, TextColumn } from '../src/core/data/rowBatch.js';
import { DatasetAccumulator } from '../src/core/stats/datasetAccumulator.js';

const rowsTotal = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 3);
const batchRows = Number(process.argv[4] ?? 16_384);

let seed = 12345;
function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}

const encoder = new TextEncoder();
const WORDS50 = Array.from({ length: 50 }, (_, i) => encoder.encode(`category_${i}_${'x'.repeat(i % 7)}`));
const WORDS5000 = Array.from({ length: 5000 }, (_, i) => encoder.encode(`Company ${i * 7919} LLC`));

const scratch = new Uint8Array(64 << 20);
let scratchLength = 0;

/** Appends one cell's bytes to the scratch buffer (no per-cell allocation: generation stays cheap). */
function writeCell(c: number): void {
  if (rand() < 0.05) return;
  let bytes: Uint8Array;
  if (c < 8) bytes = encoder.encode(String(Math.floor(rand() * 100_000) - (c === 0 ? 50_000 : 0)));
  else if (c < 14) bytes = encoder.encode((rand() * 1000 - 500).toFixed(4));
  else if (c < 17) bytes = WORDS50[Math.floor(rand() * 50)];
  else bytes = WORDS5000[Math.floor(rand() * 5000)];
  scratch.set(bytes, scratchLength);
  scratchLength += bytes.length;
}

function makeBatch(first: number, rowCount: number): RowBatch {
  const columns: TextColumn[] = [];
  for (let c = 0; c < 20; c++) {
    const starts = new Int32Array(rowCount);
    const ends = new Int32Array(rowCount);
    scratchLength = 0;
    for (let r = 0; r < rowCount; r++) {
      starts[r] = scratchLength;
      writeCell(c);
      ends[r] = scratchLength;
    }
    columns.push({ kind: 'text', name: `col${c}`, data: scratch.slice(0, scratchLength), starts, ends });
  }
  const positions = new Float64Array(rowCount);
  for (let r = 0; r < rowCount; r++) positions[r] = first + r;
  return { source: 'synthetic.csv', shardIndex: 0, rowCount, positionKind: 'line', positions, columns };
}

/** The naive peer: a JS string per cell, Number() for numeric columns, a Map per string column, plain sums. */
function naivePeer(batches: readonly RowBatch[]): number {
  const decoder = new TextDecoder();
  const maps = new Map<string, Map<string, number>>();
  let checksum = 0;
  for (const b of batches) {
    for (const col of b.columns as TextColumn[]) {
      let map = maps.get(col.name);
      if (!map) maps.set(col.name, (map = new Map()));
      let sum = 0;
      let sumSq = 0;
      const values: number[] = [];
      for (let r = 0; r < b.rowCount; r++) {
        if (col.starts[r] === col.ends[r]) continue;
        const text = decoder.decode(col.data.subarray(col.starts[r], col.ends[r]));
        const x = Number(text);
        if (Number.isNaN(x)) {
          map.set(text, (map.get(text) ?? 0) + 1);
        } else {
          sum += x;
          sumSq += x * x;
          values.push(x);
        }
      }
      checksum += sum + sumSq + values.length;
    }
  }
  return checksum + maps.size;
}

/** CPU seconds (user + system, all threads) since `start`: steadier than wall time on a shared machine. */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
}

function main(): void {
  const batches: RowBatch[] = [];
  for (let first = 0; first < rowsTotal; first += batchRows) batches.push(makeBatch(first + 2, Math.min(batchRows, rowsTotal - first)));
  const cells = rowsTotal * 20;
  const bytes = batches.reduce((n, b) => n + (b.columns as TextColumn[]).reduce((m, c) => m + c.data.length, 0), 0);
  console.log(`${rowsTotal.toLocaleString()} rows × 20 columns (${(bytes / 1e6).toFixed(0)} MB of cell bytes), batches of ${batchRows}`);
  let best = Infinity;
  let bestCpu = Infinity;
  let bestPeer = Infinity;
  let bestPeerCpu = Infinity;
  for (let round = 1; round <= rounds; round++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const acc = new DatasetAccumulator();
    for (const b of batches) acc.add(b);
    const tAdd = performance.now();
    const stats = acc.finish('bench');
    const t1 = performance.now();
    const cpu = cpuSeconds(c0);
    const seconds = (t1 - t0) / 1000;
    best = Math.min(best, seconds);
    bestCpu = Math.min(bestCpu, cpu);
    console.log(
      `round ${round}: ${seconds.toFixed(3)} s wall, ${cpu.toFixed(3)} s CPU (add ${((tAdd - t0) / 1000).toFixed(3)} s, ` +
        `finish ${((t1 - tAdd) / 1000).toFixed(3)} s)  ${(rowsTotal / seconds / 1e6).toFixed(2)} M rows/s  ` +
        `${(cells / seconds / 1e6).toFixed(1)} M cells/s  [${stats.features.length} features]`,
    );
    const p0 = performance.now();
    const pc0 = process.cpuUsage();
    naivePeer(batches);
    const peer = (performance.now() - p0) / 1000;
    const peerCpu = cpuSeconds(pc0);
    bestPeer = Math.min(bestPeer, peer);
    bestPeerCpu = Math.min(bestPeerCpu, peerCpu);
    console.log(`         naive peer (string per cell + Number() + Map): ${peer.toFixed(3)} s wall, ${peerCpu.toFixed(3)} s CPU`);
  }
  console.log(
    `best wall: ${best.toFixed(3)} s = ${(rowsTotal / best / 1e6).toFixed(2)} M rows/s, ${(cells / best / 1e6).toFixed(1)} M cells/s; ` +
      `naive peer ${bestPeer.toFixed(3)} s → ${(bestPeer / best).toFixed(2)}× the peer's speed`,
  );
  console.log(
    `best CPU:  ${bestCpu.toFixed(3)} s = ${(rowsTotal / bestCpu / 1e6).toFixed(2)} M rows/CPU-s, ${(cells / bestCpu / 1e6).toFixed(1)} M cells/CPU-s; ` +
      `naive peer ${bestPeerCpu.toFixed(3)} s → ${(bestPeerCpu / bestCpu).toFixed(2)}×`,
  );
}

main();
