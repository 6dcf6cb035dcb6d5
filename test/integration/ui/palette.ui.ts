// The command palette: what a user finds when they look for Facetwise's commands.
import * as assert from 'node:assert/strict';
import type { UiTest } from '../harness/uiTest.js';
import { parkMouse, quickPickRows, themeKind, waitUntil } from '../harness/uiActions.js';

/** Every command a user may run from the palette, as the palette names them (Apply Schema Fix is for quick fixes only). */
const PALETTE_COMMANDS: ReadonlyArray<{ label: string; id: string }> = [
  { label: 'Facetwise: Validate Dataset', id: 'facetwise.validateDataset' },
  { label: 'Facetwise: Infer Schema', id: 'facetwise.inferSchema' },
  { label: 'Facetwise: Compare Dataset with\u2026', id: 'facetwise.compareWith' },
  { label: 'Facetwise: Compare Dataset Spans (Drift Timeline)', id: 'facetwise.compareSpans' },
  { label: 'Facetwise: Open Dataset Overview', id: 'facetwise.openOverview' },
  { label: 'Facetwise: Clear Problems', id: 'facetwise.clearProblems' },
  { label: 'Facetwise: Open Datapoint Editor', id: 'facetwise.openDatapointEditor' },
  { label: 'Facetwise: Explain a Row\u2026', id: 'facetwise.explainRow' },
  { label: 'Facetwise: Refresh Models', id: 'facetwise.models.refresh' },
  { label: 'Facetwise: Open "Bring Your Model" Guide', id: 'facetwise.models.openGuide' },
  // VS Code's own command for the Models view, named after the view container.
  { label: 'Facetwise: Focus on Models View', id: 'facetwise.models.focus' },
];

const byLabel = (a: { label: string }, b: { label: string }): number => a.label.localeCompare(b.label);

export const paletteUiTests: readonly UiTest[] = [
  {
    name: 'palette: F1 and "Facetwise" list exactly the Facetwise commands',
    async run({ page, screenshot }) {
      assert.equal(await themeKind(page), 'dark', 'the harness starts every UI run in the dark theme');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.pressSequentially('Facetwise');
      // The palette fills in as the extension's contributions register: wait until all five are there.
      const rows = await waitUntil(
        'the Facetwise commands in the palette',
        async () => {
          const shown = await quickPickRows(page);
          return PALETTE_COMMANDS.every((c) => shown.some((r) => r.label === c.label)) ? shown : undefined;
        },
        20_000,
        async () => JSON.stringify(await quickPickRows(page)),
      );
      const facetwise = rows.filter((r) => r.label.startsWith('Facetwise:')).sort(byLabel);
      assert.deepEqual(facetwise, [...PALETTE_COMMANDS].sort(byLabel));
      await parkMouse(page);
      await screenshot('palette-facetwise-dark');
      await page.keyboard.press('Escape');
      await input.waitFor({ state: 'hidden', timeout: 10_000 });
    },
  },
];
