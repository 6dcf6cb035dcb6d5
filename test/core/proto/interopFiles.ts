/** Paths of the files TFDV/TFX wrote (../shared/data/tfdv-interop), for the proto tests. */
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');
const interopDir = resolve(repoRoot, '../shared/data/tfdv-interop');

export const trainStatsPath = resolve(interopDir, 'train_FeatureStats.pb');
export const evalStatsPath = resolve(interopDir, 'eval_FeatureStats.pb');
export const schemaTextPath = resolve(interopDir, 'schema.pbtxt');
