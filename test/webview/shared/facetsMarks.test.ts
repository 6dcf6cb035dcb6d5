import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FACETS_MARK_THRESHOLDS, facetsMarkNote, isFacetsMarked } from '../../../webview/shared/facetsMarks.js';

test('Facets marks missing above 2% and zeros above 10%, strictly above, never an unknown share', () => {
  assert.equal(FACETS_MARK_THRESHOLDS.missing, 0.02);
  assert.equal(FACETS_MARK_THRESHOLDS.zeros, 0.1);
  assert.equal(isFacetsMarked('missing', 0.02), false);
  assert.equal(isFacetsMarked('missing', 0.0201), true);
  assert.equal(isFacetsMarked('missing', 0.05), true);
  assert.equal(isFacetsMarked('zeros', 0.05), false);
  assert.equal(isFacetsMarked('zeros', 0.1), false);
  assert.equal(isFacetsMarked('zeros', 0.11), true);
  assert.equal(isFacetsMarked('missing', undefined), false);
  assert.equal(facetsMarkNote('missing'), 'more than 2% missing (Facets highlights this)');
  assert.equal(facetsMarkNote('zeros'), 'more than 10% zeros (Facets highlights this)');
});
