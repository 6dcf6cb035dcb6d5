/**
 * The grid's style sheet, adopted as a constructed sheet (which the page's CSP does not govern, as for the web
 * components' styles). Every colour is a --vscode-* theme variable.
 */
const CSS = `
.fw-tabs { display: flex; gap: 2px; border-bottom: 1px solid var(--vscode-panel-border, transparent); margin: 0 0 8px; }
.fw-tab { background: none; border: none; border-bottom: 2px solid transparent; color: var(--vscode-foreground); padding: 6px 12px; cursor: pointer; font: inherit; opacity: 0.75; }
.fw-tab[aria-selected="true"] { border-bottom-color: var(--vscode-focusBorder); opacity: 1; }
.fw-tab:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.rows-section { display: flex; flex-direction: column; height: calc(100vh - 60px); min-height: 240px; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); }
.rows-section[hidden] { display: none; }
.rows-toolbar { display: flex; align-items: center; gap: 8px; padding: 4px 0 6px; flex-wrap: wrap; }
.rows-toolbar input { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 6px; font: inherit; }
.rows-toolbar input:focus { outline: 1px solid var(--vscode-focusBorder); }
.rows-filter { flex: 1 1 320px; min-width: 200px; }
.rows-goto { width: 150px; }
.rows-toolbar button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 4px 10px; cursor: pointer; font: inherit; }
.rows-toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground); }
.rows-status { color: var(--vscode-descriptionForeground); white-space: nowrap; }
.rows-error { color: var(--vscode-errorForeground); }
.rows-detail { border: 1px solid var(--vscode-panel-border, transparent); background: var(--vscode-textCodeBlock-background, var(--vscode-editor-background)); padding: 6px 8px; margin-bottom: 6px; max-height: 30vh; overflow: auto; white-space: pre-wrap; word-break: break-all; font-family: var(--vscode-editor-font-family); }
.rows-detail[hidden] { display: none; }
.rows-detail-title { color: var(--vscode-descriptionForeground); margin-bottom: 4px; }
.rows-frame { position: relative; flex: 1 1 auto; display: flex; flex-direction: column; min-height: 0; border: 1px solid var(--vscode-panel-border, transparent); }
.rows-header { overflow: hidden; flex: 0 0 auto; background: var(--vscode-editor-background); border-bottom: 1px solid var(--vscode-panel-border, transparent); }
.rows-header-inner { display: grid; grid-template-columns: var(--fw-cols); width: max-content; }
.rows-hcell { position: relative; padding: 3px 6px 2px; overflow: hidden; border-right: 1px solid var(--vscode-panel-border, transparent); }
.rows-hname { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.rows-htype { color: var(--vscode-descriptionForeground); font-size: 0.85em; display: flex; justify-content: space-between; align-items: flex-end; gap: 4px; height: 18px; }
.rows-hist { display: flex; align-items: flex-end; gap: 1px; height: 14px; width: 60px; }
.rows-hist span { flex: 1 1 0; background: var(--vscode-charts-blue, var(--vscode-focusBorder)); min-height: 1px; }
.rows-resize { position: absolute; right: 0; top: 0; bottom: 0; width: 6px; cursor: col-resize; }
.rows-resize:hover, .rows-resize.dragging { background: var(--vscode-sash-hoverBorder, var(--vscode-focusBorder)); }
.rows-scroller { position: relative; flex: 1 1 auto; overflow: auto; min-height: 0; }
.rows-scroller:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.rows-layer { position: sticky; top: 0; left: 0; overflow: clip; }
.rows-spacer { width: 1px; }
.rows-row { position: absolute; left: 0; display: grid; grid-template-columns: var(--fw-cols); height: 24px; line-height: 24px; }
.rows-row:nth-child(even) { background: var(--vscode-list-hoverBackground, transparent); }
.rows-row.selected { background: var(--vscode-list-inactiveSelectionBackground); }
.rows-cell { padding: 0 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; border-right: 1px solid var(--vscode-panel-border, transparent); }
.rows-cell.num { text-align: right; font-variant-numeric: tabular-nums; }
.rows-cell.missing { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); font-style: italic; }
.rows-cell.gutter { color: var(--vscode-editorLineNumber-foreground, var(--vscode-descriptionForeground)); text-align: right; position: sticky; left: 0; z-index: 1; background: var(--vscode-editor-background); }
.rows-row.selected .rows-cell.gutter { background: var(--vscode-list-inactiveSelectionBackground); }
.rows-header-inner .rows-hcell:first-child { position: sticky; left: 0; z-index: 1; background: var(--vscode-editor-background); }
.rows-cell.current { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.rows-cell.highlight { background: var(--vscode-editor-findMatchHighlightBackground); outline: 2px solid var(--vscode-editorWarning-foreground); outline-offset: -2px; }
.rows-cell.anomalous { color: var(--vscode-errorForeground); text-decoration: underline wavy var(--vscode-editorError-foreground); }
.rows-cell.loading { color: var(--vscode-descriptionForeground); }
.ov-row svg.chart, .ov-row .col-top { cursor: pointer; }
`;

let adopted = false;

export function adoptGridStyles(): void {
  if (adopted) return;
  adopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
