/** Schema edits at the text level: comments and unknown fields survive, and the change is one small span. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editSchemaText, textDelta } from '../../../src/extension/schema/schemaText.js';
import { getFeature, setComparatorThreshold } from '../../../src/core/schema/schemaModel.js';

const SCHEMA = `# Reviewed by hand: keep this comment.
feature {
  name: "payment_type"
  type: BYTES
  domain: "payment_type"
}
feature {
  name: "fare"  # dollars
  type: FLOAT
}
string_domain {
  name: "payment_type"
  value: "Cash"
  value: "Credit Card"
}
`;

function apply(before: string, after: string): string {
  const d = textDelta(before, after);
  return d ? before.slice(0, d.start) + d.text + before.slice(d.end) : before;
}

describe('schemaText', () => {
  it('writes a skew comparator keeping the comments, as one span of whole lines', () => {
    const after = editSchemaText(SCHEMA, 'schema.pbtxt', (s) => setComparatorThreshold(getFeature(s, ['payment_type'])!, 'skew', 'infinityNorm', 0.01));
    assert.match(after, /skew_comparator \{\n\s+infinity_norm \{\n\s+threshold: 0\.01\n/);
    assert.ok(after.startsWith('# Reviewed by hand: keep this comment.\n'));
    assert.ok(after.includes('# dollars'));
    const d = textDelta(SCHEMA, after);
    assert.ok(d);
    assert.equal(apply(SCHEMA, after), after);
    // Only lines of the payment_type feature change.
    assert.ok(d.start > 0 && SCHEMA[d.start - 1] === '\n');
    assert.ok(!d.text.includes('fare'), d.text);
  });

  it('has no delta for unchanged text and throws the parse error with its line', () => {
    assert.equal(textDelta(SCHEMA, SCHEMA), undefined);
    assert.throws(() => editSchemaText('feature {\n  name: "x"\n  type: NOPE\n}\n', 'schema.pbtxt', () => undefined), /schema\.pbtxt:3/);
  });
});
