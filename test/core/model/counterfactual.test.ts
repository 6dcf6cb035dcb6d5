import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FeatureSpec } from '../../../src/core/model/featureSpec.js';
import type { ExampleRecord } from '../../../src/core/model/featureTransform.js';
import { nearestCounterfactual, numericScales, predictedClass } from '../../../src/core/model/counterfactual.js';

const spec: FeatureSpec = {
  format: 1,
  task: 'binary',
  features: [
    { name: 'miles', transform: { kind: 'numeric', mean: 0, stdDev: 1 } },
    { name: 'hour', transform: { kind: 'bucketize', boundaries: [6, 12] } },
    { name: 'pay', transform: { kind: 'vocabulary', vocabulary: ['Cash', 'Card'], oovBuckets: 1, encoding: 'oneHot' } },
  ],
};

describe('nearest counterfactual', () => {
  test('skips rows of the same class; L1 over standardised numerics plus categorical mismatches', () => {
    const example: ExampleRecord = { miles: 2, hour: 10, pay: 'Card' };
    const candidates: ExampleRecord[] = [
      { miles: 2, hour: 10, pay: 'Card' }, // identical but same class
      { miles: 4, hour: 10, pay: 'Card' }, // Δmiles = 2
      { miles: 2, hour: 10, pay: 'Cash' }, // 1 mismatch
      { miles: 0, hour: 0, pay: 'Cash' },
    ];
    const classes = [1, 0, 0, 0];
    const scales = numericScales(spec, candidates);
    // miles: 2,4,2,0 → sd = sqrt(2); hour: 10,10,10,0 → sd = sqrt(18.75)
    assert.ok(Math.abs(scales.get('miles')! - Math.SQRT2) < 1e-12);
    const r = nearestCounterfactual({ spec, example, exampleClass: 1, candidates, candidateClasses: classes })!;
    assert.equal(r.index, 2, JSON.stringify(r)); // 1 mismatch < 2/√2 ≈ 1.41
    assert.equal(r.mismatches, 1);
    assert.equal(r.numericDistance, 0);
    assert.deepEqual(r.changed, ['pay']);
    // With the Cash row removed, the 2-mile difference is next.
    const r2 = nearestCounterfactual({ spec, example, exampleClass: 1, candidates: [candidates[0]!, candidates[1]!], candidateClasses: [1, 0], scales })!;
    assert.equal(r2.index, 1);
    assert.ok(Math.abs(r2.distance - 2 / Math.SQRT2) < 1e-12);
  });

  test('missing on one side counts 1, on both 0; none of another class → undefined; regression → undefined', () => {
    const example: ExampleRecord = { miles: null, hour: 3, pay: '' };
    const candidates: ExampleRecord[] = [{ miles: 5, hour: 3, pay: 'Cash' }, { miles: null, hour: 3, pay: null }];
    const scales = new Map([['miles', 1], ['hour', 1]]);
    const r = nearestCounterfactual({ spec, example, exampleClass: 0, candidates, candidateClasses: [1, 1], scales })!;
    assert.equal(r.index, 1);
    assert.equal(r.distance, 0);
    assert.equal(nearestCounterfactual({ spec, example, exampleClass: 1, candidates, candidateClasses: [1, 1], scales }), undefined);
    assert.equal(nearestCounterfactual({ spec, example, exampleClass: NaN, candidates, candidateClasses: [0, 0], scales }), undefined);
  });

  test('agrees with a brute-force search (property)', () => {
    const row = fc.record({ miles: fc.integer({ min: 0, max: 20 }), hour: fc.integer({ min: 0, max: 23 }), pay: fc.constantFrom('Cash', 'Card', 'Other') });
    fc.assert(
      fc.property(row, fc.array(fc.tuple(row, fc.integer({ min: 0, max: 1 })), { minLength: 1, maxLength: 30 }), (example, pairs) => {
        const candidates = pairs.map((p) => p[0]);
        const classes = pairs.map((p) => p[1]);
        const scales = numericScales(spec, candidates);
        const dist = (c: ExampleRecord): number =>
          Math.abs(Number(c.miles) - example.miles) / scales.get('miles')! + Math.abs(Number(c.hour) - example.hour) / scales.get('hour')! + (c.pay === example.pay ? 0 : 1);
        let best = Infinity;
        for (let i = 0; i < candidates.length; i++) if (classes[i] !== 1) best = Math.min(best, dist(candidates[i]!));
        const r = nearestCounterfactual({ spec, example, exampleClass: 1, candidates, candidateClasses: classes });
        if (best === Infinity) return r === undefined;
        return r !== undefined && Math.abs(r.distance - best) < 1e-9 && classes[r.index] === 0;
      }),
    );
  });

  test('predicted class: binary threshold 0.5, multiclass argmax, regression NaN', () => {
    assert.equal(predictedClass('binary', [0.2, 0.7], 1, 1), 1);
    assert.equal(predictedClass('binary', [0.2, 0.7], 1, 0), 0);
    assert.equal(predictedClass('multiclass', [0.1, 0.5, 0.4], 3, 0), 1);
    assert.ok(Number.isNaN(predictedClass('regression', [3], 1, 0)));
  });
});
