/** Human names for the floats of a feature's block (`payment_type=Cash`, `trip_start_hour in [6, 10)`). */
import type { FeatureBlock } from './featureTransform.js';

export function blockColumnNames(block: FeatureBlock): string[] {
  const t = block.transform;
  switch (t.kind) {
    case 'numeric':
      return [block.name];
    case 'vocabulary':
      if (t.encoding === 'index') return [`${block.name} (index)`];
      return [
        ...t.vocabulary.map((v) => `${block.name}=${v}`),
        ...Array.from({ length: t.oovBuckets }, (_, k) => `${block.name}=(out of vocabulary${t.oovBuckets > 1 ? ` #${k + 1}` : ''})`),
      ];
    case 'oneHot':
      return t.values.map((v) => `${block.name}=${v}`);
    case 'bucketize': {
      const b = t.boundaries;
      return Array.from({ length: b.length + 1 }, (_, i) =>
        i === 0 ? `${block.name} < ${b[0]}` : i === b.length ? `${block.name} >= ${b[i - 1]}` : `${block.name} in [${b[i - 1]}, ${b[i]})`,
      );
    }
  }
}
