/**
 * The text of "Compare with…": per-feature distances between a training and a serving dataset, most changed
 * first, with the schema's skew comparators where the training data has a schema. Pure: no `vscode`.
 */
import { measurementName } from '../../core/validate/measurementNames.js';
import type { FeatureComparison } from '../../core/compare/compareStatistics.js';
import type { Anomalies } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { serializePath } from '../../core/schema/featurePath.js';
import { anomalyTypeName, tfdvMessage } from '../validation/diagnostics/anomalyDiagnostics.js';

export interface SkewMeasurement {
  readonly metric: string;
  readonly value: number;
  readonly threshold: number;
}

export interface CompareReportInput {
  readonly training: string;
  readonly serving: string;
  readonly comparisons: readonly FeatureComparison[];
  /** Validation of the training statistics with the serving ones as `servingStats` (skew comparators). */
  readonly skew?: Anomalies;
  /** The schema file the skew comparators came from. */
  readonly schemaPath?: string;
}

export function formatNumber(x: number | undefined): string {
  if (x === undefined) return '';
  if (x === 0) return '0';
  return Math.abs(x) >= 1e-4 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(4))) : x.toExponential(3);
}


/** Skew comparator measurements per feature (serialized path). */
export function skewMeasurements(skew: Anomalies | undefined): Map<string, SkewMeasurement[]> {
  const out = new Map<string, SkewMeasurement[]>();
  for (const info of skew?.driftSkewInfo ?? []) {
    const key = serializePath(info.path?.step ?? []);
    const list = info.skewMeasurements.map((m) => ({ metric: measurementName(m.type), value: m.value, threshold: m.threshold }));
    if (list.length > 0) out.set(key, list);
  }
  return out;
}

function describeDistances(c: FeatureComparison): string {
  if (c.presentIn !== 'both') return `only in ${c.presentIn === 'a' ? 'training' : 'serving'}`;
  const parts: string[] = [];
  if (c.distances.jensenShannon !== undefined) parts.push(`JSD ${formatNumber(c.distances.jensenShannon)}`);
  if (c.distances.lInfinity !== undefined) parts.push(`L∞ ${formatNumber(c.distances.lInfinity)}`);
  if (c.distances.psi !== undefined) parts.push(`PSI ${formatNumber(c.distances.psi)}`);
  if (c.distances.wasserstein !== undefined) parts.push(`W1 ${formatNumber(c.distances.wasserstein)}`);
  if (c.distances.ks !== undefined) parts.push(`KS ${formatNumber(c.distances.ks)}`);
  return parts.length > 0 ? parts.join(' · ') : 'not comparable';
}

export interface FeaturePick {
  readonly feature: string;
  readonly label: string;
  readonly description: string;
  readonly detail?: string;
}

/** QuickPick rows: one per feature, most changed first (the order compareStatistics returns). */
export function comparisonPicks(input: CompareReportInput): FeaturePick[] {
  const skew = skewMeasurements(input.skew);
  return input.comparisons.map((c) => {
    const details: string[] = [];
    if (c.maxDifferenceValue !== undefined) details.push(`largest change at '${c.maxDifferenceValue}'`);
    for (const m of skew.get(c.pathKey) ?? []) {
      details.push(`skew ${m.metric} ${formatNumber(m.value)} ${m.value > m.threshold ? '>' : '≤'} threshold ${formatNumber(m.threshold)}`);
    }
    const flagged = (skew.get(c.pathKey) ?? []).some((m) => m.value > m.threshold);
    return {
      feature: c.pathKey,
      label: `${flagged ? '$(warning) ' : ''}${c.pathKey}`,
      description: describeDistances(c),
      ...(details.length > 0 ? { detail: details.join(' · ') } : {}),
    };
  });
}

/** The report as lines, for the output channel. */
export function formatComparisonReport(input: CompareReportInput): string[] {
  const header = ['Feature', 'Kind', 'JSD', 'L-inf', 'PSI', 'Wasserstein', 'KS', 'Largest change at'];
  const rows = input.comparisons.map((c) => [
    c.pathKey,
    c.presentIn === 'both' ? c.kind : `only in ${c.presentIn === 'a' ? 'training' : 'serving'}`,
    formatNumber(c.distances.jensenShannon),
    formatNumber(c.distances.lInfinity),
    formatNumber(c.distances.psi),
    formatNumber(c.distances.wasserstein),
    formatNumber(c.distances.ks),
    c.maxDifferenceValue ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  const out = [
    `Compare ${input.training} (training) with ${input.serving} (serving): ${input.comparisons.length} features, most changed first.`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  if (input.skew) {
    const skew = skewMeasurements(input.skew);
    out.push('', `Skew comparators of ${input.schemaPath ?? 'the schema'}:`);
    if (skew.size === 0) out.push('  (the schema defines no skew comparators)');
    for (const [feature, list] of skew) {
      for (const m of list) out.push(`  ${feature}: ${m.metric} ${formatNumber(m.value)} (threshold ${formatNumber(m.threshold)})${m.value > m.threshold ? '  ← skew' : ''}`);
    }
    for (const [feature, info] of Object.entries(input.skew.anomalyInfo)) {
      // Only the comparators' findings: the rest is the training data's own validation.
      for (const r of info.reason) {
        if (anomalyTypeName(r.type).startsWith('COMPARATOR_')) out.push(`  anomaly ${feature}: ${tfdvMessage(r.shortDescription, r.description)}`);
      }
    }
  }
  return out;
}
