/**
 * A model folder with three versions for the many-version tests: taxi_model's 1 and 2 copied, and a 3 that is
 * version 1 with its output bias shifted (a copy that is only slightly miscalibrated: worse log loss, the same
 * ranking, so AUC is unchanged). Written to a temporary folder; the fixtures are never touched.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtureModel } from './reference.js';

/** Adds `shift` to the last float32 of the weights file: taxi_model's last weight is the output unit's bias. */
export function writeShiftedVersion(from: string, to: string, shift: number): void {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) copyFileSync(path.join(from, f), path.join(to, f));
  const weights = path.join(to, 'group1-shard1of1.bin');
  const bytes = readFileSync(weights);
  const at = bytes.length - 4;
  bytes.writeFloatLE(bytes.readFloatLE(at) + shift, at);
  writeFileSync(weights, bytes);
}

/** `<tmp>/taxi_model` with versions 1, 2 and 3 (3 = 1 with the output bias + `shift`). */
export function threeVersionModel(shift = 0.4): string {
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'facetwise-three-')), 'taxi_model');
  for (const v of ['1', '2']) {
    mkdirSync(path.join(root, v), { recursive: true });
    for (const f of readdirSync(path.join(fixtureModel, v))) copyFileSync(path.join(fixtureModel, v, f), path.join(root, v, f));
  }
  writeShiftedVersion(path.join(fixtureModel, '1'), path.join(root, '3'), shift);
  return root;
}
