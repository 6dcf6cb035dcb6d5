// The built bundles (npm run build, which npm test does first): the CLI and its statistics worker carry no model
// runtime — it is compiled at every start, so `facetwise stats` would pay for it — and the model commands load
// theirs from dist/cliModels.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const dist = resolve(__dirname, '../../dist');

test('dist/cli.js and dist/statsWorker.js hold no TensorFlow.js; the model commands still run from dist/cliModels.js', () => {
  for (const file of ['cli.js', 'statsWorker.js']) {
    const text = readFileSync(join(dist, file), 'utf8');
    assert.ok(!text.includes('registerKernel'), `${file} bundles TensorFlow.js kernels`);
    assert.ok(text.length < 1_500_000, `${file} is ${text.length} bytes`);
  }
  assert.ok(readFileSync(join(dist, 'cliModels.js'), 'utf8').includes('registerKernel'));
  const run = spawnSync(process.execPath, [join(dist, 'cli.js'), 'predict', '--help'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Usage: facetwise predict <model>/);
});
