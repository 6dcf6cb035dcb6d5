/// <reference types="mocha" />
// The dataset overview in the extension host: Open Dataset Overview opens a webview panel whose webview asks
// for the statistics, and the status bar shows the dataset's rows (and anomalies once validated).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateFacetwise, pairWithItself, scratch, sharedData, waitFor } from './facetwiseKit.js';
import type { FacetwiseApi, Scratch } from './facetwiseKit.js';

/** The parts of the extension's test API (src/extension/extension.ts) these tests use beyond FacetwiseApi. */
interface OverviewApi extends FacetwiseApi {
  overviews(): ReadonlyArray<{ readonly dataset: string; readonly viewType: string; readonly source: 'cache' | 'computed' | undefined; readonly progressShown: boolean }>;
  restoreOverviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
}

const PANEL_TYPE = 'facetwise.overviewPanel';

describe('Facetwise: Open Dataset Overview (extension host)', function () {
  this.timeout(60_000);
  let api: OverviewApi;
  let dir: Scratch;
  let taxi: (name: string) => string;
  let extensionPath = '';

  before(async () => {
    const activated = await activateFacetwise();
    api = activated.api as OverviewApi;
    extensionPath = activated.extensionPath;
    taxi = (name) => sharedData(extensionPath, 'taxi', name);
    dir = scratch('facetwise-overview-');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    dir.dispose();
  });

  it('opens a webview panel; once its webview is ready the status bar shows the row count, then the anomalies', async () => {
    const evalCsv = dir.copy(taxi('eval.csv'), 'eval.csv');
    await pairWithItself(evalCsv);
    const opened = await vscode.commands.executeCommand<string | undefined>('facetwise.openOverview', evalCsv);
    assert.equal(opened, evalCsv.fsPath);
    const tab = await waitFor('the overview tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputWebview ? t : undefined;
    });
    assert.equal(tab.label, 'Overview: eval.csv');
    // The statistics are computed when the webview says `ready`: the row count proves the round trip.
    const text = await waitFor('the status bar to show 5,000 rows', () => {
      const s = api.statusBar();
      return s.visible && s.text.includes('5,000 rows') ? s.text : undefined;
    });
    assert.ok(!text.includes('anomal'), text);
    // Nothing was cached: the statistics were read under a progress notification.
    assert.deepEqual(api.overviews().find((o) => o.dataset === evalCsv.fsPath), { dataset: evalCsv.fsPath, viewType: PANEL_TYPE, source: 'computed', progressShown: true });
    // Validating from the palette acts on the active overview's dataset.
    const summary = await vscode.commands.executeCommand<Array<{ dataset: string }>>('facetwise.validateDataset');
    assert.deepEqual(summary.map((s) => s.dataset), [evalCsv.fsPath]);
    await waitFor('the anomaly count', () => (/\d+ anomal/.test(api.statusBar().text) ? true : undefined));
  });

  it('the status bar item hides when no overview is active', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the status bar to hide', () => (api.statusBar().visible ? undefined : true));
  });

  it('a .tfrecord file opens in the overview custom editor by default', async () => {
    const shard = dir.copy(sharedData(extensionPath, 'taxi-tfrecord', 'Split-eval', 'data_tfrecord-00000-of-00012.gz'), 'Split-eval/part.tfrecord.gz');
    await vscode.commands.executeCommand('vscode.open', shard);
    const tab = await waitFor('the custom editor tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputCustom ? t.input : undefined;
    });
    assert.equal(tab.viewType, 'facetwise.overview');
    await waitFor('the status bar to show rows', () => (api.statusBar().visible && /\d rows/.test(api.statusBar().text) ? true : undefined));
  });

  it('a validated dataset opens from the cache, without a progress notification', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const evalCsv = dir.copy(taxi('eval.csv'), 'cached/eval.csv');
    await pairWithItself(evalCsv);
    await vscode.commands.executeCommand('facetwise.validateDataset', evalCsv);
    await vscode.commands.executeCommand('facetwise.openOverview', evalCsv);
    await waitFor('the status bar to show 5,000 rows', () => (api.statusBar().visible && api.statusBar().text.includes('5,000 rows') ? true : undefined));
    const overview = await waitFor('the overview to have statistics', () => api.overviews().find((o) => o.dataset === evalCsv.fsPath && o.source !== undefined));
    assert.deepEqual(overview, { dataset: evalCsv.fsPath, viewType: PANEL_TYPE, source: 'cache', progressShown: false });
  });

  it('restores an overview panel from its saved state, and reuses it for Open Dataset Overview', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const evalCsv = dir.copy(taxi('eval.csv'), 'restore/eval.csv');
    // Opened once, so the host knows this dataset had an overview panel; then the window "reloads".
    await vscode.commands.executeCommand('facetwise.openOverview', evalCsv);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the overview to close', () => (api.overviews().some((o) => o.dataset === evalCsv.fsPath) ? undefined : true));

    // What VS Code hands the serializer: a panel of the overview's view type and the webview's saved state.
    const panel = vscode.window.createWebviewPanel(PANEL_TYPE, 'Restoring', vscode.ViewColumn.Active, {});
    await api.restoreOverviewPanel(panel, { version: 1, filter: 'trip', dataset: evalCsv.fsPath });
    assert.equal(panel.title, 'Overview: eval.csv');
    assert.ok(panel.webview.html.includes('dist/webview/overview.js'), 'the overview page');
    await waitFor('the restored overview to show 5,000 rows', () => (api.statusBar().visible && api.statusBar().text.includes('5,000 rows') ? true : undefined));
    assert.deepEqual(
      api.overviews().filter((o) => o.dataset === evalCsv.fsPath).map((o) => o.viewType),
      [PANEL_TYPE],
    );

    await vscode.commands.executeCommand('facetwise.openOverview', evalCsv);
    const webviewTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    assert.equal(webviewTabs.length, 1, webviewTabs.map((t) => t.label).join());
    assert.equal(api.overviews().filter((o) => o.dataset === evalCsv.fsPath).length, 1);
  });

  it('a restored panel whose state names an unknown, missing or non-dataset path shows an error and reads nothing', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const neverOpened = dir.copy(taxi('eval.csv'), 'never/eval.csv');
    const notData = dir.write('restore/notes.txt', 'not a dataset');
    const cases: Array<{ state: unknown; reason: RegExp }> = [
      { state: { version: 1, dataset: neverOpened.fsPath }, reason: /not a dataset an overview was opened for/ },
      { state: { version: 1, dataset: notData.fsPath }, reason: /not a dataset an overview was opened for/ },
      { state: { version: 1, dataset: 'eval.csv' }, reason: /absolute dataset path/ },
      { state: { version: 1 }, reason: /does not name a dataset/ },
      { state: undefined, reason: /does not name a dataset/ },
    ];
    for (const { state, reason } of cases) {
      const panel = vscode.window.createWebviewPanel(PANEL_TYPE, 'Restoring', vscode.ViewColumn.Active, {});
      await api.restoreOverviewPanel(panel, state);
      assert.match(panel.webview.html, /could not be restored/, JSON.stringify(state));
      assert.match(panel.webview.html, reason, JSON.stringify(state));
      assert.ok(!panel.webview.html.includes('<script'), 'the error page runs no script');
      assert.equal(panel.webview.options.enableScripts, false);
      panel.dispose();
    }
    assert.deepEqual(api.overviews(), []);
  });
});
