// The drift timeline as a user drives it: Explorer → a folder of span folders (the taxi lab's train, eval and
// serving data as span-1..3, a schema with a drift_comparator on payment_type beside them) → Compare Dataset
// Spans; the timeline lists features most drifted first with TFDV's and the fine distance charts, the threshold
// line and the span over it; another reference span is chosen; the panel survives a window reload. Dark and light.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import { closeAllEditors, explorerContextMenu, parkMouse, runCommand, visibleWebview, waitForNoNotification, waitForWebviewTheme, waitUntil } from '../harness/uiActions.js';
import type { FrameLocator } from 'playwright-core';
import { waitForActiveTab } from './overviewView.js';

async function timelineFeatures(view: FrameLocator, count: number): Promise<string[]> {
  let last: string[] = [];
  return waitUntil(
    'the drift timeline to list its features',
    async () => {
      last = await view.locator('#cmp-timeline .tl-feature .name-text').allInnerTexts();
      return last.length === count ? last : undefined;
    },
    90_000,
    () => last.join(', '),
  );
}

export const compareSpansUiTests: readonly UiTest[] = [
  {
    name: 'compare spans: Explorer → drift/ (span-1..3) → Compare Dataset Spans: most drifted first, TFDV and fine charts, the drift threshold crossed at span-3, another reference, the panel restored after a reload; dark and light',
    timeoutMs: 300_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      const drift = join(workspaceFolder, 'drift');
      const sources = [TAXI_WORKSPACE.train, TAXI_WORKSPACE.eval, TAXI_WORKSPACE.serving];
      sources.forEach((file, i) => {
        mkdirSync(join(drift, `span-${i + 1}`), { recursive: true });
        copyFileSync(join(workspaceFolder, file), join(drift, `span-${i + 1}`, 'part-0.csv'));
      });
      writeFileSync(join(drift, 'schema.pbtxt'), '# Drift checks of the daily spans.\nfeature {\n  name: "payment_type"\n  type: BYTES\n  drift_comparator {\n    infinity_norm {\n      threshold: 0.01\n    }\n  }\n}\n');
      await closeAllEditors(page);
      await explorerContextMenu(page, 'drift', 'Compare Dataset Spans (Drift Timeline)');
      await waitForActiveTab(page, 'Drift: drift (3 spans)');
      let view = visibleWebview(page);
      const names = await timelineFeatures(view, 18);
      assert.equal(names[0], 'tips', 'tips is missing from span-3: the largest drift');
      const maxima = await view.locator('#cmp-timeline .tl-feature .distance-value').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-max'))));
      assert.deepEqual(maxima, [...maxima].sort((a, b) => b - a), maxima.join(', '));
      assert.match(await view.locator('#cmp-summary').innerText(), /^3 spans, span-1 to span-3; reference span-1 · 18 features, most drifted first · 1 feature over a drift threshold/);

      const payment = view.locator('.tl-feature[data-feature="payment_type"]');
      assert.match(await payment.locator('.badge-threshold').innerText(), /^drift > 0\.01 at (span-2, )?span-3$/);
      assert.equal(await payment.locator('.tl-chart[data-metric="tfdv"] .threshold-line').count(), 1);
      assert.ok((await payment.locator('.tl-chart[data-metric="tfdv"] circle.over').count()) >= 1);
      assert.equal(await payment.locator('.tl-chart[data-metric="fine"]').count(), 0);
      const trip = view.locator('.tl-feature[data-feature="trip_seconds"]');
      assert.deepEqual(await trip.locator('.tl-chart').evaluateAll((els) => els.map((e) => e.getAttribute('data-metric'))), ['tfdv', 'fine']);
      assert.match(await trip.locator('.metric-name').innerText(), /JSD, fine \(Facetwise\)/);
      // The other tab: the last span against the one before, the pairwise panel.
      await view.locator('#cmp-tab-pair').click();
      await view.locator('.feature-list .feature').first().waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal((await view.locator('#cmp-tab-pair').innerText()).trim(), 'span-3 vs span-2');
      await view.locator('#cmp-tab-timeline').click();
      await timelineFeatures(view, 18);
      await waitForNoNotification(page, 'Facetwise: ');
      await parkMouse(page);
      await screenshot('compare-spans-timeline-dark');

      // Another reference: every span against span-3.
      await view.locator('#cmp-reference').selectOption({ label: 'span-3' });
      await view.locator('.tl-legend', { hasText: 'to span-3 (reference)' }).waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await view.locator('#cmp-summary').innerText(), /reference span-3/);

      // A reload (VS Code's own, which saves the editors' state first): the serializer compares the same spans
      // again from the page's saved state. (Which reference comes back depends on whether the page's latest state
      // reached VS Code before the reload, so it is not asserted.)
      await page.waitForTimeout(1_000);
      await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), runCommand(page, 'Developer: Reload Window').catch(() => undefined)]);
      await waitForActiveTab(page, 'Drift: drift (3 spans)');
      view = visibleWebview(page);
      await timelineFeatures(view, 18);
      assert.match(await view.locator('#cmp-summary').innerText(), /^3 spans, span-1 to span-3; reference span-[13] · 18 features/);
      assert.equal(await view.locator('.tl-feature[data-feature="payment_type"] .tl-chart[data-metric="tfdv"] .threshold-line').count(), 1);
      try {
        await setTheme('light');
        await waitForWebviewTheme(page, 'light');
        await parkMouse(page);
        await screenshot('compare-spans-timeline-light');
      } finally {
        await setTheme('dark');
      }
      await waitForWebviewTheme(page, 'dark');
      await closeAllEditors(page);
    },
  },
];
