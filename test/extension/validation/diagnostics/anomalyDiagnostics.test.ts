import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import {
  AnomaliesSchema,
  AnomalyInfo_ReasonSchema,
  AnomalyInfo_Severity,
  AnomalyInfo_Type,
  AnomalyInfoSchema,
} from '../../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import {
  countAnomalies,
  diagnosticsForValidation,
  needsRowValidation,
  rowTotals,
  tfdvMessage,
} from '../../../../src/extension/validation/diagnostics/anomalyDiagnostics.js';
import type { DatasetLayout } from '../../../../src/extension/validation/diagnostics/anomalyDiagnostics.js';

const layout: DatasetLayout = {
  kind: 'delimited',
  file: '/d/x.csv',
  delimiter: ',',
  quote: '"',
  columns: ['a', 'b'],
  headerCells: new Map([
    ['a', { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }],
    ['b', { start: { line: 0, character: 2 }, end: { line: 0, character: 3 } }],
  ]),
};

function reason(type: AnomalyInfo_Type, short: string, long: string) {
  return create(AnomalyInfo_ReasonSchema, { type, shortDescription: short, description: long });
}

describe('diagnosticsForValidation (pure)', () => {
  test('one diagnostic per reason, severity from the anomaly, code = the reason type name', () => {
    const anomalies = create(AnomaliesSchema, {
      anomalyInfo: {
        b: create(AnomalyInfoSchema, {
          severity: AnomalyInfo_Severity.WARNING,
          path: { step: ['b'] },
          shortDescription: 'Multiple errors',
          reason: [
            reason(AnomalyInfo_Type.FEATURE_TYPE_LOW_FRACTION_PRESENT, 'Column dropped', 'The feature was present in fewer examples than expected. '),
            reason(AnomalyInfo_Type.INT_TYPE_BIG_INT, 'Out-of-range values', 'Unexpectedly large value: 9.'),
          ],
        }),
      },
      datasetAnomalyInfo: create(AnomalyInfoSchema, {
        severity: AnomalyInfo_Severity.ERROR,
        reason: [reason(AnomalyInfo_Type.DATASET_LOW_NUM_EXAMPLES, 'Low num examples in dataset.', 'The dataset has 3 examples, which is fewer than expected.')],
      }),
    });
    const ds = diagnosticsForValidation({ layout, anomalies, issues: [] });
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.span.start.character, d.message]),
      [
        ['FEATURE_TYPE_LOW_FRACTION_PRESENT', 'warning', 2, 'b: Column dropped: The feature was present in fewer examples than expected.'],
        ['INT_TYPE_BIG_INT', 'warning', 2, 'b: Out-of-range values: Unexpectedly large value: 9.'],
        ['DATASET_LOW_NUM_EXAMPLES', 'error', 0, 'Dataset: Low num examples in dataset: The dataset has 3 examples, which is fewer than expected.'],
      ],
    );
    assert.equal(countAnomalies(anomalies), 2);
    assert.equal(needsRowValidation(anomalies), true);
  });

  test('no examples: one DATA_MISSING error', () => {
    const ds = diagnosticsForValidation({ layout, anomalies: create(AnomaliesSchema, { dataMissing: true }), issues: [] });
    assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['DATA_MISSING', 'error']]);
  });

  test('reader issues keep their position (1-based in the issue, 0-based in the diagnostic)', () => {
    const ds = diagnosticsForValidation({
      layout,
      anomalies: undefined,
      issues: [
        { code: 'CSV_RAGGED_ROW', severity: 'warning', message: 'row has 3 fields, not 2', position: { file: '/d/x.csv', line: 7, column: 5 } },
        { code: 'CSV_INVALID_UTF8', severity: 'error', message: 'bad bytes', position: { file: '/d/x.csv', line: 9 } },
      ],
    });
    assert.deepEqual(ds.map((d) => [d.code, d.severity, d.span.start.line, d.span.start.character]), [
      ['CSV_RAGGED_ROW', 'warning', 6, 4],
      ['CSV_INVALID_UTF8', 'error', 8, 0],
    ]);
  });

  test('an anomaly type no row can explain does not ask for a row-level pass', () => {
    const anomalies = create(AnomaliesSchema, {
      anomalyInfo: { a: create(AnomalyInfoSchema, { reason: [reason(AnomalyInfo_Type.SCHEMA_NEW_COLUMN, 'New column', 'New column (column in data but not in schema)')] }) },
    });
    assert.equal(needsRowValidation(anomalies), false);
  });
});

describe('wording', () => {
  test('TFDV descriptions joined, trailing space trimmed', () => {
    assert.equal(tfdvMessage('Unexpected string values', 'Examples contain values missing from the schema: Prcard (<1%). '), 'Unexpected string values: Examples contain values missing from the schema: Prcard (<1%).');
    assert.equal(tfdvMessage('New column', ''), 'New column');
  });

  test('row totals', () => {
    assert.equal(rowTotals(37, 10, 'row'), '37 rows; first 10 listed.');
    assert.equal(rowTotals(1, 1, 'row'), '1 row, all listed.');
    assert.equal(rowTotals(5, 0, 'record'), '5 records.');
  });
});
