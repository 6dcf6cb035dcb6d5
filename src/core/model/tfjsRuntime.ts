/** The TensorFlow.js runtime: Layers models and Graph models (`model.json` + shards) read from disk. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FacetwiseError } from '../data/issues.js';
import { MODEL_JSON, loadModelArtifacts } from './fileSystemIoHandler.js';
import type { ModelRuntime } from './runtime.js';
import { isLayersTopology, loadGraph, loadLayers } from './tfjsModel.js';

export const tfjsRuntime: ModelRuntime = {
  name: 'tfjs',
  async canLoad(dir) {
    try {
      return (await fs.stat(path.join(dir, MODEL_JSON))).isFile();
    } catch {
      return false;
    }
  },
  async load(dir, hints = {}) {
    const artifacts = await loadModelArtifacts(dir);
    const layers = isLayersTopology(artifacts);
    try {
      return layers ? await loadLayers(artifacts, hints) : await loadGraph(artifacts, hints);
    } catch (err) {
      if (err instanceof FacetwiseError) throw err;
      throw new FacetwiseError(
        'MODEL_LOAD_FAILED',
        `TensorFlow.js could not build the ${layers ? 'layers' : 'graph'} model: ${err instanceof Error ? err.message : String(err)}`,
        { file: path.join(dir, MODEL_JSON) },
      );
    }
  },
};
