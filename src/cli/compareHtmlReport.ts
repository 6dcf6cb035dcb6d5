/**
 * `facetwise compare a b --html report.html`: the comparison page as one self-contained, offline HTML file for CI
 * artefacts — the page's script and style sheet inline, the statistics and the comparison embedded as data in a
 * non-executed script element, a policy that loads nothing from anywhere (`default-src 'none'`, the inline
 * script and style allowed by nonce). The script is the panel's own bundle (dist/webview/compare.js), which
 * shows the embedded data read-only when there is no VS Code host.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import type { DatasetComparison } from '../core/compare/datasetComparison.js';
import type { SpanTimeline } from '../core/compare/spanTimeline.js';
import type { DatasetFeatureStatistics } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { DatasetFeatureStatisticsListSchema } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FacetwiseError } from '../core/data/issues.js';
import type { CompareReportData } from '../protocol/compare/compareProtocol.js';

/** The theme variables the page's style sheet reads, for a browser outside VS Code (light, and dark by preference). */
const THEME = `:root {
  --vscode-editor-background: #ffffff; --vscode-foreground: #1f1f1f; --vscode-descriptionForeground: #616161;
  --vscode-widget-border: #d4d4d4; --vscode-errorForeground: #c72e2e; --vscode-editorWarning-foreground: #a76b00;
  --vscode-charts-blue: #1a73e8; --vscode-charts-orange: #e8710a; --vscode-charts-green: #188038; --vscode-charts-purple: #9334e6;
  --vscode-input-background: #ffffff; --vscode-input-foreground: #1f1f1f; --vscode-input-border: #cecece;
  --vscode-button-background: #005fb8; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #0258a8;
  --vscode-focusBorder: #005fb8; --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px;
}
@media (prefers-color-scheme: dark) { :root {
  --vscode-editor-background: #1f1f1f; --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d;
  --vscode-widget-border: #3c3c3c; --vscode-errorForeground: #f85149; --vscode-editorWarning-foreground: #cca700;
  --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616; --vscode-charts-green: #89d185; --vscode-charts-purple: #b180d7;
  --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #026ec1;
} }`;

function nonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Text that can sit inside <script>/<style>: no sequence that would end the element early. */
function inlineSafe(text: string, tag: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

export interface HtmlReportInput {
  readonly title: string;
  readonly statistics: readonly DatasetFeatureStatistics[];
  readonly model: DatasetComparison;
  readonly schemaName?: string;
  /** The drift timeline, when the report is over spans (the page shows it above the last two spans' comparison). */
  readonly timeline?: SpanTimeline;
}

export function buildHtmlReport(input: HtmlReportInput, script: string, css: string): string {
  const n = nonce();
  const list = create(DatasetFeatureStatisticsListSchema, { datasets: [...input.statistics] });
  const data: CompareReportData = {
    stats: Buffer.from(toBinary(DatasetFeatureStatisticsListSchema, list)).toString('base64'),
    model: input.model,
    ...(input.schemaName ? { schemaName: input.schemaName } : {}),
    ...(input.timeline ? { timeline: input.timeline } : {}),
  };
  // JSON in an HTML data block: '<' escaped so that no "</script" or "<!--" can appear in it.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const csp = `default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}'; img-src data:`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeText(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeText(input.title)}</title>
<style nonce="${n}">
${inlineSafe(THEME, 'style')}
${inlineSafe(css, 'style')}
</style>
</head>
<body>
<main id="compare-root" class="compare" aria-busy="true"></main>
<script type="application/json" id="compare-data">${json}</script>
<script nonce="${n}">
${inlineSafe(script, 'script')}
</script>
</body>
</html>
`;
}

/** The page's bundle and style sheet, from beside the CLI (dist/webview/compare.js, media/compare.css). */
export async function readReportAssets(distDir: string): Promise<{ script: string; css: string }> {
  const scriptPath = join(distDir, 'webview', 'compare.js');
  const cssPath = join(distDir, '..', 'media', 'compare.css');
  try {
    return { script: await readFile(scriptPath, 'utf8'), css: await readFile(cssPath, 'utf8') };
  } catch {
    throw new FacetwiseError('REPORT_ASSETS_MISSING', `The comparison page is not built (${scriptPath}, ${cssPath}); run npm run build.`, { file: scriptPath });
  }
}
