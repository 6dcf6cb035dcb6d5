import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeSchemaChoice, parsePairing, schemaLabel, settingOverrideNotice } from '../../../src/extension/schema/schemaChoice.js';

describe('schemaChoice', () => {
  test('what the result and the overview header say about each kind and source', () => {
    assert.equal(describeSchemaChoice({ kind: 'file', path: '/w/taxi/schema.pbtxt', source: 'setting' }, '/w/taxi/eval.csv'), 'schema.pbtxt (from setting)');
    assert.equal(describeSchemaChoice({ kind: 'file', path: '/w/schema.pbtxt', source: 'found beside' }, '/w/eval.csv'), 'schema.pbtxt (found beside)');
    assert.equal(describeSchemaChoice({ kind: 'inferFrom', path: '/w/train.csv', source: 'chosen' }, '/w/eval.csv'), 'a schema inferred from train.csv (chosen)');
    assert.equal(schemaLabel({ kind: 'self' }, '/w/eval.csv'), 'a schema inferred from eval.csv itself');
  });

  test('pairings read back from workspace state are checked', () => {
    assert.deepEqual(parsePairing({ kind: 'file', path: '/s.pbtxt' }), { kind: 'file', path: '/s.pbtxt' });
    assert.deepEqual(parsePairing({ kind: 'self', path: 'ignored' }), { kind: 'self' });
    for (const bad of [null, 'x', { kind: 'file' }, { kind: 'file', path: '' }, { kind: 'other', path: '/x' }, { kind: 'inferFrom', path: 3 }]) assert.equal(parsePairing(bad), undefined);
  });
  test('Change… under a facetwise.schemas entry names the entry and says the setting wins over a pick', () => {
    assert.equal(
      settingOverrideNotice('day1.tsv', { glob: 'team/*.tsv', schema: 'team/schema.pbtxt' }),
      'The facetwise.schemas setting validates day1.tsv against team/schema.pbtxt ("team/*.tsv"), and it wins over a schema picked here. Edit or remove that entry to choose another.',
    );
  });
});
