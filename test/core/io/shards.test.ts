import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FacetwiseError } from '../../../src/core/data/issues.js';
import { dataFileKind, expandInputs } from '../../../src/core/io/shards.js';

const repoRoot = resolve(__dirname, '../../..');
const taxiDir = resolve(repoRoot, '../shared/data/taxi-tfrecord');

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'facetwise-shards-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function touch(...parts: string[]): string {
  const file = join(dir, ...parts);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, 'x');
  return file;
}

const isError = (code: string) => (e: unknown) => e instanceof FacetwiseError && e.code === code;

describe('expandInputs', () => {
  it('expands the taxi split folders into their 12 shards, sorted', async () => {
    for (const split of ['Split-train', 'Split-eval', 'unlabelled']) {
      const folder = join(taxiDir, split);
      const files = await expandInputs([folder]);
      const expected = Array.from({ length: 12 }, (_, i) => join(folder, `data_tfrecord-${String(i).padStart(5, '0')}-of-00012.gz`));
      assert.deepEqual(files, expected);
    }
  });

  it('expands a relative glob against cwd, and ** across folders', async () => {
    const files = await expandInputs(['Split-eval/*-0000[0-2]-*.gz'], { cwd: taxiDir });
    assert.deepEqual(files.map((f) => relative(taxiDir, f)), [0, 1, 2].map((i) => join('Split-eval', `data_tfrecord-0000${i}-of-00012.gz`)));
    const all = await expandInputs([join(taxiDir, '**', '*.gz')]);
    assert.equal(all.length, 36);
    assert.deepEqual(all, [...all].sort());
  });

  it('takes a file as is and keeps input order, dropping duplicates', async () => {
    const b = touch('order', 'b.tfrecord');
    const a = touch('order', 'a.tfrecord');
    const files = await expandInputs([b, join(dir, 'order'), a]);
    assert.deepEqual(files, [b, a]);
  });

  it('skips hidden files, markers and metadata in a folder; sorts numerically', async () => {
    const names = ['part-10.tfrecord', 'part-2.tfrecord', 'part-1.tfrecord'];
    for (const n of names) touch('mixed', n);
    touch('mixed', '.hidden.tfrecord');
    touch('mixed', '_SUCCESS');
    touch('mixed', 'schema.pbtxt');
    touch('mixed', 'meta.json');
    touch('mixed', 'FeatureStats.pb');
    touch('mixed', 'nested', 'part-0.tfrecord');
    const files = await expandInputs([join(dir, 'mixed')]);
    assert.deepEqual(files, ['part-1.tfrecord', 'part-2.tfrecord', 'part-10.tfrecord'].map((n) => join(dir, 'mixed', n)));
  });

  it('keeps the dominant data kind of a folder, and takes unrecognized names when nothing is recognized', async () => {
    touch('kinds', 'a.csv');
    touch('kinds', 'b.csv.gz');
    touch('kinds', 'c.tfrecord');
    touch('kinds', 'notes');
    assert.deepEqual(await expandInputs([join(dir, 'kinds')]), [join(dir, 'kinds', 'a.csv'), join(dir, 'kinds', 'b.csv.gz')]);
    touch('beam', 'part-00000-of-00002');
    touch('beam', 'part-00001-of-00002');
    touch('beam', 'schema.pbtxt');
    assert.deepEqual(
      await expandInputs([join(dir, 'beam')]),
      [join(dir, 'beam', 'part-00000-of-00002'), join(dir, 'beam', 'part-00001-of-00002')],
    );
  });

  it('follows a symlink to a file inside a folder', async () => {
    const target = touch('linked-target', 'real.tfrecord');
    mkdirSync(join(dir, 'links'));
    symlinkSync(target, join(dir, 'links', 'link.tfrecord'));
    assert.deepEqual(await expandInputs([join(dir, 'links')]), [join(dir, 'links', 'link.tfrecord')]);
  });

  it('applies the skip rules to glob matches too', async () => {
    touch('globbed', 'x-1.gz');
    touch('globbed', 'x-2.gz');
    touch('globbed', 'x.json');
    touch('globbed', '.x-3.gz');
    const files = await expandInputs([join(dir, 'globbed', '*')]);
    assert.deepEqual(files, [join(dir, 'globbed', 'x-1.gz'), join(dir, 'globbed', 'x-2.gz')]);
    assert.deepEqual(readdirSync(join(dir, 'globbed')).length, 4);
  });

  it('fails clearly on a missing input, an empty folder and a pattern matching nothing', async () => {
    await assert.rejects(expandInputs([join(dir, 'missing.tfrecord')]), isError('INPUT_NOT_FOUND'));
    mkdirSync(join(dir, 'empty'));
    touch('empty', 'only.json');
    await assert.rejects(expandInputs([join(dir, 'empty')]), isError('INPUT_EMPTY'));
    await assert.rejects(expandInputs([join(dir, 'nothing', '*.gz')]), isError('INPUT_EMPTY'));
  });
});

describe('dataFileKind', () => {
  it('recognizes kinds through compression suffixes', () => {
    assert.equal(dataFileKind('data_tfrecord-00000-of-00012.gz'), 'tfrecord');
    assert.equal(dataFileKind('train.tfrecords'), 'tfrecord');
    assert.equal(dataFileKind('x.TFRecord.GZ'), 'tfrecord');
    assert.equal(dataFileKind('train.csv'), 'csv');
    assert.equal(dataFileKind('train.csv.gz'), 'csv');
    assert.equal(dataFileKind('train.tsv'), 'tsv');
    assert.equal(dataFileKind('part-00000'), 'other');
  });
});
