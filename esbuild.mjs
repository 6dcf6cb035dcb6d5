// Bundles every runnable piece of Facetwise into dist/. Targets whose entry file does not exist yet are skipped,
// so the build has a place for each surface from the start.
//   node esbuild.mjs            one production build
//   node esbuild.mjs --watch    rebuild on change
//   node esbuild.mjs --dev      with source maps, unminified
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

/**
 * The CLI's model commands live in dist/cliModels.js (src/cli/commands/modelCommands.ts): commands/index.ts loads
 * them lazily, and here those imports become a require of that bundle, so the CLI itself carries no model runtime.
 */
const MODEL_COMMANDS = /^\.\/(compareModels|evaluate|explain|modelInit|predict)\.js$/;
const modelCommandsApart = {
  name: 'model-commands-apart',
  setup(build) {
    build.onResolve({ filter: MODEL_COMMANDS }, (args) =>
      args.importer.replace(/\\/g, '/').endsWith('src/cli/commands/index.ts') ? { path: './cliModels.js', external: true } : undefined,
    );
  },
};

/** @type {Array<{ name: string; entry: string; outfile: string; platform: 'node' | 'browser'; plugins?: import('esbuild').Plugin[] }>} */
const targets = [
  { name: 'cli', entry: 'src/cli/main.ts', outfile: 'dist/cli.js', platform: 'node', plugins: [modelCommandsApart] },
  { name: 'cli model commands', entry: 'src/cli/commands/modelCommands.ts', outfile: 'dist/cliModels.js', platform: 'node' },
  { name: 'worker', entry: 'src/worker/worker.ts', outfile: 'dist/worker.js', platform: 'node' },
  { name: 'stats worker', entry: 'src/worker/statsWorker.ts', outfile: 'dist/statsWorker.js', platform: 'node' },
  { name: 'extension', entry: 'src/extension/extension.ts', outfile: 'dist/extension.js', platform: 'node' },
  { name: 'overview webview', entry: 'webview/overview/main.ts', outfile: 'dist/webview/overview.js', platform: 'browser' },
  { name: 'datapoint webview', entry: 'webview/datapoint/main.ts', outfile: 'dist/webview/datapoint.js', platform: 'browser' },
  { name: 'compare webview', entry: 'webview/compare/main.ts', outfile: 'dist/webview/compare.js', platform: 'browser' },
  { name: 'models webview', entry: 'webview/models/main.ts', outfile: 'dist/webview/models.js', platform: 'browser' },
  { name: 'schema editor webview', entry: 'webview/schemaEditor/main.ts', outfile: 'dist/webview/schemaEditor.js', platform: 'browser' },
];

const common = {
  bundle: true,
  sourcemap: dev ? 'linked' : false,
  minify: !dev,
  logLevel: 'info',
  legalComments: 'none',
};

/**
 * Resolves some packages to their CommonJS build even where they are imported: their ESM builds call
 * createRequire(import.meta.url), which breaks once bundled to CommonJS (import.meta is empty there).
 */
const preferCommonJs = {
  name: 'prefer-commonjs',
  setup(build) {
    build.onResolve({ filter: /^(fdir|onnxruntime-web)$/ }, (args) =>
      args.kind === 'require-call' ? undefined : build.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir }),
    );
  },
};

const builds = [];
for (const t of targets) {
  if (!existsSync(t.entry)) continue;
  const options = {
    ...common,
    entryPoints: [t.entry],
    outfile: t.outfile,
    platform: t.platform,
    format: t.platform === 'node' ? 'cjs' : 'iife',
    target: t.platform === 'node' ? 'node20' : 'es2022',
    // vscode is provided by the host; tfjs-node(-gpu) are optional native backends users install themselves.
    external: t.platform === 'node' ? ['vscode', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'] : [],
    plugins: t.platform === 'node' ? [preferCommonJs, ...(t.plugins ?? [])] : [],
  };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    builds.push(esbuild.build(options));
  }
}
await Promise.all(builds);

// tfjs's wasm backend loads its .wasm files from beside the bundle (see src/core/model/backend.ts).
const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
if (existsSync(wasmDir)) {
  mkdirSync('dist', { recursive: true });
  for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(wasmDir, f), join('dist', f));
}

// onnxruntime-web's wasm build (SIMD, one thread) and its loader, beside the bundle (see src/core/model/onnx/onnxRuntime.ts);
// and the build of its WebGPU bundle (asyncify, its loader inlined), which the datapoint editor's webview loads for
// ONNX versions on WebGPU and on wasm (webview/datapoint/onnxWebModel.ts).
const ortDir = 'node_modules/onnxruntime-web/dist';
for (const f of ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.asyncify.wasm']) {
  if (existsSync(join(ortDir, f))) copyFileSync(join(ortDir, f), join('dist', f));
}
