/**
 * `facetwise compare`'s drift timeline as a readable table: per feature, one line per distance (TFDV's, and for
 * numeric features Facetwise's fine JSD) and per series (to the previous span, to the reference), one column per
 * span; a value over the schema's drift_comparator threshold is marked with `!`.
 */
import type { FeatureTimeline, SpanDistance, SpanTimeline } from '../core/compare/spanTimeline.js';
import { formatNumber } from './format/numbers.js';
import { formatTextTable } from './format/textTable.js';

function cell(d: SpanDistance | null, pick: 'tfdv' | 'fine', over: boolean): string {
  if (!d) return '';
  if (d.oneSided) return 'one side';
  const v = d[pick];
  return v === undefined ? '–' : `${formatNumber(v, 4)}${over ? ' !' : ''}`;
}

function lines(f: FeatureTimeline, reference: string): string[][] {
  const tfdvName = f.tfdvMetric === 'lInfinity' ? 'L-inf (TFDV)' : 'JSD (TFDV)';
  const over = new Set(f.overThreshold);
  const out: string[][] = [];
  const metrics: Array<['tfdv' | 'fine', string]> = [['tfdv', tfdvName]];
  if (f.fineUnavailable === undefined) metrics.push(['fine', 'JSD fine (Facetwise)']);
  for (const [pick, name] of metrics) {
    out.push([f.pathKey, name, 'vs previous', ...f.toPrevious.map((d, i) => cell(d, pick, pick === 'tfdv' && over.has(i)))]);
    out.push([f.pathKey, name, `vs ${reference}`, ...f.toReference.map((d) => cell(d, pick, false))]);
  }
  return out;
}

export function formatTimelineText(t: SpanTimeline, width = 120): string {
  const reference = t.spans[t.reference]?.name ?? 'reference';
  const header = ['Feature', 'Distance', 'Series', ...t.spans.map((s) => s.name)];
  const rows = t.features.flatMap((f) => lines(f, reference));
  const thresholds = t.features.filter((f) => f.driftThreshold).map((f) => `${f.pathKey} ${f.driftThreshold?.metric} ${f.driftThreshold?.threshold}`);
  const notes = [
    `${t.spans.length} spans; reference ${reference}; features most drifted first.`,
    thresholds.length > 0 ? `drift_comparator thresholds (! = over, against the previous span): ${thresholds.join('; ')}` : 'No drift_comparator thresholds (give --schema).',
  ];
  return `${formatTextTable(header, rows, { width })}\n${notes.join('\n')}\n`;
}
