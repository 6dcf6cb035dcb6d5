/**
 * The schema editor's form edits applied to the Schema message, in place, through the schema model's helpers. The
 * message keeps what the text parser recorded (comments, unknown fields), so the printed text changes only where
 * the edit did. Pure: no `vscode`. Throws a FacetwiseError a user can read when the schema lacks what is edited.
 */
import { clearField, create } from '@bufbuild/protobuf';
import { FacetwiseError } from '../../core/data/issues.js';
import type { Feature, Schema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import {
  FeaturePresenceSchema,
  FeatureSchema,
  FeatureType,
  FloatDomainSchema,
  IntDomainSchema,
  LifecycleStage,
  ValueCountSchema,
} from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { parsePath } from '../../core/schema/featurePath.js';
import { addDefaultEnvironment, addDomainValues, comparatorThresholds, getFeature, mutablePresence, setComparatorThreshold, stringDomainOf } from '../../core/schema/schemaModel.js';
import type { FormEdit } from '../../protocol/schemaEditor/schemaEditorProtocol.js';

function featureOf(schema: Schema, key: string): Feature {
  const feature = getFeature(schema, parsePath(key) ?? [key]);
  if (!feature) throw new FacetwiseError('SCHEMA_FEATURE_NOT_FOUND', `The schema has no feature ${key}.`);
  return feature;
}

function setList(list: string[], value: string, present: boolean): string[] {
  if (present) return list.includes(value) ? list : [...list, value];
  return list.filter((v) => v !== value);
}

function editPresence(feature: Feature, field: 'minFraction' | 'minCount', value: number | null): void {
  const p = mutablePresence(feature);
  if (value === null) clearField(p, FeaturePresenceSchema.field[field]);
  else if (field === 'minFraction') p.minFraction = value;
  else p.minCount = BigInt(value);
}

function editValueCount(feature: Feature, field: 'min' | 'max', value: number | null): void {
  if (feature.shapeType.case === 'shape') {
    throw new FacetwiseError('SCHEMA_BAD_VALUE', `${feature.name} has a fixed shape; value_count and shape are exclusive (edit the shape in the text).`);
  }
  if (feature.shapeType.case !== 'valueCount') feature.shapeType = { case: 'valueCount', value: create(ValueCountSchema) };
  const v = feature.shapeType.value;
  if (value === null) clearField(v, ValueCountSchema.field[field]);
  else v[field] = BigInt(value);
}

function editIntRange(feature: Feature, field: 'min' | 'max', value: string | null): void {
  if (feature.domainInfo.case === undefined) feature.domainInfo = { case: 'intDomain', value: create(IntDomainSchema) };
  if (feature.domainInfo.case !== 'intDomain') throw new FacetwiseError('SCHEMA_BAD_VALUE', `${feature.name} has a ${feature.domainInfo.case} domain, not an int domain.`);
  const d = feature.domainInfo.value;
  if (value === null) clearField(d, IntDomainSchema.field[field]);
  else d[field] = BigInt(value);
}

function editFloatRange(feature: Feature, field: 'min' | 'max', value: number | null): void {
  if (feature.domainInfo.case === undefined) feature.domainInfo = { case: 'floatDomain', value: create(FloatDomainSchema) };
  if (feature.domainInfo.case !== 'floatDomain') throw new FacetwiseError('SCHEMA_BAD_VALUE', `${feature.name} has a ${feature.domainInfo.case} domain, not a float domain.`);
  const d = feature.domainInfo.value;
  if (value === null) clearField(d, FloatDomainSchema.field[field]);
  else d[field] = value;
}

function stringDomain(schema: Schema, feature: Feature, key: string): string[] {
  const domain = stringDomainOf(schema, feature);
  if (!domain) throw new FacetwiseError('SCHEMA_NO_STRING_DOMAIN', `${key} has no string domain in the schema.`);
  return domain.value;
}

/** Applies one form edit to `schema` in place. */
export function applyFormEdit(schema: Schema, edit: FormEdit): void {
  if (edit.kind === 'defaultEnvironment') {
    if (edit.present) addDefaultEnvironment(schema, edit.environment);
    else schema.defaultEnvironment = schema.defaultEnvironment.filter((e) => e !== edit.environment);
    return;
  }
  const feature = featureOf(schema, edit.feature);
  switch (edit.kind) {
    case 'type':
      feature.type = FeatureType[edit.value];
      return;
    case 'presence':
      editPresence(feature, edit.field, edit.value);
      return;
    case 'valueCount':
      editValueCount(feature, edit.field, edit.value);
      return;
    case 'domainAdd': {
      if (edit.value === '') throw new FacetwiseError('SCHEMA_BAD_VALUE', 'A domain value cannot be empty.');
      const domain = stringDomainOf(schema, feature);
      if (!domain) throw new FacetwiseError('SCHEMA_NO_STRING_DOMAIN', `${edit.feature} has no string domain in the schema.`);
      if (addDomainValues(domain, [edit.value]) === 0) throw new FacetwiseError('SCHEMA_BAD_VALUE', `The domain of ${edit.feature} already has '${edit.value}'.`);
      return;
    }
    case 'domainRemove': {
      const values = stringDomain(schema, feature, edit.feature);
      const at = values.indexOf(edit.value);
      if (at < 0) throw new FacetwiseError('SCHEMA_BAD_VALUE', `The domain of ${edit.feature} has no '${edit.value}'.`);
      values.splice(at, 1);
      return;
    }
    case 'domainMove': {
      const values = stringDomain(schema, feature, edit.feature);
      const at = values.indexOf(edit.value);
      const to = at + edit.offset;
      if (at < 0 || to < 0 || to >= values.length) return;
      values[at] = values[to] as string;
      values[to] = edit.value;
      return;
    }
    case 'intRange':
      editIntRange(feature, edit.field, edit.value);
      return;
    case 'floatRange':
      editFloatRange(feature, edit.field, edit.value);
      return;
    case 'environment': {
      // An environment a feature names must be one of the schema's (TFDV validates only in those).
      if (edit.present) addDefaultEnvironment(schema, edit.environment);
      const other = edit.list === 'in' ? 'notInEnvironment' : 'inEnvironment';
      const own = edit.list === 'in' ? 'inEnvironment' : 'notInEnvironment';
      feature[own] = setList(feature[own], edit.environment, edit.present);
      if (edit.present) feature[other] = setList(feature[other], edit.environment, false);
      return;
    }
    case 'lifecycle':
      if (edit.value === null) clearField(feature, FeatureSchema.field.lifecycleStage);
      else feature.lifecycleStage = LifecycleStage[edit.value];
      return;
    case 'comparator': {
      setComparatorThreshold(feature, edit.comparator, edit.metric, edit.value ?? undefined);
      if (edit.value === null) pruneComparator(feature, edit.comparator);
      return;
    }
    default: {
      const never: never = edit;
      throw new Error(`unknown form edit ${JSON.stringify(never)}`);
    }
  }
}

/** A cleared threshold leaves its (now empty) metric message and, when none is left, the comparator out. */
function pruneComparator(feature: Feature, kind: 'skew' | 'drift'): void {
  const field = kind === 'skew' ? 'skewComparator' : 'driftComparator';
  const c = feature[field];
  if (!c) return;
  const set = comparatorThresholds(c);
  if (set.infinityNorm === undefined) c.infinityNorm = undefined;
  if (set.jensenShannonDivergence === undefined) c.jensenShannonDivergence = undefined;
  if (set.normalizedAbsDifference === undefined) c.normalizedAbsDifference = undefined;
  if (!c.infinityNorm && !c.jensenShannonDivergence && !c.normalizedAbsDifference) feature[field] = undefined;
}
