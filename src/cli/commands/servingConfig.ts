/**
 * `facetwise serving-config set|show`: what a TF Serving model config file (`--model_config_file`) serves, and a
 * roll back that writes it: a label moved to a version, the version loaded, every other model and comment kept,
 * the file replaced atomically and the change appended to the audit log beside it.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { FacetwiseError } from '../../core/data/issues.js';
import type { AuditVerdict } from '../../core/model/servingConfig.js';
import { appendAuditLine, auditLogPathFor, planRollback, readAuditLog, readServingConfigFile, servingModels, writeServingConfigFile } from '../../core/model/servingConfig.js';
import type { CliCommand, CliIo } from '../cliIo.js';
import { ExitCode, UsageError } from '../cliIo.js';
import { intOption } from '../datasetArgs.js';
import { parseCommandArgs } from '../commandArgs.js';
import { table, writeJson } from '../textOutput.js';

const setUsage = `Usage: facetwise serving-config set <config> --model <name> --version <n> [--label stable] [--base-path <dir>] [options]

Points a label of a model in a TF Serving model config file (text-format ModelServerConfig, what
tensorflow_model_server --model_config_file reads) at a version and serves it with a 'specific' version policy;
versions no label points at any more stop being served. Every other model, field and comment of the file is
kept. The file is created when it does not exist (then --base-path is needed), and replaced atomically.

TF Serving only lets a label point at a version that is already loaded. When the version is not in the model's
'specific' list yet, the change takes two steps: this command writes the first (the version added, labels as
they were) and says so; once TF Serving has loaded the version, run the same command again to move the label.
--both-steps writes the end state at once (for a server started with
--allow_version_labels_for_unavailable_models, or one not running yet).

Each label move is appended to <config>.audit.jsonl (time, model, label, from, to, and the verdict when
--verdict names a 'facetwise compare-models --format json' report).

Options:
  --model <name>           The model's name in the config (required)
  --version <n>            The version to serve under the label (required)
  --label <label>          Default stable
  --base-path <dir>        The model's folder (TF Serving's base_path), for a model the file does not list yet
  --model-platform <p>     For a new model (default tensorflow)
  --both-steps             Write the end state even when TF Serving needs two steps
  --dry-run                Print the new file and the steps; write nothing
  --verdict <report.json>  Record this compare-models report's verdict in the audit log
  --format <json|text>     Output: JSON (default) or a readable text

Exit codes: 0 ok (or nothing to change), 1 the config could not be read or written, 2 usage error.`;

const showUsage = `Usage: facetwise serving-config show <config> [--format json|text]

Lists the models a TF Serving model config file serves: base path, version policy, labels, and the roll backs
recorded in the audit log beside it.

Exit codes: 0 ok, 1 the config could not be read, 2 usage error.`;

function formatOf(value: string | undefined): 'text' | 'json' {
  const f = value ?? 'json';
  if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, got '${f}'`);
  return f;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The verdict of a compare-models JSON report, validated (it is a user's file). */
async function verdictFrom(file: string): Promise<AuditVerdict> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new FacetwiseError('SERVING_VERDICT_UNREADABLE', `cannot read the compare-models report: ${(err as Error).message}`, { file });
  }
  const gate = isRecord(json) ? json['gate'] : undefined;
  const rec = isRecord(json) ? json['recommendation'] : undefined;
  if (!isRecord(json) || !isRecord(rec) || typeof rec['decision'] !== 'string' || typeof rec['reason'] !== 'string') {
    throw new FacetwiseError('SERVING_VERDICT_INVALID', 'not a compare-models --format json report (no recommendation)', { file });
  }
  const metric = typeof json['metric'] === 'string' ? json['metric'] : undefined;
  const metrics = Array.isArray(json['metrics']) ? json['metrics'] : [];
  const primary = metrics.find((m): m is Record<string, unknown> => isRecord(m) && m['metric'] === metric);
  const numOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  const ci = primary && Array.isArray(primary['ci']) && primary['ci'].length === 2 ? ([Number(primary['ci'][0]), Number(primary['ci'][1])] as const) : null;
  return {
    decision: isRecord(gate) && typeof gate['decision'] === 'string' ? gate['decision'] : rec['decision'].toUpperCase(),
    reason: rec['reason'],
    ...(isRecord(gate) && typeof gate['decidedBy'] === 'string' ? { decidedBy: gate['decidedBy'] } : {}),
    ...(metric ? { metric } : {}),
    ...(primary ? { base: numOrNull(primary['base']), candidate: numOrNull(primary['candidate']), delta: numOrNull(primary['delta']), ci } : {}),
    ...(typeof json['dataset'] === 'string' ? { dataset: json['dataset'] } : {}),
  };
}

async function runSet(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    model: { type: 'string' },
    version: { type: 'string' },
    label: { type: 'string' },
    'base-path': { type: 'string' },
    'model-platform': { type: 'string' },
    'both-steps': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    verdict: { type: 'string' },
    format: { type: 'string' },
  });
  const format = formatOf(values.format);
  if (positionals.length !== 1) throw new UsageError('give one config file (e.g. models.config)');
  const file = path.resolve(io.cwd, positionals[0]!);
  if (!values.model) throw new UsageError('--model <name> is required');
  const version = intOption('version', values.version, 0);
  if (version === undefined) throw new UsageError('--version <n> is required');
  const verdict = values.verdict ? await verdictFrom(path.resolve(io.cwd, values.verdict)) : undefined;
  const current = await readServingConfigFile(file);
  const plan = planRollback(current?.text, {
    modelName: values.model,
    toVersion: version,
    file,
    ...(values.label !== undefined ? { label: values.label } : {}),
    ...(values['base-path'] !== undefined ? { basePath: path.resolve(io.cwd, values['base-path']) } : {}),
    ...(values['model-platform'] !== undefined ? { modelPlatform: values['model-platform'] } : {}),
  });
  const firstStepOnly = plan.twoStep && !values['both-steps'];
  const text = firstStepOnly ? plan.intermediateText! : plan.text;
  const wrote = plan.changed && !values['dry-run'];
  if (wrote) {
    await writeServingConfigFile(file, text);
    if (!firstStepOnly) {
      await appendAuditLine(auditLogPathFor(file), {
        time: new Date().toISOString(),
        model: values.model,
        label: plan.label,
        from: plan.from,
        to: plan.to,
        ...(verdict ? { verdict } : {}),
        config: file,
      });
    }
  }
  const next = firstStepOnly
    ? `Step 1 ${wrote ? 'written' : 'not written (dry run)'}. Once TF Serving has loaded version ${version}, run this command again to move the label (or pass --both-steps).`
    : undefined;
  if (format === 'json') {
    writeJson(io, { file, changed: plan.changed, wrote, step: firstStepOnly ? 1 : plan.twoStep ? 2 : 1, twoStep: plan.twoStep, from: plan.from, to: plan.to, label: plan.label, steps: plan.steps, ...(values['dry-run'] ? { text } : {}) });
  } else {
    for (const s of plan.steps) io.stdout.write(`${s}\n`);
    if (values['dry-run'] && plan.changed) io.stdout.write(`\n--- ${file} (not written: dry run)\n${text}`);
    if (next) io.stdout.write(`${next}\n`);
    else if (wrote) io.stdout.write(`wrote ${file}; recorded in ${auditLogPathFor(file)}\n`);
  }
  return ExitCode.ok;
}

async function runShow(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' } });
  const format = formatOf(values.format);
  if (positionals.length !== 1) throw new UsageError('give one config file (e.g. models.config)');
  const file = path.resolve(io.cwd, positionals[0]!);
  const current = await readServingConfigFile(file);
  if (!current) throw new FacetwiseError('SERVING_CONFIG_NOT_FOUND', 'no such config file', { file });
  const models = servingModels(current.config);
  const audit = await readAuditLog(auditLogPathFor(file));
  if (format === 'json') {
    writeJson(io, { file, models, history: audit.entries, issues: audit.issues });
    return ExitCode.ok;
  }
  const policy = (m: (typeof models)[number]): string =>
    m.policy.kind === 'specific' ? `specific ${m.policy.versions.join(', ')}` : m.policy.kind === 'latest' ? `latest ${m.policy.numVersions}` : 'all';
  io.stdout.write(
    table(
      ['model', 'base_path', 'serves', 'labels'],
      models.map((m) => [m.name, m.basePath, policy(m), m.labels.map((l) => `${l.label}=${l.version}`).join(', ')]),
    ),
  );
  if (audit.entries.length > 0) {
    io.stdout.write('\nroll backs:\n');
    io.stdout.write(
      table(
        ['time', 'model', 'label', 'from', 'to', 'verdict'],
        audit.entries.map((e) => [e.time, e.model, e.label, e.from === null ? '-' : String(e.from), String(e.to), e.verdict?.decision ?? '']),
      ),
    );
  }
  return ExitCode.ok;
}

export const servingConfigSetCommand: CliCommand = {
  name: 'serving-config set',
  summary: 'Point a TF Serving config label at a model version (roll back)',
  usage: setUsage,
  run: runSet,
};

export const servingConfigShowCommand: CliCommand = {
  name: 'serving-config show',
  summary: 'What a TF Serving model config serves, and its roll backs',
  usage: showUsage,
  run: runShow,
};
