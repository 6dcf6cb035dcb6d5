/**
 * `--verbose`: the host's backends tried and timed on the opened model, as the datapoint panel's table shows the
 * webview's: each of tfjs-node-gpu, tfjs-node, wasm and cpu either says why it cannot start (precisely: not
 * installed / CUDA libraries missing / other) or gives its largest score difference from wasm on a probe batch and
 * its rows/s on 1, 1,000 and 10,000 rows. The backend the command runs on is restored afterwards.
 */
import { backendOrder, selectBackend } from '../core/model/backend.js';
import type { BackendName } from '../core/model/backend.js';
import { maxAbsDifference } from '../core/model/backendChoice.js';
import type { OpenedModel } from '../core/model/openModel.js';
import { table } from './modelArgs.js';

const SIZES = [1, 1000, 10000] as const;

async function rowsPerSecond(model: OpenedModel, batch: Float32Array, rows: number): Promise<number> {
  await model.model.predict(batch, rows);
  const calls = rows === 1 ? 25 : rows <= 1000 ? 5 : 1;
  let best = Infinity;
  for (let run = 0; run < 2; run++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) await model.model.predict(batch, rows);
    best = Math.min(best, (performance.now() - t0) / calls);
  }
  return rows / (Math.max(best, 1e-4) / 1000);
}

/** The table as text. `probe` is one or more transformed rows (rows × width), repeated to the timed sizes. */
export async function hostBackendTable(model: OpenedModel, probe: Float32Array): Promise<string> {
  const w = model.transform.width;
  const probeRows = Math.max(1, Math.floor(probe.length / w));
  const batch = new Float32Array(SIZES[SIZES.length - 1] * w);
  for (let r = 0; r < SIZES[SIZES.length - 1]; r++) batch.set(probe.subarray((r % probeRows) * w, (r % probeRows + 1) * w), r * w);
  const inUse: BackendName = model.backend.name;
  const rows: string[][] = [];
  let reference: Float32Array | undefined;
  const ordered: BackendName[] = ['wasm', ...backendOrder.filter((b) => b !== 'wasm')];
  for (const name of ordered) {
    try {
      await selectBackend({ backend: name });
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).replace(/^.*?\(\w[\w-]*: /, '').replace(/\)$/, '');
      rows.push([name, 'unavailable', '–', '–', '–', '–', reason]);
      continue;
    }
    const scores = await model.model.predict(probe, probeRows);
    if (name === 'wasm') reference = scores;
    const diff = reference && name !== 'wasm' ? maxAbsDifference(scores, reference) : undefined;
    const rates = [];
    for (const n of SIZES) rates.push(Math.round(await rowsPerSecond(model, batch, n)).toLocaleString('en-US'));
    rows.push([name, name === inUse ? 'used' : 'ready', ...rates, diff === undefined ? (name === 'wasm' ? 'reference' : '–') : diff.toExponential(1), '']);
  }
  await selectBackend({ backend: inUse });
  return table(['backend', 'status', '1 row/s', '1,000 rows/s', '10,000 rows/s', 'max |Δ| vs wasm', 'why not'], rows);
}
