import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldersToList, schemaOptions } from '../../../src/extension/schema/schemaOptions.js';

const file = (name: string) => ({ name, isFolder: false });
const folder = (name: string) => ({ name, isFolder: true });

describe('schemaOptions (the "No schema for eval.csv" question)', () => {
  test('train.csv beside eval.csv comes first, then itself, then Choose…', () => {
    const options = schemaOptions('/w/taxi/eval.csv', [{ path: '/w/taxi', entries: [file('eval.csv'), file('train.csv'), file('notes.md')] }]);
    assert.deepEqual(options, [
      { kind: 'inferFrom', path: '/w/taxi/train.csv', where: 'same folder' },
      { kind: 'self', path: '/w/taxi/eval.csv' },
      { kind: 'choose' },
    ]);
  });

  test('same kind of file first, train before training, same folder before parent, schema files nearest first', () => {
    const options = schemaOptions('/w/data/day2/eval.csv', [
      { path: '/w/data/day2', entries: [file('training.csv'), file('train.tfrecord.gz'), file('train.csv'), file('eval.csv'), file('trainer.py'), file('my_schema.pbtxt')] },
      { path: '/w/data', entries: [folder('Split-train'), file('train_all.csv'), folder('trainers')] },
      { path: '/w', entries: [file('schema.pbtxt'), file('README.md')] },
    ]);
    assert.deepEqual(
      options.map((o) => (o.kind === 'choose' ? 'choose' : `${o.kind}:${o.path}${'where' in o ? ` (${o.where})` : ''}`)),
      [
        'inferFrom:/w/data/day2/train.csv (same folder)',
        'inferFrom:/w/data/day2/training.csv (same folder)',
        'inferFrom:/w/data/day2/train.tfrecord.gz (same folder)',
        'inferFrom:/w/data/train_all.csv (parent folder)',
        'inferFrom:/w/data/Split-train (parent folder)',
        'file:/w/data/day2/my_schema.pbtxt (same folder)',
        'file:/w/schema.pbtxt (w/)',
        'self:/w/data/day2/eval.csv',
        'choose',
      ],
    );
  });

  test('validating train.csv itself does not offer to infer from train.csv', () => {
    const options = schemaOptions('/w/train.csv', [{ path: '/w', entries: [file('train.csv')] }]);
    assert.deepEqual(options.map((o) => o.kind), ['self', 'choose']);
  });

  test('foldersToList walks up to the workspace folder only', () => {
    assert.deepEqual(foldersToList('/w/a/b/x.csv', '/w'), ['/w/a/b', '/w/a', '/w']);
    assert.deepEqual(foldersToList('/w/x.csv', '/w/'), ['/w']);
    assert.deepEqual(foldersToList('/elsewhere/x.csv', '/w'), ['/elsewhere']);
    assert.deepEqual(foldersToList('/x.csv', undefined), ['/']);
  });
});
