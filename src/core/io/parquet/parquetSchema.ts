/**
 * Which Parquet columns become features, and as what — the way tfx_bsl maps Arrow types to TFDV feature types:
 * integers (INT32/INT64, any width or sign, TIME, DATE as days, TIMESTAMP as its stored unit) → INT; FLOAT/DOUBLE,
 * FLOAT16 and DECIMAL → FLOAT; strings, JSON, UUID, BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY → bytes (STRING);
 * BOOLEAN → INT 0/1. A LIST (or a bare repeated field) of one of these is a multi-valued feature. A null value or
 * a null list is a missing value.
 *
 * Not supported (reported with the column's path, left out, never a crash): structs, maps, variants, lists of
 * lists or of structs — TFDV reads structs as nested feature paths, which this engine does not compute.
 */
import type { SchemaElement, SchemaTree } from 'hyparquet';

export type ParquetValueKind = 'int' | 'float' | 'bytes';

export interface ParquetFeature {
  /** The top-level column name, as hyparquet's readColumn takes it. */
  readonly name: string;
  readonly kind: ParquetValueKind;
  /** True for LIST / repeated columns: each row holds a list of values. */
  readonly list: boolean;
  /** BOOLEAN columns: values arrive as true/false. */
  readonly boolean: boolean;
}

export interface UnsupportedColumn {
  /** Dotted path of the column in the file's schema, e.g. `address.city`. */
  readonly path: string;
  readonly reason: string;
}

export interface ParquetFeaturePlan {
  readonly features: readonly ParquetFeature[];
  readonly unsupported: readonly UnsupportedColumn[];
}

/** Maps the file's top-level columns (hyparquet's schema tree) to features. */
export function planParquetFeatures(root: SchemaTree): ParquetFeaturePlan {
  const features: ParquetFeature[] = [];
  const unsupported: UnsupportedColumn[] = [];
  for (const child of root.children) {
    const mapped = mapColumn(child);
    if ('reason' in mapped) unsupported.push(mapped);
    else features.push(mapped);
  }
  return { features, unsupported };
}

function mapColumn(node: SchemaTree): ParquetFeature | UnsupportedColumn {
  const element = node.element;
  const name = element.name;
  const path = node.path.join('.');
  if (node.children.length === 0) {
    const kind = leafKind(element);
    if (typeof kind !== 'string') return { path, reason: kind.reason };
    return { name, kind, list: element.repetition_type === 'REPEATED', boolean: element.type === 'BOOLEAN' };
  }
  if (isListGroup(element)) {
    // The standard three levels: <list> (LIST) → repeated group `list` → `element`; or the legacy two levels,
    // where the repeated child is the element itself.
    const repeated = node.children.length === 1 ? node.children[0] : undefined;
    if (!repeated || repeated.element.repetition_type !== 'REPEATED') return { path, reason: 'a LIST whose layout is not the standard one' };
    const item = repeated.children.length === 0 ? repeated : repeated.children.length === 1 ? repeated.children[0] : undefined;
    if (!item || item.children.length > 0) return { path, reason: 'a list of lists, structs or maps (only lists of plain values are read)' };
    const kind = leafKind(item.element);
    if (typeof kind !== 'string') return { path: item.path.join('.'), reason: kind.reason };
    return { name, kind, list: true, boolean: item.element.type === 'BOOLEAN' };
  }
  if (isMapGroup(element)) return { path, reason: 'a MAP column (maps are not read)' };
  return { path, reason: 'a struct column (nested feature paths are not computed)' };
}

function isListGroup(e: SchemaElement): boolean {
  return e.converted_type === 'LIST' || e.logical_type?.type === 'LIST';
}

function isMapGroup(e: SchemaElement): boolean {
  return e.converted_type === 'MAP' || e.converted_type === 'MAP_KEY_VALUE' || e.logical_type?.type === 'MAP';
}

function leafKind(e: SchemaElement): ParquetValueKind | { reason: string } {
  const logical = e.logical_type?.type;
  if (e.converted_type === 'BSON' || e.converted_type === 'INTERVAL' || logical === 'INTERVAL' || logical === 'BSON') {
    return { reason: `a ${logical ?? String(e.converted_type)} column (not read)` };
  }
  if (logical === 'FLOAT16' || logical === 'DECIMAL' || e.converted_type === 'DECIMAL') return 'float';
  switch (e.type) {
    case 'BOOLEAN':
    case 'INT32':
    case 'INT96': // legacy timestamps: nanoseconds since the epoch, as TIMESTAMP(NANOS) is
    case 'INT64':
      return 'int';
    case 'FLOAT':
    case 'DOUBLE':
      return 'float';
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
      return 'bytes';
    default:
      return { reason: `a column of physical type ${String(e.type)}` };
  }
}
