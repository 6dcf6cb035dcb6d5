/**
 * The model half of `npm run demo`: trains two small versions of the "big tipper" model on a generated sample
 * (version 2 without payment_type; deterministic, seconds), laid out as TF Serving lays them out, then compares
 * them on the demo's dataset and prints the verdict, and the roll back a user would write.
 *
 *   npx tsx scripts/demoModels.ts [--train .sample/taxi_train.csv] [--data .sample/taxi.csv] [--out .sample/models/taxi_model]
 */
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { trainTaxiModels } from './trainTaxiModel.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function demo(): Promise<number> {
  const root = path.resolve(__dirname, '..');
  const train = path.resolve(arg('--train', path.join(root, '.sample/taxi_train.csv')));
  const data = path.resolve(arg('--data', path.join(root, '.sample/taxi.csv')));
  const out = path.resolve(arg('--out', path.join(root, '.sample/models/taxi_model')));
  const started = performance.now();
  await rm(out, { recursive: true, force: true });
  const versions = await trainTaxiModels({ data: train, out, epochs: 4 });
  for (const v of versions) console.log(`trained ${path.relative(root, v.dir)} (features: ${v.features.join(', ')}; train accuracy ${v.trainAccuracy.toFixed(3)})`);
  console.log(`in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  // The CLI a user runs (dist/, built by `npm run build`), in its own process: its default backend, not the
  // training's cpu one.
  const cli = (args: string[]): number => {
    console.log(`$ facetwise ${args.join(' ')}`);
    return spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), ...args], { cwd: root, stdio: 'inherit' }).status ?? 1;
  };
  const model = path.relative(root, out);
  const code = cli(['compare-models', model, path.relative(root, data), '--slice', 'payment_type', '--replicates', '100', '--attribution-rows', '100', '--format', 'text']);
  // 3 is the verdict "roll back", which is what this demo shows; only 1 and 2 are failures.
  if (code !== 0 && code !== 3) return code;
  const config = path.join(path.dirname(out), 'models.config');
  await rm(config, { force: true });
  await rm(`${config}.audit.jsonl`, { force: true });
  console.log('');
  return cli(['serving-config', 'set', path.relative(root, config), '--model', 'taxi_model', '--version', '1', '--base-path', model, '--both-steps']);
}

demo().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
