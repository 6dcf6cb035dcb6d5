/**
 * Skew (training vs serving) and drift (current vs previous span) comparators: each threshold in the feature's
 * skew_comparator / drift_comparator gives a measurement, recorded whether or not it crosses the threshold, and
 * an anomaly when it does (TFDV's UpdateFeatureComparatorDirect).
 */
import { create } from '@bufbuild/protobuf';
import type { DriftSkewInfo_Measurement } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import {
  AnomalyInfo_Type,
  DriftSkewInfo_Measurement_Type,
  DriftSkewInfo_MeasurementSchema,
} from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Feature } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { HistogramSelection_Type } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DistanceResult, MaxDifference } from '../compare/distances.js';
import {
  jensenShannonDivergenceCounts,
  jensenShannonDivergenceHistograms,
  lInfinityDistance,
  normalizedAbsoluteDifference,
} from '../compare/distances.js';
import type { ComparatorKind } from '../schema/schemaModel.js';
import { comparatorOf, comparatorThresholds, setComparatorThreshold } from '../schema/schemaModel.js';
import type { FeatureStatsView } from '../schema/statsView.js';
import type { Description } from './description.js';
import { describe } from './description.js';
import { sixDigits } from './tfdvFormat.js';

interface ComparatorContext {
  readonly control: string;
  readonly treatment: string;
}

export function comparatorContext(kind: ComparatorKind): ComparatorContext {
  return kind === 'skew' ? { control: 'serving', treatment: 'training' } : { control: 'previous', treatment: 'current' };
}

export interface ComparisonResult {
  readonly descriptions: Description[];
  readonly measurements: DriftSkewInfo_Measurement[];
}

function measurement(type: DriftSkewInfo_Measurement_Type, value: number, threshold: number): DriftSkewInfo_Measurement {
  return create(DriftSkewInfo_MeasurementSchema, { type, value, threshold });
}

/**
 * TFDV's JensenShannonDivergence(FeatureStatsView…): value counts when both sides have them, else the histograms
 * the comparator's `source` selects.
 */
export function jensenShannonForFeatures(a: FeatureStatsView, b: FeatureStatsView, source: HistogramSelection_Type): DistanceResult {
  const ma = a.stringValuesWithCounts();
  const mb = b.stringValuesWithCounts();
  if (ma.size > 0 && mb.size > 0) return jensenShannonDivergenceCounts(ma, mb);
  const ha = a.histogram(source);
  const hb = b.histogram(source);
  if (ha && hb) return jensenShannonDivergenceHistograms(ha, hb);
  if (ma.size === 0 !== (mb.size === 0) && !ha !== !hb) {
    return { ok: false, reason: 'Input statistics must be either both numeric or both string in order to calculate the Jensen-Shannon divergence.' };
  }
  return { ok: false, reason: 'One or more feature missing data.' };
}

/**
 * Runs the comparator of `kind` on `feature` (mutating its thresholds to what the data needs when one is
 * exceeded, like TFDV). `control` is the feature's statistics in the serving / previous dataset; `hasControl`
 * says whether such a dataset was given at all.
 */
export function runComparator(
  feature: Feature,
  kind: ComparatorKind,
  treatment: FeatureStatsView,
  control: FeatureStatsView | undefined,
  hasControl: boolean,
): ComparisonResult {
  const result: ComparisonResult = { descriptions: [], measurements: [] };
  const comparator = comparatorOf(feature, kind);
  const thresholds = comparatorThresholds(comparator);
  if (
    thresholds.infinityNorm === undefined &&
    thresholds.jensenShannonDivergence === undefined &&
    thresholds.normalizedAbsDifference === undefined
  ) {
    return result;
  }
  const ctx = comparatorContext(kind);
  if (!control) {
    if (!hasControl) return result;
    // The control dataset exists but lacks the feature.
    setComparatorThreshold(feature, kind, 'infinityNorm', undefined);
    setComparatorThreshold(feature, kind, 'jensenShannonDivergence', undefined);
    setComparatorThreshold(feature, kind, 'normalizedAbsDifference', undefined);
    result.descriptions.push(describe(AnomalyInfo_Type.COMPARATOR_CONTROL_DATA_MISSING, `${ctx.control} data missing`, `${ctx.control} data is missing.`));
    return result;
  }

  const maxDifferenceCheck = (
    threshold: number,
    distance: MaxDifference,
    type: DriftSkewInfo_Measurement_Type,
    anomalyType: AnomalyInfo_Type,
    label: string,
    metric: 'infinityNorm' | 'normalizedAbsDifference',
  ): void => {
    result.measurements.push(measurement(type, distance.distance, threshold));
    if (distance.distance <= threshold) return;
    setComparatorThreshold(feature, kind, metric, distance.distance);
    result.descriptions.push(
      describe(
        anomalyType,
        `High ${label} between ${ctx.treatment} and ${ctx.control}`,
        `The ${label} between ${ctx.treatment} and ${ctx.control} is ${sixDigits(distance.distance)} (up to six significant digits), ` +
          `above the threshold ${sixDigits(threshold)}. The feature value with maximum difference is: ${distance.value}`,
      ),
    );
  };

  if (thresholds.infinityNorm !== undefined) {
    maxDifferenceCheck(
      thresholds.infinityNorm,
      lInfinityDistance(treatment.stringValuesWithCounts(), control.stringValuesWithCounts()),
      DriftSkewInfo_Measurement_Type.L_INFTY,
      AnomalyInfo_Type.COMPARATOR_L_INFTY_HIGH,
      'Linfty distance',
      'infinityNorm',
    );
  }
  if (thresholds.jensenShannonDivergence !== undefined) {
    const threshold = thresholds.jensenShannonDivergence;
    const source = comparator?.jensenShannonDivergence?.source?.type ?? HistogramSelection_Type.DEFAULT;
    const jsd = jensenShannonForFeatures(treatment, control, source);
    if (jsd.ok) {
      result.measurements.push(measurement(DriftSkewInfo_Measurement_Type.JENSEN_SHANNON_DIVERGENCE, jsd.value, threshold));
      if (jsd.value > threshold) {
        result.descriptions.push(
          describe(
            AnomalyInfo_Type.COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH,
            `High approximate Jensen-Shannon divergence between ${ctx.treatment} and ${ctx.control}`,
            `The approximate Jensen-Shannon divergence between ${ctx.treatment} and ${ctx.control} is ${sixDigits(jsd.value)} ` +
              `(up to six significant digits), above the threshold ${sixDigits(threshold)}.`,
          ),
        );
        setComparatorThreshold(feature, kind, 'jensenShannonDivergence', jsd.value);
      }
    }
    // Like TFDV, a divergence that cannot be computed (e.g. no histogram) is skipped rather than reported.
  }
  if (thresholds.normalizedAbsDifference !== undefined) {
    // feature_util.cc UpdateNormalizedAbsoluteDifferenceComparator.
    maxDifferenceCheck(
      thresholds.normalizedAbsDifference,
      normalizedAbsoluteDifference(treatment.stringValuesWithCounts(), control.stringValuesWithCounts()),
      DriftSkewInfo_Measurement_Type.NORMALIZED_ABSOLUTE_DIFFERENCE,
      AnomalyInfo_Type.COMPARATOR_NORMALIZED_ABSOLUTE_DIFFERENCE_HIGH,
      'normalized absolute difference',
      'normalizedAbsDifference',
    );
  }
  return result;
}
