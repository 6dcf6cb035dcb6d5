/**
 * `facetwise update-schema` and validate's TFDV options, run in-process on statistics and schemas written as text
 * protos to a temporary folder (the real statistics loader reads them).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import type { CliIo } from '../../../src/cli/cliIo.js';
import { ExitCode, UsageError } from '../../../src/cli/cliIo.js';
import { updateSchemaCommand } from '../../../src/cli/commands/updateSchema.js';
import { validateCommand } from '../../../src/cli/commands/validate.js';
import { readSchema } from '../../../src/core/proto/protoFiles.js';
import { getFeature, stringDomainOf } from '../../../src/core/schema/schemaModel.js';

const dir = mkdtempSync(join(tmpdir(), 'facetwise-tfdv-options-'));
after(() => rmSync(dir, { recursive: true, force: true }));
// Statistics inputs are given as absolute paths: the loader reads them as the shell passes them.
const at = (name: string): string => join(dir, name);

function fakeIo(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        append(chunk.toString());
        cb();
      },
    });
  return { io: { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), cwd: dir, signal: new AbortController().signal }, out: () => out, err: () => err };
}

const strings = (name: string, values: Record<string, number>) =>
  `features { name: "${name}" type: STRING string_stats { common_stats { num_non_missing: 10 min_num_values: 1 max_num_values: 1 tot_num_values: 10 }
     rank_histogram { ${Object.entries(values).map(([v, n]) => `buckets { label: "${v}" sample_count: ${n} }`).join(' ')} } } }`;
const schemaText = `feature { name: "c" type: BYTES domain: "c" presence { min_count: 1 } }
feature { name: "gone" type: INT presence { min_count: 1 } }
string_domain { name: "c" value: "x" }
dataset_constraints { num_examples_version_comparator { min_fraction_threshold: 0.9 } }
`;
writeFileSync(join(dir, 'schema.pbtxt'), schemaText);
writeFileSync(join(dir, 'stats.pbtxt'), `datasets { name: "train" num_examples: 10 ${strings('c', { x: 5, y: 5 })} ${strings('fresh', { p: 10 })} }\n`);
writeFileSync(join(dir, 'previous.pbtxt'), 'datasets { num_examples: 20 }\n');

describe('facetwise update-schema', () => {
  it('prints the relaxed schema and leaves the input file alone', async () => {
    const f = fakeIo();
    assert.equal(await updateSchemaCommand.run(['schema.pbtxt', at('stats.pbtxt')], f.io), ExitCode.ok);
    assert.match(f.out(), /string_domain \{\n  name: "c"\n  value: "x"\n  value: "y"\n\}/);
    assert.match(f.out(), /name: "fresh"/);
    assert.match(f.out(), /name: "gone"\n  type: INT\n  presence \{\n    min_count: 1\n  \}\n  lifecycle_stage: DEPRECATED/);
    assert.equal(readFileSync(join(dir, 'schema.pbtxt'), 'utf8'), schemaText);
  });

  it('-o writes the file; --paths updates only those features', async () => {
    assert.equal(await updateSchemaCommand.run(['schema.pbtxt', at('stats.pbtxt'), '-o', 'out.pbtxt', '--paths', 'fresh'], fakeIo().io), ExitCode.ok);
    const out = await readSchema(join(dir, 'out.pbtxt'));
    assert.deepEqual(stringDomainOf(out, getFeature(out, ['c'])!)?.value, ['x']);
    assert.ok(getFeature(out, ['fresh']));
    assert.notEqual(getFeature(out, ['gone'])?.lifecycleStage, 5);
  });

  it('usage errors', async () => {
    await assert.rejects(updateSchemaCommand.run(['schema.pbtxt'], fakeIo().io), UsageError);
    await assert.rejects(updateSchemaCommand.run(['schema.pbtxt', at('stats.pbtxt'), '--paths', ','], fakeIo().io), UsageError);
  });
});

describe('facetwise validate with TFDV’s options', () => {
  const run = async (...extra: string[]) => {
    const f = fakeIo();
    const code = await validateCommand.run([at('stats.pbtxt'), '--schema', 'schema.pbtxt', ...extra], f.io);
    return { code, json: JSON.parse(f.out()) as { anomalyInfo?: Record<string, { severity: string; reason: Array<{ type: string }> }>; datasetAnomalyInfo?: { reason: Array<{ type: string }> } } };
  };

  it('without options: ERRORs, exit 3', async () => {
    const { code, json } = await run();
    assert.equal(code, ExitCode.anomalies);
    assert.deepEqual(Object.keys(json.anomalyInfo ?? {}), ['c', 'fresh', 'gone']);
  });

  it('--new-features-are-warnings and --severity-override (repeatable) make every anomaly a WARNING: exit 0', async () => {
    const { code, json } = await run(
      '--new-features-are-warnings',
      '--severity-override',
      'ENUM_TYPE_UNEXPECTED_STRING_VALUES=WARNING',
      '--severity-override',
      'SCHEMA_MISSING_COLUMN=warning',
    );
    assert.deepEqual(Object.values(json.anomalyInfo ?? {}).map((a) => a.severity), ['WARNING', 'WARNING', 'WARNING']);
    assert.equal(code, ExitCode.ok);
  });

  it('--features-needed limits new columns; --enum-delete-threshold removes a big domain', async () => {
    const { json } = await run('--features-needed', 'c', '--enum-delete-threshold', '2');
    assert.deepEqual(Object.keys(json.anomalyInfo ?? {}), ['c', 'gone']);
    assert.deepEqual(json.anomalyInfo?.['c']?.reason.map((r) => r.type), ['ENUM_TYPE_UNEXPECTED_STRING_VALUES', 'INVALID_DOMAIN_SPECIFICATION']);
  });

  it('--previous-version feeds num_examples_version_comparator', async () => {
    const { json } = await run('--previous-version', at('previous.pbtxt'));
    assert.equal(json.datasetAnomalyInfo?.reason[0]?.type, 'COMPARATOR_LOW_NUM_EXAMPLES');
  });

  it('a bad override is a usage error that names the problem', async () => {
    await assert.rejects(run('--severity-override', 'NOT_A_TYPE=WARNING'), /not an anomaly type/);
    await assert.rejects(run('--severity-override', 'SCHEMA_NEW_COLUMN=INFO'), /WARNING or ERROR/);
  });
});

describe('facetwise validate --examples-output (identify_anomalous_examples)', () => {
  it('rows grouped by reason, keyed <feature>_<ANOMALY_TYPE> as anomalies_util.get_anomalies_slicer keys them', async () => {
    writeFileSync(join(dir, 'rows.csv'), 'c,n\nx,1\nq,2\nx,3\nq,4\nr,5\n');
    writeFileSync(join(dir, 'rows.pbtxt'), 'feature { name: "c" type: BYTES domain: "c" } feature { name: "n" type: INT } string_domain { name: "c" value: "x" }\n');
    const f = fakeIo();
    await validateCommand.run([at('rows.csv'), '--schema', 'rows.pbtxt', '--examples', '2', '--examples-output', 'examples.json', '--workers', '0'], f.io);
    const json = JSON.parse(readFileSync(join(dir, 'examples.json'), 'utf8')) as {
      rowsRead: number;
      anomalousExamples: Record<string, { count: number; examples: Array<{ row: string; value?: string }> }>;
    };
    assert.equal(json.rowsRead, 5);
    assert.deepEqual(Object.keys(json.anomalousExamples), ['c_ENUM_TYPE_UNEXPECTED_STRING_VALUES']);
    const group = json.anomalousExamples['c_ENUM_TYPE_UNEXPECTED_STRING_VALUES'];
    assert.equal(group?.count, 3);
    assert.deepEqual(group?.examples, [
      { row: `${at('rows.csv')}:3`, value: 'q' },
      { row: `${at('rows.csv')}:5`, value: 'q' },
    ]);
    await assert.rejects(validateCommand.run([at('rows.csv'), '--schema', 'rows.pbtxt', '--examples-output', 'e.json'], fakeIo().io), UsageError);
  });
});

describe('facetwise validate of data against sparse and weighted features', () => {
  it('computes their statistics as TFDV’s sparse / weighted generators do and reports what they show', async () => {
    writeFileSync(join(dir, 'sparse.csv'), 'idx,val,w\n1,a,1\n,b,1\n2,,\n,,\n3,,5\n');
    writeFileSync(
      join(dir, 'sparse.pbtxt'),
      `feature { name: "idx" type: INT } feature { name: "val" type: BYTES } feature { name: "w" type: INT }
       sparse_feature { name: "sp" index_feature { name: "idx" } value_feature { name: "val" } }
       weighted_feature { name: "wf" feature { step: "val" } weight_feature { step: "w" } }\n`,
    );
    const f = fakeIo();
    const code = await validateCommand.run([at('sparse.csv'), '--schema', 'sparse.pbtxt', '--workers', '0'], f.io);
    assert.equal(code, ExitCode.anomalies);
    const json = JSON.parse(f.out()) as { anomalyInfo: Record<string, { reason: Array<{ type: string; description: string }> }> };
    assert.deepEqual(
      json.anomalyInfo['sp']?.reason.map((r) => [r.type, r.description]),
      [
        ['SPARSE_FEATURE_MISSING_VALUE', 'Found 2 examples missing value feature'],
        ['SPARSE_FEATURE_MISSING_INDEX', 'Found 1 examples missing index feature: idx'],
        // len(idx) − len(val): rows 4 and 6 have an index and no value (+1), row 3 a value and no index (−1).
        ['SPARSE_FEATURE_LENGTH_MISMATCH', 'Mismatch between index feature: idx and value column, with max_length_diff = 1'],
        ['SPARSE_FEATURE_LENGTH_MISMATCH', 'Mismatch between index feature: idx and value column, with min_length_diff = -1'],
      ],
    );
    // Rows with neither val nor w do not count; the last row has a weight and no value.
    assert.deepEqual(
      json.anomalyInfo['wf']?.reason.map((r) => [r.type, r.description]),
      [
        ['WEIGHTED_FEATURE_MISSING_VALUE', 'Found 1 examples missing value feature.'],
        ['WEIGHTED_FEATURE_LENGTH_MISMATCH', 'Mismatch between weight and value feature with min_weight_length_diff = 0 and max_weight_length_diff = 1.'],
      ],
    );
  });
});
