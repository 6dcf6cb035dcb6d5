/**
 * `facetwise compare <a> <b>`: per-feature distances between two datasets (or statistics files), most changed
 * first. With --threshold the command fails (exit 3) when a distance exceeds its threshold.
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

const METRICS: readonly DistanceMetric[] = ['lInfinity', 'normalizedAbsDifference', 'jensenShannon', 'psi', 'wasserstein', 'ks'];

const usage = `Usage: facetwise compare <a> <b> [options]

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
  --schema <file>            With --html: draw this schema's skew/drift comparator thresholds.
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

export function createCompareCommand(deps: { readonly loadStatistics: StatisticsLoader }): CliCommand {
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
          ...datasetOptionSpecs,
        });
      const { values, positionals } = parsed;
      if (positionals.length !== 2) throw new UsageError('compare takes two inputs');
      const format = outputFormat(values);
      const config = parseThresholds(values.threshold ?? []);
      const top = intOption('top', values.top, 0);
      const options: LoadStatisticsOptions = { read: readOptionsFrom(values), workers: intOption('workers', values.workers, 0, 64) };
      const a = await deps.loadStatistics(positionals[0] as string, options, io);
      const b = await deps.loadStatistics(positionals[1] as string, options, io);
      const results = compareStatistics(a, b, config);
      if (values.html !== undefined) await writeCompareHtml(values.html, [positionals[0] as string, positionals[1] as string], [a, b], values.schema);
      if (format === 'json') io.stdout.write(JSON.stringify(results, null, 2) + '\n');
      else io.stdout.write(formatComparisonText(top !== undefined ? results.slice(0, top) : results, terminalWidth(io.stdout)));
      return results.some((r) => r.alerts.length > 0) ? ExitCode.anomalies : ExitCode.ok;
    },
  };
}

export const compareCommand: CliCommand = createCompareCommand({ loadStatistics });
