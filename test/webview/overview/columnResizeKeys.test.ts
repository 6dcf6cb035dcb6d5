import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NAME_WIDTH_MAX, NAME_WIDTH_MIN, clampNameWidth, resizeByKey, widthText } from '../../../webview/overview/columnResizeKeys.js';
import { findElements } from '../../../webview/shared/viewNode.js';
import { tableHeadView } from '../../../webview/overview/rowViews.js';

test('arrow keys on the splitter resize the Feature column by steps, Shift by big steps, within bounds', () => {
  assert.equal(resizeByKey('ArrowRight', false, 200), 216);
  assert.equal(resizeByKey('ArrowLeft', false, 200), 184);
  assert.equal(resizeByKey('ArrowRight', true, 200), 280);
  assert.equal(resizeByKey('ArrowLeft', true, 150), NAME_WIDTH_MIN);
  assert.equal(resizeByKey('ArrowRight', false, NAME_WIDTH_MAX), NAME_WIDTH_MAX);
  assert.equal(resizeByKey('Home', false, 500), NAME_WIDTH_MIN);
  assert.equal(resizeByKey('End', false, 500), NAME_WIDTH_MAX);
  assert.equal(resizeByKey('Enter', false, 500), 'auto');
  assert.equal(resizeByKey('a', false, 500), undefined);
  assert.equal(resizeByKey('Tab', false, 500), undefined);
});

test('widths are whole pixels within bounds; the value text says what the column does', () => {
  assert.equal(clampNameWidth(250.6), 251);
  assert.equal(clampNameWidth(-3), NAME_WIDTH_MIN);
  assert.equal(clampNameWidth(Number.POSITIVE_INFINITY), NAME_WIDTH_MIN);
  assert.equal(widthText(300), 'Feature column 300 pixels wide');
  assert.equal(widthText(undefined), 'Feature column fits the names');
});

test('each table header has one focusable vertical splitter, in the Feature column header', () => {
  for (const section of ['numeric', 'categorical'] as const) {
    const head = tableHeadView(section);
    const splitters = findElements(head, (e) => e.attrs.class === 'col-resizer');
    assert.equal(splitters.length, 1);
    const s = splitters[0];
    assert.equal(s.attrs.role, 'separator');
    assert.equal(s.attrs.tabindex, 0);
    assert.equal(s.attrs['aria-orientation'], 'vertical');
    assert.equal(s.attrs['aria-label'], 'Resize the Feature column');
    const featureHeader = findElements(head, (e) => e.attrs.role === 'columnheader')[0];
    assert.ok(featureHeader.children.includes(s));
  }
});
