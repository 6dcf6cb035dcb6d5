/** Writes `facetwise compare --html`'s report: the comparison model, the schema's comparators, the page. */
import { basename } from 'node:path';
import type { DatasetFeatureStatistics } from '../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { Anomalies } from '../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Schema } from '../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { buildComparison } from '../core/compare/datasetComparison.js';
import { readSchema } from '../core/proto/protoFiles.js';
import { writeFileAtomic } from '../core/proto/atomicWrite.js';
import { validateStatistics } from '../core/validate/validateStatistics.js';
import { buildHtmlReport, readReportAssets } from './compareHtmlReport.js';

export async function writeCompareHtml(out: string, inputs: readonly [string, string], stats: readonly [DatasetFeatureStatistics, DatasetFeatureStatistics], schemaPath: string | undefined): Promise<void> {
  const [a, b] = stats;
  let schema: Schema | undefined;
  let skew: Anomalies | undefined;
  let drift: Anomalies | undefined;
  if (schemaPath !== undefined) {
    schema = await readSchema(schemaPath);
    skew = validateStatistics(a, schema, { servingStats: b });
    drift = validateStatistics(b, schema, { previousStats: a });
  }
  const names = inputs.map((p) => basename(p));
  const model = buildComparison({
    datasets: [
      { name: names[0] as string, statistics: a },
      { name: names[1] as string, statistics: b },
    ],
    ...(schema ? { schema } : {}),
    ...(skew ? { skewAnomalies: skew } : {}),
    ...(drift ? { driftAnomalies: drift } : {}),
    noise: true,
  });
  const { script, css } = await readReportAssets(__dirname);
  const html = buildHtmlReport({ title: `Facetwise: ${names[1]} vs ${names[0]}`, statistics: [a, b], model, ...(schemaPath ? { schemaName: basename(schemaPath) } : {}) }, script, css);
  await writeFileAtomic(out, html);
}
