/** `facetwise schema edit`: the TFDV lab's Python edits as flags, written back with the user's comments. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readSchema } from '../../../src/core/proto/protoFiles.js';
import { comparatorThresholds, getFeature, stringDomainOf } from '../../../src/core/schema/schemaModel.js';
import { runCli } from '../cliHarness.js';

const dir = mkdtempSync(join(tmpdir(), 'facetwise-schema-edit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SCHEMA = `# written by hand: keep me
string_domain {
  name: "payment_type"
  value: "Cash"
  value: "Credit Card"
}
feature {
  name: "payment_type"  # the card column
  type: BYTES
  domain: "payment_type"
}
feature {
  name: "company"
  type: BYTES
}
feature {
  name: "tips"
  type: FLOAT
  natural_language_domain { }
}
`;

function schemaFile(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, SCHEMA);
  return path;
}

describe('facetwise schema edit', () => {
  it('makes the TFDV lab edits, keeps comments and unknown fields, and the SERVING validation then passes its environment check', async () => {
    const path = schemaFile('lab.pbtxt');
    const run = await runCli(
      [
        'schema', 'edit', path,
        '--default-environment', 'TRAINING', '--default-environment', 'SERVING',
        '--not-in-environment', 'tips=SERVING',
        '--skew', 'payment_type:infinity_norm=0.01',
        '--drift', 'company:infinity_norm=0.001',
        '--domain-add', 'payment_type=Prcard',
        '--min-domain-mass', 'company=0.9',
      ],
      dir,
    );
    assert.equal(run.code, 0, run.stderr);
    const text = readFileSync(path, 'utf8');
    assert.match(text, /# written by hand: keep me\nstring_domain \{/); // a comment stays with what it annotates
    assert.match(text, /name: "payment_type"  # the card column/);
    assert.match(text, /natural_language_domain/);
    const schema = await readSchema(path);
    assert.deepEqual(schema.defaultEnvironment, ['TRAINING', 'SERVING']);
    assert.deepEqual(getFeature(schema, ['tips'])?.notInEnvironment, ['SERVING']);
    assert.equal(comparatorThresholds(getFeature(schema, ['payment_type'])?.skewComparator).infinityNorm, 0.01);
    assert.equal(comparatorThresholds(getFeature(schema, ['company'])?.driftComparator).infinityNorm, 0.001);
    const payment = getFeature(schema, ['payment_type']);
    assert.ok(payment);
    assert.deepEqual(stringDomainOf(schema, payment)?.value, ['Cash', 'Credit Card', 'Prcard']);
    assert.equal(getFeature(schema, ['company'])?.distributionConstraints?.minDomainMass, 0.9);
    assert.match(run.stderr, /tips: not_in_environment SERVING/);
    assert.match(run.stderr, /skew_comparator infinity_norm threshold 0.01/);
  });

  it('an unknown feature is an error with a suggestion, and the file is left as it was', async () => {
    const path = schemaFile('typo.pbtxt');
    const run = await runCli(['schema', 'edit', path, '--default-environment', 'SERVING', '--skew', 'paymet_type:infinity_norm=0.01'], dir);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no feature 'paymet_type' \(did you mean 'payment_type'\?\)/);
    assert.equal(readFileSync(path, 'utf8'), SCHEMA);
  });

  it('malformed flags are usage errors (exit 2)', async () => {
    const path = schemaFile('usage.pbtxt');
    for (const args of [
      ['--skew', 'payment_type=0.01'],
      ['--skew', 'payment_type:l2=0.01'],
      ['--not-in-environment', 'tips'],
      ['--min-domain-mass', 'company=lots'],
      [],
    ]) {
      const run = await runCli(['schema', 'edit', path, ...args], dir);
      assert.equal(run.code, 2, args.join(' '));
    }
    assert.equal(readFileSync(path, 'utf8'), SCHEMA);
  });

  it('--dry-run prints the edited schema and writes nothing; -o writes elsewhere', async () => {
    const path = schemaFile('dry.pbtxt');
    const dry = await runCli(['schema', 'edit', path, '--default-environment', 'SERVING', '--dry-run'], dir);
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /default_environment: "SERVING"/);
    assert.equal(readFileSync(path, 'utf8'), SCHEMA);
    const out = await runCli(['schema', 'edit', path, '--default-environment', 'SERVING', '-o', 'edited.pbtxt'], dir);
    assert.equal(out.code, 0, out.stderr);
    assert.match(readFileSync(join(dir, 'edited.pbtxt'), 'utf8'), /default_environment: "SERVING"/);
    assert.equal(readFileSync(path, 'utf8'), SCHEMA);
  });
});
