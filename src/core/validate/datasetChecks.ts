/**
 * Dataset-level constraints (TFDV's dataset_constraints_util.cc): the number of examples against
 * min/max_examples_count, and against the previous span / previous version through num_examples comparators.
 */
import { clearField, isFieldSet } from '@bufbuild/protobuf';
import { AnomalyInfo_Type } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { DatasetConstraints, NumericValueComparator } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DatasetConstraintsSchema, NumericValueComparatorSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetStatsView } from '../schema/statsView.js';
import type { Description } from './description.js';
import { describe } from './description.js';
import { sixDigits } from './tfdvFormat.js';

function numExamplesComparator(
  current: DatasetStatsView,
  control: DatasetStatsView | undefined,
  controlName: string,
  comparator: NumericValueComparator,
): Description[] {
  const hasMin = isFieldSet(comparator, NumericValueComparatorSchema.field.minFractionThreshold);
  const hasMax = isFieldSet(comparator, NumericValueComparatorSchema.field.maxFractionThreshold);
  if ((!hasMin && !hasMax) || !control) return [];
  // TFDV compares integer example counts.
  const numExamples = Math.trunc(current.numExamples());
  const controlExamples = Math.trunc(control.numExamples());
  const ratio = controlExamples !== 0 ? numExamples / controlExamples : NaN;
  const out: Description[] = [];
  if (hasMax) {
    const threshold = comparator.maxFractionThreshold;
    if (controlExamples === 0) {
      clearField(comparator, NumericValueComparatorSchema.field.maxFractionThreshold);
      out.push(
        describe(
          AnomalyInfo_Type.COMPARATOR_HIGH_NUM_EXAMPLES,
          `High num examples in current dataset versus the ${controlName}, which has 0.`,
          `The ${controlName} has 0 examples, so there is a high number of examples in the current dataset versus the ${controlName}.`,
        ),
      );
    } else if (ratio > threshold) {
      comparator.maxFractionThreshold = ratio;
      out.push(
        describe(
          AnomalyInfo_Type.COMPARATOR_HIGH_NUM_EXAMPLES,
          `High num examples in current dataset versus the ${controlName}.`,
          `The ratio of num examples in the current dataset versus the ${controlName} is ${sixDigits(ratio)} (up to six significant digits), which is above the threshold ${sixDigits(threshold)}.`,
        ),
      );
    }
  }
  if (hasMin) {
    const threshold = comparator.minFractionThreshold;
    if (controlExamples !== 0 && ratio < threshold) {
      comparator.minFractionThreshold = ratio;
      out.push(
        describe(
          AnomalyInfo_Type.COMPARATOR_LOW_NUM_EXAMPLES,
          `Low num examples in current dataset versus the ${controlName}.`,
          `The ratio of num examples in the current dataset versus the ${controlName} is ${sixDigits(ratio)} (up to six significant digits), which is below the threshold ${sixDigits(threshold)}.`,
        ),
      );
    }
  }
  return out;
}

/**
 * All dataset-level reasons. As in TFDV, the example-count bounds are looked at only when min_examples_count is
 * set (schema.cc UpdateDatasetConstraints calls UpdateExamplesCount under has_min_examples_count): a
 * max_examples_count on its own is not checked.
 */
export function updateDatasetConstraints(
  constraints: DatasetConstraints,
  current: DatasetStatsView,
  previousSpan: DatasetStatsView | undefined,
  previousVersion: DatasetStatsView | undefined,
): Description[] {
  const out: Description[] = [];
  if (constraints.numExamplesDriftComparator) {
    out.push(...numExamplesComparator(current, previousSpan, 'previous span', constraints.numExamplesDriftComparator));
  }
  if (constraints.numExamplesVersionComparator) {
    out.push(...numExamplesComparator(current, previousVersion, 'previous version', constraints.numExamplesVersionComparator));
  }
  const n = current.numExamples();
  if (!isFieldSet(constraints, DatasetConstraintsSchema.field.minExamplesCount)) return out;
  if (isFieldSet(constraints, DatasetConstraintsSchema.field.minExamplesCount) && n < Number(constraints.minExamplesCount)) {
    constraints.minExamplesCount = BigInt(Math.trunc(n));
    out.push(describe(AnomalyInfo_Type.DATASET_LOW_NUM_EXAMPLES, 'Low num examples in dataset.', `The dataset has ${sixDigits(n)} examples, which is fewer than expected.`));
  }
  if (isFieldSet(constraints, DatasetConstraintsSchema.field.maxExamplesCount) && n > Number(constraints.maxExamplesCount)) {
    constraints.maxExamplesCount = BigInt(Math.trunc(n));
    out.push(describe(AnomalyInfo_Type.DATASET_HIGH_NUM_EXAMPLES, 'High num examples in dataset.', `The dataset has ${sixDigits(n)} examples, which is more than expected.`));
  }
  return out;
}
