/**
 * Writes `facetwise compare --html`'s report: the comparison model, the schema's comparators, the page. Over
 * spans the report also holds the drift timeline, and — as in the panel — the model is the last span against
 * the one before it.
 */
import { basename } from 'node:path';
import type { DatasetFeatureStatistics } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { Anomalies } from '../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Schema } from '../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { buildComparison } from '../core/compare/datasetComparison.js';
import { readSchema } from '../core/proto/protoFiles.js';
import { writeFileAtomic } from '../core/proto/atomicWrite.js';
import { validateStatistics } from '../core/validate/validateStatistics.js';
import type { SpanTimeline } from '../core/compare/spanTimeline.js';
import { buildHtmlReport, readReportAssets } from './compareHtmlReport.js';

export interface CompareHtmlOptions {
  readonly schemaPath?: string;
  /** The drift timeline over spans; `names` and `stats` are then its last two spans. */
  readonly timeline?: SpanTimeline;
  /** The page's script and style sheet (by default the built ones beside the CLI). */
  readonly assets?: () => Promise<{ readonly script: string; readonly css: string }>;
}

/** `names` are the two datasets as the page titles them (file names, or span names). */
export async function writeCompareHtml(
  out: string,
  names: readonly [string, string],
  stats: readonly [DatasetFeatureStatistics, DatasetFeatureStatistics],
  options: CompareHtmlOptions = {},
): Promise<void> {
  const { schemaPath, timeline } = options;
  const [a, b] = stats;
  let schema: Schema | undefined;
  let skew: Anomalies | undefined;
  let drift: Anomalies | undefined;
  if (schemaPath !== undefined) {
    schema = await readSchema(schemaPath);
    skew = validateStatistics(a, schema, { servingStats: b });
    drift = validateStatistics(b, schema, { previousStats: a });
  }
  const model = buildComparison({
    datasets: [
      { name: names[0], statistics: a },
      { name: names[1], statistics: b },
    ],
    ...(schema ? { schema } : {}),
    ...(skew ? { skewAnomalies: skew } : {}),
    ...(drift ? { driftAnomalies: drift } : {}),
    noise: true,
  });
  const { script, css } = await (options.assets ?? (() => readReportAssets(__dirname)))();
  const title = timeline
    ? `Facetwise: drift over ${timeline.spans.length} spans (${timeline.spans[0]?.name ?? ''} to ${timeline.spans.at(-1)?.name ?? ''})`
    : `Facetwise: ${names[1]} vs ${names[0]}`;
  const html = buildHtmlReport(
    { title, statistics: [a, b], model, ...(schemaPath ? { schemaName: basename(schemaPath) } : {}), ...(timeline ? { timeline } : {}) },
    script,
    css,
  );
  await writeFileAtomic(out, html);
}
