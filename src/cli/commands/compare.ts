/**
 * `facetwise compare <a> <b>`: per-feature distances between two datasets (or statistics files), most changed
 * first. With --threshold the command fails (exit 3) when a distance exceeds its threshold.
 * `facetwise compare <a> <b> <c>…` or `--spans <folder>`: the drift timeline over the spans, in order (each
 * span's statistics read or computed once); exit 3 when a span drifts past its schema drift_comparator threshold.
 */
import type { CompareConfig, DistanceMetric, FeatureComparison } from '../../core/compare/compareStatistics.js';
import { compareStatistics } from '../../core/compare/compareStatistics.js';
import { formatNumber } from '../format/numbers.js';
import { formatTextTable, terminalWidth } from '../format/textTable.js';
import { outputFormat, parseCommandArgs } from '../commandArgs.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { datasetOptionSpecs, datasetOptionsUsage, intOption, readOptionsFrom } from '../datasetArgs.js';
import type { LoadStatisticsOptions } from '../loadStatistics.js';
import { loadStatistics } from '../loadStatistics.js';
import type { StatisticsLoader } from './validate.js';
import { writeCompareHtml } from '../compareHtmlFile.js';
import type { CompareHtmlOptions } from '../compareHtmlFile.js';
import type { SpanTimeline } from '../../core/compare/spanTimeline.js';
import { basename } from 'node:path';
import type { DatasetFeatureStatistics } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { buildSpanTimeline } from '../../core/compare/spanTimeline.js';
import { listSpanFolders } from '../../core/io/spanFolders.js';
import { readSchema } from '../../core/proto/protoFiles.js';
import { formatTimelineText } from '../spanTimelineText.js';

const METRICS: readonly DistanceMetric[] = ['lInfinity', 'normalizedAbsDifference', 'jensenShannon', 'psi', 'wasserstein', 'ks'];

const usage = `Usage: facetwise compare <a> <b> [options]
       facetwise compare <span1> <span2> <span3>… [options]
       facetwise compare --spans <folder> [options]

Distances between two datasets (CSV, TFRecord or statistics files), feature by feature, largest change first:
L-infinity, normalized absolute difference and Jensen-Shannon divergence as TFDV computes them, PSI, and for
numeric features Wasserstein-1 and Kolmogorov-Smirnov (from histograms).

Options:
  --format <json|text>       JSON (default, as every command) or a readable table.
  --threshold <metric=value> Fail (exit 3) when a feature's distance exceeds it; repeatable.
                             Metrics: ${METRICS.join(', ')}.
  --top <N>                  Show only the N most changed features (text format).
  --html <file>              Also write the comparison page as one self-contained, offline HTML file: <a> is
                             the baseline; both datasets side by side, sorted by distance, with Facetwise's
                             fine distances and the terms that sum to each distance.
  --schema <file>            With --html: draw this schema's skew/drift comparator thresholds. With spans:
                             its drift_comparator thresholds are checked (exit 3 when a span is over).

Spans (a drift timeline): three or more inputs in order, or --spans <folder> with span folders span-1/,
span-2/… (TFX's Span-1/ too; each a folder of shards or one FeatureStats.pb). Per feature, each span's distance
to the previous span and to the reference: TFDV's (L-infinity categorical, JSD numeric: what drift_comparator
checks) and Facetwise's fine JSD (numeric, from fine quantiles). Features most drifted first.
  --spans <folder>           The folder of span folders.
  --reference <N|name>       The reference span: its position (1 = first, the default) or its name.
  --html <file>              Also write the panel's view as one offline HTML file: the timeline, and the last
                             span compared with the one before it.
${datasetOptionsUsage}

Exit codes: 0 ok, 1 an input could not be read, 2 usage error, 3 a distance exceeded its --threshold.`;

function fmt(x: number | undefined): string {
  return x === undefined ? '' : formatNumber(x, 4);
}

export function formatComparisonText(results: readonly FeatureComparison[], width = 120): string {
  const header = ['Feature', 'Kind', 'JSD', 'L-inf', 'PSI', 'Wasserstein', 'KS', 'Max difference at', 'Alerts'];
  const rows = results.map((r) => [
    r.pathKey,
    r.presentIn === 'both' ? r.kind : `only in ${r.presentIn}`,
    fmt(r.distances.jensenShannon),
    fmt(r.distances.lInfinity),
    fmt(r.distances.psi),
    fmt(r.distances.wasserstein),
    fmt(r.distances.ks),
    r.maxDifferenceValue ?? '',
    r.alerts.map((a) => `${a.metric} ${fmt(a.value)} > ${a.threshold}`).join('; '),
  ]);
  return formatTextTable(header, rows, { width }) + '\n';
}

function parseThresholds(specs: readonly string[]): CompareConfig {
  const defaults: { [M in DistanceMetric]?: number } = {};
  for (const spec of specs) {
    const m = /^([A-Za-z]+)=([0-9.eE+-]+)$/.exec(spec);
    const metric = m?.[1] as DistanceMetric | undefined;
    const value = m ? Number(m[2]) : NaN;
    if (!metric || !METRICS.includes(metric) || !Number.isFinite(value)) {
      throw new UsageError(`--threshold takes metric=value with a metric among ${METRICS.join(', ')}; got '${spec}'`);
    }
    defaults[metric] = value;
  }
  return { defaults };
}

export interface CompareDeps {
  readonly loadStatistics: StatisticsLoader;
  /** The HTML report's script and style sheet (tests give their own; by default the built ones). */
  readonly reportAssets?: CompareHtmlOptions['assets'];
}

/** writeCompareHtml's options from the command's: the schema, the report's assets, the timeline over spans. */
function htmlOptions(deps: CompareDeps, schemaPath: string | undefined, timeline?: SpanTimeline): CompareHtmlOptions {
  return { ...(schemaPath !== undefined ? { schemaPath } : {}), ...(deps.reportAssets ? { assets: deps.reportAssets } : {}), ...(timeline ? { timeline } : {}) };
}

export function createCompareCommand(deps: CompareDeps): CliCommand {
  return {
    name: 'compare',
    summary: 'Distances between two datasets, feature by feature',
    usage,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const parsed = parseCommandArgs(args, {
          format: { type: 'string' },
          threshold: { type: 'string', multiple: true },
          top: { type: 'string' },
          html: { type: 'string' },
          schema: { type: 'string' },
          spans: { type: 'string' },
          reference: { type: 'string' },
          ...datasetOptionSpecs,
        });
      const { values, positionals } = parsed;
      const format = outputFormat(values);
      if (values.spans !== undefined || positionals.length > 2) return runTimeline(deps, values, positionals, format, io);
      if (values.reference !== undefined) throw new UsageError('--reference chooses a span: give three or more inputs, or --spans <folder>');
      if (positionals.length !== 2) throw new UsageError('compare takes two inputs (or three or more spans, or --spans <folder>)');
      const config = parseThresholds(values.threshold ?? []);
      const top = intOption('top', values.top, 0);
      const options: LoadStatisticsOptions = { read: readOptionsFrom(values), workers: intOption('workers', values.workers, 0, 64) };
      const a = await deps.loadStatistics(positionals[0] as string, options, io);
      const b = await deps.loadStatistics(positionals[1] as string, options, io);
      const results = compareStatistics(a, b, config);
      if (values.html !== undefined) await writeCompareHtml(values.html, [basename(positionals[0] as string), basename(positionals[1] as string)], [a, b], htmlOptions(deps, values.schema));
      if (format === 'json') io.stdout.write(JSON.stringify(results, null, 2) + '\n');
      else io.stdout.write(formatComparisonText(top !== undefined ? results.slice(0, top) : results, terminalWidth(io.stdout)));
      return results.some((r) => r.alerts.length > 0) ? ExitCode.anomalies : ExitCode.ok;
    },
  };
}

interface TimelineValues {
  readonly spans?: string;
  readonly reference?: string;
  readonly schema?: string;
  readonly threshold?: readonly string[];
  readonly html?: string;
  readonly top?: string;
  readonly workers?: string;
}

/** --reference: a 1-based position or a span's name, as a 0-based index. */
function referenceIndex(text: string | undefined, names: readonly string[]): number {
  if (text === undefined) return 0;
  const byName = names.indexOf(text);
  if (byName >= 0) return byName;
  const n = Number(text);
  if (/^\d+$/.test(text) && n >= 1 && n <= names.length) return n - 1;
  throw new UsageError(`--reference takes a span's position (1 to ${names.length}) or name (${names.join(', ')}); got '${text}'`);
}

async function runTimeline(
  deps: CompareDeps,
  values: TimelineValues & Parameters<typeof readOptionsFrom>[0],
  positionals: readonly string[],
  format: 'json' | 'text',
  io: CliIo,
): Promise<number> {
  if (values.spans !== undefined && positionals.length > 0) throw new UsageError('give either --spans <folder> or the spans as inputs, not both');
  if (values.threshold !== undefined) throw new UsageError("--threshold compares two inputs; a timeline checks the schema's drift_comparator thresholds (--schema)");
  const inputs = values.spans !== undefined ? (await listSpanFolders(values.spans)).map((s) => ({ name: s.name, path: s.path })) : positionals.map((p) => ({ name: basename(p), path: p }));
  if (inputs.length < 2) throw new UsageError(`a timeline needs at least two spans; ${values.spans ?? 'the inputs'} hold${inputs.length === 1 ? 's' : ''} ${inputs.length}`);
  const reference = referenceIndex(values.reference, inputs.map((s) => s.name));
  const top = intOption('top', values.top, 0);
  const options: LoadStatisticsOptions = { read: readOptionsFrom(values), workers: intOption('workers', values.workers, 0, 64) };
  // Each span once, in order (a statistics file is read, a dataset's statistics computed).
  const statistics: DatasetFeatureStatistics[] = [];
  for (const input of inputs) statistics.push(await deps.loadStatistics(input.path, options, io));
  const schema = values.schema !== undefined ? await readSchema(values.schema) : undefined;
  const timeline = buildSpanTimeline(
    inputs.map((s, i) => ({ name: s.name, statistics: statistics[i] as DatasetFeatureStatistics })),
    { reference, ...(schema ? { schema } : {}) },
  );
  if (values.html !== undefined) {
    // The panel's view of spans: the timeline, with the last span compared to the one before it.
    const last = inputs.length - 1;
    const names: [string, string] = [inputs[last - 1]?.name ?? '', inputs[last]?.name ?? ''];
    await writeCompareHtml(values.html, names, [statistics[last - 1] as DatasetFeatureStatistics, statistics[last] as DatasetFeatureStatistics], htmlOptions(deps, values.schema, timeline));
  }
  if (format === 'json') io.stdout.write(JSON.stringify(timeline, null, 2) + '\n');
  else io.stdout.write(formatTimelineText(top !== undefined ? { ...timeline, features: timeline.features.slice(0, top) } : timeline, terminalWidth(io.stdout)));
  return timeline.features.some((f) => f.overThreshold.length > 0) ? ExitCode.anomalies : ExitCode.ok;
}

export const compareCommand: CliCommand = createCompareCommand({ loadStatistics });
