/** The model engine's public surface: loading, backend choice, feature specs, prediction, explanation, evaluation. */
export type { BackendChoice, BackendName, BackendOptions, BackendReport } from './backend.js';
export { currentBackend, parseBackendChoice, selectBackend } from './backend.js';
export type { LoadedModel, LoadHints, ModelRuntime } from './runtime.js';
export { tfjsRuntime } from './tfjsRuntime.js';
export { fileSystemIoHandler, loadModelArtifacts, saveModelArtifacts } from './fileSystemIoHandler.js';
export type { ModelFolder, ModelVersion } from './modelFolder.js';
export { pickVersion, resolveModelFolder } from './modelFolder.js';
export type { OpenedModel, OpenModelOptions } from './openModel.js';
export { defaultRuntimes, modelLabel, openModel, openModelVersion } from './openModel.js';
export type { FeatureSpec, FeatureSpecEntry, FeatureTransformSpec, LabelSpec, ModelTask } from './featureSpec.js';
export { FEATURE_SPEC_FILE, readFeatureSpec, validateFeatureSpec, writeFeatureSpec } from './featureSpec.js';
export type { ExampleRecord, FeatureBlock, RecordValue, RowProblem } from './featureTransform.js';
export { FeatureTransform } from './featureTransform.js';
export { LabelReader } from './labels.js';
export type { FeatureSummary, TopValue } from './featureSummary.js';
export { summarizeRows } from './featureSummary.js';
export type { SpecInitOptions, TransformKind } from './specInit.js';
export { deriveFeatureSpec } from './specInit.js';
export type { PredictionChunk, PredictOptions, RowSource } from './batchPrediction.js';
export { predictRows } from './batchPrediction.js';
export type { BatchPredictionSummary } from './predictionCsv.js';
export { predictDatasetToCsv } from './predictionCsv.js';
export type { RealtimePrediction, RealtimePredictor } from './realtimePredictor.js';
export { createRealtimePredictor } from './realtimePredictor.js';
export type { FeatureAttribution, IntegratedGradientsOptions, IntegratedGradientsResult } from './integratedGradients.js';
export { integratedGradients } from './integratedGradients.js';
export type { FeatureImportance, PermutationImportanceOptions, PermutationImportanceReport } from './permutationImportance.js';
export { permutationImportance } from './permutationImportance.js';
export type { PartialDependenceOptions, PartialDependenceReport } from './partialDependence.js';
export { partialDependence } from './partialDependence.js';
export type { BinaryMetrics, MetricName, MulticlassMetrics, RegressionMetrics, TaskMetrics } from './metrics.js';
export type { EvaluateOptions, EvaluationReport, SliceMetrics } from './evaluation.js';
export { evaluateModel } from './evaluation.js';
export type { CompareOptions, ComparisonReport, Decision, ManyComparisonReport } from './compareVersions.js';
export { compareManyVersions, compareVersions } from './compareVersions.js';
export type { PredictionSkewOptions, PredictionSkewReport } from './predictionSkew.js';
export { predictionSkew } from './predictionSkew.js';
export type { ChangeDirection, ChangeThreshold, CheckStatus, GateCheck, GateConfig, GateDecision, GateInput, GateResult, MetricGate } from './modelGate.js';
export { defaultGate, evaluateGate, mergeMetricGates, parseGateConfig, parseThresholdFlag } from './modelGate.js';
export type { DiscoveredModel, DiscoverOptions, ModelFormat, VersionDescription, VersionInputs, VersionProblem } from './modelDiscovery.js';
export { describeVersion, discoverModels, globToRegExp } from './modelDiscovery.js';
export type { AuditEntry, AuditVerdict, RollbackPlan, RollbackRequest, ServedModel, ServingConfig, VersionPolicy } from './servingConfig.js';
export {
  appendAuditLine,
  auditLogPathFor,
  planRollback,
  printServingConfig,
  readAuditLog,
  readServingConfig,
  readServingConfigFile,
  servedVersionNumbers,
  servedVersions,
  servingModels,
  writeServingConfigFile,
} from './servingConfig.js';
