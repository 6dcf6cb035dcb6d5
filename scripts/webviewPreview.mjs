// Screenshot harness for the dataset overview webview, outside VS Code.
//
//   node scripts/webviewPreview.mjs [--features N] [--runs R] [--keep-html]
//
// Builds the bundle, serves the real panel HTML (buildOverviewHtml, same CSP) from a fake origin that Playwright
// answers from disk (no network, no server), emulates VS Code's webview (acquireVsCodeApi, --vscode-* theme
// variables from Dark Modern and Light Modern), posts the taxi statistics from ../shared/data plus hand-made
// anomalies and a feature named `<img src=x onerror=alert(1)>`, and writes:
//   test-results/overview-dark.png, test-results/overview-light.png
// It also checks what a user would: the hostile name shows as text (no <img>, no alert), no CSP violation, the
// keyboard reaches the filter, sort and rows and Enter on a row posts revealFeature; and times the render of a
// generated N-feature (default 1,000) message. Exits non-zero if a check fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { chromium } from 'playwright-core';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test-results');
const args = process.argv.slice(2);
const argValue = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const featureCount = argValue('--features', 1000);
const runs = argValue('--runs', 5);
const ORIGIN = 'https://webview.test';

// ---- build -----------------------------------------------------------------------------------------------------
function build() {
  try {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    // Another surface's work in progress may not build; the overview alone is what this harness needs.
    console.warn(`node esbuild.mjs failed (${String(e.stderr ?? e).split('\n')[0]}); building the overview alone`);
    esbuild.buildSync({
      entryPoints: [join(root, 'webview/overview/main.ts')],
      outfile: join(root, 'dist/webview/overview.js'),
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      legalComments: 'none',
    });
  }
}
build();

const bundlePath = join(root, 'dist/webview/overview.js');
const cssPath = join(root, 'media/overview.css');
if (!existsSync(bundlePath)) throw new Error(`${bundlePath} was not built`);

const { buildOverviewHtml, createNonce } = await tsImport('../src/extension/overview/overviewHtml.ts', import.meta.url);
const fixtures = await tsImport('../test/webview/overview/overviewFixtures.ts', import.meta.url);

// ---- themes (values of VS Code's Dark Modern / Light Modern, incl. the defaults those themes inherit) -----------
const common = {
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"Droid Sans Mono", "monospace", monospace',
};
const themes = {
  dark: {
    kind: 'vscode-dark',
    vars: {
      ...common,
      'editor-background': '#1f1f1f',
      'editor-foreground': '#cccccc',
      foreground: '#cccccc',
      descriptionForeground: '#9d9d9d',
      errorForeground: '#f85149',
      'editorWarning-foreground': '#cca700',
      'editorError-foreground': '#f14c4c',
      focusBorder: '#0078d4',
      'widget-border': '#313131',
      'widget-shadow': '#0000005c',
      'panel-border': '#2b2b2b',
      contrastBorder: 'transparent',
      'icon-foreground': '#cccccc',
      'textLink-foreground': '#4daafc',
      'textLink-activeForeground': '#4daafc',
      'button-background': '#0078d4',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#026ec1',
      'button-border': '#ffffff12',
      'button-separator': '#ffffff66',
      'button-secondaryBackground': '#313131',
      'button-secondaryForeground': '#cccccc',
      'button-secondaryHoverBackground': '#3c3c3c',
      'badge-background': '#616161',
      'badge-foreground': '#f8f8f8',
      'activityBarBadge-background': '#0078d4',
      'activityBarBadge-foreground': '#ffffff',
      'input-background': '#313131',
      'input-border': '#3c3c3c',
      'input-foreground': '#cccccc',
      'input-placeholderForeground': '#989898',
      'inputValidation-errorBackground': '#5a1d1d',
      'inputValidation-errorBorder': '#be1100',
      'settings-textInputBackground': '#313131',
      'settings-textInputBorder': '#3c3c3c',
      'settings-textInputForeground': '#cccccc',
      'settings-dropdownBackground': '#313131',
      'settings-dropdownBorder': '#3c3c3c',
      'settings-dropdownForeground': '#cccccc',
      'settings-dropdownListBorder': '#454545',
      'settings-checkboxBackground': '#313131',
      'settings-checkboxBorder': '#3c3c3c',
      'settings-checkboxForeground': '#cccccc',
      'checkbox-background': '#313131',
      'checkbox-border': '#3c3c3c',
      'checkbox-foreground': '#cccccc',
      'dropdown-background': '#313131',
      'dropdown-border': '#3c3c3c',
      'dropdown-foreground': '#cccccc',
      'list-hoverBackground': '#2a2d2e',
      'list-hoverForeground': '#cccccc',
      'list-activeSelectionBackground': '#04395e',
      'list-activeSelectionForeground': '#ffffff',
      'list-focusOutline': '#0078d4',
      'list-highlightForeground': '#2aaaff',
      'list-focusHighlightForeground': '#2aaaff',
      'progressBar-background': '#0078d4',
      'sideBar-background': '#181818',
      'sideBarSectionHeader-background': '#181818',
      'sideBarTitle-foreground': '#cccccc',
      'toolbar-hoverBackground': '#5a5d5e50',
      'toolbar-hoverOutline': 'transparent',
      'charts-foreground': '#cccccc',
      'charts-lines': '#cccccc80',
      'charts-red': '#f14c4c',
      'charts-blue': '#3794ff',
      'charts-yellow': '#cca700',
      'charts-orange': '#d18616',
      'charts-green': '#89d185',
      'charts-purple': '#b180d7',
      'scrollbarSlider-background': '#79797966',
      'editorWidget-background': '#202020',
      'editorHoverWidget-background': '#202020',
      'editorHoverWidget-border': '#454545',
      'editorHoverWidget-foreground': '#cccccc',
    },
  },
  light: {
    kind: 'vscode-light',
    vars: {
      ...common,
      'editor-background': '#ffffff',
      'editor-foreground': '#3b3b3b',
      foreground: '#3b3b3b',
      descriptionForeground: '#3b3b3b',
      errorForeground: '#f85149',
      'editorWarning-foreground': '#bf8803',
      'editorError-foreground': '#e51400',
      focusBorder: '#005fb8',
      'widget-border': '#e5e5e5',
      'widget-shadow': '#00000029',
      'panel-border': '#e5e5e5',
      contrastBorder: 'transparent',
      'icon-foreground': '#3b3b3b',
      'textLink-foreground': '#005fb8',
      'textLink-activeForeground': '#005fb8',
      'button-background': '#005fb8',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#0258a8',
      'button-border': '#0000001a',
      'button-separator': '#ffffff66',
      'button-secondaryBackground': '#e5e5e5',
      'button-secondaryForeground': '#3b3b3b',
      'button-secondaryHoverBackground': '#cccccc',
      'badge-background': '#cccccc',
      'badge-foreground': '#3b3b3b',
      'activityBarBadge-background': '#005fb8',
      'activityBarBadge-foreground': '#ffffff',
      'input-background': '#ffffff',
      'input-border': '#cecece',
      'input-foreground': '#3b3b3b',
      'input-placeholderForeground': '#767676',
      'inputValidation-errorBackground': '#f2dede',
      'inputValidation-errorBorder': '#be1100',
      'settings-textInputBackground': '#ffffff',
      'settings-textInputBorder': '#cecece',
      'settings-textInputForeground': '#3b3b3b',
      'settings-dropdownBackground': '#ffffff',
      'settings-dropdownBorder': '#cecece',
      'settings-dropdownForeground': '#3b3b3b',
      'settings-dropdownListBorder': '#c8c8c8',
      'settings-checkboxBackground': '#f8f8f8',
      'settings-checkboxBorder': '#cecece',
      'settings-checkboxForeground': '#3b3b3b',
      'checkbox-background': '#f8f8f8',
      'checkbox-border': '#cecece',
      'checkbox-foreground': '#3b3b3b',
      'dropdown-background': '#ffffff',
      'dropdown-border': '#cecece',
      'dropdown-foreground': '#3b3b3b',
      'list-hoverBackground': '#f2f2f2',
      'list-hoverForeground': '#3b3b3b',
      'list-activeSelectionBackground': '#e8e8e8',
      'list-activeSelectionForeground': '#000000',
      'list-focusOutline': '#005fb8',
      'list-highlightForeground': '#0066bf',
      'list-focusHighlightForeground': '#0066bf',
      'progressBar-background': '#005fb8',
      'sideBar-background': '#f8f8f8',
      'sideBarSectionHeader-background': '#f8f8f8',
      'sideBarTitle-foreground': '#3b3b3b',
      'toolbar-hoverBackground': '#b8b8b850',
      'toolbar-hoverOutline': 'transparent',
      'charts-foreground': '#616161',
      'charts-lines': '#61616180',
      'charts-red': '#e51400',
      'charts-blue': '#1a85ff',
      'charts-yellow': '#bf8803',
      'charts-orange': '#d18616',
      'charts-green': '#388a34',
      'charts-purple': '#652d90',
      'scrollbarSlider-background': '#64646466',
      'editorWidget-background': '#f8f8f8',
      'editorHoverWidget-background': '#f8f8f8',
      'editorHoverWidget-border': '#c8c8c8',
      'editorHoverWidget-foreground': '#3b3b3b',
    },
  },
};

// ---- the emulated webview ----------------------------------------------------------------------------------------
const nonce = createNonce();
const html = buildOverviewHtml({
  cspSource: ORIGIN,
  scriptUri: `${ORIGIN}/dist/webview/overview.js`,
  styleUris: [`${ORIGIN}/media/overview.css`],
  nonce,
  title: 'Overview: train_FeatureStats.pb',
});
mkdirSync(out, { recursive: true });
if (args.includes('--keep-html')) writeFileSync(join(out, 'overview-preview.html'), html);

/** Runs in the page before its scripts: what VS Code's webview host provides, plus probes for the checks. */
function emulateWebview({ kind, vars }) {
  const probe = { posted: [], state: undefined, alerts: 0, cspViolations: [], ready: false };
  window.__probe = probe;
  window.alert = () => {
    probe.alerts++;
  };
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => {
      probe.posted.push(m);
      if (m && m.type === 'ready') probe.ready = true;
    },
    getState: () => probe.state,
    setState: (s) => {
      probe.state = s;
    },
  });
  document.addEventListener('securitypolicyviolation', (e) => probe.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  const apply = () => {
    for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(`--vscode-${name}`, value);
    document.body?.classList.add(kind);
  };
  if (document.documentElement) apply();
  document.addEventListener('DOMContentLoaded', apply);
}

const files = {
  '/index.html': { body: html, type: 'text/html' },
  '/dist/webview/overview.js': { body: readFileSync(bundlePath), type: 'text/javascript' },
  '/media/overview.css': { body: readFileSync(cssPath), type: 'text/css' },
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function openPanel(theme, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  // Every request goes to the fake origin and is answered from disk; anything else is refused.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
    if (!file) return route.abort();
    return route.fulfill({ status: 200, contentType: file.type, body: file.body });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
  });
  await page.addInitScript(emulateWebview, themes[theme]);
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => window.__probe.ready);
  return { context, page, errors };
}

/** Posts a message as the host would; bytes travel as base64 into the page and become Uint8Arrays there. */
async function post(page, message) {
  const encoded = {};
  for (const [k, v] of Object.entries(message)) encoded[k] = v instanceof Uint8Array ? { __bytes: Buffer.from(v).toString('base64') } : v;
  await page.evaluate((m) => {
    const decoded = {};
    for (const [k, v] of Object.entries(m)) {
      decoded[k] = v && typeof v === 'object' && '__bytes' in v ? Uint8Array.from(atob(v.__bytes), (c) => c.charCodeAt(0)) : v;
    }
    window.__postedAt = performance.now();
    window.postMessage(decoded, '*');
  }, encoded);
}

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const taxi = fixtures.statisticsBytes(fixtures.taxiStatisticsWithHostileFeature(root));
const anomalies = fixtures.anomaliesBytes(fixtures.demoAnomalies());

for (const theme of ['dark', 'light']) {
  const { context, page, errors } = await openPanel(theme, { width: 1280, height: 1000 });
  await post(page, { type: 'statistics', stats: taxi, anomalies, datasetName: 'train_FeatureStats.pb', rowCount: 10036 });
  await page.waitForSelector('.ov-table .feature');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  await page.screenshot({ path: join(out, `overview-${theme}.png`), fullPage: true });

  if (theme === 'dark') {
    const probe = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img').length,
      alerts: window.__probe.alerts,
      csp: window.__probe.cspViolations,
      names: Array.from(document.querySelectorAll('.name-text'), (e) => e.textContent),
      tops: Array.from(document.querySelectorAll('.feature .col-top'), (e) => e.textContent),
      anomalyText: Array.from(document.querySelectorAll('.anomaly-cell'), (e) => e.textContent),
      scripts: document.querySelectorAll('script').length,
    }));
    check(probe.imgs === 0, 'no <img> element exists (the hostile name was not parsed as markup)');
    check(probe.alerts === 0, 'no alert() ran');
    check(probe.names.includes(fixtures.HOSTILE_NAME), 'the hostile feature name shows as literal text');
    check(probe.tops.includes(fixtures.HOSTILE_NAME), 'the hostile category value shows as literal text');
    check(probe.anomalyText.some((t) => t.includes(fixtures.HOSTILE_DESCRIPTION)), 'the hostile anomaly description shows as literal text');
    check(probe.scripts === 1, 'the only <script> is the nonce’d bundle');
    check(probe.csp.length === 0, `no CSP violation${probe.csp.length ? `: ${probe.csp.join('; ')}` : ''}`);
    check(
      probe.anomalyText.some((t) => t.includes('Unexpected string values \u2014 Examples contain values missing from the schema: Prcard (<1%).')),
      'payment_type shows its anomaly reason',
    );

    // Keyboard: Tab from the top reaches the filter, the sort control and a feature row; Enter reveals.
    await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
    const reached = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => {
        const a = document.activeElement;
        return a ? `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}${a.classList.contains('feature-name') ? '.feature-name' : ''}` : '';
      }));
    }
    check(reached.includes('vscode-textfield#ov-filter'), 'Tab reaches the filter box');
    check(reached.includes('vscode-single-select#ov-sort'), 'Tab reaches the sort control');
    check(reached.includes('vscode-collapsible#ov-section-numeric'), 'Tab reaches the section toggle');
    check(reached.includes('button.feature-name'), `Tab reaches a feature row (${reached.join(' → ')})`);
    await page.focus('#ov-table-numeric button.feature-name[tabindex="0"]');
    await page.keyboard.press('ArrowDown');
    await page.screenshot({ path: join(out, 'overview-dark-focus.png'), clip: { x: 0, y: 180, width: 1280, height: 200 } });
    await page.keyboard.press('Enter');
    const reveal = await page.evaluate(() => window.__probe.posted.filter((m) => m.type === 'revealFeature').at(-1));
    check(reveal?.feature === 'dropoff_community_area', `ArrowDown + Enter posts revealFeature for the second numeric feature (${reveal?.feature})`);

    // Hovering a bar shows its value in the tooltip (text, from the model).
    const bar = await page.locator('.feature[data-index="0"] svg.chart').boundingBox();
    await page.mouse.move(bar.x + 3, bar.y + bar.height - 4);
    const tip = await page.evaluate(() => {
      const t = document.getElementById('ov-tooltip');
      return t && !t.hidden ? t.textContent : undefined;
    });
    check(tip === 'Cash: 6,675 (66.5%)', `hovering payment_type's first bar shows "Cash: 6,675 (66.5%)" (${tip})`);
    await page.screenshot({ path: join(out, 'overview-dark-tooltip.png'), clip: { x: bar.x - 200, y: bar.y - 60, width: 400, height: 110 } });
    await page.mouse.move(5, 5);

    // The QUANTILES view.
    await page.evaluate(() => {
      const select = document.getElementById('ov-chart');
      select.value = 'quantiles';
      select.dispatchEvent(new Event('change'));
    });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20))));
    check((await page.locator('svg.chart-quantiles').count()) >= 15, 'the chart toggle switches the histograms to quantiles');
    await page.screenshot({ path: join(out, 'overview-dark-quantiles.png'), clip: { x: 0, y: 180, width: 1280, height: 420 } });
    await page.evaluate(() => {
      const select = document.getElementById('ov-chart');
      select.value = 'standard';
      select.dispatchEvent(new Event('change'));
    });

    // Filter by typing, and the UI state is persisted.
    await page.focus('#ov-filter');
    await page.keyboard.type('pick');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20))));
    const filtered = await page.evaluate(() => ({
      names: Array.from(document.querySelectorAll('.name-text'), (e) => e.textContent),
      state: window.__probe.state,
    }));
    check(filtered.names.length > 0 && filtered.names.every((n) => n.includes('pick')), `typing filters rows (${filtered.names.join(', ')})`);
    check(filtered.state?.filter === 'pick', 'the filter is saved with setState');
    await page.screenshot({ path: join(out, 'overview-dark-filtered.png') });
    // Validate: a request with an id, the button busy until the reply; a failed reply shows as an error.
    await page.focus('#ov-filter');
    await page.keyboard.press('Escape');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20))));
    check((await page.locator('.ov-table .feature').count()) === 19, 'Escape in the filter box clears the filter');
    await page.click('#ov-validate');
    const request = await page.evaluate(() => window.__probe.posted.filter((m) => m.type === 'validate').at(-1));
    check(Number.isSafeInteger(request?.requestId), `Validate posts {type: 'validate', requestId} (${JSON.stringify(request)})`);
    check(await page.evaluate(() => document.getElementById('ov-validate').disabled), 'the Validate button is busy while validating');
    await post(page, { type: 'progress', message: 'Validating train_FeatureStats.pb against schema.pbtxt…', fraction: 0.4 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    await page.screenshot({ path: join(out, 'overview-dark-progress.png'), clip: { x: 0, y: 0, width: 1280, height: 240 } });
    await post(page, { type: 'error', requestId: request?.requestId, message: 'No schema next to the dataset: run "Infer Schema" first.' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const afterError = await page.evaluate(() => ({
      busy: document.getElementById('ov-validate').disabled,
      banner: document.getElementById('ov-error').hidden ? undefined : document.getElementById('ov-error').textContent,
      progress: !document.getElementById('ov-status').hidden,
    }));
    check(!afterError.busy && !afterError.progress && afterError.banner?.startsWith('No schema'), 'a failed validation re-enables the button and shows the error');
    await page.screenshot({ path: join(out, 'overview-dark-error.png'), clip: { x: 0, y: 0, width: 1280, height: 240 } });
    await page.click('#ov-validate');
    const second = await page.evaluate(() => window.__probe.posted.filter((m) => m.type === 'validate').at(-1));
    await post(page, { type: 'anomalies', requestId: second?.requestId, anomalies: fixtures.anomaliesBytes(fixtures.demoAnomaliesWithout('company')) });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const afterReply = await page.evaluate(() => ({
      busy: document.getElementById('ov-validate').disabled,
      banner: !document.getElementById('ov-error').hidden,
      summary: document.getElementById('ov-summary').textContent,
      warnings: document.querySelectorAll('.feature.severity-warning').length,
    }));
    check(!afterReply.busy && !afterReply.banner && afterReply.summary.includes('4 anomalies') && afterReply.warnings === 0, `an anomalies reply replaces the anomalies (${afterReply.summary})`);

    // The Feature column: resized from its splitter by keyboard and by dragging, the width saved with setState,
    // the same in both tables; a name the column cuts off shows whole in a tooltip on focus.
    const colWidth = (table) => page.evaluate((t) => Math.round(document.querySelector(`#ov-table-${t} .ov-head-row .col-name`).getBoundingClientRect().width), table);
    const before = await colWidth('numeric');
    await page.focus('#ov-table-numeric .col-resizer');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const widened = await colWidth('numeric');
    const savedWidth = await page.evaluate(() => window.__probe.state?.nameWidth);
    check(Math.abs(widened - before - 48) <= 1 && savedWidth === widened, `three → widen the Feature column by 48px and save it (${before} → ${widened}, saved ${savedWidth})`);
    const handle = await page.locator('#ov-table-categorical .col-resizer').boundingBox();
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 - 60, handle.y + handle.height / 2, { steps: 4 });
    await page.mouse.move(handle.x + handle.width / 2 - 100, handle.y + handle.height / 2, { steps: 4 });
    await page.mouse.up();
    const dragged = [await colWidth('numeric'), await colWidth('categorical')];
    const savedDrag = await page.evaluate(() => window.__probe.state?.nameWidth);
    check(dragged[0] === widened - 100 && dragged[1] === dragged[0] && savedDrag === dragged[0], `dragging the splitter 100px left narrows both tables' Feature column and saves it (${dragged.join(', ')}, saved ${savedDrag})`);
    await page.focus('#ov-table-numeric .col-resizer');
    await page.keyboard.press('Home');
    await page.screenshot({ path: join(out, 'overview-dark-narrow.png'), clip: { x: 0, y: 180, width: 1280, height: 300 } });
    await page.focus('#ov-table-numeric button.feature-name[tabindex="0"]');
    const nameTip = await page.evaluate(() => {
      const t = document.getElementById('ov-tooltip');
      return t && !t.hidden ? t.textContent : undefined;
    });
    const focusedName = await page.evaluate(() => document.activeElement?.querySelector('.name-text')?.textContent);
    check(nameTip !== undefined && nameTip === focusedName, `a cut-off name shows whole in the tooltip on focus (${nameTip})`);
    await page.focus('#ov-table-numeric .col-resizer');
    await page.keyboard.press('Enter');
    check((await page.evaluate(() => window.__probe.state?.nameWidth)) === undefined, 'Enter on the splitter fits the names again');

    check(errors.length === 0, `no page errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
  }

  // Expanded rows: a numeric feature's histogram with axes and data tips, its quantiles, a categorical feature's
  // top values; by click and by keyboard; the expanded set saved with setState.
  const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30))));
  const row = (name) => page.locator('.ov-table .feature', { has: page.locator('.name-text', { hasText: new RegExp(`^${name}$`) }) });
  const tipText = (name) => row(name).locator('.data-tip').first().innerText();
  await row('fare').locator('button.feature-expander').click();
  await settle();
  const fare = row('fare');
  check((await fare.locator('button.feature-expander').getAttribute('aria-expanded')) === 'true', `${theme}: clicking fare's expander expands it`);
  const fareBars = fare.locator('.feature-detail rect.bar');
  check((await fareBars.count()) === 10, `${theme}: fare's expanded histogram has 10 bars (${await fareBars.count()})`);
  const ticks = await fare.locator('.feature-detail text.axis-label').allInnerTexts();
  check(ticks.length >= 5, `${theme}: the histogram has axis labels (${ticks.join(' ')})`);
  await fareBars.first().hover();
  const fareTip = await tipText('fare');
  const firstTip = await fareBars.first().getAttribute('data-tip');
  check(fareTip === firstTip && /^\[0, 70\.01\]: 10,022 \(99\.9%\)$/.test(fareTip), `${theme}: hovering fare's first bar shows its bounds and count (${fareTip})`);
  check(JSON.stringify(await page.evaluate(() => window.__probe.state?.expanded)) === '["fare"]', `${theme}: the expanded row is saved`);
  await row('payment_type').locator('.feature-row .col-top').evaluate((el) => el.closest('.feature-row').querySelector('.type-tag').click());
  await settle();
  const labels = await row('payment_type').locator('.feature-detail .paired-label').allInnerTexts();
  check(labels[0] === 'Cash' && labels.length === 6, `${theme}: clicking payment_type's row lists its top values (${labels.join(', ')})`);
  await row('payment_type').locator('.feature-detail .tip-target').focus();
  await page.keyboard.press('ArrowDown');
  const payTip = await tipText('payment_type');
  check(payTip === `${labels[1]}: ${(await row('payment_type').locator('.feature-detail .paired-text').nth(1).innerText())}`, `${theme}: focus + ↓ on the top values reads the second value (${payTip})`);
  await page.mouse.move(1270, 5);
  // Scrolled to the top, or the sticky toolbar lands mid-picture in a full-page screenshot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle();
  await page.screenshot({ path: join(out, `overview-${theme}-expanded.png`), fullPage: true });
  await fare.locator('button.detail-chart-toggle[data-chart="quantiles"]').click();
  await settle();
  check((await row('fare').locator('.feature-detail button.detail-chart-toggle[aria-pressed="true"]').innerText()) === 'Quantiles', `${theme}: the Quantiles toggle switches fare's expanded chart`);
  check((await row('fare').locator('.feature-detail rect.bar').count()) === 10, `${theme}: fare's quantiles histogram has 10 bars`);
  await row('fare').locator('.feature-detail').scrollIntoViewIfNeeded();
  await row('fare').locator('.feature-detail').screenshot({ path: join(out, `overview-${theme}-expanded-quantiles.png`) });
  await row('fare').locator('button.feature-expander').focus();
  await page.keyboard.press('Enter');
  await settle();
  check((await row('fare').locator('.feature-detail').count()) === 0 && (await page.evaluate(() => document.activeElement?.classList.contains('feature-expander'))), `${theme}: Enter on the expander collapses fare and keeps the focus`);
  await row('payment_type').locator('button.feature-expander').focus();
  await page.keyboard.press('Space');
  await settle();
  check((await page.evaluate(() => JSON.stringify(window.__probe.state?.expanded))) === '[]', `${theme}: Space collapses payment_type; nothing expanded is saved`);
  check(errors.length === 0, `${theme}: no page errors while expanding${errors.length ? `: ${errors.join(' | ')}` : ''}`);
  await context.close();
}

// ---- timing: a generated N-feature message ----------------------------------------------------------------------
const big = fixtures.syntheticStatistics(featureCount);
const bigBytes = fixtures.statisticsBytes(big);
const bigAnomalies = fixtures.anomaliesBytes(fixtures.syntheticAnomalies(big));
const timings = [];
for (let run = 0; run < runs; run++) {
  const { context, page } = await openPanel('dark');
  await post(page, { type: 'statistics', stats: bigBytes, anomalies: bigAnomalies, datasetName: `synthetic-${featureCount}` });
  await page.waitForFunction(
    () => performance.getEntriesByName('overview:firstFrame').length > 0 && performance.getEntriesByName('overview:allRowsMounted').length > 0,
  );
  const t = await page.evaluate(() => {
    const m = (name) => performance.getEntriesByName(name)[0]?.duration ?? NaN;
    return { decode: m('overview:decode'), render: m('overview:render'), firstFrame: m('overview:firstFrame'), allRows: m('overview:allRowsMounted'), rows: document.querySelectorAll('.ov-table .feature').length };
  });
  // Re-sorting and filtering re-order cached rows: time one sort change through to the next frame.
  t.resort = await page.evaluate(async () => {
    const select = document.getElementById('ov-sort');
    const start = performance.now();
    select.value = 'nonUniformity';
    select.dispatchEvent(new Event('change'));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - start;
  });
  if (run === 0) {
    await page.screenshot({ path: join(out, `overview-${featureCount}-features.png`) });
    // Scrolled deep into the list: the toolbar and the column headers stay on top.
    await page.mouse.wheel(0, 12000);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(out, `overview-${featureCount}-features-scrolled.png`) });
  }
  timings.push(t);
  await context.close();
}
await browser.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(
  `\n${featureCount} features (${(bigBytes.length / 1024).toFixed(0)} KiB of statistics), median of ${runs} runs:` +
    `\n  decode ${ms(median(timings.map((t) => t.decode)))}, build DOM ${ms(median(timings.map((t) => t.render)))},` +
    ` message → first frame ${ms(median(timings.map((t) => t.firstFrame)))},` +
    `\n  message → all rows mounted ${ms(median(timings.map((t) => t.allRows)))}, re-sort → next frame ${ms(median(timings.map((t) => t.resort)))}` +
    `\n  rows rendered: ${timings[0].rows}`,
);
check(timings[0].rows === featureCount, `all ${featureCount} features rendered`);
console.log(`\nscreenshots: ${join('test-results', 'overview-dark.png')}, ${join('test-results', 'overview-light.png')}`);
if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed`);
  process.exit(1);
}
