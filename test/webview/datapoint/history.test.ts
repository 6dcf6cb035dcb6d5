import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EditHistory } from '../../../webview/datapoint/history.js';

describe('datapoint edit history', () => {
  test('undo, redo, a new edit drops the redo branch, no-op edits are not kept', () => {
    const h = new EditHistory({ pay: 'Credit Card' });
    assert.equal(h.push({ pay: 'Credit Card' }), false);
    h.push({ pay: 'Cash' });
    h.push({ pay: 'Cash', fare: 3 });
    assert.deepEqual(h.undo(), { pay: 'Cash' });
    assert.ok(h.canRedo);
    h.push({ pay: 'No Charge' });
    assert.ok(!h.canRedo);
    assert.deepEqual(h.all(), [{ pay: 'Credit Card' }, { pay: 'Cash' }, { pay: 'No Charge' }]);
    h.undo();
    h.undo();
    assert.ok(!h.canUndo);
    assert.deepEqual(h.current, { pay: 'Credit Card' });
    assert.deepEqual(h.redo(), { pay: 'Cash' });
  });
});
