import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareStatistics } from '../../../src/core/compare/compareStatistics.js';
import { countValues, readCsv, statsFromTable, taxiPath } from '../validate/statsFromCsv.js';
import { dataset, StatsType } from '../validate/statsBuilder.js';

describe('compareStatistics', () => {
  it('ranks features by Jensen-Shannon divergence, one-sided features first', () => {
    const a = dataset(10, [
      { name: 'same', type: StatsType.STRING, values: { x: 5, y: 5 } },
      { name: 'moved', type: StatsType.STRING, values: { x: 9, y: 1 } },
      { name: 'num', type: StatsType.FLOAT, num: { min: 0, max: 2, buckets: [[0, 1, 10], [1, 2, 0]] } },
      { name: 'gone', type: StatsType.INT, num: { min: 0, max: 1, buckets: [[0, 1, 10]] } },
    ]);
    const b = dataset(10, [
      { name: 'same', type: StatsType.STRING, values: { x: 5, y: 5 } },
      { name: 'moved', type: StatsType.STRING, values: { x: 1, y: 9 } },
      { name: 'num', type: StatsType.FLOAT, num: { min: 0, max: 2, buckets: [[0, 1, 5], [1, 2, 5]] } },
      { name: 'new', type: StatsType.STRING, values: { z: 10 } },
    ]);
    const r = compareStatistics(a, b);
    assert.deepEqual(r.map((x) => x.pathKey), ['gone', 'new', 'moved', 'num', 'same']);
    assert.equal(r[0]?.presentIn, 'a');
    assert.equal(r[1]?.presentIn, 'b');
    const moved = r.find((x) => x.pathKey === 'moved')!;
    assert.equal(moved.kind, 'categorical');
    assert.ok(Math.abs((moved.distances.lInfinity ?? 0) - 0.8) < 1e-12);
    assert.equal(moved.maxDifferenceValue, 'y');
    const num = r.find((x) => x.pathKey === 'num')!;
    assert.equal(num.kind, 'numeric');
    assert.ok((num.distances.wasserstein ?? 0) > 0 && (num.distances.ks ?? 0) > 0 && (num.distances.psi ?? 0) > 0);
    assert.equal(r.find((x) => x.pathKey === 'same')?.distance, 0);
  });

  it('turns thresholds from Facetwise’s config into alerts, per feature overriding the defaults', () => {
    const a = dataset(10, [{ name: 'c', type: StatsType.STRING, values: { x: 9, y: 1 } }, { name: 'd', type: StatsType.STRING, values: { x: 9, y: 1 } }]);
    const b = dataset(10, [{ name: 'c', type: StatsType.STRING, values: { x: 8, y: 2 } }, { name: 'd', type: StatsType.STRING, values: { x: 8, y: 2 } }]);
    const r = compareStatistics(a, b, { defaults: { lInfinity: 0.05, psi: 10 }, features: { d: { lInfinity: 0.5 } } });
    const c = r.find((x) => x.pathKey === 'c')!;
    assert.deepEqual(c.alerts.map((x) => [x.metric, x.threshold]), [['lInfinity', 0.05]]);
    assert.deepEqual(r.find((x) => x.pathKey === 'd')!.alerts, []);
  });

  it('on the taxi files: payment_type’s L-infinity matches a count made here', () => {
    const train = readCsv(taxiPath('train'));
    const serving = readCsv(taxiPath('serving'));
    const r = compareStatistics(statsFromTable(train), statsFromTable(serving));
    const p = r.find((x) => x.pathKey === 'payment_type')!;
    const ct = countValues(train, 'payment_type');
    const cs = countValues(serving, 'payment_type');
    const st = [...ct.values()].reduce((s, x) => s + x, 0);
    const ss = [...cs.values()].reduce((s, x) => s + x, 0);
    const expected = Math.max(...[...new Set([...ct.keys(), ...cs.keys()])].map((v) => Math.abs((ct.get(v) ?? 0) / st - (cs.get(v) ?? 0) / ss)));
    assert.ok(Math.abs((p.distances.lInfinity ?? 0) - expected) < 1e-12);
    assert.equal(r.find((x) => x.pathKey === 'tips')?.presentIn, 'a');
    assert.equal(r[0]?.pathKey, 'tips');
  });
});
