import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { compareStatistics } from '../../../src/core/compare/compareStatistics.js';
import type { DatasetFeatureStatistics } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { inferSchema } from '../../../src/core/schema/inferSchema.js';
import { getFeature, setComparatorThreshold } from '../../../src/core/schema/schemaModel.js';
import { validateStatistics } from '../../../src/core/validate/validateStatistics.js';
import { comparisonPicks, formatComparisonReport, formatNumber, skewMeasurements } from '../../../src/extension/compare/compareReport.js';
import { datasetStatistics } from '../../../src/extension/validation/datasetValidation.js';
import { EngineClient } from '../../../src/extension/engineClient.js';
import { StatisticsCache } from '../../../src/extension/statisticsCache.js';
import { buildWorker, taxiDir, tempDir } from '../engineKit.js';

const tmp = tempDir();
let train: DatasetFeatureStatistics;
let serving: DatasetFeatureStatistics;
before(async () => {
  const engine = new EngineClient(await buildWorker(tmp.root), () => 2);
  const services = { engine, cache: new StatisticsCache() };
  train = (await datasetStatistics(join(taxiDir, 'train.csv'), services)).result.statistics;
  serving = (await datasetStatistics(join(taxiDir, 'serving.csv'), services)).result.statistics;
  await engine.dispose();
});
after(() => tmp.cleanup());

describe('the Compare with… report', () => {
  test('features most changed first; tips only in training', () => {
    const comparisons = compareStatistics(train, serving);
    const picks = comparisonPicks({ training: 'train.csv', serving: 'serving.csv', comparisons });
    assert.equal(picks.length, comparisons.length);
    assert.deepEqual(picks.map((p) => p.feature), comparisons.map((c) => c.pathKey));
    for (let i = 1; i < comparisons.length; i++) assert.ok((comparisons[i - 1]?.distance ?? 0) >= (comparisons[i]?.distance ?? 0));
    assert.equal(picks.find((p) => p.feature === 'tips')?.description, 'only in training');
    const lines = formatComparisonReport({ training: 'train.csv', serving: 'serving.csv', comparisons });
    assert.match(lines[0] ?? '', /^Compare train\.csv \(training\) with serving\.csv \(serving\): \d+ features/);
    assert.equal(lines.length, 3 + comparisons.length);
  });

  test("the schema's skew comparator on payment_type shows its L-infinity against the threshold", () => {
    const schema = inferSchema(train);
    setComparatorThreshold(getFeature(schema, ['payment_type'])!, 'skew', 'infinityNorm', 0.01);
    const skew = validateStatistics(train, schema, { servingStats: serving });
    const measured = skewMeasurements(skew).get('payment_type');
    assert.equal(measured?.length, 1);
    assert.equal(measured?.[0]?.metric, 'L-infinity');
    assert.equal(measured?.[0]?.threshold, 0.01);
    const comparisons = compareStatistics(train, serving);
    const pick = comparisonPicks({ training: 't', serving: 's', comparisons, skew }).find((p) => p.feature === 'payment_type');
    const flagged = (measured?.[0]?.value ?? 0) > 0.01;
    assert.equal(pick?.label.startsWith('$(warning)'), flagged);
    assert.match(pick?.detail ?? '', /skew L-infinity/);
    const lines = formatComparisonReport({ training: 't', serving: 's', comparisons, skew, schemaPath: 'schema.pbtxt' });
    assert.ok(lines.some((l) => l.startsWith('  payment_type: L-infinity')));
  });

  test('numbers with four significant digits', () => {
    assert.equal(formatNumber(0.123456), '0.1235');
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(undefined), '');
    assert.equal(formatNumber(1.5e-7), '1.500e-7');
  });
});
