// Enforces the architecture's import rules (../shared/DESIGN.md): dependencies point one way,
//   webview → protocol ← extension → core,  worker → core,  cli → core (+ worker pool).
// Only src/extension may import `vscode`; src/core imports neither `vscode`, the DOM-side code, nor any other layer,
// and inside core a floor imports only lower floors.
// Also the code rules a reviewer would otherwise check by eye: no default exports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);

/** Which top-level areas each area may import from (its own area is always allowed). */
const allowed = {
  'src/core': [],
  'src/protocol': ['src/core'],
  'src/worker': ['src/core', 'src/protocol'],
  'src/cli': ['src/core', 'src/worker', 'src/protocol'],
  'src/extension': ['src/core', 'src/worker', 'src/protocol'],
  webview: ['src/protocol', 'src/core/proto/gen'],
};

/**
 * Core files a webview may bundle: the one feature transform and what in-webview inference shares with the host
 * (datapoint editor), so the webview never re-implements them. They, and the core files they import, must stay
 * free of Node and `vscode` (checked below).
 */
const webviewCore = [
  'src/core/data/issues.ts',
  'src/core/data/job.ts',
  'src/core/model/backendChoice.ts',
  'src/core/model/blockColumns.ts',
  'src/core/model/cellValues.ts',
  'src/core/model/counterfactual.ts',
  'src/core/model/exampleSession.ts',
  'src/core/model/featureSpecTypes.ts',
  'src/core/model/featureTransform.ts',
  'src/core/model/iceCurves.ts',
  'src/core/model/integratedGradients.ts',
  'src/core/model/modelOutputs.ts',
  'src/core/model/finiteDifferences.ts',
  'src/core/model/namedInputHints.ts',
  'src/core/model/onnx/onnxGraph.ts',
  'src/core/model/onnx/onnxSession.ts',
  'src/core/proto/gen/onnx/onnx_pb.ts',
  'src/core/model/runtime.ts',
  'src/core/model/tfjsModel.ts',
];

/**
 * Core's floors, lowest first: a floor may import only floors below it (validate and compare share one).
 * Keeps the engine layered the way DESIGN.md draws it.
 */
const coreFloors = { data: 0, proto: 1, io: 2, stats: 3, schema: 4, validate: 5, compare: 5, model: 6 };
const floorOf = (rel) => {
  const m = /^src\/core\/([^/]+)\//.exec(rel);
  return m ? coreFloors[m[1]] : undefined;
};

const relPath = (file) => relative(root, file).split(sep).join('/');

function areaOf(file) {
  const rel = relPath(file);
  for (const area of Object.keys(allowed)) if (rel === area || rel.startsWith(area + '/')) return area;
  return undefined;
}

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files(full, out);
    else if (/\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const problems = [];
const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g;
for (const file of [...files(join(root, 'src')), ...files(join(root, 'webview'))]) {
  const area = areaOf(file);
  if (!area || relPath(file).startsWith('src/core/proto/gen/')) continue;
  const text = readFileSync(file, 'utf8');
  const rel = relative(root, file);
  if (/^\s*export\s+default\b/m.test(text)) problems.push(`${rel}: default export (use named exports)`);
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2];
    if (spec === 'vscode' && area !== 'src/extension') problems.push(`${rel}: imports 'vscode' (only src/extension may)`);
    if (!spec.startsWith('.')) continue;
    const targetPath = relPath(resolve(dirname(file), spec));
    const target = areaOf(resolve(dirname(file), spec));
    const from = floorOf(relPath(file));
    const to = floorOf(targetPath);
    if (from !== undefined && to !== undefined && to > from)
      problems.push(`${rel}: imports ${spec}, a higher floor of core (data → proto → io → stats → schema → validate/compare → model)`);
    if (!target || target === area) continue;
    const ok =
      allowed[area].some((prefix) => targetPath === prefix || targetPath.startsWith(prefix + '/')) ||
      (area === 'webview' && webviewCore.includes(targetPath.replace(/\.js$/, '.ts')));
    if (!ok) problems.push(`${rel}: imports ${spec} (${target}); ${area} may import only ${allowed[area].join(', ') || 'itself'}`);
  }
}
for (const rel of webviewCore) {
  const text = readFileSync(join(root, rel), 'utf8');
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2];
    if (/^node:/.test(spec) || spec === 'vscode') problems.push(`${rel}: imports ${spec}, but webviews bundle this file (webviewCore)`);
    if (spec.startsWith('.') && !/^import\s+type\b/.test(m[0].trim())) {
      const dep = relPath(resolve(dirname(join(root, rel)), spec)).replace(/\.js$/, '.ts');
      if (!webviewCore.includes(dep)) problems.push(`${rel}: imports ${spec}, which is not in webviewCore (webviews bundle ${rel})`);
    }
  }
}
if (problems.length > 0) {
  console.error(`Architecture boundaries broken (see ../shared/DESIGN.md):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('boundaries: ok');
