/**
 * The checks on a restored overview panel's saved state: the webview is not trusted, so a path from it is used
 * only when the host opened an overview of it, it is absolute and normalized, and it is still a dataset.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, sep } from 'node:path';
import { after, describe, test } from 'node:test';
import type * as vscode from 'vscode';
import { RecentOverviewDatasets, checkRestoredDataset, datasetPathOfState, isPlainAbsolutePath } from '../../../src/extension/overview/overviewRestoreState.js';
import { tempDir } from '../engineKit.js';

const tmp = tempDir('facetwise-restore-');
after(() => tmp.cleanup());

/** A Memento backed by a Map, as workspaceState behaves within one session. */
function memento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, defaultValue?: T): T | undefined => (values.has(key) ? (values.get(key) as T) : defaultValue),
    update: async (key: string, value: unknown) => {
      values.set(key, value);
    },
  } as vscode.Memento;
}

describe('datasetPathOfState', () => {
  test('reads the dataset field of the saved state and nothing else', () => {
    assert.equal(datasetPathOfState({ version: 1, filter: '', dataset: '/data/eval.csv' }), '/data/eval.csv');
    assert.equal(datasetPathOfState({ version: 1 }), undefined);
    assert.equal(datasetPathOfState({ dataset: '' }), undefined);
    assert.equal(datasetPathOfState({ dataset: ['/data/eval.csv'] }), undefined);
    assert.equal(datasetPathOfState({ dataset: 42 }), undefined);
    assert.equal(datasetPathOfState('/data/eval.csv'), undefined);
    assert.equal(datasetPathOfState(null), undefined);
    assert.equal(datasetPathOfState(undefined), undefined);
  });
});

describe('isPlainAbsolutePath', () => {
  test('accepts absolute normalized paths and refuses relative, dotted, NUL-bearing or huge ones', () => {
    const abs = join(tmp.root, 'eval.csv');
    assert.equal(isPlainAbsolutePath(abs), true);
    assert.equal(isPlainAbsolutePath('eval.csv'), false);
    assert.equal(isPlainAbsolutePath(`.${sep}eval.csv`), false);
    assert.equal(isPlainAbsolutePath(`${tmp.root}${sep}x${sep}..${sep}eval.csv`), false);
    assert.equal(isPlainAbsolutePath(`${tmp.root}${sep}.${sep}eval.csv`), false);
    assert.equal(isPlainAbsolutePath(`${tmp.root}${sep}${sep}eval.csv`), false);
    assert.equal(isPlainAbsolutePath(`${abs}\u0000.csv`), false);
    assert.equal(isPlainAbsolutePath(`${sep}${'a'.repeat(5000)}.csv`), false);
  });
});

describe('checkRestoredDataset', () => {
  const csv = tmp.file('data/eval.csv', 'a,b\n1,2\n');
  const tsv = tmp.file('data/serving.tsv', 'a\tb\n1\t2\n');
  const shard = tmp.file('data/shards/part-00000-of-00001.tfrecord.gz', new Uint8Array([0]));
  const folder = join(tmp.root, 'data', 'shards');
  const secret = tmp.file('data/id_rsa', 'not data');
  const known = [csv, tsv, shard, folder, secret];

  test('accepts the datasets the host opened, with their kind', async () => {
    assert.deepEqual(await checkRestoredDataset({ dataset: csv }, known), { ok: true, path: csv, kind: 'csv' });
    assert.deepEqual(await checkRestoredDataset({ dataset: tsv, filter: 'x' }, known), { ok: true, path: tsv, kind: 'tsv' });
    assert.deepEqual(await checkRestoredDataset({ dataset: shard }, known), { ok: true, path: shard, kind: 'tfrecord' });
    assert.deepEqual(await checkRestoredDataset({ dataset: folder }, known), { ok: true, path: folder, kind: 'folder' });
  });

  test('refuses a state without a dataset, a relative path, or an unnormalized one (even if listed)', async () => {
    const dotted = `${tmp.root}${sep}data${sep}x${sep}..${sep}eval.csv`;
    const relative = join('data', 'eval.csv');
    for (const state of [undefined, {}, { dataset: 7 }, { dataset: relative }, { dataset: dotted }]) {
      const check = await checkRestoredDataset(state, [...known, dotted, relative]);
      assert.equal(check.ok, false, JSON.stringify(state));
    }
  });

  test('refuses an existing dataset the host never opened an overview of', async () => {
    const other = tmp.file('data/other.csv', 'a\n1\n');
    const check = await checkRestoredDataset({ dataset: other }, known);
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.reason, /not a dataset an overview was opened for/);
  });

  test('refuses a known path that is not a dataset kind, or is gone', async () => {
    const notData = await checkRestoredDataset({ dataset: secret }, known);
    assert.equal(notData.ok, false);
    assert.match(notData.ok ? '' : notData.reason, /not a dataset Facetwise reads/);
    const gone = join(tmp.root, 'data', 'deleted.csv');
    const missing = await checkRestoredDataset({ dataset: gone }, [...known, gone]);
    assert.equal(missing.ok, false);
    assert.match(missing.ok ? '' : missing.reason, /no longer exists/);
  });

  test('refuses a known dataset name that is neither a file nor a folder (a FIFO)', { skip: process.platform === 'win32' }, async () => {
    const fifo = join(tmp.root, 'data', 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const check = await checkRestoredDataset({ dataset: fifo }, [fifo]);
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.reason, /neither a file nor a folder/);
  });
});

describe('RecentOverviewDatasets', () => {
  test('remembers paths most recent last, without duplicates, bounded', async () => {
    const recent = new RecentOverviewDatasets(memento(), 3);
    assert.deepEqual(recent.list(), []);
    await recent.remember('/a.csv');
    await recent.remember('/b.csv');
    await recent.remember('/a.csv');
    assert.deepEqual(recent.list(), ['/b.csv', '/a.csv']);
    await recent.remember('/c.csv');
    await recent.remember('/d.csv');
    assert.deepEqual(recent.list(), ['/a.csv', '/c.csv', '/d.csv']);
  });

  test('ignores a malformed stored value', async () => {
    const state = memento();
    await state.update('facetwise.overviewPanelDatasets', ['/a.csv', 3, null, '/b.csv']);
    assert.deepEqual(new RecentOverviewDatasets(state).list(), ['/a.csv', '/b.csv']);
    await state.update('facetwise.overviewPanelDatasets', { '/a.csv': true });
    assert.deepEqual(new RecentOverviewDatasets(state).list(), []);
  });
});
