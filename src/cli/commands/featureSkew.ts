/**
 * `facetwise feature-skew <train> <serving> --id col[,col]`: TFDV's DetectFeatureSkew — the rows of two datasets
 * joined on identifier features, and per feature how often the joined rows agree. Prints JSON shaped like TFDV's
 * feature_skew_results.proto (FeatureSkew per feature, SkewPair samples, MatchStats), or a table with
 * --format text.
 */
import type { FeatureSkewReport, SkewPair } from '../../core/compare/featureSkew.js';
import { detectFeatureSkew } from '../../core/compare/featureSkew.js';
import type { RowRef } from '../../core/validate/exampleValidation.js';
import { outputFormat, parseCommandArgs } from '../commandArgs.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { datasetOptionSpecs, datasetOptionsUsage, intOption, readOptionsFrom } from '../datasetArgs.js';
import { rowsOf } from '../engine.js';
import type { LoadStatisticsOptions } from '../loadStatistics.js';
import type { RowReader } from './validate.js';

const usage = `Usage: facetwise feature-skew <base> <test> --id <col[,col]> [options]

Joins two datasets (e.g. training data and logged serving requests) on identifier features and counts, per feature,
how often the joined rows' values match, as TFDV's DetectFeatureSkew does. Pass the smaller dataset as <base>:
its rows are held in memory for the join.

Options:
  --id <a,b>               Identifier features: together they name one example in both datasets. Required.
  --ignore <a,b>           Features not compared.
  --samples <N>            Skewed row pairs to list (default 10).
  --float-round <digits>   Round non-integer numbers to this many decimals before comparing (float_round_ndigits).
  --format <json|text>     stdout: JSON shaped like feature_skew_results.proto (default) or a table.
${datasetOptionsUsage}

JSON: featureSkew (featureName, baseCount, testCount, matchCount, baseOnly, testOnly, mismatchCount, diffCount;
64-bit counts as strings, as proto3 JSON writes them), skewPairs (each row by file:line or record, with the
features that are only in one row or differ, and the differing values), matchStats.`;

const list = (text: string | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

function rowText(ref: RowRef): string {
  return ref.positionKind === 'line' ? `${ref.source}:${ref.position}` : `${ref.source}: record ${ref.position}`;
}

function pairJson(p: SkewPair): Record<string, unknown> {
  return {
    identifier: [...p.identifier],
    base: rowText(p.base),
    test: rowText(p.test),
    baseOnlyFeatures: [...p.baseOnlyFeatures],
    testOnlyFeatures: [...p.testOnlyFeatures],
    mismatchedFeatures: [...p.mismatchedFeatures],
    mismatchedValues: p.mismatchedValues,
  };
}

/** The report as TFDV's protos would print in proto3 JSON (uint64 as strings). */
export function featureSkewJson(r: FeatureSkewReport): Record<string, unknown> {
  const u64 = (n: number): string => String(n);
  return {
    featureSkew: r.features.map((f) => ({
      featureName: f.feature,
      baseCount: u64(f.baseCount),
      testCount: u64(f.testCount),
      matchCount: u64(f.matchCount),
      baseOnly: u64(f.baseOnly),
      testOnly: u64(f.testOnly),
      mismatchCount: u64(f.mismatchCount),
      diffCount: u64(f.diffCount),
    })),
    skewPairs: r.samples.map(pairJson),
    matchStats: {
      baseWithIdCount: u64(r.baseRows - r.baseMissingIdentifier),
      testWithIdCount: u64(r.testRows - r.testMissingIdentifier),
      idsMissingInBaseCount: u64(r.testUnmatched),
      idsMissingInTestCount: u64(r.baseUnmatched),
      matchingPairsCount: u64(r.joinedRows),
      duplicateIdCount: u64(r.baseDuplicateIdentifiers + r.testDuplicateIdentifiers),
      baseMissingIdCount: u64(r.baseMissingIdentifier),
      testMissingIdCount: u64(r.testMissingIdentifier),
    },
  };
}

function featureSkewText(r: FeatureSkewReport): string {
  const header = ['Feature', 'Base', 'Test', 'Match', 'Mismatch', 'Base only', 'Test only', 'Diff'];
  const rows = r.features.map((f) => [f.feature, ...[f.baseCount, f.testCount, f.matchCount, f.mismatchCount, f.baseOnly, f.testOnly, f.diffCount].map(String)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  const out = [
    `${r.joinedRows} rows joined (${r.baseRows} base rows, ${r.testRows} test rows; ${r.baseUnmatched} base and ${r.testUnmatched} test rows without a partner).`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  if (r.samples.length > 0) {
    out.push('', 'Skewed pairs:');
    for (const p of r.samples) {
      out.push(`  ${p.identifier.join(', ')}: ${rowText(p.base)} vs ${rowText(p.test)}`);
      for (const [feature, v] of Object.entries(p.mismatchedValues)) out.push(`    ${feature}: ${JSON.stringify(v.base)} vs ${JSON.stringify(v.test)}`);
      if (p.baseOnlyFeatures.length > 0) out.push(`    only in base: ${p.baseOnlyFeatures.join(', ')}`);
      if (p.testOnlyFeatures.length > 0) out.push(`    only in test: ${p.testOnlyFeatures.join(', ')}`);
    }
  }
  return out.join('\n') + '\n';
}

export function createFeatureSkewCommand(deps: { readonly readRows: RowReader }): CliCommand {
  return {
    name: 'feature-skew',
    summary: 'Join training and serving rows on IDs and count, per feature, values that differ (TFDV DetectFeatureSkew)',
    usage,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const { values, positionals } = parseCommandArgs(args, {
        id: { type: 'string' },
        ignore: { type: 'string' },
        samples: { type: 'string' },
        'float-round': { type: 'string' },
        format: { type: 'string' },
        ...datasetOptionSpecs,
      });
      if (positionals.length !== 2) throw new UsageError('feature-skew needs two datasets: <base> <test>');
      const ids = list(values.id);
      if (ids.length === 0) throw new UsageError('--id is required: the feature(s) that identify an example in both datasets');
      const format = outputFormat(values);
      const sampleSize = intOption('samples', values.samples, 0, 100_000) ?? 10;
      const floatRoundDigits = intOption('float-round', values['float-round'], 0, 15);
      const options: LoadStatisticsOptions = { read: readOptionsFrom(values), workers: 0 };
      const [baseInput, testInput] = positionals as [string, string];
      const report = await detectFeatureSkew(await deps.readRows(baseInput, options, io), await deps.readRows(testInput, options, io), {
        identifierFeatures: ids,
        featuresToIgnore: list(values.ignore),
        sampleSize,
        ...(floatRoundDigits !== undefined ? { floatRoundDigits } : {}),
        signal: io.signal,
      });
      io.stdout.write(format === 'text' ? featureSkewText(report) : `${JSON.stringify(featureSkewJson(report), null, 2)}\n`);
      return ExitCode.ok;
    },
  };
}

export const featureSkewCommand: CliCommand = createFeatureSkewCommand({
  readRows: (input, options, io) => rowsOf([input], { ...options, signal: io.signal }),
});
