/**
 * The registry of CLI commands, in the order `facetwise --help` lists them. Each command's module loads only when
 * it runs, so `facetwise stats` does not pay for TensorFlow.js, which the model commands need.
 */
import type { CliCommand } from '../cliIo.js';

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<CliCommand>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'stats', summary: 'Compute TFDV statistics of CSV/TSV/TFRecord datasets', load: async () => (await import('./stats.js')).statsCommand },
  { name: 'infer-schema', summary: 'Infer a schema (schema.pbtxt) from data or statistics', load: async () => (await import('./inferSchema.js')).inferSchemaCommand },
  { name: 'update-schema', summary: 'Relax a schema so that new data or statistics pass it (TFDV update_schema)', load: async () => (await import('./updateSchema.js')).updateSchemaCommand },
  { name: 'validate', summary: 'Check data or statistics against a schema (anomalies, skew, drift)', load: async () => (await import('./validate.js')).validateCommand },
  {
    name: 'feature-skew',
    summary: 'Join training and serving rows on IDs and count, per feature, values that differ (TFDV DetectFeatureSkew)',
    load: async () => (await import('./featureSkew.js')).featureSkewCommand,
  },
  { name: 'compare', summary: 'Distances between two datasets, feature by feature', load: async () => (await import('./compare.js')).compareCommand },
  { name: 'model init', summary: 'Derive a feature spec (feature_spec.json) from a dataset', load: async () => (await import('./modelInit.js')).modelInitCommand },
  { name: 'predict', summary: 'Run a model on a dataset (CSV of predictions) or on one example', load: async () => (await import('./predict.js')).predictCommand },
  { name: 'explain', summary: 'Explain predictions: integrated gradients, KernelSHAP, permutation importance, partial dependence', load: async () => (await import('./explain.js')).explainCommand },
  { name: 'evaluate', summary: 'Evaluate a model on a labelled dataset, overall and by slice', load: async () => (await import('./evaluate.js')).evaluateCommand },
  {
    name: 'compare-models',
    summary: 'Compare model versions on a dataset: deltas, slices, attributions, keep or roll back',
    load: async () => (await import('./compareModels.js')).compareModelsCommand,
  },
  { name: 'rows', summary: 'Print rows by number or by filter, through the sparse row index', load: async () => (await import('./rows.js')).rowsCommand },
  { name: 'index', summary: 'Build the sparse row index of a dataset ahead of time', load: async () => (await import('./indexRows.js')).indexCommand },
  { name: 'schema edit', summary: 'Edit a schema as the TFDV lab does: environments, skew/drift comparators, domains', load: async () => (await import('./schemaEdit.js')).schemaEditCommand },
  { name: 'serving-config set', summary: 'Point a TF Serving config label at a model version (roll back)', load: async () => (await import('./servingConfig.js')).servingConfigSetCommand },
  { name: 'serving-config show', summary: 'What a TF Serving model config serves, and its roll backs', load: async () => (await import('./servingConfig.js')).servingConfigShowCommand },
];
