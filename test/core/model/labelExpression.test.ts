import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ExpressionRowError, compileExpression, parseExpression } from '../../../src/core/model/labelExpression.js';
import { LabelReader } from '../../../src/core/model/labels.js';
import { validateFeatureSpec } from '../../../src/core/model/featureSpec.js';
import { readNaiveCsv, readCsvRecords, taxiServing, taxiEval } from './naiveCsv.js';

const row = (values: Record<string, number | string>) => (c: string) => values[c];

describe('label expressions', () => {
  test('arithmetic and comparison with precedence', () => {
    const e = compileExpression('tips > 0.2 * fare');
    assert.deepEqual(e.columns, ['tips', 'fare']);
    assert.equal(e.evaluate(row({ tips: '2.5', fare: '10' })), true);
    assert.equal(e.evaluate(row({ tips: '2', fare: '10' })), false);
    assert.equal(compileExpression('1 + 2 * 3 - 4 / 2').evaluate(row({})), 5);
    assert.equal(compileExpression('-(1 + 2) * 2').evaluate(row({})), -6);
    assert.equal(compileExpression('a >= 1 && !(b < 0) || c == 9').evaluate(row({ a: 0, b: 1, c: '9' })), true);
    assert.equal(compileExpression('a >= 1 and not b < 0').evaluate(row({ a: 2, b: 1 })), true);
  });

  test('strings compare as text, a text cell compares with a number as a number', () => {
    assert.equal(compileExpression('payment_type == "Cash"').evaluate(row({ payment_type: 'Cash' })), true);
    assert.equal(compileExpression("payment_type != 'Cash'").evaluate(row({ payment_type: 'Cash' })), false);
    assert.equal(compileExpression('hour == 3').evaluate(row({ hour: '3.0' })), true);
    assert.equal(compileExpression('`odd name` * 2').evaluate(row({ 'odd name': 4 })), 8);
  });

  test('a missing or non-numeric cell is a row error', () => {
    const e = compileExpression('tips > 0.2 * fare');
    assert.throws(() => e.evaluate(row({ fare: 1 })), (err: unknown) => err instanceof ExpressionRowError && /column 'tips' is missing/.test(err.message));
    assert.throws(() => e.evaluate(row({ fare: 1, tips: 'lots' })), (err: unknown) => err instanceof ExpressionRowError && /"lots" is not a number/.test(err.message));
  });

  test('syntax errors name the character', () => {
    assert.throws(() => parseExpression('tips > > 1'), /unexpected '>' at character 8/);
    assert.throws(() => parseExpression('(a + b'), /expected '\)' at character 7/);
    assert.throws(() => parseExpression('a $ b'), /unexpected '\$' at character 3/);
    assert.throws(() => parseExpression('a b'), /unexpected 'b' at character 3/);
  });

  test('LabelReader: binary labels on eval.csv match an independent count; serving.csv has no label', () => {
    const spec = validateFeatureSpec({ format: 1, task: 'binary', label: { expression: 'tips > 0.2 * fare' }, features: [{ name: 'fare', transform: { kind: 'numeric', mean: 0, stdDev: 1 } }] }, 's');
    const reader = new LabelReader(spec);
    let positives = 0;
    let valid = 0;
    for (const b of readNaiveCsv(taxiEval).batches) {
      const labels = new Float64Array(b.rowCount);
      const ok = new Uint8Array(b.rowCount);
      reader.readBatch(b, labels, ok);
      ok.forEach((v, i) => {
        valid += v;
        positives += v ? labels[i]! : 0;
      });
    }
    const want = readCsvRecords(taxiEval).filter((r) => Number(r.tips) > 0.2 * Number(r.fare)).length;
    assert.equal(valid, 5000);
    assert.equal(positives, want);
    const serving = readNaiveCsv(taxiServing).batches[0]!;
    const issues: string[] = [];
    const invalid = reader.readBatch(serving, new Float64Array(serving.rowCount), new Uint8Array(serving.rowCount), (i) => issues.push(i.code));
    assert.equal(invalid, serving.rowCount);
    assert.equal(issues[0], 'MODEL_LABEL_MISSING');
  });

  test('LabelReader: multiclass and regression', () => {
    const feature = [{ name: 'x', transform: { kind: 'numeric', mean: 0, stdDev: 1 } }];
    const multi = new LabelReader(validateFeatureSpec({ format: 1, task: 'multiclass', label: { expression: 'payment_type', classes: ['Cash', 'Credit Card'] }, features: feature }, 's'));
    assert.equal(multi.readRecord({ payment_type: 'Credit Card' }), 1);
    assert.equal((multi.readRecord({ payment_type: 'Prcard' }) as { code: string }).code, 'MODEL_LABEL_INVALID');
    const reg = new LabelReader(validateFeatureSpec({ format: 1, task: 'regression', label: { expression: 'tips / fare' }, features: feature }, 's'));
    assert.equal(reg.readRecord({ tips: 3, fare: 12 }), 0.25);
  });
});
