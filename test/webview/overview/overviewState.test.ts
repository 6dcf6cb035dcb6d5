import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_UI_STATE, restoreUiState } from '../../../webview/overview/overviewState.js';

test('nothing saved gives the defaults', () => {
  assert.deepEqual(restoreUiState(undefined), DEFAULT_UI_STATE);
  assert.deepEqual(restoreUiState(null), DEFAULT_UI_STATE);
  assert.deepEqual(restoreUiState('sort=name'), DEFAULT_UI_STATE);
});

test('a saved state round-trips', () => {
  const saved = {
    version: 1,
    filter: 'trip',
    sort: 'nonUniformity',
    reverse: true,
    chart: 'quantiles',
    logScale: true,
    collapsed: { numeric: true, categorical: false },
    expanded: ['fare', 'payment_type'],
    nameWidth: 240,
  } as const;
  assert.deepEqual(restoreUiState(JSON.parse(JSON.stringify(saved))), saved);
});

test('malformed fields fall back one by one', () => {
  const restored = restoreUiState({ filter: 42, sort: 'bogus', reverse: 'yes', chart: 'pie', logScale: true, collapsed: { numeric: 'no' } });
  assert.deepEqual(restored, { ...DEFAULT_UI_STATE, logScale: true });
});

test('the Feature column width the user chose is restored, within bounds', () => {
  assert.equal(restoreUiState({ nameWidth: 333.4 }).nameWidth, 333);
  assert.equal(restoreUiState({ nameWidth: 5 }).nameWidth, 120);
  assert.equal(restoreUiState({ nameWidth: 1e9 }).nameWidth, 1200);
  assert.equal(restoreUiState({ nameWidth: '300px' }).nameWidth, undefined);
  assert.equal(restoreUiState({ nameWidth: Number.NaN }).nameWidth, undefined);
  assert.equal(restoreUiState({}).nameWidth, undefined);
});
