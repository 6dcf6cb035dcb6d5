/**
 * TF Serving's model server config (`--model_config_file`, a text-format `ModelServerConfig`): what it serves, and
 * the edit a roll back makes to it. Reading and printing go through the text-format parser/printer, so every other
 * model, every field Facetwise does not define (logging_config, …) and the user's comments survive an edit.
 *
 * TF Serving only lets a label point at a version that is already loaded, so moving a label to a version outside
 * the `specific` list takes two reloads: first add the version, then, once it is loaded, move the label (and drop
 * versions nothing points at any more). `planRollback` returns both texts and says which applies.
 */
import { readFile } from 'node:fs/promises';
import { create } from '@bufbuild/protobuf';
import { FacetwiseError } from '../data/issues.js';
import { ModelConfigListSchema, ModelConfigSchema, ModelServerConfigSchema, ServableVersionPolicySchema, ServableVersionPolicy_SpecificSchema } from '../proto/gen/tensorflow_serving/config/model_server_config_pb.js';
import type { ModelConfig, ModelServerConfig } from '../proto/gen/tensorflow_serving/config/model_server_config_pb.js';
import { writeFileAtomic } from '../proto/atomicWrite.js';
import { parseTextMessage } from '../proto/text/textParser.js';
import { printTextMessage } from '../proto/text/textPrinter.js';
import { getUnknownTextFields } from '../proto/text/textTrivia.js';

export type { ModelConfig, ModelServerConfig } from '../proto/gen/tensorflow_serving/config/model_server_config_pb.js';

export interface ServingConfig {
  /** The file it was read from (for messages). */
  readonly file: string;
  readonly message: ModelServerConfig;
}

/** Which versions a model's version policy loads. TF Serving's default (no policy) is the latest one. */
export type VersionPolicy =
  | { readonly kind: 'specific'; readonly versions: readonly number[] }
  | { readonly kind: 'latest'; readonly numVersions: number }
  | { readonly kind: 'all' };

export interface ServedModel {
  readonly name: string;
  readonly basePath: string;
  readonly platform: string;
  readonly policy: VersionPolicy;
  /** Sorted by label. */
  readonly labels: readonly { readonly label: string; readonly version: number }[];
}

export interface RollbackRequest {
  readonly modelName: string;
  /** Needed only when the config does not list the model yet. */
  readonly basePath?: string;
  readonly toVersion: number;
  /** Default `stable`. */
  readonly label?: string;
  /** For a model the config does not list yet (default `tensorflow`). */
  readonly modelPlatform?: string;
  /** Names the file in errors (default `models.config`). */
  readonly file?: string;
}

export interface RollbackPlan {
  /** The file's text once the roll back is complete (label moved). */
  readonly text: string;
  /** Two steps: the text of the first reload (the target version added, labels untouched). */
  readonly intermediateText?: string;
  /** What changes, in sentences a user reads before confirming. */
  readonly steps: readonly string[];
  readonly twoStep: boolean;
  /** The version the label pointed at before (null: no such label). */
  readonly from: number | null;
  readonly to: number;
  readonly label: string;
  /** False when the config already serves `to` under the label: `text` is the input unchanged. */
  readonly changed: boolean;
}

/** Parses a config file's text; a syntax error is a FacetwiseError with file, line and column. */
export function readServingConfig(text: string, file: string): ServingConfig {
  const message = parseTextMessage(ModelServerConfigSchema, text, file);
  if (getUnknownTextFields(message).some((u) => u.name === 'custom_model_config')) {
    throw new FacetwiseError('SERVING_CONFIG_CUSTOM', 'this config uses custom_model_config; Facetwise reads and edits only model_config_list', { file });
  }
  return { file, message };
}

export function printServingConfig(config: ServingConfig): string {
  return printTextMessage(ModelServerConfigSchema, config.message);
}

function modelConfigs(message: ModelServerConfig): ModelConfig[] {
  return message.config.case === 'modelConfigList' ? message.config.value.config : [];
}

function toNumber(v: bigint): number {
  return Number(v);
}

function policyOf(c: ModelConfig): VersionPolicy {
  const p = c.modelVersionPolicy?.policyChoice;
  if (p?.case === 'specific') return { kind: 'specific', versions: [...new Set(p.value.versions.map(toNumber))].sort((a, b) => a - b) };
  if (p?.case === 'all') return { kind: 'all' };
  if (p?.case === 'latest') return { kind: 'latest', numVersions: p.value.numVersions > 0 ? p.value.numVersions : 1 };
  return { kind: 'latest', numVersions: 1 };
}

function describeModel(c: ModelConfig): ServedModel {
  const labels = Object.entries(c.versionLabels)
    .map(([label, v]) => ({ label, version: toNumber(v) }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { name: c.name, basePath: c.basePath, platform: c.modelPlatform, policy: policyOf(c), labels };
}

/** Every model the config lists, in file order. */
export function servingModels(config: ServingConfig): ServedModel[] {
  return modelConfigs(config.message).map(describeModel);
}

/** What the config serves of one model (what a tree badge shows); undefined when the config does not list it. */
export function servedVersions(config: ServingConfig, modelName: string): ServedModel | undefined {
  const c = modelConfigs(config.message).find((m) => m.name === modelName);
  return c ? describeModel(c) : undefined;
}

/** The version numbers a policy loads, given the numbered folders on disk (`latest`/`all` depend on them). */
export function servedVersionNumbers(model: ServedModel, availableVersions: readonly number[]): number[] {
  const available = [...new Set(availableVersions)].sort((a, b) => a - b);
  switch (model.policy.kind) {
    case 'specific':
      return [...model.policy.versions];
    case 'all':
      return available;
    case 'latest':
      return available.slice(Math.max(0, available.length - model.policy.numVersions));
  }
}

function versionList(vs: readonly number[]): string {
  return vs.length === 0 ? '(none)' : vs.join(', ');
}

function setSpecific(c: ModelConfig, versions: readonly number[]): void {
  const specific = create(ServableVersionPolicy_SpecificSchema, { versions: versions.map((v) => BigInt(v)) });
  if (c.modelVersionPolicy) c.modelVersionPolicy.policyChoice = { case: 'specific', value: specific };
  else c.modelVersionPolicy = create(ServableVersionPolicySchema, { policyChoice: { case: 'specific', value: specific } });
}

/**
 * Plans pointing `label` of a model at `toVersion` and serving it: from the current config text (undefined: no
 * file yet) to the new text, keeping every other model, field and comment.
 */
export function planRollback(configText: string | undefined, request: RollbackRequest): RollbackPlan {
  const file = request.file ?? 'models.config';
  const label = request.label ?? 'stable';
  const { modelName, toVersion } = request;
  if (!modelName) throw new FacetwiseError('SERVING_CONFIG_ARGUMENT', 'a model name is needed', { file });
  if (!Number.isSafeInteger(toVersion) || toVersion < 0) {
    throw new FacetwiseError('SERVING_CONFIG_ARGUMENT', `a version is a whole number ≥ 0, not ${toVersion}`, { file });
  }
  if (!label) throw new FacetwiseError('SERVING_CONFIG_ARGUMENT', 'a label cannot be empty', { file });
  // Two independent parses: the intermediate and the final text are edited from the same starting point.
  const parse = (): ModelServerConfig =>
    configText === undefined || configText.trim() === '' ? create(ModelServerConfigSchema) : readServingConfig(configText, file).message;
  const edit = (message: ModelServerConfig): { config: ModelConfig; isNew: boolean } => {
    if (message.config.case !== 'modelConfigList') message.config = { case: 'modelConfigList', value: create(ModelConfigListSchema) };
    const list = message.config.value.config;
    const found = list.find((m) => m.name === modelName);
    if (found) return { config: found, isNew: false };
    if (!request.basePath) {
      throw new FacetwiseError('SERVING_CONFIG_NO_MODEL', `the config lists no model named '${modelName}': give its base path to add it`, { file });
    }
    const config = create(ModelConfigSchema, { name: modelName, basePath: request.basePath, modelPlatform: request.modelPlatform ?? 'tensorflow' });
    list.push(config);
    return { config, isNew: true };
  };

  const final = parse();
  const { config, isNew } = edit(final);
  const before = policyOf(config);
  const fromBig = config.versionLabels[label];
  const from = fromBig === undefined ? null : toNumber(fromBig);
  const loaded = !isNew && ((before.kind === 'specific' && before.versions.includes(toVersion)) || before.kind === 'all');
  const otherLabelled = Object.entries(config.versionLabels)
    .filter(([k]) => k !== label)
    .map(([, v]) => toNumber(v));
  const finalVersions = [...new Set([toVersion, ...otherLabelled])].sort((a, b) => a - b);
  const changed = isNew || from !== toVersion || before.kind !== 'specific' || versionList(before.versions) !== versionList(finalVersions);
  if (!changed) {
    return {
      text: configText ?? '',
      steps: [`${modelName} already serves version ${toVersion} with label "${label}": nothing to change.`],
      twoStep: false,
      from,
      to: toVersion,
      label,
      changed: false,
    };
  }
  setSpecific(config, finalVersions);
  config.versionLabels[label] = BigInt(toVersion);
  const text = printTextMessage(ModelServerConfigSchema, final);
  const dropped = before.kind === 'specific' ? before.versions.filter((v) => !finalVersions.includes(v)) : [];
  const moveSentence =
    (from === null ? `Set label "${label}" of ${modelName} to version ${toVersion}` : `Move label "${label}" of ${modelName} from version ${from} to ${toVersion}`) +
    ` and serve versions ${versionList(finalVersions)}` +
    (dropped.length > 0 ? ` (version ${versionList(dropped)} is no longer loaded).` : '.');
  const policySentence = before.kind === 'specific' || isNew ? '' : ` The version policy changes from ${before.kind} to specific.`;
  const addedSentence = isNew ? `Add ${modelName} (base_path ${request.basePath}) to the config. ` : '';
  if (loaded) {
    return { text, steps: [`${addedSentence}${moveSentence}${policySentence}`], twoStep: false, from, to: toVersion, label, changed: true };
  }
  const first = parse();
  const { config: firstConfig } = edit(first);
  const loadedBefore = before.kind === 'specific' ? before.versions : [];
  const labelled = Object.values(firstConfig.versionLabels).map(toNumber);
  const firstVersions = [...new Set([...loadedBefore, ...labelled, toVersion])].sort((a, b) => a - b);
  setSpecific(firstConfig, firstVersions);
  const intermediateText = printTextMessage(ModelServerConfigSchema, first);
  return {
    text,
    intermediateText,
    steps: [
      isNew
        ? `Step 1: add ${modelName} (base_path ${request.basePath}) serving version ${toVersion}, without labels: TF Serving only lets a label point at a version that is already loaded.`
        : `Step 1: load version ${toVersion} of ${modelName} beside what it serves (specific versions ${versionList(loadedBefore)} → ${versionList(firstVersions)}), labels unchanged: TF Serving only lets a label point at a version that is already loaded.${policySentence}`,
      `Step 2, once version ${toVersion} is loaded: ${moveSentence.charAt(0).toLowerCase()}${moveSentence.slice(1)}`,
    ],
    twoStep: true,
    from,
    to: toVersion,
    label,
    changed: true,
  };
}

/** Reads a config file; undefined when it does not exist (a roll back then creates it). */
export async function readServingConfigFile(file: string): Promise<{ text: string; config: ServingConfig } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FacetwiseError('SERVING_CONFIG_UNREADABLE', `cannot read the serving config: ${(e as Error).message}`, { file });
  }
  return { text, config: readServingConfig(text, file) };
}

/** Replaces the config file atomically (a server polling it never reads half a file). */
export async function writeServingConfigFile(file: string, text: string): Promise<void> {
  await writeFileAtomic(file, text);
}

export type { AuditEntry, AuditVerdict } from './rollbackAudit.js';
export { appendAuditLine, auditLogPathFor, readAuditLog } from './rollbackAudit.js';
