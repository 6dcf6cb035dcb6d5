// Builds what the integration run loads: the product exactly as shipped (`node esbuild.mjs`: extension, worker,
// webviews, wasm) and the test bundles the extension host runs (dist/test/integration/runner.js + suite/*.test.js).
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

/** `npm run build`: generated protobuf code (not committed) and every bundle the extension loads. */
function buildProduct(): void {
  const r = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

export async function buildForIntegration(): Promise<void> {
  buildProduct();

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
