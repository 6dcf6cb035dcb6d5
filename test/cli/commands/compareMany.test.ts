// compare-models with more than one candidate: --base N --candidate all over a model folder of three versions.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../cliHarness.js';
import { taxiEval } from '../../core/model/naiveCsv.js';
import { threeVersionModel } from '../../core/model/threeVersions.js';

const root = threeVersionModel();
after(() => rmSync(path.dirname(root), { recursive: true, force: true }));

interface ManyJson {
  dataset: string;
  base: string;
  comparisons: { base: string; candidate: string; gate: { decision: string }; metrics: { metric: string; delta: number; ci: [number, number] }[] }[];
}

describe('facetwise compare-models --candidate all', () => {
  const common = ['--replicates', '30', '--attribution-rows', '0'];

  test('JSON {dataset, base, comparisons}: one pair report per other version; exit 3 when any must roll back', async () => {
    const r = await runCli(['compare-models', root, taxiEval, '--base', '1', '--candidate', 'all', ...common]);
    assert.equal(r.code, 3, r.stderr);
    const json = JSON.parse(r.stdout) as ManyJson;
    assert.deepEqual(Object.keys(json), ['dataset', 'base', 'comparisons']);
    assert.equal(json.dataset, 'eval.csv');
    assert.equal(json.base, 'taxi_model/1');
    assert.deepEqual(json.comparisons.map((c) => `${c.candidate} vs ${c.base}: ${c.gate.decision}`), ['taxi_model/2 vs taxi_model/1: ROLL BACK', 'taxi_model/3 vs taxi_model/1: ROLL BACK']);
    // The same numbers as comparing the pair alone.
    const pair = await runCli(['compare-models', root, taxiEval, '--base', '1', '--candidate', '3', ...common]);
    const { dataset, ...alone } = JSON.parse(pair.stdout) as Record<string, unknown>;
    assert.equal(dataset, 'eval.csv');
    assert.deepEqual(json.comparisons[1], alone);
  });

  test('without --base the lowest version is the base; text output has one verdict line per candidate', async () => {
    const r = await runCli(['compare-models', root, taxiEval, '--candidate', 'all', '--base', '3', ...common, '--format', 'text']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /^2 candidates against taxi_model\/3 on 5000 rows; logLoss of the base /);
    assert.match(r.stdout, /taxi_model\/1 +KEEP/);
    assert.match(r.stdout, /taxi_model\/2 +ROLL BACK/);
    assert.match(r.stdout, /taxi_model\/2 vs taxi_model\/3 on 5000 rows/);
    const lowest = await runCli(['compare-models', root, taxiEval, '--candidate', 'all', ...common]);
    assert.equal((JSON.parse(lowest.stdout) as ManyJson).base, 'taxi_model/1');
  });

  test('--blessing-out with more than one candidate is refused before any work; an unknown base is named', async () => {
    const blessing = path.join(path.dirname(root), 'blessing');
    const r = await runCli(['compare-models', root, taxiEval, '--candidate', 'all', '--blessing-out', blessing, ...common]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--blessing-out writes one blessing for one candidate, and --candidate all gives 2 \(v2, v3\): pick one with --candidate N/);
    assert.ok(!existsSync(blessing));
    const missing = await runCli(['compare-models', root, taxiEval, '--candidate', 'all', '--base', '7', ...common]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /taxi_model has no version 7 \(versions: 1, 2, 3\)/);
  });
});
