import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../../src/cli/main.js';
import { readServingConfig, servedVersions } from '../../../src/core/model/servingConfig.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr, cwd, signal: new AbortController().signal });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

let tmp: string;
before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'fw-cli-serving-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const existing = `# prod
model_config_list {
  config {
    name: "taxi_model"
    base_path: "/models/taxi_model"
    model_platform: "tensorflow"
    model_version_policy { specific { versions: 2 } }
    version_labels { key: "stable" value: 2 }
  }
  config {
    name: "fraud"  # keep me
    base_path: "/models/fraud"
    model_platform: "tensorflow"
  }
}
`;

describe('facetwise serving-config', () => {
  test('set on an existing file: step 1, then the label move, the other model kept, the audit line written', async () => {
    const file = path.join(tmp, 'models.config');
    writeFileSync(file, existing);
    const report = path.join(tmp, 'report.json');
    writeFileSync(
      report,
      JSON.stringify({
        dataset: 'eval.csv',
        metric: 'logLoss',
        metrics: [{ metric: 'logLoss', base: 0.1, candidate: 0.3, delta: 0.2, ci: [0.15, 0.25] }],
        recommendation: { decision: 'roll back', reason: 'worse' },
        gate: { decision: 'ROLL BACK', decidedBy: 'logLoss Δ < 0 over the whole 95% interval' },
      }),
    );
    const first = await cli(['serving-config', 'set', 'models.config', '--model', 'taxi_model', '--version', '1', '--verdict', 'report.json', '--format', 'text'], tmp);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Step 1: load version 1 of taxi_model/);
    assert.match(first.stdout, /run this command again to move the label/);
    let config = readServingConfig(readFileSync(file, 'utf8'), file);
    assert.deepEqual(servedVersions(config, 'taxi_model')!.policy, { kind: 'specific', versions: [1, 2] });
    assert.deepEqual(servedVersions(config, 'taxi_model')!.labels, [{ label: 'stable', version: 2 }]);
    assert.ok(!existsSync(path.join(tmp, 'models.config.audit.jsonl')), 'no label moved yet');

    const second = await cli(['serving-config', 'set', 'models.config', '--model', 'taxi_model', '--version', '1', '--verdict', 'report.json', '--format', 'text'], tmp);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /Move label "stable" of taxi_model from version 2 to 1 and serve versions 1/);
    const text = readFileSync(file, 'utf8');
    config = readServingConfig(text, file);
    assert.deepEqual(servedVersions(config, 'taxi_model')!.policy, { kind: 'specific', versions: [1] });
    assert.deepEqual(servedVersions(config, 'taxi_model')!.labels, [{ label: 'stable', version: 1 }]);
    assert.equal(servedVersions(config, 'fraud')!.basePath, '/models/fraud');
    assert.match(text, /^# prod\n/);
    assert.match(text, /name: "fraud"  # keep me/);
    const audit = readFileSync(path.join(tmp, 'models.config.audit.jsonl'), 'utf8').trim().split('\n');
    assert.equal(audit.length, 1);
    const entry = JSON.parse(audit[0]!) as { model: string; from: number; to: number; verdict: { decision: string; delta: number; ci: number[]; dataset: string } };
    assert.equal(entry.model, 'taxi_model');
    assert.equal(entry.from, 2);
    assert.equal(entry.to, 1);
    assert.equal(entry.verdict.decision, 'ROLL BACK');
    assert.equal(entry.verdict.delta, 0.2);
    assert.deepEqual(entry.verdict.ci, [0.15, 0.25]);

    const again = await cli(['serving-config', 'set', 'models.config', '--model', 'taxi_model', '--version', '1', '--format', 'text'], tmp);
    assert.match(again.stdout, /nothing to change/);
    const show = await cli(['serving-config', 'show', 'models.config', '--format', 'text'], tmp);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /taxi_model\s+\/models\/taxi_model\s+specific 1\s+stable=1/);
    assert.match(show.stdout, /roll backs:[\s\S]*taxi_model\s+stable\s+2\s+1\s+ROLL BACK/);
  });

  test('a new file needs --base-path; --both-steps writes the end state; --dry-run writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmp, 'new-'));
    const noBase = await cli(['serving-config', 'set', 'models.config', '--model', 'taxi', '--version', '3', '--format', 'text'], dir);
    assert.equal(noBase.code, 1);
    assert.match(noBase.stderr, /lists no model named 'taxi': give its base path/);
    const dry = await cli(['serving-config', 'set', 'models.config', '--model', 'taxi', '--version', '3', '--base-path', 'taxi_model', '--dry-run', '--both-steps', '--format', 'text'], dir);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /not written: dry run/);
    assert.match(dry.stdout, /versions: 3/);
    assert.ok(!existsSync(path.join(dir, 'models.config')));
    const r = await cli(['serving-config', 'set', 'models.config', '--model', 'taxi', '--version', '3', '--base-path', 'taxi_model', '--both-steps', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { wrote: boolean; twoStep: boolean; step: number };
    assert.deepEqual([out.wrote, out.twoStep, out.step], [true, true, 2]);
    const served = servedVersions(readServingConfig(readFileSync(path.join(dir, 'models.config'), 'utf8'), 'm'), 'taxi')!;
    assert.equal(served.basePath, path.join(dir, 'taxi_model'));
    assert.deepEqual(served.labels, [{ label: 'stable', version: 3 }]);
  });

  test('usage errors and a broken config file with its position', async () => {
    const dir = mkdtempSync(path.join(tmp, 'bad-'));
    assert.equal((await cli(['serving-config', 'set', 'models.config', '--version', '1', '--format', 'text'], dir)).code, 2);
    assert.equal((await cli(['serving-config', 'set', 'models.config', '--model', 'x', '--format', 'text'], dir)).code, 2);
    writeFileSync(path.join(dir, 'models.config'), 'model_config_list {\n  config { name: "x" \n');
    const r = await cli(['serving-config', 'set', 'models.config', '--model', 'x', '--version', '1', '--format', 'text'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /models\.config:3:1: missing '}'/);
    assert.equal(readFileSync(path.join(dir, 'models.config'), 'utf8'), 'model_config_list {\n  config { name: "x" \n', 'a broken file is never rewritten');
  });
});
