/**
 * `facetwise compare` over spans: a folder of span folders (one of them holding only a statistics file), or
 * three inputs in order; the JSON timeline, the text table, the reference chosen by position or name, exit 3
 * past a drift_comparator threshold of --schema, usage errors for what a timeline does not take, and the --html
 * report holding the timeline (as the panel shows spans) beside the last two spans' comparison.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SpanTimeline } from '../../../src/core/compare/spanTimeline.js';
import { fromBinary } from '@bufbuild/protobuf';
import { createCompareCommand } from '../../../src/cli/commands/compare.js';
import { loadStatistics } from '../../../src/cli/loadStatistics.js';
import { DatasetFeatureStatisticsListSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { parseCompareReportData } from '../../../src/protocol/compare/compareProtocol.js';
import type { CompareReportData } from '../../../src/protocol/compare/compareProtocol.js';
import { captureIo, runCli } from '../cliHarness.js';
import { SHARED_DATA } from '../../core/stats/batches.js';

const taxi = (f: string): string => join(SHARED_DATA, 'taxi', f);

/** compare with a stand-in page script and style sheet (the built bundle is not needed to check what is embedded). */
const compareWithStubPage = createCompareCommand({ loadStatistics, reportAssets: async () => ({ script: '/* page */', css: '/* style */' }) });

/** The report's title and the data it embeds, checked as the page checks it. */
function readReport(path: string): { title: string; data: CompareReportData } {
  const html = readFileSync(path, 'utf8');
  const json = /<script type="application\/json" id="compare-data">([^<]*)<\/script>/.exec(html)?.[1];
  assert.ok(json !== undefined, 'the report embeds its data');
  const data = parseCompareReportData(JSON.parse(json) as unknown);
  assert.ok(data, 'the embedded data is what the page accepts');
  return { title: /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '', data };
}

describe('facetwise compare: spans', () => {
  const root = mkdtempSync(join(tmpdir(), 'facetwise-cli-spans-'));
  const spans = join(root, 'data');
  const schema = join(root, 'schema.pbtxt');
  before(async () => {
    mkdirSync(join(spans, 'span-1'), { recursive: true });
    mkdirSync(join(spans, 'span-2'));
    mkdirSync(join(spans, 'Span-10'));
    copyFileSync(taxi('train.csv'), join(spans, 'span-1', 'part-0.csv'));
    copyFileSync(taxi('eval.csv'), join(spans, 'span-2', 'part-0.csv'));
    const stats = await runCli(['stats', taxi('serving.csv'), '-o', join(spans, 'Span-10', 'FeatureStats.pb')]);
    assert.equal(stats.code, 0, stats.stderr);
    writeFileSync(schema, 'feature { name: "payment_type" type: BYTES drift_comparator { infinity_norm { threshold: 0.01 } } }\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('--spans <folder> prints the JSON timeline, spans in numeric order, the first the reference', async () => {
    const r = await runCli(['compare', '--spans', spans]);
    assert.equal(r.code, 0, r.stderr);
    const t = JSON.parse(r.stdout) as SpanTimeline;
    assert.deepEqual(t.spans.map((s) => [s.name, s.numExamples]), [['span-1', 10000], ['span-2', 5000], ['Span-10', 100]]);
    assert.equal(t.reference, 0);
    const p = t.features.find((f) => f.pathKey === 'payment_type');
    assert.equal(p?.toPrevious[0], null);
    assert.ok((p?.toPrevious[2]?.tfdv ?? 0) > 0);
    const tips = t.features.find((f) => f.pathKey === 'tips');
    assert.deepEqual(tips?.present, [true, true, false]);
  });

  it('takes three inputs in order as spans, the reference by name, and prints a text table', async () => {
    const r = await runCli(['compare', taxi('train.csv'), taxi('eval.csv'), taxi('serving.csv'), '--reference', 'serving.csv', '--format', 'text', '--top', '3']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Feature\s+Distance\s+Series\s+train\.csv\s+eval\.csv\s+serving\.csv/);
    assert.match(r.stdout, /vs serving\.csv/);
    assert.match(r.stdout, /3 spans; reference serving\.csv; features most drifted first\./);
    assert.match(r.stdout, /No drift_comparator thresholds \(give --schema\)\./);
  });

  it('exits 3 when a span drifts past the schema’s drift_comparator threshold, and marks it', async () => {
    const r = await runCli(['compare', '--spans', spans, '--schema', schema, '--format', 'text']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /payment_type\s+L-inf \(TFDV\)\s+vs previous\s+\S*\s+[0-9.]+ !/);
    assert.match(r.stdout, /payment_type infinity_norm 0\.01/);
  });

  it('refuses what a timeline does not take, with exit 2', async () => {
    for (const [args, message] of [
      [['--spans', spans, taxi('train.csv')], /either --spans/],
      [['--spans', spans, '--reference', '4'], /--reference takes a span's position \(1 to 3\)/],
      [['--spans', spans, '--threshold', 'lInfinity=0.1'], /drift_comparator thresholds/],
      [[taxi('train.csv'), taxi('eval.csv'), '--reference', '1'], /--reference chooses a span/],
    ] as const) {
      const r = await runCli(['compare', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const none = await runCli(['compare', '--spans', join(spans, 'span-1')]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no span folder/);
  });

  it('--html over spans writes the timeline the panel shows, with the last span compared to the one before it', async () => {
    const out = join(root, 'spans.html');
    const { io, result } = captureIo(root);
    const r = result(await compareWithStubPage.run(['--spans', spans, '--schema', schema, '--html', out], io));
    assert.equal(r.code, 3, r.stderr);
    const { title, data } = readReport(out);
    assert.equal(title, 'Facetwise: drift over 3 spans (span-1 to Span-10)');
    // The same timeline as printed (reference, spans, per-feature distances and what is over the threshold).
    assert.deepEqual(data.timeline, JSON.parse(r.stdout));
    assert.deepEqual(data.timeline?.spans.map((s) => s.name), ['span-1', 'span-2', 'Span-10']);
    assert.ok(data.timeline?.features.some((f) => f.pathKey === 'payment_type' && f.overThreshold.length > 0), 'payment_type over its drift threshold');
    assert.deepEqual(data.model.datasets.map((d) => [d.name, d.numExamples]), [['span-2', 5000], ['Span-10', 100]]);
    assert.equal(data.schemaName, 'schema.pbtxt');
    const stats = fromBinary(DatasetFeatureStatisticsListSchema, Buffer.from(data.stats, 'base64'));
    assert.deepEqual(stats.datasets.map((d) => Number(d.numExamples)), [5000, 100]);
  });

  it('--html of two inputs has no timeline', async () => {
    const out = join(root, 'two.html');
    const { io, result } = captureIo(root);
    const r = result(await compareWithStubPage.run([taxi('train.csv'), taxi('eval.csv'), '--html', out], io));
    assert.equal(r.code, 0, r.stderr);
    const { title, data } = readReport(out);
    assert.equal(title, 'Facetwise: eval.csv vs train.csv');
    assert.equal(data.timeline, undefined);
    assert.deepEqual(data.model.datasets.map((d) => d.name), ['train.csv', 'eval.csv']);
  });
});
