/**
 * `stats --slice-by` and `validate --each-slice` on a CSV written for the test: TFDV's slice names
 * (utils/slicing_util.py get_feature_value_slicer: sorted features, `feature_value` joined by `_`; the default
 * slice "All Examples"), per-slice counts, and each slice validated on its own.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import type { CliIo } from '../../../src/cli/cliIo.js';
import { ExitCode, UsageError } from '../../../src/cli/cliIo.js';
import { statsCommand } from '../../../src/cli/commands/stats.js';
import { validateCommand } from '../../../src/cli/commands/validate.js';
import { readStatistics } from '../../../src/core/proto/protoFiles.js';

const dir = mkdtempSync(join(tmpdir(), 'facetwise-slices-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string): string => join(dir, name);
writeFileSync(at('data.csv'), 'pay,n,tips\nCash,1,0\nCard,2,1.5\nCash,3,0\nCard,,2\n,5,0\nCash,6,0\n');

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

describe('sliced statistics', () => {
  it('stats --slice-by pay: All Examples first, then one dataset per value; a row without the feature is in no slice', async () => {
    assert.equal(await statsCommand.run([at('data.csv'), '--slice-by', 'pay', '-o', at('sliced.pb'), '--workers', '0'], fakeIo().io), ExitCode.ok);
    const list = await readStatistics(at('sliced.pb'));
    assert.deepEqual(list.datasets.map((d) => [d.name, Number(d.numExamples)]), [['All Examples', 6], ['pay_Card', 2], ['pay_Cash', 3]]);
    const card = list.datasets[1];
    const n = card?.features.find((f) => f.fieldId.case === 'path' && f.fieldId.value.step[0] === 'n');
    assert.equal(n?.stats.case === 'numStats' ? Number(n.stats.value.commonStats?.numMissing) : -1, 1);
  });

  it('two features: names in sorted feature order, integers as Python prints them', async () => {
    assert.equal(await statsCommand.run([at('data.csv'), '--slice-by', 'pay,n', '-o', at('two.pb'), '--workers', '0'], fakeIo().io), ExitCode.ok);
    const names = (await readStatistics(at('two.pb'))).datasets.map((d) => d.name);
    assert.deepEqual(names, ['All Examples', 'n_1_pay_Cash', 'n_2_pay_Card', 'n_3_pay_Cash', 'n_6_pay_Cash']);
    await assert.rejects(statsCommand.run([at('data.csv'), '--slice-by', 'nope', '--workers', '0'], fakeIo().io), UsageError);
  });

  it('validate --each-slice validates every slice against the schema', async () => {
    writeFileSync(at('schema.pbtxt'), 'feature { name: "pay" type: BYTES } feature { name: "n" type: INT presence { min_fraction: 1 } } feature { name: "tips" type: FLOAT }\n');
    const f = fakeIo();
    const code = await validateCommand.run([at('sliced.pb'), '--schema', 'schema.pbtxt', '--each-slice'], f.io);
    assert.equal(code, ExitCode.anomalies);
    const json = JSON.parse(f.out()) as Record<string, { anomalyInfo?: Record<string, { reason: Array<{ type: string }> }> }>;
    assert.deepEqual(Object.keys(json), ['All Examples', 'pay_Card', 'pay_Cash']);
    // n is missing once overall and in the Card slice, never in the Cash slice.
    assert.equal(json['pay_Card']?.anomalyInfo?.['n']?.reason[0]?.type, 'FEATURE_TYPE_LOW_FRACTION_PRESENT');
    assert.equal(json['pay_Cash']?.anomalyInfo, undefined);
  });
});

describe('validate of sliced statistics without --each-slice', () => {
  it('uses the "All Examples" slice wherever it is, as TFDV’s _get_default_dataset_statistics', async () => {
    writeFileSync(at('order.pbtxt'), 'datasets { name: "pay_Card" num_examples: 1 }\ndatasets { name: "All Examples" num_examples: 10 }\n');
    writeFileSync(at('count.pbtxt'), 'dataset_constraints { min_examples_count: 5 }\n');
    assert.equal(await validateCommand.run([at('order.pbtxt'), '--schema', 'count.pbtxt'], fakeIo().io), ExitCode.ok);
  });
});
