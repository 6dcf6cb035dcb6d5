// A datapoint-editor session saved as JSON lines replays through `facetwise predict --examples` with the scores the
// real-time predictor gives for the same examples.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatExampleSession, parseExampleSession } from '../../../src/core/model/exampleSession.js';
import type { ExampleRecord } from '../../../src/core/model/featureTransform.js';
import { openModel } from '../../../src/core/model/openModel.js';
import { createRealtimePredictor } from '../../../src/core/model/realtimePredictor.js';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { fixtureModel } from '../../core/model/reference.js';
import { runCli } from '../cliHarness.js';

let tmp: string;
before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'fw-session-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const history: ExampleRecord[] = [
  { trip_miles: 3, trip_seconds: 600, fare: 12, trip_start_hour: 14, payment_type: 'Credit Card', company: 'Flash Cab' },
  { trip_miles: 3, trip_seconds: 600, fare: 12, trip_start_hour: 14, payment_type: 'Cash', company: 'Flash Cab' },
  { trip_miles: '', trip_seconds: 600, fare: 40.5, trip_start_hour: 2, payment_type: 'Prcard', company: null },
];

describe('session JSON lines', () => {
  test('format → parse keeps the examples (missing as null)', () => {
    const back = parseExampleSession(formatExampleSession(history), 's.jsonl');
    assert.equal(back.length, 3);
    assert.deepEqual(back[1], history[1]);
    assert.equal(back[2]!.trip_miles, null);
    assert.throws(() => parseExampleSession('{"a":1}\n[1,2]\n', 'bad.jsonl'), (e: unknown) => e instanceof FacetwiseError && e.code === 'SESSION_INVALID' && /bad\.jsonl:2/.test(e.message));
    assert.throws(() => parseExampleSession('{"a":{"b":1}}', 'bad.jsonl'), /feature 'a' must be/);
  });

  test('facetwise predict <model> --examples session.jsonl prints the scores the editor computed', async () => {
    const file = path.join(tmp, 'session.jsonl');
    writeFileSync(file, formatExampleSession(history));
    for (const version of ['1', '2']) {
      const model = await openModel(fixtureModel, { version: Number(version), backend: 'wasm' });
      const predictor = createRealtimePredictor(model);
      const want: number[] = [];
      for (const e of parseExampleSession(formatExampleSession(history), file)) want.push((await predictor.predict(e)).scores[0]!);
      model.dispose();
      const json = await runCli(['predict', fixtureModel, '--examples', file, '--version', version, '--backend', 'wasm']);
      assert.equal(json.code, 0, json.stderr);
      const out = JSON.parse(json.stdout) as { model: string; examples: { example: number; scores: { probability: number } }[] };
      assert.equal(out.model, `taxi_model/${version}`);
      assert.deepEqual(out.examples.map((e) => e.example), [1, 2, 3]);
      out.examples.forEach((e, i) => assert.ok(Math.abs(e.scores.probability - want[i]!) < 1e-7, `example ${i + 1}: ${e.scores.probability} vs ${want[i]}`));
      // Credit Card → Cash changes version 1's score; version 2 does not read payment_type.
      if (version === '1') assert.notEqual(out.examples[0]!.scores.probability, out.examples[1]!.scores.probability);
      else assert.equal(out.examples[0]!.scores.probability, out.examples[1]!.scores.probability);
      const text = await runCli(['predict', fixtureModel, '--examples', file, '--version', version, '--format', 'text', '--backend', 'wasm']);
      const lines = text.stdout.trim().split('\n');
      assert.equal(lines.length, 4);
      assert.match(lines[0]!, new RegExp(`^taxi_model/${version}  backend: wasm`));
      assert.equal(lines[2], `2  probability: ${want[1]!.toFixed(6)}`);
    }
    // --verbose: the host backends, each timed or with the precise reason it is unavailable.
    const verbose = await runCli(['predict', fixtureModel, '--examples', file, '--verbose', '--backend', 'wasm']);
    assert.equal(verbose.code, 0, verbose.stderr);
    assert.match(verbose.stderr, /^wasm +used +[\d,]+ +[\d,]+ +[\d,]+ +reference/m);
    assert.match(verbose.stderr, /^cpu +ready +[\d,]+ +[\d,]+ +[\d,]+ +\d\.\de[+-]\d/m);
    assert.match(verbose.stderr, /^tensorflow-gpu +unavailable .*@tensorflow\/tfjs-node-gpu is not installed/m);
    const usage = await runCli(['predict', fixtureModel, '--examples', file, '-o', 'x.csv']);
    assert.equal(usage.code, 2);
  });
});
