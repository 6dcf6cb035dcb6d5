/** `facetwise stats --format text`: a readable summary of DatasetFeatureStatistics, one line per feature. */
import type {
  DatasetFeatureStatistics,
  FeatureNameStatistics,
} from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { FeatureNameStatistics_Type } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { formatNumber, formatPercent } from './numbers.js';
import { formatTextTable } from './textTable.js';

export function featureName(f: FeatureNameStatistics): string {
  return f.fieldId.case === 'path' ? f.fieldId.value.step.join('.') : f.fieldId.case === 'name' ? f.fieldId.value : '';
}

function table(rows: string[][], width: number): string {
  const [header, ...body] = rows;
  return formatTextTable(header, body, { width, ruler: false, align: header.map((_, c) => (c === 0 ? 'left' : 'right')) });
}

export function formatStatsTable(stats: DatasetFeatureStatistics, width = 120): string {
  const n = Number(stats.numExamples);
  const numeric: string[][] = [['feature', 'type', 'count', 'missing', 'zeros', 'mean', 'std dev', 'min', 'median', 'max']];
  const categorical: string[][] = [['feature', 'type', 'count', 'missing', 'unique', 'top value', 'freq', 'avg len']];
  for (const f of stats.features) {
    const type = FeatureNameStatistics_Type[f.type] ?? String(f.type);
    if (f.stats.case === 'numStats') {
      const s = f.stats.value;
      const count = Number(s.commonStats?.numNonMissing ?? 0n);
      numeric.push([
        featureName(f), type, formatNumber(count), formatPercent(Number(s.commonStats?.numMissing ?? 0n), n), formatPercent(Number(s.numZeros), count),
        formatNumber(s.mean), formatNumber(s.stdDev), formatNumber(s.min), formatNumber(s.median), formatNumber(s.max),
      ]);
    } else if (f.stats.case === 'stringStats') {
      const s = f.stats.value;
      const count = Number(s.commonStats?.numNonMissing ?? 0n);
      const top = s.topValues[0];
      const topValue = top ? JSON.stringify(top.value).slice(1, -1) : '';
      categorical.push([
        featureName(f), type, formatNumber(count), formatPercent(Number(s.commonStats?.numMissing ?? 0n), n), String(s.unique),
        topValue.length > 30 ? topValue.slice(0, 29) + '…' : topValue, top ? formatNumber(top.frequency) : '', formatNumber(s.avgLength),
      ]);
    } else {
      categorical.push([featureName(f), type, '-', '-', '-', '', '', '']);
    }
  }
  const parts = [`${stats.name}: ${n} examples, ${stats.features.length} features`];
  if (numeric.length > 1) parts.push(`\nNumeric features (${numeric.length - 1})\n${table(numeric, width)}`);
  if (categorical.length > 1) parts.push(`\nCategorical features (${categorical.length - 1})\n${table(categorical, width)}`);
  return parts.join('\n') + '\n';
}
