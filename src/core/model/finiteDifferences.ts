/**
 * Gradients for runtimes without autodiff (ONNX): central differences, (f(x + h·e_j) − f(x − h·e_j)) / 2h for every
 * input column j, evaluated as one batch of 2·n perturbed rows per input row so the runtime sees few, large calls.
 * Inputs are standardised (or one-hot) by the feature spec, so one step size fits every column; its truncation
 * error is O(h²) and float32 rounding adds about ε/h, about 1e-4 of the output at h = 1e-3, which the integrated
 * gradients' completeness check reports like any other error.
 */

export const FINITE_DIFFERENCE_STEP = 1e-3;

/** Perturbed rows per predict call: bounds memory for wide inputs. */
const MAX_ROWS_PER_CALL = 32_768;

export type PredictFn = (batch: Float32Array, rows: number) => Promise<Float32Array>;

/** d output[outputIndex] / d input, row-major `rows × width`, as LoadedModel.gradients returns it. */
export async function centralDifferenceGradients(
  predict: PredictFn,
  batch: Float32Array,
  rows: number,
  width: number,
  outputWidth: number,
  outputIndex: number,
  step: number = FINITE_DIFFERENCE_STEP,
): Promise<Float32Array> {
  const out = new Float32Array(rows * width);
  if (rows === 0 || width === 0) return out;
  const rowsPerCall = Math.max(1, Math.floor(MAX_ROWS_PER_CALL / (2 * width)));
  const points = new Float32Array(Math.min(rowsPerCall, rows) * 2 * width * width);
  for (let first = 0; first < rows; first += rowsPerCall) {
    const count = Math.min(rowsPerCall, rows - first);
    let p = 0;
    for (let r = first; r < first + count; r++) {
      const x = batch.subarray(r * width, (r + 1) * width);
      for (let j = 0; j < width; j++) {
        for (const sign of [1, -1]) {
          points.set(x, p);
          points[p + j] = x[j]! + sign * step;
          p += width;
        }
      }
    }
    const y = await predict(points, count * 2 * width);
    for (let c = 0; c < count; c++) {
      for (let j = 0; j < width; j++) {
        const plusRow = (c * width + j) * 2;
        const plus = y[plusRow * outputWidth + outputIndex]!;
        const minus = y[(plusRow + 1) * outputWidth + outputIndex]!;
        // The step as stored in float32, not as asked: x ± h rounds differently for each x.
        const span = points[plusRow * width + j]! - points[(plusRow + 1) * width + j]!;
        out[(first + c) * width + j] = (plus - minus) / span;
      }
    }
  }
  return out;
}
