/**
 * Which TensorFlow.js backend a browser (the datapoint editor's webview) runs on, decided by trial rather than by
 * assumption: every backend that starts predicts a probe batch; a GPU backend whose scores differ from the
 * reference (wasm, else cpu) by more than the tolerance is refused with the figure (tfjs' WebGPU and WebGL have had
 * silent wrong-result bugs); the rest are timed on one row and on 1k / 10k rows, and real-time edits go to the
 * fastest single-row backend, batches (IG, PDP, ICE) to the fastest 10k-row one.
 *
 * Pure: the caller supplies each backend as a start function and a predictor, so tests drive it with fakes and the
 * webview with tfjs.
 */
import { throwIfAborted } from '../data/job.js';

export type WebBackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type WebBackendChoice = WebBackendName | 'auto';
/** Tried in this order; the first of the references that starts is the parity reference. */
export const webBackendOrder: readonly WebBackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
const referenceOrder: readonly WebBackendName[] = ['wasm', 'cpu'];
export const PARITY_TOLERANCE = 1e-4;
/** Batch sizes timed at load. */
export const MEASURED_BATCHES = [1, 1000, 10000] as const;

export function parseWebBackendChoice(text: unknown): WebBackendChoice | undefined {
  return text === 'auto' || (typeof text === 'string' && (webBackendOrder as readonly string[]).includes(text)) ? (text as WebBackendChoice) : undefined;
}

export interface BackendCandidate {
  readonly name: WebBackendName;
  /** Makes this backend current; throws (or resolves a reason string) when it cannot start here. */
  start(): Promise<string | undefined>;
  /** Predicts rows of a row-major batch on this backend (it is current when called). */
  predict(batch: Float32Array, rows: number): Promise<Float32Array>;
}

export type BackendStatus = 'used' | 'ready' | 'refused' | 'unavailable' | 'not tried';

export interface BackendTrial {
  readonly name: WebBackendName;
  readonly status: BackendStatus;
  /** Why it is not used (unavailable / refused), or what it is used for. */
  readonly reason: string;
  /** Largest |score − reference score| over the probe batch (undefined for the reference itself or if it did not run). */
  readonly maxAbsDiff?: number;
  /** Rows per second by batch size (1, 1000, 10000), when measured. */
  readonly rowsPerSecond?: Readonly<Record<number, number>>;
}

export interface BackendDecision {
  /** Backend for real-time edits (single rows). */
  readonly realtime: WebBackendName;
  /** Backend for batches (integrated gradients, PDP/ICE, counterfactual search). */
  readonly batch: WebBackendName;
  readonly reference: WebBackendName;
  readonly trials: readonly BackendTrial[];
}

export interface ChooseOptions {
  readonly choice?: WebBackendChoice;
  readonly tolerance?: number;
  /** Probe batch (rows × width) predicted on each backend for the parity gate. */
  readonly probe: Float32Array;
  readonly probeRows: number;
  /** Input width, to build the timing batches. */
  readonly width: number;
  /** Batch sizes to time (default MEASURED_BATCHES). */
  readonly batches?: readonly number[];
  /** Clock in milliseconds (default performance.now); the best of several runs is kept per size. */
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

export function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Timing batches: the probe rows repeated to the size. */
function timingBatch(probe: Float32Array, probeRows: number, width: number, rows: number): Float32Array {
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) out.set(probe.subarray((r % probeRows) * width, (r % probeRows + 1) * width), r * width);
  return out;
}

async function rowsPerSecond(c: BackendCandidate, batch: Float32Array, rows: number, now: () => number): Promise<number> {
  await c.predict(batch, rows); // warm-up: shader compilation, wasm tiering
  // Browsers coarsen the clock (0.1 ms): time runs of several calls, keep the best run's mean per call.
  const calls = rows === 1 ? 25 : rows <= 1000 ? 5 : 1;
  let best = Infinity;
  for (let run = 0; run < 2; run++) {
    const t0 = now();
    for (let i = 0; i < calls; i++) await c.predict(batch, rows);
    best = Math.min(best, (now() - t0) / calls);
  }
  return rows / (Math.max(best, 1e-4) / 1000);
}

function fastest(trials: readonly BackendTrial[], rows: number): WebBackendName | undefined {
  let best: BackendTrial | undefined;
  for (const t of trials) {
    const v = t.rowsPerSecond?.[rows];
    if (v !== undefined && (best === undefined || v > best.rowsPerSecond![rows]!)) best = t;
  }
  return best?.name;
}

/**
 * Starts, checks and times the candidates. `choice` other than auto uses that backend only (it must start and, if
 * it is a GPU backend, pass the parity gate, or this throws with the reason). The reference backend must start.
 */
export async function chooseBackends(candidates: readonly BackendCandidate[], options: ChooseOptions): Promise<BackendDecision> {
  const now = options.now ?? (() => performance.now());
  const tolerance = options.tolerance ?? PARITY_TOLERANCE;
  const choice = options.choice ?? 'auto';
  const byName = new Map(candidates.map((c) => [c.name, c]));
  const trials = new Map<WebBackendName, BackendTrial>();
  const started = new Map<WebBackendName, Float32Array>();

  const tryStart = async (c: BackendCandidate): Promise<Float32Array | undefined> => {
    throwIfAborted(options.signal);
    let reason: string | undefined;
    try {
      reason = await c.start();
      if (reason === undefined) {
        const scores = await c.predict(options.probe, options.probeRows);
        started.set(c.name, scores);
        return scores;
      }
    } catch (err) {
      reason = message(err);
    }
    trials.set(c.name, { name: c.name, status: 'unavailable', reason });
    return undefined;
  };

  // The reference first: wasm, else cpu.
  let reference: WebBackendName | undefined;
  let referenceScores: Float32Array | undefined;
  for (const name of referenceOrder) {
    const c = byName.get(name);
    if (!c) continue;
    const s = await tryStart(c);
    if (s) {
      reference = name;
      referenceScores = s;
      break;
    }
  }
  if (!reference || !referenceScores) {
    const why = [...trials.values()].map((t) => `${t.name}: ${t.reason}`).join('; ');
    throw new Error(`no reference backend (wasm or cpu) could start${why ? ` (${why})` : ''}`);
  }

  const wanted = choice === 'auto' ? webBackendOrder : [choice];
  for (const name of webBackendOrder) {
    const c = byName.get(name);
    if (!c) {
      trials.set(name, { name, status: 'unavailable', reason: 'not built into this panel' });
      continue;
    }
    if (!wanted.includes(name)) {
      if (!trials.has(name)) trials.set(name, { name, status: 'not tried', reason: `facetwise.inferenceBackend is ${choice}` });
      continue;
    }
    if (started.has(name)) continue;
    if (trials.has(name)) continue;
    const s = await tryStart(c);
    if (!s) continue;
    const diff = maxAbsDifference(s, referenceScores);
    if (!(diff <= tolerance)) {
      started.delete(name);
      trials.set(name, {
        name,
        status: 'refused',
        reason: `its scores differ from ${reference}'s by up to ${Number.isFinite(diff) ? diff.toExponential(2) : 'NaN'} on a ${options.probeRows}-row probe (limit ${tolerance.toExponential(0)})`,
        maxAbsDiff: diff,
      });
    } else {
      trials.set(name, { name, status: 'ready', reason: '', maxAbsDiff: diff });
    }
  }
  if (choice !== 'auto') {
    const t = trials.get(choice);
    if (!t || (t.status !== 'ready' && !(choice === reference && started.has(choice)))) {
      throw new Error(`facetwise.inferenceBackend is ${choice}, but ${choice} ${t?.status === 'refused' ? 'was refused' : 'cannot start'}: ${t?.reason ?? 'unknown'}`);
    }
  }
  // Time every usable backend (the reference counts when it is wanted).
  const usable = webBackendOrder.filter((n) => started.has(n) && wanted.includes(n));
  const sizes = options.batches ?? MEASURED_BATCHES;
  for (const name of usable) {
    const c = byName.get(name)!;
    await c.start();
    const rates: Record<number, number> = {};
    for (const rows of sizes) {
      throwIfAborted(options.signal);
      rates[rows] = await rowsPerSecond(c, timingBatch(options.probe, options.probeRows, options.width, rows), rows, now);
    }
    const prev = trials.get(name);
    trials.set(name, { name, status: 'ready', reason: '', ...(prev?.maxAbsDiff !== undefined ? { maxAbsDiff: prev.maxAbsDiff } : {}), rowsPerSecond: rates });
  }
  const single = sizes[0]!;
  const big = sizes[sizes.length - 1]!;
  const realtime = fastest([...trials.values()], single) ?? reference;
  const batch = fastest([...trials.values()], big) ?? reference;
  const rate = (t: BackendTrial | undefined, rows: number): string => Math.round(t?.rowsPerSecond?.[rows] ?? 0).toLocaleString('en-US');
  const out: BackendTrial[] = webBackendOrder.map((name) => {
    const t = trials.get(name)!;
    if (name !== realtime && name !== batch) {
      // Started, passed the gate and timed, yet not chosen: say what beat it, so the table explains every row.
      if (t.status !== 'ready' || !t.rowsPerSecond) return t;
      const r = trials.get(realtime);
      const b = trials.get(batch);
      return { ...t, reason: `not used: slower than ${realtime} on one row (${rate(t, single)} vs ${rate(r, single)} rows/s) and than ${batch} on ${big} rows (${rate(t, big)} vs ${rate(b, big)})` };
    }
    const uses = [name === realtime ? 'real-time edits (fastest on one row)' : '', name === batch ? `batches (fastest on ${big} rows)` : ''].filter(Boolean);
    return { ...t, status: 'used', reason: uses.join(' and ') };
  });
  return { realtime, batch, reference, trials: out };
}
