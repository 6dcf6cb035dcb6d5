/**
 * What a model's TF Serving config says it serves, for the tree's badges and the panel: the versions loaded and
 * the labels on them, read through the text-format parser; and the roll back history from the audit log.
 */
import type { AuditEntry, ServedModel } from '../../core/model/servingConfig.js';
import { auditLogPathFor, readAuditLog, readServingConfigFile, servedVersionNumbers, servedVersions } from '../../core/model/servingConfig.js';

export interface ServingState {
  readonly configPath: string;
  /** Undefined when the config does not exist or does not list the model. */
  readonly model?: ServedModel;
  /** Versions loaded (given the numbered folders on disk, for latest/all policies). */
  readonly served: readonly number[];
  /** label → version. */
  readonly labels: ReadonlyMap<number, readonly string[]>;
  readonly history: readonly AuditEntry[];
  /** A config that does not parse: the message (with its position). */
  readonly error?: string;
}

export async function readServingState(configPath: string, modelName: string, available: readonly number[]): Promise<ServingState> {
  const history = (await readAuditLog(auditLogPathFor(configPath)).catch(() => ({ entries: [] as AuditEntry[] }))).entries.filter((e) => e.model === modelName);
  try {
    const file = await readServingConfigFile(configPath);
    const model = file ? servedVersions(file.config, modelName) : undefined;
    const labels = new Map<number, string[]>();
    for (const l of model?.labels ?? []) labels.set(l.version, [...(labels.get(l.version) ?? []), l.label]);
    return { configPath, ...(model ? { model } : {}), served: model ? servedVersionNumbers(model, available) : [], labels, history };
  } catch (e) {
    return { configPath, served: [], labels: new Map(), history, error: e instanceof Error ? e.message : String(e) };
  }
}

/** `served: v2 (stable)` / `served: v1, v2 (stable → v2)`, or undefined when nothing is served. */
export function servedText(state: ServingState): string | undefined {
  if (state.served.length === 0) return undefined;
  const parts = state.served.map((v) => {
    const labels = state.labels.get(v);
    return labels ? `v${v} (${labels.join(', ')})` : `v${v}`;
  });
  return `served: ${parts.join(', ')}`;
}
