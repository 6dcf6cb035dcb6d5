/** The compare protocol's checks of what crosses the host ↔ webview boundary, for the span timeline. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSpanTimeline, parseCompareReportData, parseCompareToHostMessage, parseHostToCompareMessage } from '../../../src/protocol/compare/compareProtocol.js';
import type { SpanTimeline } from '../../../src/protocol/compare/compareProtocol.js';

const timeline: SpanTimeline = {
  spans: [
    { name: 'span-1', numExamples: 10 },
    { name: 'span-2', numExamples: 12 },
  ],
  reference: 0,
  features: [{ pathKey: 'x', kind: 'numeric', present: [true, true], tfdvMetric: 'jensenShannon', toPrevious: [null, { tfdv: 0.2, fine: 0.01 }], toReference: [null, { tfdv: 0.2, fine: 0.01 }], maxDrift: 0.01, overThreshold: [] }],
};
const model = { datasets: [{ name: 'span-1', numExamples: 10 }, { name: 'span-2', numExamples: 12 }], baseline: 0, target: 1, features: [] };

test('a comparison carries its inputs and, over spans, a well-formed timeline', () => {
  const msg = parseHostToCompareMessage({ type: 'comparison', stats: new Uint8Array(0), model, canSetThreshold: false, inputs: ['/a', '/b'], timeline });
  assert.equal(msg?.type, 'comparison');
  assert.deepEqual(msg?.type === 'comparison' ? [msg.inputs, msg.timeline?.reference] : [], [['/a', '/b'], 0]);
  assert.equal(parseHostToCompareMessage({ type: 'comparison', stats: new Uint8Array(0), model, canSetThreshold: false }), undefined, 'inputs are required');
  assert.equal(parseHostToCompareMessage({ type: 'comparison', stats: new Uint8Array(0), model, canSetThreshold: false, inputs: ['/a'], timeline: { ...timeline, reference: 2 } }), undefined);
});

test('a timeline needs one distance (or null) per span and the reference among the spans', () => {
  assert.ok(isSpanTimeline(timeline));
  const feature = timeline.features[0] as SpanTimeline['features'][number];
  assert.ok(!isSpanTimeline({ ...timeline, features: [{ ...feature, toPrevious: [null] }] }));
  assert.ok(!isSpanTimeline({ ...timeline, features: [{ ...feature, toReference: [null, { tfdv: 'x' }] }] }));
  assert.ok(!isSpanTimeline({ ...timeline, features: [{ ...feature, tfdvMetric: 'psi' }] }));
  assert.ok(!isSpanTimeline({ ...timeline, reference: -1 }));
  assert.ok(parseCompareReportData({ stats: '', model, timeline })?.timeline);
  assert.equal(parseCompareReportData({ stats: '', model, timeline: { spans: 1 } }), undefined);
});

test('setReference from the webview: a request id and a span index, nothing else', () => {
  assert.deepEqual(parseCompareToHostMessage({ type: 'setReference', requestId: 3, reference: 2 }), { type: 'setReference', requestId: 3, reference: 2 });
  for (const bad of [{ type: 'setReference', reference: 2 }, { type: 'setReference', requestId: 1, reference: -1 }, { type: 'setReference', requestId: 1, reference: 1.5 }, { type: 'setReference', requestId: 1, reference: '1' }]) {
    assert.equal(parseCompareToHostMessage(bad), undefined, JSON.stringify(bad));
  }
});
