/**
 * `facetwise compare` over spans: a folder of span folders (one of them holding only a statistics file), or
 * three inputs in order; the JSON timeline, the text table, the reference chosen by position or name, exit 3
 * past a drift_comparator threshold of --schema, and usage errors for what a timeline does not take.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SpanTimeline } from '../../../src/core/compare/spanTimeline.js';
import { runCli } from '../cliHarness.js';
import { SHARED_DATA } from '../../core/stats/batches.js';

const taxi = (f: string): string => join(SHARED_DATA, 'taxi', f);

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
});
