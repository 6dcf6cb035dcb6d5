/**
 * `npx tsx bench/comparePanel.ts [--pair a b]… [--runs 3] [--spans a b c…]`: the comparison panel's time to its
 * first message and first render, headless, per pair of inputs (CSV: statistics computed once by `dist/cli.js
 * stats`, timed, then cached as a .pb file as the extension caches them; .pb: read as they are):
 *  - load: both statistics read from their cached files;
 *  - model: what ComparePanel computes — the schema-free comparison model with the sampling-noise estimate
 *    (buildComparison, noise on);
 *  - message: the `comparison` message built (statistics list to bytes, the model cloned as postMessage does);
 *  - render: what the page does before painting — bytes parsed, figures read, the feature list's view tree built
 *    (no DOM; mounting and layout are not measured).
 * Peer, in the same run: `compareStatistics`, the CLI's plain histogram distances of the same pair. With --spans,
 * the drift timeline over them (buildSpanTimeline) is timed as well. Default: the taxi lab's train vs serving.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { buildComparison } from '../src/core/compare/datasetComparison.js';
import { compareStatistics } from '../src/core/compare/compareStatistics.js';
import { buildSpanTimeline } from '../src/core/compare/spanTimeline.js';
import type { DatasetFeatureStatistics } from '../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { readStatistics } from '../src/core/proto/protoFiles.js';
import { defaultDatasetStatistics } from '../src/core/schema/statsView.js';
import { datasetFigures } from '../webview/compare/featureFigures.js';
import { featureListView } from '../webview/compare/compareViews.js';
import { DEFAULT_STATE } from '../webview/compare/compareState.js';

const root = resolve(__dirname, '..');
const taxi = resolve(root, '../shared/data/taxi');

interface Prepared {
  readonly input: string;
  readonly pb: string;
  /** Seconds `facetwise stats` took (undefined for a statistics file). */
  readonly statsSeconds: number | undefined;
}

function prepare(input: string, dir: string): Prepared {
  if (/\.pb$/i.test(input)) return { input, pb: input, statsSeconds: undefined };
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build first');
  const pb = join(dir, `${basename(input)}-${Math.random().toString(36).slice(2)}.pb`);
  const t = performance.now();
  const r = spawnSync(process.execPath, [cli, 'stats', input, '-o', pb], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`facetwise stats ${input} failed: ${r.stderr}`);
  return { input, pb, statsSeconds: (performance.now() - t) / 1000 };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function load(pb: string): Promise<DatasetFeatureStatistics> {
  return defaultDatasetStatistics(await readStatistics(pb));
}

async function measurePair(a: Prepared, b: Prepared, runs: number) {
  const rounds: Array<Record<'load' | 'model' | 'message' | 'render' | 'peer', number>> = [];
  let features = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const [sa, sb] = [await load(a.pb), await load(b.pb)];
    const t1 = performance.now();
    const model = buildComparison({ datasets: [{ name: basename(a.input), statistics: sa }, { name: basename(b.input), statistics: sb }], noise: true });
    const t2 = performance.now();
    const bytes = toBinary(DatasetFeatureStatisticsListSchema, create(DatasetFeatureStatisticsListSchema, { datasets: [sa, sb] }));
    const message = structuredClone({ type: 'comparison', stats: bytes, model, canSetThreshold: true, inputs: [a.input, b.input] });
    const t3 = performance.now();
    const list = fromBinary(DatasetFeatureStatisticsListSchema, message.stats);
    const figures = list.datasets.map((d) => datasetFigures(d));
    const view = featureListView({ model: message.model, figures, state: DEFAULT_STATE, canSetThreshold: true });
    const t4 = performance.now();
    compareStatistics(sa, sb);
    const t5 = performance.now();
    features = model.features.length;
    void view;
    rounds.push({ load: t1 - t0, model: t2 - t1, message: t3 - t2, render: t4 - t3, peer: t5 - t4 });
  }
  const m = (k: keyof (typeof rounds)[number]): number => median(rounds.map((x) => x[k]));
  const firstMessage = m('load') + m('model') + m('message');
  return {
    pair: `${basename(b.input)} vs ${basename(a.input)}`,
    features,
    statsSecondsUncached: [a.statsSeconds, b.statsSeconds],
    loadMs: m('load'),
    modelMs: m('model'),
    messageMs: m('message'),
    renderMs: m('render'),
    firstMessageMs: firstMessage,
    firstRenderMs: firstMessage + m('render'),
    peerCompareStatisticsMs: m('peer'),
    ratioModelToPeer: m('model') / m('peer'),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pair: { type: 'string', multiple: true }, runs: { type: 'string' }, spans: { type: 'string', multiple: true } }, allowPositionals: false });
  const runs = Number(values.runs ?? 3);
  const pairs = (values.pair ?? [join(taxi, 'train.csv'), join(taxi, 'serving.csv')]).map((p) => resolve(p));
  if (pairs.length % 2 !== 0) throw new Error('--pair comes in twos: --pair a --pair b');
  const dir = mkdtempSync(join(tmpdir(), 'facetwise-bench-compare-'));
  try {
    process.stderr.write(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${runs} runs, medians\n`);
    const results = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const a = prepare(pairs[i] as string, dir);
      const b = prepare(pairs[i + 1] as string, dir);
      results.push(await measurePair(a, b, runs));
    }
    let timeline: { spans: number; ms: number } | undefined;
    if (values.spans && values.spans.length >= 2) {
      const spans = values.spans.map((s) => prepare(resolve(s), dir));
      const stats = await Promise.all(spans.map((s) => load(s.pb)));
      const t = performance.now();
      buildSpanTimeline(spans.map((s, i) => ({ name: basename(s.input), statistics: stats[i] as DatasetFeatureStatistics })));
      timeline = { spans: spans.length, ms: performance.now() - t };
    }
    const ms = (x: number): string => `${x.toFixed(0)} ms`;
    for (const r of results) {
      process.stdout.write(
        `${r.pair} (${r.features} features)` +
          (r.statsSecondsUncached.some((s) => s !== undefined) ? `; statistics uncached ${r.statsSecondsUncached.map((s) => (s === undefined ? 'file' : `${s.toFixed(1)} s`)).join(' + ')}` : '') +
          `\n  cached: load ${ms(r.loadMs)}, model ${ms(r.modelMs)}, message ${ms(r.messageMs)} → first message ${ms(r.firstMessageMs)}; page render ${ms(r.renderMs)} → ${ms(r.firstRenderMs)}` +
          `\n  peer compareStatistics ${ms(r.peerCompareStatisticsMs)}; model / peer = ${r.ratioModelToPeer.toFixed(2)}\n`,
      );
    }
    if (timeline) process.stdout.write(`drift timeline over ${timeline.spans} spans: ${ms(timeline.ms)}\n`);
    process.stdout.write(JSON.stringify({ loadAverage: loadavg(), runs, results, timeline }) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench/comparePanel: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
