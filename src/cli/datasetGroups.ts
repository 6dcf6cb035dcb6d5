/**
 * What `facetwise stats` computes for one input: one dataset, or — for a glob reaching into several folders
 * (`taxi-tfrecord/*\/data_tfrecord-0000[0-1]*`) — one dataset per folder, as TFX lays out its splits.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { groupByFolder } from '../core/io/shardFolders.js';
import { expandInputs } from '../core/io/shards.js';

export async function datasetGroups(input: string, cwd = process.cwd()): Promise<string[][]> {
  const exists = await stat(resolve(cwd, input)).then(() => true, () => false);
  if (exists || !isDynamicPattern(input.replaceAll('\\', '/'))) return [[input]];
  const groups = groupByFolder(await expandInputs([input], { cwd }));
  return groups.map((g) => [...g.files]);
}
