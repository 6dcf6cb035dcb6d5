import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DATASET_FILE_NAME,
  datasetKindOf,
  WHEN_DATASET_FILE,
  WHEN_DELIMITED_FILE,
  WHEN_EXPLORER_DATASET,
  WHEN_OVERVIEW_EDITOR,
} from '../../src/extension/datasetKinds.js';
import { dataFileKind } from '../../src/core/io/shards.js';
import { readManifest } from './manifest.js';

/** The regex of a `key =~ /…/flags` when-clause, rebuilt the way VS Code parses the literal. */
function regexOf(clause: string): RegExp {
  const m = /=~ \/(.*)\/([a-z]*)$/.exec(clause);
  assert.ok(m, `no regex in ${clause}`);
  return new RegExp(m[1] as string, m[2]);
}

const COMMANDS = ['facetwise.validateDataset', 'facetwise.inferSchema', 'facetwise.compareWith', 'facetwise.compareSpans', 'facetwise.openOverview', 'facetwise.clearProblems'];

describe('dataset file names and kinds', () => {
  test('the when-clause regex matches dataset files and nothing else', () => {
    const re = regexOf(WHEN_DATASET_FILE);
    for (const name of ['train.csv', 'EVAL.CSV', 'x.tsv', 'a.tfrecord', 'a.tfrecords', 'a.tfrecord.gz', 'data_tfrecord-00000-of-00012.gz', 'part-0.snappy.parquet']) {
      assert.ok(re.test(name), name);
      assert.ok(DATASET_FILE_NAME.test(name), name);
    }
    for (const name of ['schema.pbtxt', 'notes.txt', 'csv', 'a.csv.bak', 'stats.pb', 'train.csvx']) assert.ok(!re.test(name), name);
    assert.deepEqual(regexOf(WHEN_DATASET_FILE), DATASET_FILE_NAME);
    assert.ok(regexOf(WHEN_DELIMITED_FILE).test('a.tsv') && !regexOf(WHEN_DELIMITED_FILE).test('a.gz'));
  });

  test('kinds: CSV/TSV by name, other data files are TFRecord, folders are folders', () => {
    assert.equal(datasetKindOf('/d/train.csv', false), 'csv');
    assert.equal(datasetKindOf('/d/x.TSV', false), 'tsv');
    assert.equal(datasetKindOf('/d/a.tfrecord', false), 'tfrecord');
    assert.equal(datasetKindOf('/d/a.tfrecord.gz', false), 'tfrecord');
    assert.equal(datasetKindOf('/d/data_tfrecord-00000-of-00012.gz', false), 'tfrecord');
    assert.equal(datasetKindOf('/d/Split-train', true), 'folder');
    assert.equal(datasetKindOf('/d/schema.pbtxt', false), undefined);
    assert.equal(datasetKindOf('/d/part-00000.snappy.parquet', false), 'parquet');
  });

  test("reads names as the engine's shard expansion does (without importing it)", () => {
    for (const name of ['a.csv', 'a.CSV.gz', 'b.tsv', 'b.tsv.gz', 'c.tfrecord', 'c.tfrecords', 'c.tfrecord.gz', 'data_tfrecord-00000-of-00012.gz', 'x.gz', 'p.parquet']) {
      const engine = dataFileKind(name);
      const ours = datasetKindOf(`/d/${name}`, false);
      assert.equal(ours, engine === 'csv' || engine === 'tsv' || engine === 'parquet' ? engine : 'tfrecord', name);
    }
  });

  test("the explorer menu's when-clauses are the ones the code defines, for every command", () => {
    const { menus } = readManifest().contributes;
    const explorer = menus['explorer/context'] ?? [];
    for (const command of ['facetwise.validateDataset', 'facetwise.openOverview', 'facetwise.inferSchema', 'facetwise.compareWith']) {
      const entry = explorer.find((e) => e.command === command);
      assert.equal(entry?.when, WHEN_EXPLORER_DATASET, command);
    }
    // Folders only where data files are (a model version folder gets no dataset commands).
    assert.match(WHEN_EXPLORER_DATASET, /^explorerResourceIsFolder && resourcePath in facetwise\.dataFolders \|\| /);
    const title = menus['editor/title'] ?? [];
    assert.ok(title.some((e) => e.command === 'facetwise.validateDataset' && e.when === `resourceScheme == file && ${WHEN_DATASET_FILE}`));
    assert.ok(title.some((e) => e.command === 'facetwise.validateDataset' && e.when === WHEN_OVERVIEW_EDITOR));
    assert.ok((menus['editor/context'] ?? []).some((e) => e.command === 'facetwise.validateDataset' && e.when === `resourceScheme == file && ${WHEN_DELIMITED_FILE}`));
    assert.ok(regexOf(WHEN_OVERVIEW_EDITOR).test('facetwise.overview') && regexOf(WHEN_OVERVIEW_EDITOR).test('facetwise.overviewDelimited'));
  });
});

describe('the manifest', () => {
  test('contributes every command under the Facetwise category and activates only on them, the overview editors and restored overview panels', () => {
    const m = readManifest();
    for (const command of COMMANDS) {
      const c = m.contributes.commands.find((x) => x.command === command);
      assert.equal(c?.category, 'Facetwise', command);
      assert.ok(m.activationEvents.includes(`onCommand:${command}`), command);
    }
    // A restored overview panel needs the extension for its serializer (src/extension/overviewPanel.ts).
    const restorePanels = 'onWebviewPanel:facetwise.overviewPanel';
    assert.ok(m.activationEvents.includes(restorePanels));
    // The Models view and restored comparison panels (src/extension/models, src/extension/compare) activate it too.
    const models = ['onView:facetwise.models', 'onWebviewPanel:facetwise.modelComparison', 'onWebviewPanel:facetwise.comparePanel'];
    // After startup (cheap: one capped file search) it sets the facetwise.dataFolders context key for the Explorer.
    const startup = 'onStartupFinished';
    assert.ok(m.activationEvents.includes(startup));
    assert.ok(m.activationEvents.every((e) => e.startsWith('onCommand:') || e.startsWith('onCustomEditor:') || e === restorePanels || e === startup || models.includes(e)), m.activationEvents.join());
    assert.ok(!m.activationEvents.some((e) => e.startsWith('workspaceContains')));
  });

  test('the overview editor is the default for TFRecord and an option for CSV/TSV', () => {
    const editors = readManifest().contributes.customEditors;
    const tfrecord = editors.find((e) => e.viewType === 'facetwise.overview');
    const delimited = editors.find((e) => e.viewType === 'facetwise.overviewDelimited');
    assert.equal(tfrecord?.priority, 'default');
    assert.deepEqual(tfrecord?.selector.map((s) => s.filenamePattern).slice(0, 3), ['*.tfrecord', '*.tfrecord.gz', '*.tfrecords']);
    assert.equal(delimited?.priority, 'option');
    assert.deepEqual(delimited?.selector.map((s) => s.filenamePattern), ['*.csv', '*.tsv']);
  });

  test('limited support in untrusted workspaces, none in virtual ones', () => {
    const { capabilities } = readManifest();
    assert.equal(capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(capabilities.untrustedWorkspaces.description ?? '', /schema/);
    const v = capabilities.virtualWorkspaces;
    assert.equal(typeof v === 'boolean' ? v : v.supported, false);
  });
});
