/**
 * How TFDV writes a schema feature for a feature it sees in statistics for the first time (its CreateColumn):
 * type, presence, shape or value count, and a domain when the values suggest one.
 */
import { FeatureNameStatistics_Type } from '../proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import type { Feature, Schema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { FeatureType, LifecycleStage } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { DerivedFeatureSourceSchema } from '../proto/gen/tensorflow_metadata/proto/v0/derived_feature_pb.js';
import { clone, create } from '@bufbuild/protobuf';
import { bestEffortUpdateCustomDomain } from './customDomain.js';
import { IntDomainSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { initValueCount } from './valueCounts.js';
import { compareUtf8 } from '../data/compareUtf8.js';
import {
  boolDomainFromStats,
  isBoolDomainCandidate,
  isIntDomainCandidate,
  isStringDomainCandidate,
} from './domainCandidates.js';
import { addDomainValues, addFeature, addStringDomain, mutablePresence, setFloatDomainRange, setIntDomainRange, setShape } from './schemaModel.js';
import type { FeatureStatsView } from './statsView.js';

export interface InferFeatureOptions {
  /** Write `shape { dim { size: n } }` for features present everywhere with n values each (TFDV default: true). */
  readonly inferFeatureShape?: boolean;
  /** Most distinct values a string feature may have to get a string domain (TFDV default: 100). */
  readonly maxStringDomainSize?: number;
  /**
   * Also write int_domain / float_domain min and max from the observed range. TFDV never infers ranges
   * (tensorflow/data-validation#131); off by default.
   */
  readonly inferRanges?: boolean;
}

/** TFDV's InitFixedShape: a shape only when no level has missing values and every level has a constant count. */
function initFixedShape(view: FeatureStatsView, feature: Feature): void {
  if (view.type === FeatureNameStatistics_Type.STRUCT) return;
  const minMax = view.minMaxNumValues();
  const missing = view.numMissingNested();
  const dims: number[] = [];
  for (let i = 0; i < minMax.length; i++) {
    if ((missing[i] ?? 0) !== 0) return;
    const [min, max] = minMax[i] as readonly [number, number];
    if (min !== max || min <= 0) return;
    dims.push(min);
  }
  setShape(feature, dims);
}

/** Presence (min_count 1 if seen at all, min_fraction 1 if never missing), then shape or value count. */
export function initPresenceAndShape(view: FeatureStatsView, inferShape: boolean, feature: Feature): void {
  const numPresent = view.numPresent();
  const presence = mutablePresence(feature);
  presence.minCount = numPresent < 1 ? 0n : 1n;
  if (numPresent <= 0) return;
  if (view.numMissing() === 0) presence.minFraction = 1;
  if (inferShape) initFixedShape(view, feature);
  if (feature.shapeType.case !== 'shape') initValueCount(view, feature);
}

/** The smallest float32 ≥ x (or ≤ x downward), so a float_domain bound written as float32 still admits x. */
function float32Bound(x: number, direction: 'down' | 'up'): number {
  const f = Math.fround(x);
  if (f === x || !Number.isFinite(f)) return f;
  const buf = new DataView(new ArrayBuffer(4));
  buf.setFloat32(0, f);
  let bits = buf.getInt32(0);
  const needsDown = direction === 'down' && f > x;
  const needsUp = direction === 'up' && f < x;
  if (!needsDown && !needsUp) return f;
  // Moving one unit in the last place: the integer order of float bits follows the value order per sign.
  const towardPositive = needsUp;
  bits += (f >= 0) === towardPositive ? 1 : -1;
  if (f === 0) bits = towardPositive ? 1 : -2147483647;
  buf.setInt32(0, bits);
  return buf.getFloat32(0);
}

function inferRange(view: FeatureStatsView, feature: Feature): void {
  const num = view.numStats();
  if (!num || view.numPresent() <= 0 || feature.domainInfo.case !== undefined) return;
  const finiteMin = Number.isFinite(num.min) ? num.min : undefined;
  const finiteMax = Number.isFinite(num.max) ? num.max : undefined;
  if (finiteMin === undefined && finiteMax === undefined) return;
  if (feature.type === FeatureType.INT) {
    setIntDomainRange(
      feature,
      finiteMin === undefined ? undefined : BigInt(Math.floor(finiteMin)),
      finiteMax === undefined ? undefined : BigInt(Math.ceil(finiteMax)),
    );
  } else if (feature.type === FeatureType.FLOAT) {
    setFloatDomainRange(
      feature,
      finiteMin === undefined ? undefined : float32Bound(finiteMin, 'down'),
      finiteMax === undefined ? undefined : float32Bound(finiteMax, 'up'),
    );
  }
}

/** Adds a feature for `view` to `schema`, as TFDV's schema inference writes it. */
export function createFeature(schema: Schema, view: FeatureStatsView, options: InferFeatureOptions = {}): Feature {
  const feature = addFeature(schema, view.path);
  feature.type = view.featureType();
  initPresenceAndShape(view, options.inferFeatureShape ?? true, feature);
  const maxDomain = options.maxStringDomainSize ?? 100;
  const derived = view.data.validationDerivedSource;
  if (derived) {
    // schema.cc Updater::CreateColumn: a feature the statistics call derived is marked so.
    feature.lifecycleStage = LifecycleStage.VALIDATION_DERIVED;
    feature.validationDerivedSource = clone(DerivedFeatureSourceSchema, derived);
  }
  if (bestEffortUpdateCustomDomain(view, feature)) {
    // A semantic domain the statistics propose (e.g. natural_language_domain {}) comes first.
  } else if (view.hasInvalidUtf8Strings() || view.type === FeatureNameStatistics_Type.BYTES) {
    // Raw bytes (or text that is not UTF-8) get no domain.
  } else if (isBoolDomainCandidate(view)) {
    feature.domainInfo = { case: 'boolDomain', value: boolDomainFromStats(view) };
  } else if (isIntDomainCandidate(view)) {
    feature.domainInfo = { case: 'intDomain', value: create(IntDomainSchema) };
  } else if (isStringDomainCandidate(view, maxDomain)) {
    const domain = addStringDomain(schema, view.pathKey);
    addDomainValues(domain, view.stringValues().sort(compareUtf8));
    feature.domainInfo = { case: 'domain', value: domain.name };
  }
  if (options.inferRanges) inferRange(view, feature);
  return feature;
}
