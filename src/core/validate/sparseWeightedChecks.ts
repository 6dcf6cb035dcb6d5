/**
 * Sparse and weighted features (schema.cc Schema::UpdateFeature, UpdateSparseFeature, UpdateWeightedFeature).
 * TFDV's statistics carry an entry named after each sparse / weighted feature whose custom statistics count what
 * went wrong per example (missing value / index / weight feature, length differences); validation reads them,
 * reports TFDV's reasons and deprecates the feature. A name shared with an ordinary feature is a collision.
 */
import { isFieldSet } from '@bufbuild/protobuf';
import { AnomalyInfo_Type } from '../proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Feature, Schema, SparseFeature, WeightedFeature } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { LifecycleStage, SparseFeatureSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { FeaturePath } from '../schema/featurePath.js';
import { deprecateFeature, getFeature, isFeatureDeprecated, isLifecycleStageDeprecated } from '../schema/schemaModel.js';
import type { FeatureStatsView } from '../schema/statsView.js';
import type { Description } from './description.js';
import { describe } from './description.js';
import { sixDigits } from './tfdvFormat.js';

/** What the schema holds at one path: TFDV looks for all three. */
export interface PathEntries {
  readonly feature: Feature | undefined;
  readonly sparse: SparseFeature | undefined;
  readonly weighted: WeightedFeature | undefined;
}

/** Sparse features live at the top level or in a struct domain; weighted features only at the top level. */
export function entriesAt(schema: Schema, path: FeaturePath): PathEntries {
  const last = path[path.length - 1];
  let sparseList: readonly SparseFeature[] = [];
  if (path.length === 1) sparseList = schema.sparseFeature;
  else {
    const parent = getFeature(schema, path.slice(0, -1));
    if (parent?.domainInfo.case === 'structDomain') sparseList = parent.domainInfo.value.sparseFeature;
  }
  return {
    feature: getFeature(schema, path),
    sparse: sparseList.find((s) => s.name === last),
    weighted: path.length === 1 ? schema.weightedFeature.find((w) => w.name === last) : undefined,
  };
}

export function isSparseFeatureDeprecated(s: SparseFeature): boolean {
  if (s.deprecated) return true;
  return isFieldSet(s, SparseFeatureSchema.field.lifecycleStage) && isLifecycleStageDeprecated(s.lifecycleStage);
}

export function isWeightedFeatureDeprecated(w: WeightedFeature): boolean {
  return isLifecycleStageDeprecated(w.lifecycleStage);
}

/** TFDV's Schema::FeatureIsDeprecated: the ordinary feature decides; without one, the sparse feature. */
export function isPathDeprecated(entries: PathEntries): boolean {
  if (entries.feature) return isFeatureDeprecated(entries.feature);
  return entries.sparse !== undefined && isSparseFeatureDeprecated(entries.sparse);
}

function customNum(view: FeatureStatsView, name: string): number | undefined {
  for (const c of view.data.customStats) if (c.name === name && c.val.case === 'num') return c.val.value;
  return undefined;
}

function updateSparseFeature(view: FeatureStatsView, sparse: SparseFeature): Description[] {
  const out: Description[] = [];
  for (const c of view.data.customStats) {
    // Names kept in sync with TFDV's sparse_feature_stats_generator.
    if (c.name === 'missing_value' && c.val.case === 'num' && c.val.value !== 0) {
      out.push(describe(AnomalyInfo_Type.SPARSE_FEATURE_MISSING_VALUE, 'Missing value feature', `Found ${sixDigits(c.val.value)} examples missing value feature`));
    } else if (c.name === 'missing_index') {
      for (const b of c.val.case === 'rankHistogram' ? c.val.value.buckets : []) {
        const freq = Math.trunc(b.sampleCount);
        if (freq !== 0) {
          out.push(describe(AnomalyInfo_Type.SPARSE_FEATURE_MISSING_INDEX, 'Missing index feature', `Found ${freq} examples missing index feature: ${b.label}`));
        }
      }
    } else if (c.name === 'max_length_diff' || c.name === 'min_length_diff') {
      for (const b of c.val.case === 'rankHistogram' ? c.val.value.buckets : []) {
        if (b.sampleCount === 0) continue;
        out.push(
          describe(
            AnomalyInfo_Type.SPARSE_FEATURE_LENGTH_MISMATCH,
            'Length mismatch between value and index feature',
            `Mismatch between index feature: ${b.label} and value column, with ${c.name} = ${Math.trunc(b.sampleCount)}`,
          ),
        );
      }
    }
    // Unknown custom statistics raise nothing, for forward compatibility (as in TFDV).
  }
  if (out.length > 0) sparse.lifecycleStage = LifecycleStage.DEPRECATED;
  return out;
}

function updateWeightedFeature(view: FeatureStatsView, weighted: WeightedFeature): Description[] {
  const out: Description[] = [];
  const missingValue = customNum(view, 'missing_value') ?? 0;
  const missingWeight = customNum(view, 'missing_weight') ?? 0;
  // TFDV holds the length differences in a C++ int.
  const minDiff = Math.trunc(customNum(view, 'min_weight_length_diff') ?? 0);
  const maxDiff = Math.trunc(customNum(view, 'max_weight_length_diff') ?? 0);
  if (missingValue !== 0) {
    out.push(describe(AnomalyInfo_Type.WEIGHTED_FEATURE_MISSING_VALUE, 'Missing value feature', `Found ${sixDigits(missingValue)} examples missing value feature.`));
  }
  if (missingWeight !== 0) {
    out.push(describe(AnomalyInfo_Type.WEIGHTED_FEATURE_MISSING_WEIGHT, 'Missing weight feature', `Found ${sixDigits(missingWeight)} examples missing weight feature.`));
  }
  if (minDiff !== 0 || maxDiff !== 0) {
    out.push(
      describe(
        AnomalyInfo_Type.WEIGHTED_FEATURE_LENGTH_MISMATCH,
        'Length mismatch between value and weight feature',
        `Mismatch between weight and value feature with min_weight_length_diff = ${minDiff} and max_weight_length_diff = ${maxDiff}.`,
      ),
    );
  }
  if (out.length > 0) weighted.lifecycleStage = LifecycleStage.DEPRECATED;
  return out;
}

/**
 * The weighted / sparse part of TFDV's Schema::UpdateFeature, relaxing (deprecating) the entries in place.
 * Undefined when the path is an ordinary feature's, to be checked as one.
 */
export function updateSparseOrWeighted(view: FeatureStatsView, entries: PathEntries): Description[] | undefined {
  const { feature, sparse, weighted } = entries;
  if (weighted) {
    if ((feature || sparse) && !isWeightedFeatureDeprecated(weighted)) {
      weighted.lifecycleStage = LifecycleStage.DEPRECATED;
      if (feature) deprecateFeature(feature);
      if (sparse) sparse.lifecycleStage = LifecycleStage.DEPRECATED;
      return [describe(AnomalyInfo_Type.WEIGHTED_FEATURE_NAME_COLLISION, 'Weighted feature name collision', 'Weighted feature name collision.')];
    }
    return updateWeightedFeature(view, weighted);
  }
  if (sparse && !isSparseFeatureDeprecated(sparse)) {
    if (feature && !isFeatureDeprecated(feature)) {
      sparse.lifecycleStage = LifecycleStage.DEPRECATED;
      deprecateFeature(feature);
      return [describe(AnomalyInfo_Type.SPARSE_FEATURE_NAME_COLLISION, 'Sparse feature name collision', 'Sparse feature name collision.')];
    }
    return updateSparseFeature(view, sparse);
  }
  return undefined;
}
