import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import {
  appendAuditLine,
  auditLogPathFor,
  planRollback,
  readAuditLog,
  readServingConfig,
  readServingConfigFile,
  servedVersionNumbers,
  servedVersions,
  servingModels,
  writeServingConfigFile,
} from '../../../src/core/model/servingConfig.js';

const twoModels = `# Served by the prod cluster; edit with care.
model_config_list {
  config {
    name: 'taxi_model'
    base_path: '/models/taxi_model'
    model_platform: 'tensorflow'
    model_version_policy {
      specific {
        versions: 2  # the candidate
      }
    }
    version_labels {
      key: 'stable'
      value: 2
    }
    logging_config {
      sampling_config { sampling_rate: 0.01 }
    }
  }
  config {
    name: "fraud"
    base_path: "/models/fraud"
    model_platform: "tensorflow"
    model_version_policy { specific { versions: 7 versions: 8 } }
    version_labels { key: "stable" value: 7 }
    version_labels { key: "canary" value: 8 }
  }
}
`;

describe('TF Serving config', () => {
  test('reads models, policies and labels', () => {
    const config = readServingConfig(twoModels, 'models.config');
    assert.deepEqual(
      servingModels(config).map((m) => m.name),
      ['taxi_model', 'fraud'],
    );
    const fraud = servedVersions(config, 'fraud')!;
    assert.deepEqual(fraud.policy, { kind: 'specific', versions: [7, 8] });
    assert.deepEqual(fraud.labels, [
      { label: 'canary', version: 8 },
      { label: 'stable', version: 7 },
    ]);
    assert.equal(servedVersions(config, 'nope'), undefined);
  });

  test('latest / all / no policy resolve against the folders on disk', () => {
    const config = readServingConfig(
      `model_config_list { config { name: "a" base_path: "/a" } config { name: "b" base_path: "/b" model_version_policy { latest { num_versions: 2 } } } config { name: "c" base_path: "/c" model_version_policy { all {} } } }`,
      'x.config',
    );
    assert.deepEqual(servedVersionNumbers(servedVersions(config, 'a')!, [3, 1, 2]), [3]);
    assert.deepEqual(servedVersionNumbers(servedVersions(config, 'b')!, [3, 1, 2]), [2, 3]);
    assert.deepEqual(servedVersionNumbers(servedVersions(config, 'c')!, [3, 1, 2]), [1, 2, 3]);
  });

  test('a syntax error names the file, line and column', () => {
    assert.throws(
      () => readServingConfig('model_config_list {\n  config {\n    name: "x"\n', 'models.config'),
      (e: unknown) => e instanceof FacetwiseError && e.position?.file === 'models.config' && e.position.line === 4 && /missing '}'/.test(e.message),
    );
  });

  test('a fresh file: the model is added, and the label waits for the version to load (two steps)', () => {
    const plan = planRollback(undefined, { modelName: 'taxi_model', basePath: '/models/taxi_model', toVersion: 1 });
    assert.equal(plan.twoStep, true);
    assert.equal(plan.from, null);
    const final = servedVersions(readServingConfig(plan.text, 'm'), 'taxi_model')!;
    assert.deepEqual(final.policy, { kind: 'specific', versions: [1] });
    assert.deepEqual(final.labels, [{ label: 'stable', version: 1 }]);
    assert.equal(final.basePath, '/models/taxi_model');
    assert.equal(final.platform, 'tensorflow');
    const first = servedVersions(readServingConfig(plan.intermediateText!, 'm'), 'taxi_model')!;
    assert.deepEqual(first.policy, { kind: 'specific', versions: [1] });
    assert.deepEqual(first.labels, []);
    assert.match(plan.text, /model_version_policy \{\n\s+specific \{\n\s+versions: 1\n/);
    assert.match(plan.text, /version_labels \{\n\s+key: "stable"\n\s+value: 1\n/);
    assert.throws(() => planRollback('', { modelName: 'taxi_model', toVersion: 1 }), /give its base path/);
  });

  test('roll back outside the specific list: two steps, the other model, fields and comments kept', () => {
    const plan = planRollback(twoModels, { modelName: 'taxi_model', toVersion: 1 });
    assert.equal(plan.twoStep, true);
    assert.equal(plan.from, 2);
    assert.equal(plan.steps.length, 2);
    assert.match(plan.steps[0]!, /only lets a label point at a version that is already loaded/);
    assert.match(plan.steps[0]!, /2 → 1, 2/);
    assert.match(plan.steps[1]!, /move label "stable" of taxi_model from version 2 to 1/);
    const first = readServingConfig(plan.intermediateText!, 'm');
    assert.deepEqual(servedVersions(first, 'taxi_model')!.policy, { kind: 'specific', versions: [1, 2] });
    assert.deepEqual(servedVersions(first, 'taxi_model')!.labels, [{ label: 'stable', version: 2 }]);
    const final = readServingConfig(plan.text, 'm');
    assert.deepEqual(servedVersions(final, 'taxi_model')!.policy, { kind: 'specific', versions: [1] });
    assert.deepEqual(servedVersions(final, 'taxi_model')!.labels, [{ label: 'stable', version: 1 }]);
    // The unrelated model is untouched.
    assert.deepEqual(servedVersions(final, 'fraud'), servedVersions(readServingConfig(twoModels, 'm'), 'fraud'));
    for (const text of [plan.text, plan.intermediateText!]) {
      assert.match(text, /^# Served by the prod cluster; edit with care\.\n/);
      assert.match(text, /logging_config \{/);
      assert.match(text, /sampling_rate: 0\.01/);
    }
  });

  test('the target already loaded: one step, versions nothing else points at are dropped', () => {
    const plan = planRollback(twoModels, { modelName: 'fraud', toVersion: 8, label: 'stable' });
    assert.equal(plan.twoStep, false);
    assert.equal(plan.intermediateText, undefined);
    assert.match(plan.steps[0]!, /from version 7 to 8 and serve versions 8 \(version 7 is no longer loaded\)/);
    const fraud = servedVersions(readServingConfig(plan.text, 'm'), 'fraud')!;
    assert.deepEqual(fraud.policy, { kind: 'specific', versions: [8] });
    assert.deepEqual(fraud.labels, [
      { label: 'canary', version: 8 },
      { label: 'stable', version: 8 },
    ]);
    // A second run of a finished two-step plan is the one-step move.
    const after = planRollback(planRollback(twoModels, { modelName: 'taxi_model', toVersion: 1 }).intermediateText, { modelName: 'taxi_model', toVersion: 1 });
    assert.equal(after.twoStep, false);
    assert.deepEqual(servedVersions(readServingConfig(after.text, 'm'), 'taxi_model')!.policy, { kind: 'specific', versions: [1] });
  });

  test('another label keeps its version loaded; nothing to do is reported, the text unchanged', () => {
    const plan = planRollback(twoModels, { modelName: 'fraud', toVersion: 7, label: 'canary' });
    assert.deepEqual(servedVersions(readServingConfig(plan.text, 'm'), 'fraud')!.policy, { kind: 'specific', versions: [7] });
    const again = planRollback(twoModels, { modelName: 'fraud', toVersion: 8, label: 'canary' });
    assert.equal(again.changed, false); // canary already on 8, and 7 stays loaded for stable
    assert.equal(again.text, twoModels);
    const done = planRollback(plan.text, { modelName: 'fraud', toVersion: 7, label: 'canary' });
    assert.equal(done.changed, false);
    assert.equal(done.text, plan.text);
    assert.match(done.steps[0]!, /nothing to change/);
  });

  test('files: missing is undefined, writes are atomic, the audit log appends and reads back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fw-serving-'));
    const file = path.join(dir, 'models.config');
    assert.equal(await readServingConfigFile(file), undefined);
    await writeServingConfigFile(file, planRollback(undefined, { modelName: 'm', basePath: dir, toVersion: 3 }).text);
    assert.deepEqual(servedVersions((await readServingConfigFile(file))!.config, 'm')!.policy, { kind: 'specific', versions: [3] });
    const audit = auditLogPathFor(file);
    assert.equal(audit, path.join(dir, 'models.config.audit.jsonl'));
    await appendAuditLine(audit, { time: '2026-12-02T18:00:00.000Z', model: 'm', label: 'stable', from: 4, to: 3, verdict: { decision: 'ROLL BACK', reason: 'worse', metric: 'logLoss', delta: 0.1, ci: [0.05, 0.15] } });
    await writeFile(audit, (await readFile(audit, 'utf8')) + 'not json\n');
    await appendAuditLine(audit, { time: '2026-12-02T19:00:00.000Z', model: 'm', label: 'stable', from: 3, to: 4 });
    const log = await readAuditLog(audit);
    assert.deepEqual(log.entries.map((e) => [e.from, e.to]), [[4, 3], [3, 4]]);
    assert.equal(log.entries[0]!.verdict?.decision, 'ROLL BACK');
    assert.equal(log.issues.length, 1);
    assert.equal(log.issues[0]!.position.line, 2);
    assert.deepEqual(await readAuditLog(path.join(dir, 'none.jsonl')), { entries: [], issues: [] });
  });
});
