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
    versions: [
      { name: 'taxi_model/1', version: 1 },
      { name: 'taxi_model/2', version: 2 },
    ],
    baseIndex: 0,
    candidates: [
      {
        name: 'taxi_model/2',
        version: 2,
        metrics: [{ metric: 'logLoss', higherIsBetter: false, base: 0.2, candidate: 0.5, delta: 0.3, ci: [0.25, 0.35], verdict: 'worse' }],
        verdict: { decision: 'ROLL BACK', reason: 'taxi_model/2 fails the gate.', decidedBy: 'logLoss Δ < 0 (default gate)' },
        worseSlices: 2,
      },
    ],
    candidateIndex: 0,
    panelState: { base: { root: '/w/taxi_model', version: 1 }, candidates: [{ root: '/w/taxi_model', version: 2 }], dataset: '/w/eval.csv' },
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

/** Three versions against v1: v2 worse (ROLL BACK), v3 better (KEEP); v3 is detailed. */
function threeVersions(): ComparisonView {
  const v = view();
  const candidate = (name: string, version: number, value: number, decision: 'KEEP' | 'ROLL BACK') => ({
    name,
    version,
    metrics: [{ metric: 'logLoss' as const, higherIsBetter: false, base: 0.2, candidate: value, delta: value - 0.2, ci: [value - 0.25, value - 0.15] as const, verdict: value > 0.2 ? ('worse' as const) : ('better' as const) }],
    verdict: { decision, reason: `${name} says ${decision}.`, decidedBy: 'logLoss' },
    worseSlices: decision === 'KEEP' ? 0 : 2,
  });
  return {
    ...v,
    candidate: 'taxi_model/3',
    candidateVersion: 3,
    versions: [1, 2, 3].map((n) => ({ name: `taxi_model/${n}`, version: n })),
    candidates: [candidate('taxi_model/2', 2, 0.5, 'ROLL BACK'), candidate('taxi_model/3', 3, 0.1, 'KEEP')],
    candidateIndex: 1,
  };
}

test('three versions: a Base picker over every version, a verdict per candidate, and metrics with Δ and interval per candidate', () => {
  const page = comparisonPage(threeVersions(), {});
  const picker = findElements(page, (e) => e.attrs['id'] === 'cmp-base')[0]!;
  assert.equal(picker.tag, 'select');
  const options = findElements(picker, (e) => e.tag === 'option');
  assert.deepEqual(options.map((o) => viewText(o)), ['v1', 'v2', 'v3']);
  assert.deepEqual(options.map((o) => o.attrs['selected']), [true, false, false]);
  const rows = findElements(page, (e) => e.attrs['data-action'] === 'showCandidate');
  assert.deepEqual(rows.map((r) => [r.attrs['data-candidate'], r.attrs['aria-pressed'], r.attrs['tabindex'], r.attrs['role']]), [
    ['taxi_model/2', 'false', 0, 'button'],
    ['taxi_model/3', 'true', 0, 'button'],
  ]);
  assert.match(viewText(rows[0]!), /ROLL BACK/);
  assert.match(viewText(rows[1]!), /KEEP/);
  const metric = findElements(page, (e) => e.tag === 'tr' && e.attrs['data-metric'] === 'logLoss')[0]!;
  // base value, then per candidate value, Δ, interval.
  assert.match(viewText(metric), /0\.2.*0\.5.*\+0\.3.*\[0\.25, 0\.35\].*0\.1.*−0\.1.*\[−0\.15, −0\.05\]/);
  assert.match(viewText(findElements(page, (e) => e.attrs['id'] === 'cmp-detail-title')[0]!), /v3 against v1 in detail/);
});

test('two versions: the Base picker is there, the per-candidate table is not (the verdict on top is the only one)', () => {
  const page = comparisonPage(view(), {});
  assert.equal(findElements(page, (e) => e.attrs['id'] === 'cmp-base').length, 1);
  assert.equal(findElements(page, (e) => e.attrs['id'] === 'cmp-candidates').length, 0);
});
