/** Derives each row's label from the spec's label expression, as a number the metrics read. */
import type { RowBatch, FeatureColumn } from '../data/rowBatch.js';
import type { DataIssue } from '../data/issues.js';
import { FacetwiseError } from '../data/issues.js';
import type { FeatureSpec, ModelTask } from './featureSpec.js';
import type { ExprValue } from './labelExpression.js';
import { ExpressionRowError, compileExpression } from './labelExpression.js';
import { cellValue, findColumn, rowPosition } from './cellValues.js';
import type { ExampleRecord } from './featureTransform.js';

export class LabelReader {
  readonly task: ModelTask;
  readonly expression: string;
  /** Multiclass class names (output order); binary: [negative, positive] names if given. */
  readonly classes: readonly string[] | undefined;
  private readonly compiled: ReturnType<typeof compileExpression>;
  private readonly classIndex: ReadonlyMap<string, number>;

  constructor(spec: FeatureSpec) {
    if (!spec.label) throw new FacetwiseError('MODEL_NO_LABEL', 'the feature spec defines no label, so there is nothing to compare predictions with');
    this.task = spec.task;
    this.expression = spec.label.expression;
    this.classes = spec.label.classes;
    this.compiled = compileExpression(spec.label.expression);
    this.classIndex = new Map((spec.label.classes ?? []).map((c, i) => [c, i]));
  }

  /** The columns the label reads (a serving dataset lacks them). */
  get columns(): readonly string[] {
    return this.compiled.columns;
  }

  /** Label as a number, or a message saying why the value does not fit the task. */
  private toLabel(v: ExprValue): number | string {
    switch (this.task) {
      case 'binary':
        if (typeof v === 'boolean') return v ? 1 : 0;
        if (v === 0 || v === 1) return v;
        if (typeof v === 'string' && this.classes) {
          const k = this.classIndex.get(v);
          if (k !== undefined) return k;
        }
        return `a binary label must be true/false or 0/1, got ${JSON.stringify(v)}`;
      case 'regression': {
        const n = typeof v === 'string' ? Number(v.trim() || NaN) : Number(v);
        return Number.isFinite(n) ? n : `a regression label must be a number, got ${JSON.stringify(v)}`;
      }
      case 'multiclass': {
        const k = this.classIndex.get(String(v));
        if (k !== undefined) return k;
        if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < this.classIndex.size) return v;
        return `label ${JSON.stringify(v)} is not one of the classes`;
      }
    }
  }

  /** Fills labels[r] for every row; rows without a usable label get valid[r] = 0 and one issue. */
  readBatch(batch: RowBatch, labels: Float64Array, valid: Uint8Array, onIssue?: (issue: DataIssue) => void): number {
    const columns = new Map<string, FeatureColumn | undefined>(this.compiled.columns.map((c) => [c, findColumn(batch, c)]));
    let row = 0;
    const lookup = (name: string): number | string | undefined => {
      const v = cellValue(columns.get(name), row);
      if (Array.isArray(v)) throw new ExpressionRowError(`column '${name}' holds ${v.length} values in this row; the label reads one`, name);
      return v;
    };
    let invalid = 0;
    for (row = 0; row < batch.rowCount; row++) {
      const result = this.evaluate(lookup);
      if (typeof result === 'number') {
        labels[row] = result;
        valid[row] = 1;
      } else {
        labels[row] = NaN;
        valid[row] = 0;
        invalid++;
        onIssue?.({ code: result.code, severity: 'error', message: result.message, position: rowPosition(batch, row) });
      }
    }
    return invalid;
  }

  /** The label of a single example, or the problem. */
  readRecord(record: ExampleRecord): number | { code: string; message: string } {
    return this.evaluate((name) => {
      const v = record[name];
      if (v === null || v === undefined || v === '') return undefined;
      return typeof v === 'boolean' ? (v ? 1 : 0) : v;
    });
  }

  private evaluate(lookup: (name: string) => number | string | undefined): number | { code: string; message: string } {
    try {
      const label = this.toLabel(this.compiled.evaluate(lookup));
      return typeof label === 'number' ? label : { code: 'MODEL_LABEL_INVALID', message: label };
    } catch (err) {
      if (err instanceof ExpressionRowError) {
        return {
          code: err.message.endsWith('is missing') ? 'MODEL_LABEL_MISSING' : 'MODEL_LABEL_INVALID',
          message: `label \`${this.expression}\`: ${err.message}`,
        };
      }
      throw err;
    }
  }
}
