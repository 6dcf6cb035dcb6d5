import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

let tmp: string;
let renamed: string;
let blank: string;
before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'fw-cli-inputs-'));
  const lines = readFileSync(taxiEval, 'utf8').split('\n').slice(0, 401);
  const header = lines[0]!.split(',');
  // payment_type renamed, as a careless export would: a near name the error should point to.
  renamed = path.join(tmp, 'renamed.csv');
  writeFileSync(renamed, [header.map((h) => (h === 'payment_type' ? 'payment_typ' : h)).join(','), ...lines.slice(1)].join('\n'));
  // fare present but every value blank.
  const fare = header.indexOf('fare');
  blank = path.join(tmp, 'blank.csv');
  writeFileSync(blank, [lines[0], ...lines.slice(1).filter((l) => l !== '').map((l) => l.split(',').map((c, i) => (i === fare ? '' : c)).join(','))].join('\n') + '\n');
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('model inputs the data does not have', () => {
  test('a spec column absent from the dataset is an error naming it and the closest column, in every command', async () => {
    const runs = {
      predict: await cli(['predict', fixtureModel, renamed, '-o', path.join(tmp, 'p.csv'), '--version', '1']),
      evaluate: await cli(['evaluate', fixtureModel, renamed, '--version', '1']),
      'compare-models': await cli(['compare-models', fixtureModel, renamed, '--replicates', '20', '--attribution-rows', '0']),
      explain: await cli(['explain', fixtureModel, renamed, '--importance', '--version', '1', '--repeats', '1']),
    };
    for (const [name, r] of Object.entries(runs)) {
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      assert.match(r.stderr, /renamed\.csv: the dataset has no column 'payment_type' \(read by taxi_model\/1\), closest present: 'payment_typ'/, name);
      assert.match(r.stderr, /would impute every value/, name);
    }
  });

  test('a column present but entirely missing is a warning, and the command still runs', async () => {
    // predict, not evaluate: the label reads fare too, and a label missing in every row is evaluate's own error.
    const r = await cli(['predict', fixtureModel, blank, '-o', path.join(tmp, 'blank-p.csv'), '--version', '1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /blank\.csv: warning: column 'fare' \(read by taxi_model\/1\) is present but every value is missing: the model saw only imputed values for it \[MODEL_INPUT_ALL_MISSING\]/);
    assert.equal(r.stderr.match(/MODEL_INPUT_ALL_MISSING/g)!.length, 1);
  });

  test('an unknown key in --example is an error with a suggestion, not the score of {}', async () => {
    const r = await cli(['predict', fixtureModel, '--example', '{"fair": 12.5, "payment_type": "Cash"}', '--version', '1']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--example has a key taxi_model\/1 does not read: 'fair' \(did you mean 'fare'\?\); its features are /);
    // Version 2 does not read payment_type at all (version 1 does): the same example works, with a warning.
    const v2 = await cli(['predict', fixtureModel, '--example', '{"fare": 12.5, "payment_type": "Cash"}']);
    assert.equal(v2.code, 0, v2.stderr);
    assert.match(v2.stderr, /^warning: --example: taxi_model\/2 does not read 'payment_type'; ignored\n$/);
    const e = await cli(['explain', fixtureModel, '--example', '{"trip_mile": 3}', '--version', '1']);
    assert.equal(e.code, 1);
    assert.match(e.stderr, /'trip_mile' \(did you mean 'trip_miles'\?\)/);
    const ok = await cli(['predict', fixtureModel, '--example', '{"fare": 12.5, "tips": 1}']);
    assert.equal(ok.code, 0, ok.stderr);
  });
});
