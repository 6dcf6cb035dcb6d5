import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create } from '@bufbuild/protobuf';
import {
  CommonStatisticsSchema,
  FeatureNameStatisticsSchema,
  FeatureNameStatistics_Type,
  NumericStatisticsSchema,
} from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { findElements } from '../../../webview/shared/viewNode.js';
import type { ViewElement } from '../../../webview/shared/viewNode.js';
import { featureRow } from '../../../webview/overview/featureModel.js';
import { featureBodyView } from '../../../webview/overview/rowViews.js';
import { stringFeature } from './overviewFixtures.js';

const options = { chart: 'standard', logScale: false } as const;

function numeric(name: string, nonMissing: number, missing: number, zeros: number) {
  return create(FeatureNameStatisticsSchema, {
    fieldId: { case: 'name', value: name },
    type: FeatureNameStatistics_Type.FLOAT,
    stats: {
      case: 'numStats',
      value: create(NumericStatisticsSchema, {
        commonStats: create(CommonStatisticsSchema, { numNonMissing: BigInt(nonMissing), numMissing: BigInt(missing), totNumValues: BigInt(nonMissing) }),
        numZeros: BigInt(zeros),
        mean: 1,
        max: 2,
      }),
    },
  });
}

/** The body's data cells in column order (the Feature cell is a rowheader, not a cell). */
function cells(view: ViewElement): ViewElement[] {
  const row = findElements(view, (e) => String(e.attrs.class ?? '').includes('feature-row'))[0];
  return row.children.filter((c): c is ViewElement => typeof c !== 'string' && c.attrs.role === 'cell');
}

const marked = (c: ViewElement): boolean => String(c.attrs.class).split(' ').includes('facets-mark');

test('numeric rows: the Missing cell is highlighted above 2%, the Zeros cell above 10%, with the reason in the tooltip', () => {
  // 3 of 100 missing (3%), 11 of 97 values zero (11.3%).
  const over = cells(featureBodyView(featureRow(numeric('over', 97, 3, 11), 0, 100), undefined, options, 100));
  assert.equal(over[1].children[0], '3%');
  assert.ok(marked(over[1]), 'missing 3% is marked');
  assert.match(String(over[1].attrs.title), /more than 2% missing \(Facets highlights this\)/);
  assert.ok(marked(over[2]), 'zeros 11.3% is marked');
  assert.match(String(over[2].attrs.class), /facets-mark-zeros/);
  // 2 of 100 missing (exactly 2%) and 9 of 98 zero (9.2%): neither.
  const under = cells(featureBodyView(featureRow(numeric('under', 98, 2, 9), 1, 100), undefined, options, 100));
  assert.equal(under[1].children[0], '2%');
  assert.ok(!marked(under[1]) && !marked(under[2]));
  assert.doesNotMatch(String(under[1].attrs.title), /Facets/);
});

test('categorical rows: the Missing cell is highlighted above 2%', () => {
  const row = featureRow(stringFeature('city', [['a', 90], ['b', 5]], 100), 0, 100);
  const c = cells(featureBodyView(row, undefined, options, 100));
  assert.equal(c[1].children[0], '5%');
  assert.ok(marked(c[1]));
});
