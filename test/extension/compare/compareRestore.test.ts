/** The serializer's check of a comparison panel's saved state: what to compare again, or nothing. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparePanelRequest } from '../../../src/extension/compare/compareRestore.js';

const exists = (p: string): boolean => p.startsWith('/data/');

test('a saved state names the inputs, whether they are spans, and the reference span', () => {
  assert.deepEqual(comparePanelRequest({ inputs: ['/data/span-1', '/data/span-2', '/data/span-3'], spans: true, reference: 2, filter: 'x' }, exists), {
    paths: ['/data/span-1', '/data/span-2', '/data/span-3'],
    spans: true,
    reference: 2,
  });
  assert.deepEqual(comparePanelRequest({ inputs: ['/data/train.csv', '/data/serving.csv'] }, exists), { paths: ['/data/train.csv', '/data/serving.csv'], spans: false, reference: 0 });
  // A reference out of range falls back to the first span.
  assert.equal(comparePanelRequest({ inputs: ['/data/a', '/data/b'], spans: true, reference: 5 }, exists)?.reference, 0);
});

test('refuses a state naming fewer than two inputs, relative or vanished paths, or non-strings', () => {
  for (const state of [undefined, null, 'x', {}, { inputs: ['/data/a'] }, { inputs: ['/data/a', 'rel/b'] }, { inputs: ['/data/a', '/gone/b'] }, { inputs: ['/data/a', 7] }, { inputs: '/data/a' }]) {
    assert.equal(comparePanelRequest(state, exists), undefined, JSON.stringify(state));
  }
});
