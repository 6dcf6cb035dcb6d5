// Config for @vscode/test-cli (`npx vscode-test`), to run the same extension-host mocha suite in desktop VS Code
// where VS Code can be downloaded. Not used on the Facetwise machines, which cannot download VS Code: there the
// suite runs in code-server through `node test/integration/run.mjs` (see test/integration/main.ts).
// Build the bundles first: `node test/integration/run.mjs --build-only`.
// @vscode/test-cli is deliberately not a devDependency (installing it changes nothing here; running it downloads).
// A default export because that is the contract of @vscode/test-cli's config file.
import { defineConfig } from '@vscode/test-cli';
import { chmodSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The suite expects a workspace holding exactly one CSV named sample.csv, as the code-server harness makes it.
const workspaceFolder = mkdtempSync(join(tmpdir(), 'facetwise-workspace-'));
const sample = join(workspaceFolder, 'sample.csv');
copyFileSync(fileURLToPath(new URL('../shared/data/taxi/serving.csv', import.meta.url)), sample);
chmodSync(sample, 0o644);

export default defineConfig({
  label: 'integration',
  files: 'dist/test/integration/suite/**/*.test.js',
  workspaceFolder,
  mocha: { ui: 'bdd', timeout: 30_000, color: true },
});
