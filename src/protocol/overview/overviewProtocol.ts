/**
 * Messages between the extension host and the dataset overview webview (webview/overview). Both sides import
 * this file, so it uses neither `vscode` nor the DOM.
 *
 * Bulk data (statistics, anomalies) travels as serialized protobuf bytes (`Uint8Array`), which VS Code's
 * postMessage transfers as binary; never as JSON arrays of numbers.
 *
 * Sequence: the webview posts `ready` once its listeners are installed; only then does the host post
 * `statistics` (and later `progress`, `anomalies`, `error`). A `validate` request carries a `requestId`; the host
 * answers it with an `anomalies` message carrying the same id, or an `error` message carrying it when it failed.
 */

import type { SchemaHeaderMessage, SchemaHeaderRequest } from './schemaHeaderProtocol.js';
import { parseSchemaHeaderMessage, parseSchemaHeaderRequest } from './schemaHeaderProtocol.js';

/** Host → webview. */
export type HostToOverviewMessage =
  /** The header's schema line (schemaHeaderProtocol.ts). */
  | SchemaHeaderMessage
  | {
      readonly type: 'statistics';
      /** Set when this answers a webview request. */
      readonly requestId?: number;
      /** A serialized `tensorflow.metadata.v0.DatasetFeatureStatisticsList`; the webview shows its first dataset. */
      readonly stats: Uint8Array;
      /**
       * A serialized `tensorflow.metadata.v0.Anomalies`, when the dataset has been validated. Statistics replace
       * everything shown: without this field the panel shows the dataset as not validated.
       */
      readonly anomalies?: Uint8Array;
      /** What the header calls the dataset (usually the file name). */
      readonly datasetName: string;
      /** Rows in the file when the host knows them; may differ from the statistics' num_examples if sampled. */
      readonly rowCount?: number;
    }
  | {
      readonly type: 'anomalies';
      /** Set when this answers a `validate` request. */
      readonly requestId?: number;
      /** A serialized `tensorflow.metadata.v0.Anomalies`; replaces any shown before. */
      readonly anomalies: Uint8Array;
    }
  | {
      readonly type: 'progress';
      readonly message: string;
      /** 0..1 when known; absent for indeterminate progress. */
      readonly fraction?: number;
    }
  | {
      readonly type: 'error';
      /** Set when this is the failed reply to a webview request. */
      readonly requestId?: number;
      readonly message: string;
    };

/** Webview → host. */
export type OverviewToHostMessage =
  /** The header's "Change…" and "Compare Dataset with…" (schemaHeaderProtocol.ts). */
  | SchemaHeaderRequest
  | { readonly type: 'ready' }
  /** The user activated a feature's name: reveal that column in the dataset file. */
  | { readonly type: 'revealFeature'; readonly feature: string; readonly path?: readonly string[] }
  /** The user pressed "Validate": compute anomalies; reply with `anomalies` or `error` carrying `requestId`. */
  | { readonly type: 'validate'; readonly requestId: number };

export type HostToOverviewType = HostToOverviewMessage['type'];
export type OverviewToHostType = OverviewToHostMessage['type'];

type Fields = Record<string, unknown>;

function isRecord(x: unknown): x is Fields {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Bytes as they arrive through postMessage. A Uint8Array normally; an ArrayBuffer or another typed-array view is
 * accepted too and viewed as bytes. Tag checks rather than `instanceof`, which fails across JavaScript realms.
 */
export function asBytes(x: unknown): Uint8Array | undefined {
  if (x instanceof Uint8Array) return x;
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  const tag = Object.prototype.toString.call(x);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') return new Uint8Array(x as ArrayBuffer);
  return undefined;
}

function optionalId(x: unknown): number | undefined | false {
  if (x === undefined) return undefined;
  return Number.isSafeInteger(x) ? (x as number) : false;
}

function optionalFraction(x: unknown): number | undefined | false {
  if (x === undefined) return undefined;
  return typeof x === 'number' && Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : false;
}

/**
 * Checks a message received by the webview. Returns it in its typed form (bytes normalized to Uint8Array), or
 * undefined when it is not a well-formed host message (ignored, never half-handled).
 */
export function parseHostToOverviewMessage(data: unknown): HostToOverviewMessage | undefined {
  if (!isRecord(data)) return undefined;
  const type = data.type as HostToOverviewType;
  switch (type) {
    case 'statistics': {
      const stats = asBytes(data.stats);
      const anomalies = data.anomalies === undefined ? undefined : asBytes(data.anomalies);
      const requestId = optionalId(data.requestId);
      const rowCount = data.rowCount;
      if (!stats || (anomalies === undefined && data.anomalies !== undefined) || requestId === false) return undefined;
      if (typeof data.datasetName !== 'string') return undefined;
      if (rowCount !== undefined && !(typeof rowCount === 'number' && Number.isFinite(rowCount) && rowCount >= 0)) return undefined;
      return {
        type,
        stats,
        datasetName: data.datasetName,
        ...(anomalies ? { anomalies } : {}),
        ...(requestId !== undefined ? { requestId } : {}),
        ...(rowCount !== undefined ? { rowCount } : {}),
      };
    }
    case 'anomalies': {
      const anomalies = asBytes(data.anomalies);
      const requestId = optionalId(data.requestId);
      if (!anomalies || requestId === false) return undefined;
      return { type, anomalies, ...(requestId !== undefined ? { requestId } : {}) };
    }
    case 'progress': {
      const fraction = optionalFraction(data.fraction);
      if (typeof data.message !== 'string' || fraction === false) return undefined;
      return { type, message: data.message, ...(fraction !== undefined ? { fraction } : {}) };
    }
    case 'error': {
      const requestId = optionalId(data.requestId);
      if (typeof data.message !== 'string' || requestId === false) return undefined;
      return { type, message: data.message, ...(requestId !== undefined ? { requestId } : {}) };
    }
    case 'schema':
      return parseSchemaHeaderMessage(data);
    default: {
      const never: never = type;
      void never;
      return undefined;
    }
  }
}

/** Checks a message received by the host from the webview (which is less trusted than the host). */
export function parseOverviewToHostMessage(data: unknown): OverviewToHostMessage | undefined {
  if (!isRecord(data)) return undefined;
  const type = data.type as OverviewToHostType;
  switch (type) {
    case 'ready':
      return { type };
    case 'revealFeature': {
      if (typeof data.feature !== 'string') return undefined;
      const path = data.path;
      if (path === undefined) return { type, feature: data.feature };
      if (!Array.isArray(path) || !path.every((step): step is string => typeof step === 'string')) return undefined;
      return { type, feature: data.feature, path: [...path] };
    }
    case 'validate': {
      const requestId = optionalId(data.requestId);
      if (requestId === undefined || requestId === false) return undefined;
      return { type, requestId };
    }
    case 'changeSchema':
    case 'compareWith':
      return parseSchemaHeaderRequest(data);
    default: {
      const never: never = type;
      void never;
      return undefined;
    }
  }
}
