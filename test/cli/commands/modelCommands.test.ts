import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import type { CliCommand } from '../../../src/cli/cliIo.js';
import { UsageError } from '../../../src/cli/cliIo.js';
import { predictCommand } from '../../../src/cli/commands/predict.js';
import { explainCommand } from '../../../src/cli/commands/explain.js';
import { evaluateCommand } from '../../../src/cli/commands/evaluate.js';
import { compareModelsCommand } from '../../../src/cli/commands/compareModels.js';
import { modelInitCommand } from '../../../src/cli/commands/modelInit.js';
import { readCsvRecords, taxiEval, taxiServing, taxiTrain } from '../../core/model/naiveCsv.js';
import { fixtureModel, readDenseLayers, readSpec, referenceForward, referenceTransform } from '../../core/model/reference.js';

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs one command the way main.ts does (these commands are registered by the lead, not here). */
async function run(command: CliCommand, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  let code: number;
  try {
    code = await command.run(args, { stdout, stderr, cwd: process.cwd(), signal: new AbortController().signal });
  } catch (err) {
    if (err instanceof UsageError) code = 2;
    else code = 1;
    stderr.text += err instanceof Error ? err.message : String(err);
  }
  return { code, stdout: stdout.text, stderr: stderr.text };
}

let tmp: string;
before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'fw-cli-model-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('facetwise predict', () => {
  test('a dataset → CSV, summary JSON reports the backend', async () => {
    const out = path.join(tmp, 'pred.csv');
    const r = await run(predictCommand, [fixtureModel, taxiServing, '-o', out, '--version', '1']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { rows: number; failed: number; backend: { name: string }; model: string };
    assert.equal(summary.rows, 100);
    assert.equal(summary.failed, 0);
    assert.equal(summary.model, 'taxi_model/1');
    assert.equal(summary.backend.name, 'wasm');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 101);
    const record = readCsvRecords(taxiServing)[4]!;
    const want = referenceForward(readDenseLayers(path.join(fixtureModel, '1')), referenceTransform(readSpec(path.join(fixtureModel, '1')), record)!)[0]!;
    const [row, line, prob] = lines[5]!.split(',');
    assert.equal(row, '4');
    assert.equal(line, '6');
    assert.ok(Math.abs(Number(prob) - want) < 1e-6);
  });

  test('--example predicts one example; text format is readable', async () => {
    const example = JSON.stringify({ trip_miles: 3, trip_seconds: 600, fare: 12, trip_start_hour: 14, payment_type: 'Cash', company: 'Flash Cab' });
    const json = await run(predictCommand, [fixtureModel, '--example', example]);
    assert.equal(json.code, 0, json.stderr);
    const p = JSON.parse(json.stdout) as { scores: { probability: number }; model: string };
    assert.equal(p.model, 'taxi_model/2');
    assert.ok(p.scores.probability > 0 && p.scores.probability < 1);
    const text = await run(predictCommand, [fixtureModel, '--example', example, '--format', 'text', '--backend', 'cpu']);
    assert.match(text.stdout, /probability: 0\.\d{6}/);
    assert.match(text.stdout, /backend: cpu/);
  });

  test('usage errors exit 2, unreadable models exit 1', async () => {
    assert.equal((await run(predictCommand, [fixtureModel, taxiServing])).code, 2); // no -o
    assert.equal((await run(predictCommand, [fixtureModel, '--example', '[1]'])).code, 2);
    assert.equal((await run(predictCommand, [fixtureModel, '--example', '{}', '--backend', 'webgl'])).code, 2);
    const missing = await run(predictCommand, [path.join(tmp, 'none'), '--example', '{}']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /model folder does not exist/);
    const forced = await run(predictCommand, [fixtureModel, '--example', '{}', '--backend', 'tensorflow']);
    assert.equal(forced.code, 1);
    assert.match(forced.stderr, /tfjs-node is not installed/);
  });
});

describe('facetwise explain', () => {
  test('integrated gradients of a dataset row, with completeness', async () => {
    const r = await run(explainCommand, [fixtureModel, taxiEval, '--row', '3', '--version', '1']);
    assert.equal(r.code, 0, r.stderr);
    const ig = JSON.parse(r.stdout) as { completeness: { ok: boolean }; attributions: { feature: string }[]; example: Record<string, unknown> };
    assert.ok(ig.completeness.ok);
    assert.equal(ig.attributions.length, 6);
    assert.equal(ig.example.payment_type, readCsvRecords(taxiEval)[3]!.payment_type);
  });

  test('permutation importance and partial dependence in text', async () => {
    const imp = await run(explainCommand, [fixtureModel, taxiEval, '--importance', '--version', '1', '--max-rows', '1000', '--repeats', '2', '--format', 'text']);
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout.split('\n')[3]!, /^payment_type\s/);
    const pdp = await run(explainCommand, [fixtureModel, taxiEval, '--pdp', 'fare', '--max-rows', '100', '--format', 'text']);
    assert.equal(pdp.code, 0, pdp.stderr);
    assert.match(pdp.stdout, /partial dependence on fare/);
    assert.equal((await run(explainCommand, [fixtureModel, taxiEval])).code, 2);
  });
});

describe('facetwise evaluate', () => {
  test('metrics overall and by slice, with prediction skew against serving data', async () => {
    const r = await run(evaluateCommand, [fixtureModel, taxiEval, '--version', '1', '--slice', 'payment_type', '--serving', taxiServing]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { rows: number; overall: { accuracy: number }; slices: { value: string }[]; predictionSkew: { serving: { rows: number } } };
    assert.equal(report.rows, 5000);
    assert.ok(report.overall.accuracy > 0.85);
    assert.ok(report.slices.some((s) => s.value === 'Cash'));
    assert.equal(report.predictionSkew.serving.rows, 100);
    const text = await run(evaluateCommand, [fixtureModel, taxiEval, '--format', 'text']);
    assert.match(text.stdout, /overall: accuracy 0\.\d+ {2}AUC/);
  });
});

describe('facetwise compare-models', () => {
  test('newest vs previous: roll back, exit 3, names the Cash slice', async () => {
    const r = await run(compareModelsCommand, [fixtureModel, taxiEval, '--replicates', '50', '--attribution-rows', '50', '--format', 'text']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /taxi_model\/2 vs taxi_model\/1/);
    assert.match(r.stdout, /payment_type=Cash/);
    assert.match(r.stdout, /recommendation: ROLL BACK/);
    const keep = await run(compareModelsCommand, [fixtureModel, taxiEval, '--base', '2', '--candidate', '1', '--replicates', '50', '--attribution-rows', '0']);
    assert.equal(keep.code, 0, keep.stderr);
    assert.equal((JSON.parse(keep.stdout) as { recommendation: { decision: string } }).recommendation.decision, 'keep');
  });
});

describe('facetwise model init', () => {
  test('writes a spec that a model can be trained and served with', async () => {
    const out = path.join(tmp, 'feature_spec.json');
    const r = await run(modelInitCommand, [taxiTrain, '--task', 'binary', '--label', 'tips > 0.2 * fare', '--features', 'fare,payment_type,trip_start_hour', '--kind', 'trip_start_hour=bucketize', '--boundaries', 'trip_start_hour=6,12,18', '--vocabulary-size', '4', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    const spec = JSON.parse(readFileSync(out, 'utf8')) as { features: { name: string; transform: { kind: string; vocabulary?: string[]; boundaries?: number[] } }[]; label: { expression: string } };
    assert.deepEqual(spec.features.map((f) => f.name), ['fare', 'payment_type', 'trip_start_hour']);
    assert.deepEqual(spec.features[1]!.transform.vocabulary, ['Cash', 'Credit Card', 'No Charge', 'Unknown']);
    assert.deepEqual(spec.features[2]!.transform.boundaries, [6, 12, 18]);
    assert.equal(spec.label.expression, 'tips > 0.2 * fare');
    const bad = await run(modelInitCommand, [taxiTrain, '--task', 'binary', '--label', 'tips >']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--label: the expression ends too early/);
  });
});

describe('facetwise compare-models gate and blessing', () => {
  test('two version folders are named as given; the default gate rolls back and writes NOT_BLESSED', async () => {
    const blessing = path.join(tmp, 'blessing');
    const r = await run(compareModelsCommand, [path.join(fixtureModel, '1'), path.join(fixtureModel, '2'), '--data', taxiEval, '--replicates', '50', '--attribution-rows', '0', '--format', 'text', '--blessing-out', blessing]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /^taxi_model\/2 vs taxi_model\/1 on 5000 rows/);
    assert.match(r.stdout, /recommendation: ROLL BACK — taxi_model\/2 against taxi_model\/1 fails the gate: logLoss/);
    assert.match(r.stdout, /gate: decided by logLoss Δ < 0 over the whole 95% interval \(\d+ checks: /);
    assert.ok(existsSync(path.join(blessing, 'NOT_BLESSED')));
    assert.ok(!existsSync(path.join(blessing, 'BLESSED')));
  });

  test('gate flags change the verdict and the blessing; a gate file is validated', async () => {
    const blessing = path.join(tmp, 'blessing2');
    mkdirSync(blessing, { recursive: true });
    writeFileSync(path.join(blessing, 'NOT_BLESSED'), '');
    const args = [fixtureModel, taxiEval, '--replicates', '50', '--attribution-rows', '0', '--blessing-out', blessing];
    const keep = await run(compareModelsCommand, [...args, '--change-threshold', 'logLoss<=5', '--value-threshold', 'accuracy>=0.5', '--ignore-slices']);
    assert.equal(keep.code, 0, keep.stderr);
    const report = JSON.parse(keep.stdout) as { gate: { decision: string; checks: { kind: string; status: string }[] } };
    assert.equal(report.gate.decision, 'KEEP');
    assert.deepEqual(report.gate.checks.map((c) => `${c.kind}:${c.status}`), ['value:pass', 'change:pass']);
    assert.ok(existsSync(path.join(blessing, 'BLESSED')));
    assert.ok(!existsSync(path.join(blessing, 'NOT_BLESSED')), 'the stale NOT_BLESSED is removed');
    const gateFile = path.join(tmp, 'gate.json');
    writeFileSync(gateFile, JSON.stringify({ metrics: [{ metric: 'auc', lowerBond: 0.9 }] }));
    const bad = await run(compareModelsCommand, [...args, '--gate', gateFile]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /gate\.json: invalid model gate: gate\.json\.metrics\[0\]: unknown key 'lowerBond' \(did you mean 'lowerBound'\?\)/);
    const wrong = await run(compareModelsCommand, [...args, '--value-threshold', 'rmse<=3']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /rmse is not a binary metric/);
    assert.equal((await run(compareModelsCommand, [...args, '--change-threshold', 'auk>=0'])).code, 2);
  });
});
