import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatByteSize, parseByteSize } from '../../../scripts/sampleData/byteSize.js';

describe('parseByteSize', () => {
  it('reads decimal and binary units, case-insensitively', () => {
    assert.equal(parseByteSize('4096'), 4096);
    assert.equal(parseByteSize('100MB'), 100_000_000);
    assert.equal(parseByteSize('1GB'), 1_000_000_000);
    assert.equal(parseByteSize('1.5 mb'), 1_500_000);
    assert.equal(parseByteSize('512KiB'), 512 * 1024);
    assert.equal(parseByteSize('1GiB'), 1024 ** 3);
  });

  it('rejects what is not a size', () => {
    for (const bad of ['', 'GB', '1 XB', '-1MB', '0', '1e3', 'ten']) assert.throws(() => parseByteSize(bad), RangeError, bad);
  });
});

describe('formatByteSize', () => {
  it('prints three significant digits in decimal units', () => {
    assert.equal(formatByteSize(1e9), '1 GB');
    assert.equal(formatByteSize(105_300_000), '105 MB');
    assert.equal(formatByteSize(2048), '2.05 kB');
    assert.equal(formatByteSize(12), '12 B');
  });
});
