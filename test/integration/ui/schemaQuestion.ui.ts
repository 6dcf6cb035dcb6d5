// The first Validate of a dataset with no schema, as a user meets it: Explorer right-click → Validate Dataset
// asks "No schema for eval_lab2.csv. Infer it from:" with the training split beside it first; picking it
// validates against a schema inferred from it, and the result notification says so. The overview's header then
// shows the schema in use, with Change… and Compare Dataset with…; a model version folder gets no dataset
// commands. Dark and light.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import {
  clearNotifications,
  closeAllEditors,
  contextMenuLabels,
  explorerContextMenu,
  explorerRow,
  parkMouse,
  quickPickRows,
  visibleWebview,
  waitForNotification,
  waitForWebviewTheme,
  waitUntil,
} from '../harness/uiActions.js';
import { waitForActiveTab, waitForSummary } from './overviewView.js';

/** Names found nowhere else in the workspace: the Explorer's rows are found by name. */
const FOLDER = 'lab2';
const EVAL = 'eval_lab2.csv';
const TRAIN = 'train_lab2.csv';

export const schemaQuestionUiTests: readonly UiTest[] = [
  {
    name: 'schema question: Validate eval with no schema asks "Infer it from: train…"; picking it says which schema was used; the overview header shows it; a model version folder has no dataset commands; dark and light',
    timeoutMs: 180_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      const folder = join(workspaceFolder, FOLDER);
      mkdirSync(folder, { recursive: true });
      copyFileSync(join(workspaceFolder, TAXI_WORKSPACE.eval), join(folder, EVAL));
      copyFileSync(join(workspaceFolder, TAXI_WORKSPACE.train), join(folder, TRAIN));
      try {
        await closeAllEditors(page).catch(() => undefined);
        await clearNotifications(page);

        // Folders: dataset commands on a folder with data, none on a model version folder.
        const version = await explorerRow(page, `${TAXI_WORKSPACE.model}/1`);
        await version.click({ button: 'right' });
        await waitUntil('the version folder context menu', async () => ((await contextMenuLabels(page)).length > 0 ? true : undefined), 10_000);
        const versionMenu = await contextMenuLabels(page);
        await page.keyboard.press('Escape');
        assert.ok(!versionMenu.includes('Validate Dataset') && !versionMenu.includes('Open Dataset Overview'), versionMenu.join(' | '));
        // A folder holding data: the entries are there (the context key follows the new folder within a moment).
        for (const name of ['taxi', FOLDER]) {
          await waitUntil(`Validate Dataset on the ${name} folder`, async () => {
            // The Explorer shows the new folder once its watcher reports it.
            const row = await explorerRow(page, name, 5_000).catch(() => undefined);
            if (!row) return undefined;
            await row.click({ button: 'right' });
            await waitUntil('a context menu', async () => ((await contextMenuLabels(page)).length > 0 ? true : undefined), 10_000);
            const labels = await contextMenuLabels(page);
            await page.keyboard.press('Escape');
            return labels.includes('Validate Dataset') ? true : undefined;
          }, 60_000);
        }
        // The question.
        await explorerContextMenu(page, `${FOLDER}/${EVAL}`, 'Validate Dataset');
        const title = page.locator('.quick-input-widget .quick-input-title');
        await waitUntil('the schema question', async () => ((await title.isVisible()) && (await title.innerText()).startsWith('No schema for') ? true : undefined), 20_000);
        assert.equal((await title.innerText()).trim(), `No schema for ${EVAL}. Infer it from:`);
        const rows = await waitUntil('the options', async () => {
          const r = await quickPickRows(page);
          return r.length >= 3 ? r : undefined;
        });
        const labels = rows.map((r) => r.label);
        assert.ok(labels[0]?.includes(TRAIN) && labels[0].includes('same folder'), labels.join(' | '));
        assert.ok(labels.some((l) => l.includes(`${EVAL} itself`)), labels.join(' | '));
        assert.ok(labels[labels.length - 1]?.includes('Choose'), labels.join(' | '));
        await parkMouse(page);
        await screenshot('schema-question-dark');
        await page.locator('.quick-input-widget .monaco-list-row').first().click();

        // The result says which schema was used.
        const result = await waitForNotification(page, `${EVAL} validated against`, 60_000);
        assert.match(result, new RegExp(`^${EVAL.replace('.', '\\.')} validated against a schema inferred from ${TRAIN.replace('.', '\\.')} \\(chosen\\): \\d+ anomal`), result);
        await clearNotifications(page);

        // The overview's header.
        await explorerContextMenu(page, `${FOLDER}/${EVAL}`, 'Open Dataset Overview');
        await waitForActiveTab(page, `Overview: ${EVAL}`);
        const view = visibleWebview(page);
        await waitForWebviewTheme(page, 'dark');
        await waitForSummary(view, 'examples');
        const line = view.locator('#ov-schema');
        const expected = `Schema: a schema inferred from ${TRAIN} (remembered) · Change…`;
        await waitUntil('the header schema line', async () => ((await line.count()) > 0 && (await line.innerText()).trim() === expected ? true : undefined), 20_000, async () =>
          (await line.count()) > 0 ? line.innerText() : '(none)',
        );
        assert.equal((await view.locator('#ov-compare').innerText()).trim(), 'Compare Dataset with\u2026');
        await parkMouse(page);
        await screenshot('schema-header-dark');

        await setTheme('light');
        try {
          await waitForWebviewTheme(page, 'light');
          await parkMouse(page);
          await screenshot('schema-header-light');
          // Change… runs the picker (titled for a change), here dismissed.
          await view.locator('#ov-schema .ov-schema-change').click();
          await waitUntil('the Change… picker', async () => ((await title.isVisible()) && (await title.innerText()).trim() === `Schema for ${EVAL}` ? true : undefined), 20_000);
          const again = (await quickPickRows(page)).map((r) => r.label);
          assert.ok(again[0]?.includes(TRAIN), again.join(' | '));
          await parkMouse(page);
          await screenshot('schema-question-light');
          await page.keyboard.press('Escape');
          assert.equal((await line.innerText()).trim(), expected, 'dismissing keeps the schema');
        } finally {
          await setTheme('dark');
        }
      } finally {
        await closeAllEditors(page).catch(() => undefined);
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'schema overlap: a CSV sharing 2 of 22 columns with the schema beside it → Validate asks first (modal: Validate anyway / Choose another / Infer a new one); Infer a new one validates it against itself; under a facetwise.schemas entry the header says "from setting" and Change… says the setting wins',
    timeoutMs: 150_000,
    async run({ page, workspaceFolder, screenshot }) {
      const folder = join(workspaceFolder, 'lab3');
      const ragged = 'ragged_lab3.csv';
      mkdirSync(folder, { recursive: true });
      // taxi's schema (18 features, inferred from train.csv) beside a CSV that shares two of them.
      copyFileSync(join(workspaceFolder, TAXI_WORKSPACE.schema), join(folder, 'schema.pbtxt'));
      writeFileSync(join(folder, ragged), 'fare,tips,colour,size,shape,weight\n1.5,0,red,3,round,2.5\n2.5,1,blue,4,square,3.5\n');
      const settingsDir = join(workspaceFolder, '.vscode');
      const hadSettingsDir = existsSync(settingsDir);
      try {
        await closeAllEditors(page).catch(() => undefined);
        await clearNotifications(page);
        await explorerContextMenu(page, `lab3/${ragged}`, 'Validate Dataset');
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ state: 'visible', timeout: 30_000 });
        const text = await dialog.innerText();
        assert.match(text, new RegExp(`${ragged.replace('.', '\\.')} shares 2 of 22 columns with schema\\.pbtxt: validating against it would report most columns as missing or unexpected`), text);
        const buttons = (await dialog.locator('.monaco-button').allInnerTexts()).map((b) => b.trim());
        for (const b of ['Validate anyway', 'Choose another schema', 'Infer a new one']) assert.ok(buttons.includes(b), `${b} in ${buttons.join(' | ')}`);
        await parkMouse(page);
        await screenshot('schema-overlap-dark');
        await dialog.locator('.monaco-button', { hasText: 'Infer a new one' }).click();
        const result = await waitForNotification(page, `${ragged} validated against`, 60_000);
        assert.match(result, new RegExp(`^${ragged.replace('.', '\\.')} validated against a schema inferred from ${ragged.replace('.', '\\.')} itself \\(chosen\\): 0 anomalies\\.`), result);
        await clearNotifications(page);

        // A team's facetwise.schemas entry decides instead: the header says so, and Change… explains rather than asking.
        mkdirSync(settingsDir, { recursive: true });
        writeFileSync(join(settingsDir, 'settings.json'), `${JSON.stringify({ 'facetwise.schemas': { [`lab3/${ragged}`]: 'lab3/schema.pbtxt' } }, null, 2)}\n`);
        await explorerContextMenu(page, `lab3/${ragged}`, 'Open Dataset Overview');
        await waitForActiveTab(page, `Overview: ${ragged}`);
        const view = visibleWebview(page);
        await waitForSummary(view, 'examples');
        const line = view.locator('#ov-schema');
        const expected = 'Schema: schema.pbtxt (from setting) · Change…';
        await waitUntil('the header under the setting', async () => ((await line.count()) > 0 && (await line.innerText()).trim() === expected ? true : undefined), 30_000, async () =>
          (await line.count()) > 0 ? line.innerText() : '(none)',
        );
        assert.match((await view.locator('#ov-schema .ov-schema-change').getAttribute('title')) ?? '', /facetwise\.schemas setting/);
        await view.locator('#ov-schema .ov-schema-change').click();
        const notice = await waitForNotification(page, 'The facetwise.schemas setting validates', 20_000);
        assert.equal(
          notice.trim(),
          `The facetwise.schemas setting validates ${ragged} against lab3/schema.pbtxt ("lab3/${ragged}"), and it wins over a schema picked here. Edit or remove that entry to choose another.`,
        );
        assert.equal(await page.locator('.quick-input-widget .quick-input-title', { hasText: `Schema for ${ragged}` }).isVisible(), false, 'no picker whose answer would be ignored');
        await parkMouse(page);
        await screenshot('schema-setting-change-dark');
        await clearNotifications(page);
      } finally {
        await closeAllEditors(page).catch(() => undefined);
        if (hadSettingsDir) rmSync(join(settingsDir, 'settings.json'), { force: true });
        else rmSync(settingsDir, { recursive: true, force: true });
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
];
