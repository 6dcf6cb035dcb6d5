/**
 * The commands that run models (TensorFlow.js, ONNX Runtime), bundled apart as dist/cliModels.js: `facetwise stats`
 * and the other dataset commands then load a 0.5 MB CLI instead of compiling the model runtimes' ~2.5 MB at every
 * start (esbuild.mjs sends commands/index.ts's imports of these files here).
 */
export { compareModelsCommand } from './compareModels.js';
export { evaluateCommand } from './evaluate.js';
export { explainCommand } from './explain.js';
export { modelInitCommand } from './modelInit.js';
export { predictCommand } from './predict.js';
