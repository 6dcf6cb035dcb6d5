// Builds what the integration run loads: the extension bundle (dist/extension.js, as esbuild.mjs builds it) and
// the test bundles the extension host runs (dist/test/integration/runner.js + suite/*.test.js).
// The extension is built here rather than by `node esbuild.mjs` so a work-in-progress elsewhere (CLI, worker,
// webviews) cannot stop the extension's own tests; the options mirror esbuild.mjs's node targets.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { distTestDir, repoRoot } from './paths.js';

const nodeTarget: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  // vscode comes from the extension host; mocha is loaded from node_modules so runner and tests share one instance.
  external: ['vscode', 'mocha', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'],
};

function listTestEntries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listTestEntries(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** Runs `npm run gen`: generated protobuf code is not committed, and a stale copy would hide proto changes. */
function generate(): void {
  const r = spawnSync('npm', ['run', 'gen'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run gen failed');
}

export async function buildForIntegration(): Promise<void> {
  generate();
  await build({ ...nodeTarget, entryPoints: [join(repoRoot, 'src', 'extension', 'extension.ts')], outfile: join(repoRoot, 'dist', 'extension.js') });

  rmSync(distTestDir, { recursive: true, force: true });
  const integrationSrc = join(repoRoot, 'test', 'integration');
  await build({ ...nodeTarget, entryPoints: [join(integrationSrc, 'runner', 'index.ts')], outfile: join(distTestDir, 'runner.js') });
  const suites = listTestEntries(join(integrationSrc, 'suite'));
  if (suites.length === 0) throw new Error('no test/integration/suite/**/*.test.ts files');
  // One bundle per test file, keeping the folder layout: suite/a/b.test.ts → dist/test/integration/suite/a/b.test.js
  await build({
    ...nodeTarget,
    entryPoints: suites,
    outbase: join(integrationSrc, 'suite'),
    outdir: join(distTestDir, 'suite'),
  });
}
