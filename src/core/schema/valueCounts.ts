/** The value counts a new feature gets from its statistics, shared by inference (schema/) and validation (validate/). */
import { create } from '@bufbuild/protobuf';
import type { Feature } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { ValueCountListSchema, ValueCountSchema } from '../proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { setValueCount } from './schemaModel.js';
import type { FeatureStatsView } from './statsView.js';

/** TFDV's InitValueCount: min=max when every example has the same count, else min 1; nothing without values. */
export function initValueCount(view: FeatureStatsView, feature: Feature): void {
  const minMax = view.minMaxNumValues();
  const bounds = (min: number, max: number): { min?: number; max?: number } =>
    min > 0 ? (min === max ? { min, max } : { min: 1 }) : {};
  if (view.hasNestedValues()) {
    const list = minMax.map(([min, max]) => bounds(min, max));
    feature.shapeType = {
      case: 'valueCounts',
      value: createValueCounts(list),
    };
    return;
  }
  if (minMax.length === 1 && (minMax[0] as readonly [number, number])[0] > 0) {
    const [min, max] = minMax[0] as readonly [number, number];
    const b = bounds(min, max);
    setValueCount(feature, b.min, b.max);
  }
}

function createValueCounts(list: ReadonlyArray<{ min?: number; max?: number }>) {
  return create(ValueCountListSchema, {
    valueCount: list.map((b) => {
      const vc = create(ValueCountSchema);
      if (b.min !== undefined) vc.min = BigInt(b.min);
      if (b.max !== undefined) vc.max = BigInt(b.max);
      return vc;
    }),
  });
}
