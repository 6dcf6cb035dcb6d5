/**
 * `npx tsx bench/rows.ts [--size 2GB]`: the rows grid's reach on a big generated CSV (taxi-like, in .bench-data/).
 * Measures, each in its own process: time to the first rows with no index, a jump to the last bytes with no index
 * (resynchronised), `facetwise index` (wall, peak RSS, index size on disk) against `wc -l` on the same file as the
 * peer for reading speed, then the last row and random rows through the index. The file is read once first so
 * every step finds it in the page cache. Needs `npm run build` (dist/cli.js).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBenchDataset } from './benchData.js';
import { runMeasuredNode } from './peakRss.js';

function sizeArg(): number {
  const i = process.argv.indexOf('--size');
  const text = i >= 0 ? process.argv[i + 1] : '2GB';
  const m = /^(\d+(?:\.\d+)?)(GB|MB)$/.exec(text);
  if (!m) throw new Error(`--size takes e.g. 2GB or 200MB, got ${text}`);
  return Math.round(Number(m[1]) * (m[2] === 'GB' ? 1e9 : 1e6));
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('run `npm run build` first (dist/cli.js)');
  const scratch = mkdtempSync(join(tmpdir(), 'fw-bench-rows-'));
  const cacheDir = join(scratch, 'cache');
  mkdirSync(cacheDir);
  try {
    console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const data = await ensureBenchDataset(join(root, '.bench-data'), sizeArg(), 1);
    console.log(`data: ${data.path}, ${(data.bytes / 1e9).toFixed(2)} GB, ${data.rows} rows (generated in ${data.generationSeconds.toFixed(1)} s${data.cached ? ', cached' : ''})`);

    const wc = (): number => {
      const t = performance.now();
      const r = spawnSync('wc', ['-l', data.path], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`wc failed: ${r.stderr}`);
      return (performance.now() - t) / 1000;
    };
    wc(); // warm the page cache
    const probe = (args: string[]) => runMeasuredNode(['--import', 'tsx', join(root, 'bench', 'rowsProbe.ts'), ...args], { cwd: root, scratchDir: scratch });
    const parse = (out: string): Record<string, number> => JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;

    const first = await probe(['first', data.path]);
    const jump = await probe(['jumpByte', data.path]);
    const wcSeconds = wc();
    const index = await runMeasuredNode([cli, 'index', data.path, '--cache-dir', cacheDir], { cwd: root, scratchDir: scratch });
    if (index.exitCode !== 0) throw new Error(`facetwise index failed: ${index.stderrTail}`);
    const after = await probe(['jumpRow', data.path, cacheDir]);
    const indexBytes = readdirSync(cacheDir).reduce((n, f) => n + statSync(join(cacheDir, f)).size, 0);
    const f = parse(first.stdout);
    const j = parse(jump.stdout);
    const a = parse(after.stdout);
    const mb = data.bytes / 1e6;
    console.log(`first 100 rows, no index:           ${f.ms.toFixed(1)} ms in-process (process wall ${first.wallSeconds.toFixed(2)} s incl. Node+tsx start-up, peak RSS ${((first.peakRssBytes ?? 0) / 1e6).toFixed(0)} MB)`);
    console.log(`jump to the last bytes, no index:   ${j.ms.toFixed(1)} ms (resync read ${j.bytesRead} bytes, certain=${j.certain})`);
    console.log(`facetwise index:                    ${index.wallSeconds.toFixed(2)} s, ${(mb / index.wallSeconds).toFixed(0)} MB/s, peak RSS ${((index.peakRssBytes ?? 0) / 1e6).toFixed(0)} MB`);
    console.log(`wc -l (peer):                       ${wcSeconds.toFixed(2)} s, ${(mb / wcSeconds).toFixed(0)} MB/s   → index/wc time ratio ${(index.wallSeconds / wcSeconds).toFixed(2)}`);
    console.log(`index on disk:                      ${indexBytes} bytes for ${a.rows} rows (${((indexBytes / data.bytes) * 1e6).toFixed(1)} bytes per MB of data)`);
    console.log(`after indexing: load index ${a.openMs.toFixed(1)} ms; last row (${a.lastRow}) ${a.lastMs.toFixed(1)} ms; 50 rows at random rows: median ${a.randomMedianMs.toFixed(1)} ms, max ${a.randomMaxMs.toFixed(1)} ms (peak RSS ${((after.peakRssBytes ?? 0) / 1e6).toFixed(0)} MB)`);
    console.log(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
