import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { main } from '../../../src/cli/main.js';
import { taxiEval } from '../../core/model/naiveCsv.js';
import { fixtureModel } from '../../core/model/reference.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr, cwd: process.cwd(), signal: new AbortController().signal });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('CLI output a new user reads', () => {
  test('facetwise --version prints the tool version; --version on a model command is the model version', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const r = await cli(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `facetwise ${pkg.version}\n`);
    const p = await cli(['predict', fixtureModel, '--version', '1', '--example', '{"fare": 10}']);
    assert.equal(p.code, 0, p.stderr);
    assert.equal((JSON.parse(p.stdout) as { model: string }).model, 'taxi_model/1');
  });

  test('the backend line is printed once and short; --verbose adds why the others were not used', async () => {
    const r = await cli(['compare-models', fixtureModel, taxiEval, '--replicates', '20', '--attribution-rows', '0', '--format', 'text']);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout.match(/backend:/g)!.length, 1);
    assert.match(r.stdout, /\nbackend: wasm \(SIMD\)\n$/);
    assert.doesNotMatch(r.stdout, /not used/);
    const v = await cli(['evaluate', fixtureModel, taxiEval, '--format', 'text', '--verbose']);
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, /backend: wasm \(SIMD\)\n {2}not used: tensorflow-gpu: @tensorflow\/tfjs-node-gpu is not installed[^\n]*\n {2}not used: tensorflow: /);
  });
});
