import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeBytesLikePython, escapeStringLikePython } from '../../../../src/core/proto/text/cEscape.js';

test('strings escape like Python CEscape with as_utf8=False', () => {
  assert.equal(escapeStringLikePython('plain text 123', false), 'plain text 123');
  assert.equal(escapeStringLikePython('a"b\'c\\d', false), 'a\\"b\\\'c\\\\d');
  assert.equal(escapeStringLikePython('tab\there\nnew\rret', false), 'tab\\there\\nnew\\rret');
  // é is C3 A9 in UTF-8 = octal 303 251; 😀 is F0 9F 98 80.
  assert.equal(escapeStringLikePython('café', false), 'caf\\303\\251');
  assert.equal(escapeStringLikePython('😀', false), '\\360\\237\\230\\200');
  assert.equal(escapeStringLikePython('\u0000\u0001\u007f', false), '\\000\\001\\177');
});

test('as_utf8 keeps non-ASCII but still escapes quotes, backslashes and controls', () => {
  assert.equal(escapeStringLikePython('café "x"\n', true), 'café \\"x\\"\\n');
  assert.equal(escapeStringLikePython('\u0001', true), '\\001');
});

test('bytes escape every non-printable byte', () => {
  assert.equal(escapeBytesLikePython(Uint8Array.from([0x41, 0x00, 0xff, 0x22, 0x0a])), 'A\\000\\377\\"\\n');
});
