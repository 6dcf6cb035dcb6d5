/**
 * `facetwise feature-skew`: two CSV files written for the test, joined on an ID column through the real readers;
 * counts as TFDV's FeatureSkew (feature_skew_results.proto) names them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import type { CliIo } from '../../../src/cli/cliIo.js';
import { ExitCode, UsageError } from '../../../src/cli/cliIo.js';
import { featureSkewCommand } from '../../../src/cli/commands/featureSkew.js';

const dir = mkdtempSync(join(tmpdir(), 'facetwise-skew-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const train = join(dir, 'train.csv');
const serving = join(dir, 'serving.csv');
writeFileSync(train, 'id,x,y\n1,10,a\n2,20,b\n3,30,c\n');
writeFileSync(serving, 'id,x,y\n2,20,B\n1,10.0,a\n3,31,c\n9,90,z\n');

function fakeIo(): { io: CliIo; out: () => string } {
  let out = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        append(chunk.toString());
        cb();
      },
    });
  return { io: { stdout: sink((s) => (out += s)), stderr: sink(() => undefined), cwd: dir, signal: new AbortController().signal }, out: () => out };
}

describe('facetwise feature-skew', () => {
  it('JSON: FeatureSkew per feature, SkewPair samples pointing at both rows, match stats', async () => {
    const f = fakeIo();
    assert.equal(await featureSkewCommand.run([train, serving, '--id', 'id'], f.io), ExitCode.ok);
    const json = JSON.parse(f.out());
    const x = json.featureSkew.find((s: { featureName: string }) => s.featureName === 'x');
    // 10 = 10.0, 20 = 20, 30 ≠ 31
    assert.deepEqual(x, { featureName: 'x', baseCount: '3', testCount: '3', matchCount: '2', baseOnly: '0', testOnly: '0', mismatchCount: '1', diffCount: '1' });
    assert.equal(json.matchStats.matchingPairsCount, '3');
    assert.equal(json.matchStats.idsMissingInBaseCount, '1');
    const pair = json.skewPairs.find((p: { identifier: string[] }) => p.identifier[0] === '3');
    assert.deepEqual([pair.base, pair.test, pair.mismatchedFeatures], [`${train}:4`, `${serving}:4`, ['x']]);
  });

  it('--format text is a table; --id is required', async () => {
    const f = fakeIo();
    await featureSkewCommand.run([train, serving, '--id', 'id', '--format', 'text', '--samples', '1'], f.io);
    assert.match(f.out(), /^3 rows joined/);
    assert.match(f.out(), /Feature +Base +Test +Match +Mismatch +Base only +Test only +Diff/);
    assert.match(f.out(), /\n {2}\d: .*train\.csv:\d vs .*serving\.csv:\d/);
    await assert.rejects(featureSkewCommand.run([train, serving], fakeIo().io), UsageError);
  });
});
