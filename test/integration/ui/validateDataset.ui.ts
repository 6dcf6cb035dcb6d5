// Validate Dataset the way a user runs it: right-click eval.csv in the Explorer, choose the entry from the real
// context menu, then read the Problems pane — message, source, code and position of each row — in both themes.
import * as assert from 'node:assert/strict';
import { TAXI_WORKSPACE } from '../harness/sampleWorkspace.js';
import type { UiTest } from '../harness/uiTest.js';
import {
  chooseContextMenuItem,
  contextMenuLabels,
  explorerRow,
  filterProblems,
  openProblems,
  parkMouse,
  problemMarkers,
  runCommand,
  statusBarProblems,
  waitForNoNotification,
  waitForProblemMarkers,
  waitUntil,
  type ProblemMarker,
} from '../harness/uiActions.js';
import { cellColumn, problemsPosition, taxiFacts } from './taxiFacts.js';

const CODE = 'ENUM_TYPE_UNEXPECTED_STRING_VALUES';
/** facetwise.examplesPerAnomaly's default: rows listed per feature and reason. */
const EXAMPLES_PER_ANOMALY = 10;
/** Facetwise's entries in the Explorer's context menu of a dataset file, in their menu order. */
const MENU_ENTRIES = ['Validate Dataset', 'Open Dataset Overview', 'Infer Schema', 'Compare Dataset with\u2026'];

const headerMarker = (markers: readonly ProblemMarker[], column: string): ProblemMarker | undefined =>
  markers.find((m) => m.code === CODE && m.message.startsWith(`${column}: `));

export const validateDatasetUiTests: readonly UiTest[] = [
  {
    name: 'problems: Explorer right-click eval.csv → Validate Dataset lists payment_type and company (ENUM_TYPE_UNEXPECTED_STRING_VALUES) and the Prcard row; dark and light',
    timeoutMs: 120_000,
    async run({ page, workspaceFolder, screenshot, setTheme }) {
      const facts = taxiFacts(workspaceFolder);
      const payments = facts.unexpected('payment_type');
      const companies = facts.unexpected('company');
      assert.deepEqual([...payments.keys()], ['Prcard'], 'the lab data: Prcard is the one new payment_type');
      const companyRows = [...companies.values()].reduce((n, rows) => n + rows.length, 0);

      // Start from an empty Problems pane, so every row below comes from this validation.
      await runCommand(page, 'Facetwise: Clear Problems');
      await openProblems(page);
      await waitUntil('no Facetwise problem', async () => ((await problemMarkers(page)).some((m) => m.source === 'Facetwise') ? undefined : true), 10_000);

      const row = await explorerRow(page, TAXI_WORKSPACE.eval);
      await row.click({ button: 'right' });
      await waitUntil('the Facetwise entries in the context menu', async () => ((await contextMenuLabels(page)).includes(MENU_ENTRIES[0] ?? '') ? true : undefined), 10_000);
      const labels = await contextMenuLabels(page);
      assert.deepEqual(labels.filter((l) => MENU_ENTRIES.includes(l)), MENU_ENTRIES, labels.join(' | '));
      await chooseContextMenuItem(page, 'Validate Dataset');

      await openProblems(page);
      const markers = await waitForProblemMarkers(page, 'the payment_type and company rows', (ms) => ['payment_type', 'company'].every((c) => headerMarker(ms, c)), 60_000);
      for (const column of ['payment_type', 'company']) {
        const m = headerMarker(markers, column);
        assert.ok(m);
        assert.equal(m.severity, 'error', column);
        assert.equal(m.source, 'Facetwise', column);
        assert.equal(m.code, CODE, column);
        // On the column's header cell.
        assert.equal(m.position, problemsPosition(1, facts.headerColumn(column)), column);
        assert.ok(m.message.startsWith(`${column}: Unexpected string values: Examples contain values missing from the schema: `), m.message);
      }
      const payment = headerMarker(markers, 'payment_type');
      assert.ok(payment?.message.includes('Prcard'), payment?.message);
      assert.ok(payment?.message.includes('1 row, all listed.'), payment?.message);
      const company = headerMarker(markers, 'company');
      for (const value of companies.keys()) assert.ok(company?.message.includes(value), `${value} missing from: ${company?.message}`);
      const listed = Math.min(companyRows, EXAMPLES_PER_ANOMALY);
      assert.ok(company?.message.endsWith(`${companyRows} rows; first ${listed} listed.`), company?.message);
      // Two errors (the header cells) and one warning per listed row.
      const expectedStatus = `Errors: 2, Warnings: ${1 + listed}`;
      await waitUntil(`the status bar to say "${expectedStatus}"`, async () => ((await statusBarProblems(page)) === expectedStatus ? true : undefined), 10_000, () => statusBarProblems(page));
      await waitForNoNotification(page, 'Facetwise: ');
      await parkMouse(page);
      await screenshot('problems-eval-dark');

      // The Prcard row is further down the list: narrow it with the pane's filter, as a user would.
      const [prcardRow] = payments.get('Prcard') ?? [];
      assert.ok(prcardRow !== undefined);
      // Data row r is line r + 2 (the header is line 1); the position is the payment_type cell's.
      const prcardColumn = cellColumn(facts.evalCsv.lines[prcardRow + 1] ?? '', facts.evalCsv.header.indexOf('payment_type'));
      await filterProblems(page, 'Prcard');
      const filtered = await waitForProblemMarkers(page, 'only rows mentioning Prcard', (ms) => ms.length === 2 && ms.every((m) => m.message.includes('Prcard')));
      const prcard = filtered.find((m) => m.severity === 'warning');
      assert.deepEqual(prcard, {
        severity: 'warning',
        message: "Row has value 'Prcard' not in the schema's domain of payment_type",
        source: 'Facetwise',
        code: CODE,
        position: problemsPosition(prcardRow + 2, prcardColumn),
      });
      await parkMouse(page);
      await screenshot('problems-prcard-dark');

      try {
        await setTheme('light');
        await filterProblems(page, '');
        await waitForProblemMarkers(page, 'the unfiltered rows', (ms) => ms.length > 2);
        await parkMouse(page);
        await screenshot('problems-eval-light');
      } finally {
        await filterProblems(page, '');
        await setTheme('dark');
      }
    },
  },
];
