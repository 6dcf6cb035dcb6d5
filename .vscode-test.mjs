// Config for @vscode/test-cli (`npx vscode-test`), to run the same extension-host mocha suite in desktop VS Code
// where VS Code can be downloaded. Not used on the Facetwise machines, which cannot download VS Code: there the
// suite runs in code-server through `node test/integration/run.mjs` (see test/integration/main.ts).
// Build the bundles first: `node test/integration/run.mjs --build-only`.
// @vscode/test-cli is deliberately not a devDependency (installing it changes nothing here; running it downloads).
// A default export because that is the contract of @vscode/test-cli's config file.
import { defineConfig } from '@vscode/test-cli';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The same workspace the code-server harness lays out (test/integration/harness/sampleWorkspace.ts,
// createTaxiWorkspace): the taxi lab's train/eval CSVs, one eval TFRecord shard, and a schema inferred from train.
const data = (rel) => fileURLToPath(new URL(`../shared/data/${rel}`, import.meta.url));
const workspaceFolder = mkdtempSync(join(tmpdir(), 'facetwise-workspace-'));
const files = [
  ['taxi/train.csv', 'taxi/train.csv'],
  ['taxi/eval.csv', 'taxi/eval.csv'],
  ['taxi-tfrecord/Split-eval/data_tfrecord-00000-of-00012.gz', 'tfrecord/Split-eval/data_tfrecord-00000-of-00012.gz'],
];
for (const [from, to] of files) {
  const target = join(workspaceFolder, to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(data(from), target);
  chmodSync(target, 0o644);
}
const cli = fileURLToPath(new URL('dist/cli.js', import.meta.url));
const inferred = spawnSync(process.execPath, [cli, 'infer-schema', join(workspaceFolder, 'taxi/train.csv'), '-o', join(workspaceFolder, 'taxi/schema.pbtxt')]);
if (inferred.status !== 0) throw new Error(`facetwise infer-schema failed: ${inferred.stderr}`);

export default defineConfig({
  label: 'integration',
  files: 'dist/test/integration/suite/**/*.test.js',
  workspaceFolder,
  mocha: { ui: 'bdd', timeout: 30_000, color: true },
});
