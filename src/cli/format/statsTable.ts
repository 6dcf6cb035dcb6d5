/** `facetwise stats --format text`: a readable summary of DatasetFeatureStatistics, one line per feature. */
import type {
  DatasetFeatureStatistics,
  FeatureNameStatistics,
} from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FeatureNameStatistics_Type } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';

export function featureName(f: FeatureNameStatistics): string {
  return f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : f.fieldId.case === 'name' ? f.fieldId.value : '';
}

/** Up to 6 significant digits, without exponent noise for ordinary magnitudes. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e9 || abs < 1e-4) return x.toExponential(3);
  return String(Number(x.toPrecision(6)));
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd()).join('\n');
}

export function formatStatsTable(stats: DatasetFeatureStatistics): string {
  const n = Number(stats.numExamples);
  const numeric: string[][] = [['feature', 'type', 'count', 'missing', 'zeros', 'mean', 'std dev', 'min', 'median', 'max']];
  const categorical: string[][] = [['feature', 'type', 'count', 'missing', 'unique', 'top value', 'freq', 'avg len']];
  for (const f of stats.features) {
    const type = FeatureNameStatistics_Type[f.type] ?? String(f.type);
    if (f.stats.case === 'numStats') {
      const s = f.stats.value;
      const count = Number(s.commonStats?.numNonMissing ?? 0n);
      numeric.push([
        featureName(f), type, String(count), pct(Number(s.commonStats?.numMissing ?? 0n), n), pct(Number(s.numZeros), count),
        formatNumber(s.mean), formatNumber(s.stdDev), formatNumber(s.min), formatNumber(s.median), formatNumber(s.max),
      ]);
    } else if (f.stats.case === 'stringStats') {
      const s = f.stats.value;
      const count = Number(s.commonStats?.numNonMissing ?? 0n);
      const top = s.topValues[0];
      const topValue = top ? JSON.stringify(top.value).slice(1, -1) : '';
      categorical.push([
        featureName(f), type, String(count), pct(Number(s.commonStats?.numMissing ?? 0n), n), String(s.unique),
        topValue.length > 30 ? topValue.slice(0, 29) + '…' : topValue, top ? formatNumber(top.frequency) : '', formatNumber(s.avgLength),
      ]);
    } else {
      categorical.push([featureName(f), type, '-', '-', '-', '', '', '']);
    }
  }
  const parts = [`${stats.name}: ${n} examples, ${stats.features.length} features`];
  if (numeric.length > 1) parts.push(`\nNumeric features (${numeric.length - 1})\n${table(numeric)}`);
  if (categorical.length > 1) parts.push(`\nCategorical features (${categorical.length - 1})\n${table(categorical)}`);
  return parts.join('\n') + '\n';
}
