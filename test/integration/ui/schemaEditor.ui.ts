// The schema editor as a user drives it: Explorer → schema.pbtxt → Open With… → Facetwise Schema Editor; edit
// against eval.csv (its Prcard anomaly on payment_type, with the quick fix); add 'Prcard' to payment_type's domain
// in the form → the text document changes (dirty, then saved: the value is in the file, a comment elsewhere in it
// survives), undo restores the text exactly, redo brings the value back; validating eval.csv then shows one
// anomaly fewer. Dark and light.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import {
  closeAllEditors,
  editorTabs,
  explorerContextMenu,
  openProblems,
  parkMouse,
  problemMarkers,
  runCommand,
  visibleWebview,
  waitForNoNotification,
  waitForWebviewTheme,
  waitUntil,
  type ProblemMarker,
} from '../harness/uiActions.js';
import { pickQuickItem } from './compareView.js';

/** A comment a user wrote in the middle of the schema (on the string domains), which the form's edits must keep. */
const COMMENT = '# Domains below were reviewed with the data owners.';

/** Feature-level anomalies in the Problems pane: one error per feature on its header cell (rows are warnings). */
function featureErrors(markers: readonly ProblemMarker[]): string[] {
  return markers.filter((m) => m.source === 'Facetwise' && m.severity === 'error').map((m) => m.message.split(':')[0] ?? '');
}

async function validateEval(page: Page): Promise<string[]> {
  await runCommand(page, 'Facetwise: Clear Problems');
  await openProblems(page);
  await waitUntil('no Facetwise problem', async () => ((await problemMarkers(page)).some((m) => m.source === 'Facetwise') ? undefined : true), 10_000);
  await explorerContextMenu(page, TAXI_WORKSPACE.eval, 'Validate Dataset');
  await openProblems(page);
  let last: string[] = [];
  // Validation is done when the company error (always there: eval.csv has new companies) shows.
  return waitUntil(
    'the validation of eval.csv in Problems',
    async () => {
      last = featureErrors(await problemMarkers(page));
      return last.includes('company') ? last : undefined;
    },
    60_000,
    () => last.join(', '),
  );
}

function section(view: FrameLocator, feature: string) {
  return view.locator(`section.se-feature[data-feature="${feature}"]`);
}

async function domainValues(view: FrameLocator, feature: string): Promise<string[]> {
  // textContent: sections off screen are not rendered (content-visibility), so they have no innerText.
  return section(view, feature).locator('.se-values .se-value-text').allTextContents();
}

async function waitForDomain(view: FrameLocator, feature: string, accept: (values: string[]) => boolean, what: string): Promise<string[]> {
  let last: string[] = [];
  return waitUntil(
    what,
    async () => {
      last = await domainValues(view, feature);
      return accept(last) ? last : undefined;
    },
    20_000,
    () => last.join(', '),
  );
}

async function schemaTab(page: Page): Promise<{ label: string; dirty: boolean } | undefined> {
  const tabs = await page.locator('.monaco-workbench .part.editor .tabs-container .tab').evaluateAll((els) =>
    els.map((t) => ({ label: `${t.querySelector('.monaco-icon-name-container')?.textContent ?? ''}${t.querySelector('.monaco-icon-suffix-container')?.textContent ?? ''}`.trim(), dirty: t.classList.contains('dirty'), active: t.classList.contains('active') })),
  );
  return tabs.find((t) => t.active && t.label === 'schema.pbtxt');
}

async function waitForDirty(page: Page, dirty: boolean): Promise<void> {
  await waitUntil(`the schema tab ${dirty ? 'dirty' : 'saved'}`, async () => ((await schemaTab(page))?.dirty === dirty ? true : undefined), 15_000, async () => JSON.stringify(await editorTabs(page)));
}

/** Focuses the form (not a text field, whose own undo would take Ctrl+Z) and presses `keys`. */
async function pressInForm(page: Page, view: FrameLocator, keys: string): Promise<void> {
  await view.locator('#se-title').click();
  await page.keyboard.press(keys);
}

export const schemaEditorUiTests: readonly UiTest[] = [
  {
    name: 'schema editor: Open With… Facetwise Schema Editor on schema.pbtxt, against eval.csv: the anomaly type’s severity set to Warning (facetwise.severityOverrides) and back; add Prcard to payment_type in the form → the text changes, a comment survives, undo restores it; eval.csv then validates with one anomaly fewer; dark and light',
    timeoutMs: 240_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      const schemaFile = join(workspaceFolder, TAXI_WORKSPACE.schema);
      const initial = readFileSync(schemaFile, 'utf8');
      assert.ok(!/value: "Prcard"/.test(initial), 'the inferred schema lacks Prcard');
      const original = initial.includes(COMMENT) ? initial : initial.replace(/^string_domain \{$/m, `${COMMENT}\nstring_domain {`);
      assert.ok(original.includes(COMMENT), 'the schema has string domains to put the comment on');
      writeFileSync(schemaFile, original);
      await closeAllEditors(page);

      const before = await validateEval(page);
      assert.ok(before.includes('payment_type'), before.join(', '));

      await explorerContextMenu(page, TAXI_WORKSPACE.schema, 'Open With...');
      await pickQuickItem(page, 'Facetwise Schema Editor');
      await waitUntil('the schema editor tab', async () => ((await schemaTab(page)) ? true : undefined), 20_000, async () => JSON.stringify(await editorTabs(page)));
      const view = visibleWebview(page);
      await section(view, 'payment_type').waitFor({ state: 'attached', timeout: 30_000 });
      await section(view, 'payment_type').scrollIntoViewIfNeeded();
      const domain = await domainValues(view, 'payment_type');
      assert.ok(domain.includes('Cash') && !domain.includes('Prcard'), domain.join(', '));

      // eval.csv was just validated against this schema: the form is edited against it from the start.
      await waitUntil('the form against eval.csv', async () => ((await view.locator('#se-summary').innerText()).includes('against eval.csv (5,000 examples)') ? true : undefined), 20_000);
      // Picking it again from the dataset picker, as a user would to choose another one.
      await view.locator('#se-pick-dataset').click();
      await pickQuickItem(page, 'eval.csv');
      const payment = section(view, 'payment_type');
      await payment.locator('.se-anomaly').first().waitFor({ state: 'visible', timeout: 60_000 });
      assert.match(await payment.locator('.se-anomaly').first().innerText(), /Unexpected string values/);
      assert.ok((await payment.locator('.se-fixes button').allInnerTexts()).includes("Add 'Prcard' to the schema's domain of payment_type"));
      assert.match(await payment.locator('.se-outside').innerText(), /\+ Prcard \(1\)/);
      assert.match(await payment.locator('.se-observed').first().innerText(), /^observed 0% missing \(0 of 5,000\)$/);
      // A count beside each domain value.
      assert.equal(await payment.locator('.se-values .se-count').count(), domain.length);
      await waitForNoNotification(page, 'Facetwise: ');
      // For the screenshot: the editor's full height, the form filtered to payment_type as a user would.
      await runCommand(page, 'View: Hide Panel');
      await view.locator('#se-filter').fill('payment_type');
      await waitUntil('only payment_type shown', async () => ((await view.locator('section.se-feature').count()) === 1 ? true : undefined), 10_000);
      await parkMouse(page);
      await screenshot('schema-editor-eval-dark');

      // The anomaly's type severity: Warning goes to the workspace's facetwise.severityOverrides (TFDV's
      // severity_overrides are a validation option, not a schema field) and the form shows it re-validated;
      // TFDV's default removes the override again.
      const settingsFile = join(workspaceFolder, '.vscode', 'settings.json');
      const hadSettings = existsSync(settingsFile);
      const overrides = (): unknown => (existsSync(settingsFile) ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)['facetwise.severityOverrides'] : undefined);
      try {
        await payment.locator('select.se-severity').selectOption('WARNING');
        await payment.locator('.se-anomaly.se-warning').waitFor({ state: 'visible', timeout: 30_000 });
        assert.deepEqual(overrides(), { ENUM_TYPE_UNEXPECTED_STRING_VALUES: 'WARNING' });
        assert.equal(await payment.locator('select.se-severity').inputValue(), 'WARNING');
        await payment.locator('select.se-severity').selectOption('default');
        await payment.locator('.se-anomaly.se-error').waitFor({ state: 'visible', timeout: 30_000 });
        assert.equal(overrides(), undefined);
      } finally {
        if (!hadSettings) rmSync(join(workspaceFolder, '.vscode'), { recursive: true, force: true });
      }

      // Add 'Prcard' in the form: the document changes (dirty), the anomaly leaves payment_type.
      await payment.locator('.se-add-input').fill('Prcard');
      await payment.locator('button[data-edit="domainAdd"]', { hasText: 'Add' }).first().click();
      await waitForDomain(view, 'payment_type', (v) => v[v.length - 1] === 'Prcard', 'Prcard at the end of the domain');
      await waitForDirty(page, true);
      await payment.locator('.se-anomaly').waitFor({ state: 'detached', timeout: 15_000 });
      await runCommand(page, 'File: Save');
      await waitForDirty(page, false);
      const saved = readFileSync(schemaFile, 'utf8');
      assert.match(saved, /value: "Prcard"\n/);
      assert.ok(saved.includes(COMMENT), 'the comment survives the edit');
      // One value more, nothing else: the text is the original with one line added.
      assert.equal(saved.split('\n').length, original.split('\n').length + 1);
      assert.equal(saved.replace(/^ {2}value: "Prcard"\n/m, ''), original);
      await parkMouse(page);
      await screenshot('schema-editor-prcard-added-dark');

      // Undo restores the text exactly (VS Code's undo of the TextDocument); redo brings Prcard back.
      await pressInForm(page, view, 'Control+z');
      await waitForDomain(view, 'payment_type', (v) => !v.includes('Prcard'), 'Prcard gone after undo');
      await waitForDirty(page, true);
      await runCommand(page, 'File: Save');
      await waitForDirty(page, false);
      assert.equal(readFileSync(schemaFile, 'utf8'), original, 'undo restored the text');
      await pressInForm(page, view, 'Control+Shift+z');
      await waitForDomain(view, 'payment_type', (v) => v.includes('Prcard'), 'Prcard back after redo');
      await runCommand(page, 'File: Save');
      await waitForDirty(page, false);
      assert.match(readFileSync(schemaFile, 'utf8'), /value: "Prcard"\n/);

      // Invalid text (here written on disk, as git or another editor would): the parse error with its position, the form read-only.
      const valid = readFileSync(schemaFile, 'utf8');
      const lines = valid.split('\n');
      const typeLine = lines.findIndex((l) => /^ {2}type: /.test(l));
      assert.ok(typeLine >= 0);
      lines[typeLine] = '  type: NOT_A_TYPE';
      writeFileSync(schemaFile, lines.join('\n'));
      // VS Code's file watcher picks the change up on its own, but late when the machine is busy (it missed it within
      // 20 s once in a full run); Revert reloads from disk as a user would, and is a no-op once the watcher has.
      await runCommand(page, 'File: Revert File');
      const error = view.locator('.se-parse-error');
      await error.waitFor({ state: 'visible', timeout: 20_000 });
      assert.equal((await error.locator('.se-parse-position').innerText()).trim(), `Line ${typeLine + 1}, column 9:`);
      assert.match(await error.locator('.se-parse-message').innerText(), /NOT_A_TYPE/);
      assert.ok(await payment.locator('.se-add-input').isDisabled(), 'the form is read-only');
      assert.ok(await payment.locator('select.se-type').isDisabled(), 'the form is read-only');
      await parkMouse(page);
      await screenshot('schema-editor-parse-error-dark');
      writeFileSync(schemaFile, valid);
      await runCommand(page, 'File: Revert File');
      await error.waitFor({ state: 'detached', timeout: 20_000 });
      assert.ok(!(await payment.locator('.se-add-input').isDisabled()), 'editable again');

      try {
        await setTheme('light');
        await waitForWebviewTheme(page, 'light');
        await parkMouse(page);
        await screenshot('schema-editor-eval-light');
      } finally {
        await setTheme('dark');
      }
      await waitForWebviewTheme(page, 'dark');

      // Validating eval.csv again: one anomaly fewer (payment_type's Prcard is in the domain now).
      const after = await validateEval(page);
      assert.deepEqual(after, before.filter((f) => f !== 'payment_type'), `${before.join(', ')} → ${after.join(', ')}`);
      assert.equal(after.length, before.length - 1);

      // Leave the workspace as it was for the suites after this one.
      writeFileSync(schemaFile, initial);
      await runCommand(page, 'Facetwise: Clear Problems');
      await closeAllEditors(page);
    },
  },
];
