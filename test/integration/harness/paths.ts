// Where things are: the repo, the built bundles the extension host loads, and where results go.
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const testResultsDir = join(repoRoot, 'test-results', 'integration');
export const distTestDir = join(repoRoot, 'dist', 'test', 'integration');
/** The mocha runner module (exports `run()`) that VS Code's extension host loads. */
export const mochaRunnerPath = join(distTestDir, 'runner.js');
export const installScript = join(repoRoot, 'scripts', 'installCodeServer.mjs');
export const sharedDataDir = resolve(repoRoot, '..', 'shared', 'data');
