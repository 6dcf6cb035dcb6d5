/**
 * The statistics engine's entry point: consumes RowBatches in one streaming pass and produces TFDV's
 * `DatasetFeatureStatistics`. Accumulators are mergeable (split the rows among workers, merge in any order) and
 * serializable to a structured-clone-able state (typed arrays and plain objects) for worker transfer.
 *
 * Usage:
 *   const acc = new DatasetAccumulator(options);
 *   for await (const batch of readDataset(info)) acc.add(batch);
 *   // workers: postMessage(acc.toState()) … DatasetAccumulator.fromState(state, options); main.merge(other)
 *   const rescan = acc.featuresNeedingRescan();   // CSV columns that turned STRING after their string side stopped
 *   if (rescan.length) { const again = new DatasetAccumulator({ ...options, onlyColumns: rescan,
 *     forceStringColumns: rescan }); …add every batch again…; acc.replaceFeatures(again, rescan); }
 *   const stats = acc.finish('train');
 */
import { create } from '@bufbuild/protobuf';
import { encodeBinary } from '../proto/binaryFormat.js';
import { ChunkedBinary } from '../proto/chunkedBinary.js';
import type { EncodedMessage } from '../proto/chunkedBinary.js';
import type { SpillFile } from '../proto/spillFile.js';
import { DatasetFeatureStatisticsSchema } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { DatasetFeatureStatistics } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { RowBatch } from '../data/rowBatch.js';
import type { DataIssue } from '../data/issues.js';
import { FeatureAccumulator, compareOrder } from './featureAccumulator.js';
import type { FeatureAccumulatorState } from './featureAccumulator.js';
import { buildFeatureStatistics } from './featureStatistics.js';
import { fineQuantilesFor } from './fineQuantiles.js';
import { sampleBatch } from './rowSampling.js';
import { resolveStatsOptions } from './statsOptions.js';
import type { ResolvedStatsOptions, StatsOptions } from './statsOptions.js';

export interface DatasetAccumulatorState {
  readonly version: 1;
  readonly numExamples: number;
  readonly features: readonly FeatureAccumulatorState[];
}

/** Memory held by one feature's sketches (for tests and diagnostics). */
export interface FeatureFootprint {
  readonly name: string;
  /** float64 values held for quantiles (exact values, staging buffer, KLL items). */
  readonly quantileValues: number;
  /** Distinct strings held (exact table or Misra–Gries counters). */
  readonly stringEntries: number;
  /** Bytes of the strings held. */
  readonly stringBytes: number;
  /** Whether quantiles / strings are still exact. */
  readonly exactQuantiles: boolean;
  readonly exactStrings: boolean;
}

/**
 * A DatasetFeatureStatistics in binary wire format, in pieces (finishBinary): its bytes — those spilled, when
 * finishBinary was given a spill file, then `chunks` — are toBinary of finish(name).
 */
export interface EncodedStatistics extends EncodedMessage {
  readonly name: string;
  readonly numExamples: number;
  readonly featureCount: number;
  readonly byteLength: number;
}

/** DatasetFeatureStatistics.features. */
const FEATURES_FIELD = 3;

export class DatasetAccumulator {
  private readonly options: ResolvedStatsOptions;
  private readonly features = new Map<string, FeatureAccumulator>();
  private examples = 0;

  constructor(options: StatsOptions = {}) {
    this.options = resolveStatsOptions(options);
  }

  /** Rows accumulated (after sampling). */
  get numExamples(): number {
    return this.examples;
  }

  add(batch: RowBatch): void {
    const options = this.options;
    const rows = options.sampleRate < 1 ? sampleBatch(batch, options.sampleRate, options.seed) : batch;
    this.examples += rows.rowCount;
    // First-seen order keys use the unsampled batch, so sampling never reorders features.
    const firstPosition = batch.rowCount > 0 ? batch.positions[0] : Infinity;
    const only = options.onlyColumns;
    const columns = rows.columns;
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c];
      if (only !== undefined && !only.has(column.name)) continue;
      let feature = this.features.get(column.name);
      if (feature === undefined) {
        feature = new FeatureAccumulator(column.name, [batch.shardIndex, firstPosition, c], options, columns.length);
        this.features.set(column.name, feature);
      }
      switch (column.kind) {
        case 'text':
          feature.addText(column, rows);
          break;
        case 'int':
        case 'float':
          feature.addNumbers(column, rows);
          break;
        case 'bytes':
          feature.addBytes(column, rows);
          break;
        case 'empty':
          feature.addEmpty(column, rows);
          break;
        default: {
          const unreachable: never = column;
          throw new Error(`unknown column kind ${String(unreachable)}`);
        }
      }
    }
  }

  /**
   * A reader's estimate of the rows this accumulator will see in all (e.g. from bytes per row so far): each
   * numeric feature makes room for its projected values at once rather than doubling its way there. Call it early
   * (after the first batch); it is only a hint — a low estimate means more growth later, never a wrong figure.
   */
  expectRows(expectedRows: number): void {
    const seen = this.examples;
    if (!(expectedRows > seen) || seen === 0) return;
    for (const f of this.features.values()) f.reserveFor(seen, expectedRows);
  }

  /** Folds in an accumulator of other rows (same options); `other` must not be used afterwards. */
  merge(other: DatasetAccumulator): void {
    this.examples += other.examples;
    for (const [name, theirs] of other.features) {
      const mine = this.features.get(name);
      if (mine === undefined) this.features.set(name, theirs);
      else mine.merge(theirs);
    }
  }

  toState(): DatasetAccumulatorState {
    return { version: 1, numExamples: this.examples, features: [...this.features.values()].map((f) => f.toState()) };
  }

  /**
   * The state, handing over every feature's arrays instead of copying them (what a worker posts, with those
   * arrays in the transfer list): the values are held once, not twice. The accumulator is empty afterwards.
   */
  takeState(): DatasetAccumulatorState {
    const features: FeatureAccumulatorState[] = [];
    for (const f of this.features.values()) features.push(f.takeState());
    this.features.clear();
    return { version: 1, numExamples: this.examples, features };
  }

  static fromState(state: DatasetAccumulatorState, options: StatsOptions = {}): DatasetAccumulator {
    if (state.version !== 1) throw new Error(`unsupported DatasetAccumulatorState version ${String(state.version)}`);
    const acc = new DatasetAccumulator(options);
    acc.examples = state.numExamples;
    for (const f of state.features) acc.features.set(f.name, FeatureAccumulator.fromState(f, acc.options));
    return acc;
  }

  /**
   * CSV features that turned STRING after their string side had stopped (their distinct values and top-k miss
   * earlier values), in output order. Re-read just these with `forceStringColumns` and `replaceFeatures`.
   */
  featuresNeedingRescan(): string[] {
    return this.ordered()
      .filter((f) => f.needsRescan)
      .map((f) => f.name);
  }

  /** Replaces these features with `from`'s (e.g. a forceString rescan of the same rows), keeping their order. */
  replaceFeatures(from: DatasetAccumulator, names: readonly string[]): void {
    for (const name of names) {
      const replacement = from.features.get(name);
      if (replacement === undefined) continue;
      const mine = this.features.get(name);
      if (mine !== undefined) replacement.order = mine.order;
      this.features.set(name, replacement);
    }
  }

  /** Type conflicts met (a feature's values of another kind than before), one per feature. */
  issues(): DataIssue[] {
    const out: DataIssue[] = [];
    for (const f of this.ordered()) {
      const c = f.conflict;
      if (c === null) continue;
      out.push({
        code: 'STATS_TYPE_CONFLICT',
        severity: 'warning',
        message: c.widened
          ? `Feature "${f.name}" has ${c.found} values where earlier examples had ${c.expected}; its statistics treat it as FLOAT.`
          : `Feature "${f.name}" has ${c.found} values where earlier examples had ${c.expected}; those values were left out of its statistics.`,
        position: c.positionKind === 'line' ? { file: c.source, line: c.position } : { file: c.source, record: c.position },
      });
    }
    return out;
  }

  footprint(): FeatureFootprint[] {
    return this.ordered().map((f) => ({
      name: f.name,
      quantileValues: f.quantiles?.retained ?? 0,
      stringEntries: f.strings?.retainedValues ?? 0,
      stringBytes: f.strings?.retainedBytes ?? 0,
      exactQuantiles: f.quantiles?.isExact ?? true,
      exactStrings: f.strings?.isExact ?? true,
    }));
  }

  /** The statistics, features in first-seen order. Does not change the accumulator. */
  finish(name: string): DatasetFeatureStatistics {
    const stats = create(DatasetFeatureStatisticsSchema, { name, numExamples: BigInt(this.examples) });
    const fine = fineQuantilesFor(this.features.size);
    for (const f of this.ordered()) stats.features.push(buildFeatureStatistics(f, this.examples, this.options, fine));
    return stats;
  }

  /**
   * The statistics of finish(name), encoded feature by feature: no object of the whole message is built, so memory
   * is the encoded size, not the (several times larger) protobuf-es object. With `release`, each feature's
   * accumulator is let go once encoded (the accumulator is empty afterwards): its sketches are freed while the
   * output grows, instead of both being held at the end. With `spill`, the encoded bytes go to that file as they
   * are produced, but for the last chunk (see EncodedStatistics.spill).
   */
  finishBinary(name: string, options: { readonly release?: boolean; readonly spill?: SpillFile } = {}): EncodedStatistics {
    const fine = fineQuantilesFor(this.features.size);
    const featureCount = this.features.size;
    const out = new ChunkedBinary(options.spill);
    // Fields 1 (name) and 2 (num_examples) come before the features (3); nothing after them is ever set.
    out.append(encodeBinary(create(DatasetFeatureStatisticsSchema, { name, numExamples: BigInt(this.examples) })));
    const ordered: Array<FeatureAccumulator | undefined> = this.ordered();
    if (options.release) this.features.clear();
    for (let i = 0; i < ordered.length; i++) {
      const f = ordered[i] as FeatureAccumulator;
      if (options.release) ordered[i] = undefined;
      out.appendField(FEATURES_FIELD, encodeBinary(buildFeatureStatistics(f, this.examples, this.options, fine)));
    }
    return { name, numExamples: this.examples, featureCount, chunks: out.chunks(), spill: options.spill, byteLength: out.byteLength };
  }

  private ordered(): FeatureAccumulator[] {
    return [...this.features.values()].sort((a, b) => compareOrder(a.order, b.order));
  }
}
