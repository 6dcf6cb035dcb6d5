import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricDelta, SliceComparison } from '../../../src/core/model/compareVersions.js';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import type { GateInput } from '../../../src/core/model/modelGate.js';
import { defaultGate, evaluateGate, mergeMetricGates, parseGateConfig, parseThresholdFlag } from '../../../src/core/model/modelGate.js';

function delta(metric: MetricDelta['metric'], base: number, candidate: number, ci: [number, number]): MetricDelta {
  const higher = metric === 'auc' || metric === 'accuracy';
  return { metric, higherIsBetter: higher, base, candidate, delta: candidate - base, ci, verdict: 'no significant difference' };
}

function slice(feature: string, value: string, rows: number, d: MetricDelta): SliceComparison {
  return { ...d, feature, value, rows };
}

function report(metrics: MetricDelta[], slices: SliceComparison[] = []): GateInput {
  return { base: 'm/1', candidate: 'm/2', task: 'binary', metric: 'logLoss', metrics, slices, bootstrap: { replicates: 200, seed: 42, confidence: 0.95 } };
}

describe('model gate', () => {
  test('a change threshold passes only when the whole interval clears it, whatever the point estimate says', () => {
    // AUC gains 0.02 on the point estimate, but the interval reaches below the +0.01 required: TFMA would pass it.
    const r = report([delta('auc', 0.8, 0.82, [0.004, 0.036]), delta('logLoss', 0.4, 0.39, [-0.02, -0.001])]);
    const gate = { metrics: [{ metric: 'auc' as const, change: { absolute: 0.01 } }], slices: false };
    const g = evaluateGate(r, gate);
    assert.equal(g.decision, 'INCONCLUSIVE');
    assert.match(g.reason, /auc Δ \+0\.02, 95% interval \[\+0\.004, \+0\.036\] straddles Δ > \+0\.01: the whole interval must clear it to pass/);
    assert.equal(g.checks[0]!.status, 'undecided');
    const keep = evaluateGate(report([delta('auc', 0.8, 0.83, [0.012, 0.05])]), gate);
    assert.equal(keep.decision, 'KEEP');
    assert.equal(keep.decidedBy, 'auc Δ > +0.01 over the whole 95% interval');
    const rollBack = evaluateGate(report([delta('auc', 0.8, 0.78, [-0.03, -0.005])]), gate);
    assert.equal(rollBack.decision, 'ROLL BACK');
    assert.match(rollBack.reason, /^m\/2 against m\/1 fails the gate: auc Δ -0\.02, 95% interval \[-0\.03, -0\.005\]: the whole interval misses Δ > \+0\.01\.$/);
  });

  test('relative thresholds divide the interval by the baseline; lower-is-better metrics flip the direction', () => {
    const r = report([delta('logLoss', 0.5, 0.51, [0.004, 0.016])]);
    // Δ up to +5% tolerated: the whole relative interval [0.8%, 3.2%] is below it.
    const ok = evaluateGate(r, { metrics: [{ metric: 'logLoss', change: { relative: 0.05 } }], slices: false });
    assert.equal(ok.decision, 'KEEP');
    assert.deepEqual(ok.checks[0]!.interval!.map((v) => Number(v.toFixed(4))), [0.008, 0.032]);
    assert.equal(ok.checks[0]!.threshold, 'Δ < +5%');
    const bad = evaluateGate(r, { metrics: [{ metric: 'logLoss', change: { relative: 0.005 } }], slices: false });
    assert.equal(bad.decision, 'ROLL BACK');
  });

  test('value thresholds judge the candidate point estimate; a missing metric is inconclusive', () => {
    const r = report([delta('auc', 0.8, 0.69, [-0.2, -0.01]), delta('logLoss', 0.4, 0.41, [-0.01, 0.03])]);
    const g = evaluateGate(r, { metrics: [{ metric: 'auc', lowerBound: 0.7 }] });
    assert.equal(g.decision, 'ROLL BACK');
    assert.equal(g.decidedBy, 'auc ≥ 0.7');
    assert.match(g.reason, /the candidate's auc is 0\.69, outside auc ≥ 0\.7/);
    const none = evaluateGate(r, { metrics: [{ metric: 'rmse', upperBound: 3 }] });
    assert.equal(none.decision, 'INCONCLUSIVE');
    assert.match(none.reason, /rmse is not a binary metric/);
  });

  test('slices: min size, worse-on-slice with no proven gain rolls back, with a proven gain it is a trade-off', () => {
    const cash = slice('payment_type', 'Cash', 400, delta('logLoss', 0.01, 0.3, [0.2, 0.4]));
    const tiny = slice('payment_type', 'Dispute', 12, delta('logLoss', 0.1, 0.9, [0.5, 1.2]));
    const flat = report([delta('logLoss', 0.4, 0.41, [-0.01, 0.03])], [cash, tiny]);
    const g = evaluateGate(flat, defaultGate('logLoss'));
    assert.equal(g.decision, 'ROLL BACK');
    assert.match(g.reason, /no proven gain .* and is worse on payment_type=Dispute, payment_type=Cash/);
    assert.equal(evaluateGate(flat, { ...defaultGate('logLoss'), minSliceRows: 30 }).checks.filter((c) => c.kind === 'slice').length, 1);
    assert.match(evaluateGate(flat, { ...defaultGate('logLoss'), minSliceRows: 30 }).decidedBy, /on payment_type=Cash/);
    const better = report([delta('logLoss', 0.4, 0.35, [-0.07, -0.03])], [cash]);
    const t = evaluateGate(better, defaultGate('logLoss'));
    assert.equal(t.decision, 'INCONCLUSIVE');
    assert.match(t.reason, /passes every overall check but is worse on payment_type=Cash .*: a trade-off to judge/);
    assert.equal(evaluateGate(better, { ...defaultGate('logLoss'), slices: false }).decision, 'KEEP');
    assert.equal(evaluateGate(report([delta('logLoss', 0.4, 0.4, [0, 0])]), defaultGate('logLoss')).decision, 'INCONCLUSIVE');
  });

  test('parseGateConfig validates untrusted settings and lists every problem', () => {
    assert.deepEqual(parseGateConfig({ metrics: [{ metric: 'auc', lowerBound: 0.7, change: { absolute: -0.01, direction: 'higherIsBetter' } }], minSliceRows: 50 }), {
      metrics: [{ metric: 'auc', lowerBound: 0.7, change: { direction: 'higherIsBetter', absolute: -0.01 } }],
      minSliceRows: 50,
    });
    assert.throws(
      () => parseGateConfig({ metrics: [{ metric: 'auk', lowerBound: 1 }, { metric: 'auc', lowerBond: 0.5 }, { metric: 'rmse', change: { direction: 'up' } }], minSliceRows: 0, extra: 1 }, 'facetwise.modelGate'),
      (e: unknown) => {
        assert.ok(e instanceof FacetwiseError);
        assert.equal(e.code, 'MODEL_GATE_INVALID');
        assert.match(e.message, /facetwise\.modelGate: unknown key 'extra'/);
        assert.match(e.message, /metrics\[0\]\.metric: "auk" is not a metric \(did you mean 'auc'\?\)/);
        assert.match(e.message, /metrics\[1\]: unknown key 'lowerBond' \(did you mean 'lowerBound'\?\)/);
        assert.match(e.message, /metrics\[2\]\.change\.direction: "up" is not/);
        assert.match(e.message, /metrics\[2\]\.change: give "absolute" and\/or "relative"/);
        assert.match(e.message, /minSliceRows: expected a whole number ≥ 1/);
        return true;
      },
    );
    assert.throws(() => parseGateConfig('auc>0.7'), /a gate is an object/);
    assert.throws(() => parseGateConfig({ metrics: [{ metric: 'auc', lowerBound: '0.7' }] }), /lowerBound: expected a number, found "0.7"/);
  });

  test('CLI thresholds: metric>=x / metric<=x, percentages for relative changes, merged by metric', () => {
    assert.deepEqual(parseThresholdFlag('auc>=0.7', 'value'), { metric: 'auc', lowerBound: 0.7 });
    assert.deepEqual(parseThresholdFlag('logLoss<=+2%', 'change'), { metric: 'logLoss', change: { direction: 'lowerIsBetter', relative: 0.02 } });
    assert.deepEqual(parseThresholdFlag('auc >= -0.01', 'change'), { metric: 'auc', change: { direction: 'higherIsBetter', absolute: -0.01 } });
    assert.throws(() => parseThresholdFlag('acu>=0.7', 'value'), /'acu' is not a metric \(did you mean 'auc'\?\)/);
    assert.throws(() => parseThresholdFlag('auc=0.7', 'value'), /not a threshold/);
    assert.deepEqual(mergeMetricGates([parseThresholdFlag('auc>=0.7', 'value'), parseThresholdFlag('auc<=0.99', 'value'), parseThresholdFlag('auc>=0', 'change')]), [
      { metric: 'auc', lowerBound: 0.7, upperBound: 0.99, change: { direction: 'higherIsBetter', absolute: 0 } },
    ]);
  });
});
