/**
 * What a dataset has said about its features so far, shared by all batches and shards of one read: the order
 * features were first seen (the column order of every batch) and the first list kind seen for each (later
 * values of another kind are conflicts).
 */
import type { SourcePosition } from '../../data/issues.js';

/** The list kinds of tf.train.Feature, named as the columnar model names them. */
export type ListKind = 'int' | 'float' | 'bytes';

export interface FeatureInfo {
  readonly name: string;
  /** 0-based order of first appearance in the dataset. */
  readonly order: number;
  /** The first list kind seen, undefined while the feature has only appeared with no list set. */
  kind: ListKind | undefined;
  /** Where that first kind was seen. */
  kindSeenAt: SourcePosition | undefined;
}

export class FeatureRegistry {
  private readonly features = new Map<string, FeatureInfo>();

  /** The feature's info, registering it (in first-seen order) if new. */
  get(name: string): FeatureInfo {
    let info = this.features.get(name);
    if (info === undefined) {
      info = { name, order: this.features.size, kind: undefined, kindSeenAt: undefined };
      this.features.set(name, info);
    }
    return info;
  }
}

/** The proto field name of a list kind, for messages a TensorFlow user recognizes. */
export function listFieldName(kind: ListKind): string {
  switch (kind) {
    case 'int':
      return 'int64_list';
    case 'float':
      return 'float_list';
    case 'bytes':
      return 'bytes_list';
    default: {
      const unreachable: never = kind;
      return String(unreachable);
    }
  }
}
