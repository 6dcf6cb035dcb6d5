import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComparisonView } from '../../../src/protocol/models/comparisonProtocol.js';
import { findElements, viewText } from '../../../webview/shared/viewNode.js';
import { chartRowsFor, comparisonPage } from '../../../webview/models/comparisonView.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

function view(): ComparisonView {
  const slice = (value: string, delta: number) => ({ feature: 'payment_type', value, rows: 2, metric: 'logLoss' as const, higherIsBetter: false, base: 0.2, candidate: 0.2 + delta, delta, ci: [delta / 2, delta * 2] as const, verdict: 'worse' as const });
  return {
    datasetName: 'eval.csv',
    datasetPath: '/w/eval.csv',
    base: 'taxi_model/1',
    candidate: 'taxi_model/2',
    baseVersion: 1,
    candidateVersion: 2,
    task: 'binary',
    rows: 4,
    skipped: 0,
    metric: 'logLoss',
    bootstrap: { replicates: 200, seed: 42, confidence: 0.95 },
    metrics: [{ metric: 'logLoss', higherIsBetter: false, base: 0.2, candidate: 0.5, delta: 0.3, ci: [0.25, 0.35], verdict: 'worse' }],
    disagreement: { rate: 0.25, rows: 1, meanAbsoluteScoreDifference: 0.2 },
    slices: [slice('Cash', 0.1), slice(HOSTILE, 0.4)],
    worseSlices: [slice(HOSTILE, 0.4), slice('Cash', 0.1)],
    attributionChanges: [{ feature: 'payment_type', base: 0.3, candidate: 0, delta: -0.3, inBase: true, inCandidate: false }],
    verdict: { decision: 'ROLL BACK', reason: 'taxi_model/2 fails the gate.', decidedBy: 'logLoss Δ < 0 (default gate)' },
    specFeatures: ['payment_type', 'fare'],
    sliceBy: ['payment_type'],
    chart: {
      count: 4,
      base: Float32Array.from([0.1, 0.9, 0.2, 0.8]),
      candidate: Float32Array.from([0.5, 0.3, 0.6, 0.4]),
      labels: Float64Array.from([0, 1, 0, 1]),
      positions: Float64Array.from([2, 3, 4, 5]),
      shards: Int32Array.from([0, 0, 0, 0]),
      sources: ['/w/eval.csv'],
      positionKind: 'line',
      slices: [{ feature: 'payment_type', values: ['Cash', HOSTILE], codes: Int32Array.from([0, 1, 0, 1]) }],
      truncated: false,
    },
    rollBackTo: 1,
    elapsedMs: 1234,
    cached: false,
  };
}

test('the verdict is on top with its reason, gate and a Roll Back to v1 button', () => {
  const page = comparisonPage(view(), {});
  const text = viewText(page);
  assert.ok(text.indexOf('ROLL BACK') < text.indexOf('Metrics'));
  assert.match(text, /Decided by: logLoss Δ < 0 \(default gate\)/);
  const button = findElements(page, (e) => e.attrs['id'] === 'cmp-rollback')[0]!;
  assert.equal(viewText(button), 'Roll Back to v1');
  assert.equal(button.attrs['data-version'], 1);
});

test('a hostile slice value is a text child, never markup; slice rows are keyboard-reachable buttons', () => {
  const page = comparisonPage(view(), {});
  assert.equal(findElements(page, (e) => e.tag === 'img').length, 0);
  const rows = findElements(page, (e) => e.attrs['class']?.toString().includes('slice-row') === true && e.attrs['data-value'] === HOSTILE);
  assert.ok(rows.length > 0);
  assert.equal(rows[0]!.attrs['tabindex'], 0);
  assert.equal(rows[0]!.attrs['role'], 'button');
  assert.ok(viewText(rows[0]!).includes(HOSTILE));
});

test('choosing a slice filters the charts to its rows and marks the row pressed', () => {
  const v = view();
  assert.deepEqual([...chartRowsFor(v, { feature: 'payment_type', value: 'Cash' })], [0, 2]);
  assert.equal(chartRowsFor(v, { feature: 'nope', value: 'x' }).length, 4);
  const page = comparisonPage(v, { slice: { feature: 'payment_type', value: 'Cash' } });
  assert.match(viewText(findElements(page, (e) => e.attrs['id'] === 'cmp-chart-filter')[0]!), /payment_type = Cash, 2 rows/);
  assert.ok(findElements(page, (e) => e.attrs['aria-pressed'] === 'true' && e.attrs['data-value'] === 'Cash').length > 0);
  // Binary: ROC, PR, calibration and the score distribution.
  for (const id of ['cmp-roc', 'cmp-pr', 'cmp-calibration', 'cmp-scores']) assert.equal(findElements(page, (e) => e.attrs['id'] === id).length, 1, id);
});

test('attribution bars: a feature the candidate lacks says so; disagreement rows name their CSV line', () => {
  const page = comparisonPage(view(), {});
  const attr = findElements(page, (e) => e.attrs['data-feature'] === 'payment_type' && e.tag === 'tr' && e.attrs['class'] === 'attr-row')[0]!;
  assert.match(viewText(attr), /\(absent\).*v2 does not use it/);
  const disagree = findElements(page, (e) => e.attrs['data-action'] === 'revealRow');
  assert.equal(disagree.length, 4);
  assert.equal(disagree[0]!.attrs['data-position'], 3);
});
