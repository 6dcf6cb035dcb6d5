/**
 * A gate on a candidate model against its baseline, the way TFMA's `MetricThreshold` gates one: per metric a value
 * threshold (the candidate's value within lower/upper bounds) and a change threshold (candidate − baseline, absolute
 * or relative, with a direction), and a minimum slice size for judging slices.
 *
 * Unlike TFMA, which compares the point estimate with the threshold even when it has intervals, a change threshold
 * here passes only when the whole paired-bootstrap interval of the change clears it, fails when the whole interval
 * is on the wrong side, and is undecided otherwise. Value thresholds use the point estimate (there is no interval
 * of the candidate's own value). A relative threshold divides the delta's interval by |baseline value|.
 *
 * Decision: a failed overall check rolls back; an undecided one is inconclusive unless a slice fails too (no proven
 * gain and a proven loss somewhere: roll back); all overall checks passing is keep, unless a slice fails (a
 * trade-off a person has to judge: inconclusive). Only KEEP blesses.
 */
import { didYouMean } from '../data/closestNames.js';
import { FacetwiseError } from '../data/issues.js';
import type { ComparisonReport, MetricDelta } from './compareVersions.js';
import type { MetricName } from './metrics.js';
import { higherIsBetter, metricsByTask } from './metrics.js';

export type ChangeDirection = 'higherIsBetter' | 'lowerIsBetter';

export interface ChangeThreshold {
  /** Default: the metric's own (AUC higher, log loss lower). */
  readonly direction?: ChangeDirection;
  /** higherIsBetter: the change must exceed this; lowerIsBetter: stay below it. */
  readonly absolute?: number;
  /** The same, as a fraction of the baseline's value (0.01 = 1%). */
  readonly relative?: number;
}

export interface MetricGate {
  readonly metric: MetricName;
  /** The candidate's value must be ≥ this. */
  readonly lowerBound?: number;
  /** The candidate's value must be ≤ this. */
  readonly upperBound?: number;
  readonly change?: ChangeThreshold;
}

export interface GateConfig {
  readonly metrics: readonly MetricGate[];
  /** Slices with fewer rows are not judged (default: every slice the comparison kept). */
  readonly minSliceRows?: number;
  /** Judge slices on the comparison's metric with that metric's change threshold (default true). */
  readonly slices?: boolean;
}

export type GateDecision = 'KEEP' | 'ROLL BACK' | 'INCONCLUSIVE';
export type CheckStatus = 'pass' | 'fail' | 'undecided' | 'undefined';

export interface GateCheck {
  readonly kind: 'value' | 'change' | 'slice';
  readonly metric: MetricName;
  /** `overall`, or the slice as `feature=value`. */
  readonly scope: string;
  readonly status: CheckStatus;
  /** The threshold as a user would write it: `≥ 0.7`, `Δ > -0.01`, `Δ < +1%`. */
  readonly threshold: string;
  /** The candidate's value (value check) or the change (change and slice checks). */
  readonly observed: number | null;
  /** The interval compared with the threshold (change and slice checks; relative ones in relative units). */
  readonly interval: readonly [number, number] | null;
  readonly rows?: number;
  /** One sentence. */
  readonly sentence: string;
}

export interface GateResult {
  readonly decision: GateDecision;
  /** One sentence. */
  readonly reason: string;
  /** The check (or rule) that decided, e.g. `logLoss Δ < 0 over the whole 95% interval`. */
  readonly decidedBy: string;
  readonly checks: readonly GateCheck[];
  /** The gate applied (the default one when none was configured). */
  readonly gate: GateConfig;
}

/** What the gate reads of a comparison (everything but its recommendation). */
export type GateInput = Pick<ComparisonReport, 'base' | 'candidate' | 'task' | 'metric' | 'metrics' | 'slices' | 'bootstrap'>;

/** Without a configured gate: the comparison's metric must improve, over the whole interval; slices judged. */
export function defaultGate(metric: MetricName): GateConfig {
  return { metrics: [{ metric, change: { absolute: 0 } }], slices: true };
}

function fmt(v: number | null): string {
  if (v === null) return 'n/a';
  return Math.abs(v) >= 100 ? v.toFixed(1) : Number(v.toPrecision(3)).toString();
}

function signed(v: number): string {
  return `${v > 0 ? '+' : ''}${fmt(v)}`;
}

function pct(v: number): string {
  return `${v > 0 ? '+' : ''}${Number((100 * v).toPrecision(3))}%`;
}

function intervalText(ci: readonly [number, number], relative: boolean): string {
  return relative ? `[${pct(ci[0])}, ${pct(ci[1])}]` : `[${signed(ci[0])}, ${signed(ci[1])}]`;
}

/** pass: the whole interval clears; fail: the whole interval is on the wrong side; else undecided. */
function judgeInterval(ci: readonly [number, number], limit: number, higher: boolean): CheckStatus {
  if (higher) return ci[0] > limit ? 'pass' : ci[1] < limit ? 'fail' : 'undecided';
  return ci[1] < limit ? 'pass' : ci[0] > limit ? 'fail' : 'undecided';
}

function changeChecks(d: MetricDelta, change: ChangeThreshold, scope: string, confidence: number, rows: number | undefined, kind: 'change' | 'slice'): GateCheck[] {
  const higher = change.direction ? change.direction === 'higherIsBetter' : higherIsBetter(d.metric);
  const op = higher ? '>' : '<';
  const conf = `${Math.round(confidence * 100)}%`;
  const where = scope === 'overall' ? '' : ` on ${scope}`;
  const out: GateCheck[] = [];
  const base = { kind, metric: d.metric, scope, ...(rows !== undefined ? { rows } : {}) } as const;
  const limits: { relative: boolean; limit: number }[] = [];
  if (change.absolute !== undefined) limits.push({ relative: false, limit: change.absolute });
  if (change.relative !== undefined) limits.push({ relative: true, limit: change.relative });
  for (const { relative, limit } of limits) {
    const threshold = `Δ ${op} ${relative ? pct(limit) : `${limit > 0 ? '+' : ''}${limit}`}`;
    let ci = d.ci;
    let observed = d.delta;
    if (relative && ci && observed !== null) {
      const b = d.base === null ? 0 : Math.abs(d.base);
      if (b === 0) ci = null;
      else {
        ci = [ci[0] / b, ci[1] / b];
        observed = observed / b;
      }
    }
    if (!ci || observed === null) {
      out.push({ ...base, status: 'undefined', threshold, observed: null, interval: null, sentence: `${d.metric} change${where} is undefined, so ${threshold} cannot be judged.` });
      continue;
    }
    const status = judgeInterval(ci, limit, higher);
    const shown = `${d.metric} Δ${where} ${relative ? pct(observed) : signed(observed)}, ${conf} interval ${intervalText(ci, relative)}`;
    const sentence =
      status === 'pass'
        ? `${shown}: the whole interval clears ${threshold}.`
        : status === 'fail'
          ? `${shown}: the whole interval misses ${threshold}.`
          : `${shown} straddles ${threshold}: the whole interval must clear it to pass.`;
    out.push({ ...base, status, threshold, observed, interval: ci, sentence });
  }
  return out;
}

function valueChecks(d: MetricDelta, g: MetricGate): GateCheck[] {
  const out: GateCheck[] = [];
  const bounds: { threshold: string; ok: (v: number) => boolean }[] = [];
  if (g.lowerBound !== undefined) bounds.push({ threshold: `≥ ${g.lowerBound}`, ok: (v) => v >= g.lowerBound! });
  if (g.upperBound !== undefined) bounds.push({ threshold: `≤ ${g.upperBound}`, ok: (v) => v <= g.upperBound! });
  for (const b of bounds) {
    const v = d.candidate;
    const base = { kind: 'value', metric: d.metric, scope: 'overall', threshold: b.threshold, observed: v, interval: null } as const;
    if (v === null || !Number.isFinite(v)) out.push({ ...base, status: 'undefined', sentence: `the candidate's ${d.metric} is undefined, so ${d.metric} ${b.threshold} cannot be judged.` });
    else {
      const ok = b.ok(v);
      out.push({ ...base, status: ok ? 'pass' : 'fail', sentence: `the candidate's ${d.metric} is ${fmt(v)}, ${ok ? 'within' : 'outside'} ${d.metric} ${b.threshold}.` });
    }
  }
  return out;
}

function decidedByText(c: GateCheck, confidence: number): string {
  if (c.kind === 'value') return `${c.metric} ${c.threshold}`;
  return `${c.metric} ${c.threshold}${c.scope === 'overall' ? '' : ` on ${c.scope}`} over the whole ${Math.round(confidence * 100)}% interval`;
}

function stripPeriod(s: string): string {
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

export function evaluateGate(report: GateInput, gate: GateConfig): GateResult {
  const confidence = report.bootstrap.confidence;
  const byMetric = new Map(report.metrics.map((m) => [m.metric, m]));
  const overall: GateCheck[] = [];
  for (const g of gate.metrics) {
    const d = byMetric.get(g.metric);
    if (!d) {
      overall.push({
        kind: 'change',
        metric: g.metric,
        scope: 'overall',
        status: 'undefined',
        threshold: '',
        observed: null,
        interval: null,
        sentence: `${g.metric} is not a ${report.task} metric (${metricsByTask[report.task].join(', ')}).`,
      });
      continue;
    }
    overall.push(...valueChecks(d, g));
    if (g.change) overall.push(...changeChecks(d, g.change, 'overall', confidence, undefined, 'change'));
  }
  const sliceChecks: GateCheck[] = [];
  if (gate.slices ?? true) {
    const change = gate.metrics.find((g) => g.metric === report.metric)?.change ?? { absolute: 0 };
    for (const s of report.slices) {
      if (gate.minSliceRows !== undefined && s.rows < gate.minSliceRows) continue;
      sliceChecks.push(...changeChecks(s, change, `${s.feature}=${s.value}`, confidence, s.rows, 'slice'));
    }
  }
  // Failing slices, worst (largest change on the wrong side) first.
  const failedSlices = sliceChecks
    .filter((c) => c.status === 'fail')
    .sort((a, b) => {
      const higher = higherIsBetter(a.metric);
      return higher ? (a.observed ?? 0) - (b.observed ?? 0) : (b.observed ?? 0) - (a.observed ?? 0);
    });
  const checks = [...overall, ...sliceChecks];
  const versions = `${report.candidate} against ${report.base}`;
  const sliceNote = (): string => {
    const names = failedSlices.slice(0, 3).map((c) => c.scope);
    const more = failedSlices.length > 3 ? ` and ${failedSlices.length - 3} more` : '';
    return `${names.join(', ')}${more}`;
  };
  const result = (decision: GateDecision, reason: string, decidedBy: string): GateResult => ({ decision, reason, decidedBy, checks, gate });

  const failed = overall.find((c) => c.status === 'fail');
  if (failed) return result('ROLL BACK', `${versions} fails the gate: ${stripPeriod(failed.sentence)}.`, decidedByText(failed, confidence));
  const undef = overall.find((c) => c.status === 'undefined');
  if (undef) return result('INCONCLUSIVE', `${versions} cannot be judged: ${stripPeriod(undef.sentence)}.`, undef.threshold ? decidedByText(undef, confidence) : undef.metric);
  const undecided = overall.find((c) => c.status === 'undecided');
  const worst = failedSlices[0];
  if (undecided) {
    if (worst) {
      return result(
        'ROLL BACK',
        `${versions} shows no proven gain (${stripPeriod(undecided.sentence)}) and is worse on ${sliceNote()} (${stripPeriod(worst.sentence)}).`,
        decidedByText(worst, confidence),
      );
    }
    return result('INCONCLUSIVE', `${versions} is undecided: ${stripPeriod(undecided.sentence)}.`, decidedByText(undecided, confidence));
  }
  if (worst) {
    return result(
      'INCONCLUSIVE',
      `${versions} passes every overall check but is worse on ${sliceNote()} (${stripPeriod(worst.sentence)}): a trade-off to judge.`,
      decidedByText(worst, confidence),
    );
  }
  const first = overall[0];
  const passed = overall.length === 0 ? 'the gate has no checks' : overall.map((c) => stripPeriod(c.sentence)).join('; ');
  return result('KEEP', `${versions} passes the gate${sliceChecks.length > 0 ? ' and no slice is worse' : ''}: ${passed}.`, first ? decidedByText(first, confidence) : 'no checks');
}

// ——— Settings / CLI input ———

const ALL_METRICS: readonly MetricName[] = ['auc', 'logLoss', 'accuracy', 'precision', 'recall', 'mae', 'rmse', 'r2'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(o: Record<string, unknown>, allowed: readonly string[], at: string, errors: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) errors.push(`${at}: unknown key '${k}'${didYouMean(k, allowed)}`);
}

function optionalNumber(o: Record<string, unknown>, key: string, at: string, errors: string[]): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    errors.push(`${at}.${key}: expected a number, found ${JSON.stringify(v)}`);
    return undefined;
  }
  return v;
}

/**
 * Validates a gate from untrusted input (a setting, a JSON file):
 * `{ "metrics": [{ "metric": "auc", "lowerBound": 0.7, "change": { "absolute": -0.01, "direction": "higherIsBetter" } }], "minSliceRows": 50, "slices": true }`.
 * Every problem is listed in one FacetwiseError (code MODEL_GATE_INVALID) with the key path of each.
 */
export function parseGateConfig(json: unknown, source = 'gate'): GateConfig {
  const errors: string[] = [];
  if (!isRecord(json)) throw new FacetwiseError('MODEL_GATE_INVALID', `${source}: a gate is an object with "metrics": [...]`);
  checkKeys(json, ['metrics', 'minSliceRows', 'slices'], source, errors);
  const metrics: MetricGate[] = [];
  const list = json['metrics'];
  if (!Array.isArray(list)) errors.push(`${source}.metrics: expected a list of metric thresholds`);
  else {
    list.forEach((item: unknown, i) => {
      const at = `${source}.metrics[${i}]`;
      if (!isRecord(item)) {
        errors.push(`${at}: expected an object with "metric"`);
        return;
      }
      checkKeys(item, ['metric', 'lowerBound', 'upperBound', 'change'], at, errors);
      const name = item['metric'];
      if (typeof name !== 'string' || !(ALL_METRICS as readonly string[]).includes(name)) {
        errors.push(`${at}.metric: ${JSON.stringify(name)} is not a metric${typeof name === 'string' ? didYouMean(name, ALL_METRICS) : ''} (one of ${ALL_METRICS.join(', ')})`);
        return;
      }
      const metric = name as MetricName;
      const lowerBound = optionalNumber(item, 'lowerBound', at, errors);
      const upperBound = optionalNumber(item, 'upperBound', at, errors);
      if (lowerBound !== undefined && upperBound !== undefined && lowerBound > upperBound) errors.push(`${at}: lowerBound ${lowerBound} is above upperBound ${upperBound}`);
      let change: ChangeThreshold | undefined;
      const c = item['change'];
      if (c !== undefined) {
        if (!isRecord(c)) errors.push(`${at}.change: expected an object with "absolute" and/or "relative"`);
        else {
          checkKeys(c, ['direction', 'absolute', 'relative'], `${at}.change`, errors);
          const absolute = optionalNumber(c, 'absolute', `${at}.change`, errors);
          const relative = optionalNumber(c, 'relative', `${at}.change`, errors);
          const direction = c['direction'];
          if (direction !== undefined && direction !== 'higherIsBetter' && direction !== 'lowerIsBetter') {
            errors.push(`${at}.change.direction: ${JSON.stringify(direction)} is not "higherIsBetter" or "lowerIsBetter"`);
          }
          if (absolute === undefined && relative === undefined) errors.push(`${at}.change: give "absolute" and/or "relative"`);
          change = {
            ...(direction === 'higherIsBetter' || direction === 'lowerIsBetter' ? { direction } : {}),
            ...(absolute !== undefined ? { absolute } : {}),
            ...(relative !== undefined ? { relative } : {}),
          };
        }
      }
      if (lowerBound === undefined && upperBound === undefined && c === undefined) errors.push(`${at}: give lowerBound, upperBound and/or change`);
      metrics.push({ metric, ...(lowerBound !== undefined ? { lowerBound } : {}), ...(upperBound !== undefined ? { upperBound } : {}), ...(change ? { change } : {}) });
    });
  }
  const minSliceRows = optionalNumber(json, 'minSliceRows', source, errors);
  if (minSliceRows !== undefined && (!Number.isInteger(minSliceRows) || minSliceRows < 1)) errors.push(`${source}.minSliceRows: expected a whole number ≥ 1`);
  const slices = json['slices'];
  if (slices !== undefined && typeof slices !== 'boolean') errors.push(`${source}.slices: expected true or false`);
  if (errors.length > 0) throw new FacetwiseError('MODEL_GATE_INVALID', `invalid model gate: ${errors.join('; ')}`);
  return { metrics, ...(minSliceRows !== undefined ? { minSliceRows } : {}), ...(typeof slices === 'boolean' ? { slices } : {}) };
}

/**
 * One CLI threshold: `auc>=0.7` / `logLoss<=0.4` (value), or with `--change`: `auc>=-0.01` (Δ must exceed -0.01,
 * higher is better), `logLoss<=+2%` (relative). Merged into `gate` by metric.
 */
export function parseThresholdFlag(text: string, kind: 'value' | 'change'): MetricGate {
  const m = /^\s*([A-Za-z0-9]+)\s*(>=|<=|>|<)\s*([-+]?\d*\.?\d+(?:e[-+]?\d+)?)\s*(%?)\s*$/i.exec(text);
  if (!m) throw new FacetwiseError('MODEL_GATE_INVALID', `'${text}' is not a threshold: write metric>=number or metric<=number (e.g. auc>=0.7${kind === 'change' ? ', logLoss<=+1%' : ''})`);
  const [, name, op, numText, percent] = m as unknown as [string, string, string, string, string];
  if (!(ALL_METRICS as readonly string[]).includes(name)) {
    throw new FacetwiseError('MODEL_GATE_INVALID', `'${name}' is not a metric${didYouMean(name, ALL_METRICS)} (one of ${ALL_METRICS.join(', ')})`);
  }
  const metric = name as MetricName;
  const value = Number(numText) / (percent ? 100 : 1);
  const up = op.startsWith('>');
  if (kind === 'value') {
    if (percent) throw new FacetwiseError('MODEL_GATE_INVALID', `'${text}': a value threshold is a number, not a percentage`);
    return up ? { metric, lowerBound: value } : { metric, upperBound: value };
  }
  const direction: ChangeDirection = up ? 'higherIsBetter' : 'lowerIsBetter';
  return { metric, change: percent ? { direction, relative: value } : { direction, absolute: value } };
}

/** Merges thresholds of the same metric (flags given one at a time) into one entry each, in first-seen order. */
export function mergeMetricGates(gates: readonly MetricGate[]): MetricGate[] {
  const byMetric = new Map<MetricName, MetricGate>();
  for (const g of gates) {
    const prev = byMetric.get(g.metric);
    if (!prev) {
      byMetric.set(g.metric, g);
      continue;
    }
    const change = prev.change || g.change ? { ...prev.change, ...g.change } : undefined;
    byMetric.set(g.metric, { ...prev, ...g, ...(change ? { change } : {}) });
  }
  return [...byMetric.values()];
}
