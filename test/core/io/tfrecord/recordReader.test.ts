import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import type { DataIssue } from '../../../../src/core/data/issues.js';
import { FacetwiseError } from '../../../../src/core/data/issues.js';
import type { Progress } from '../../../../src/core/data/job.js';
import { detectCompression } from '../../../../src/core/io/tfrecord/compression.js';
import { crc32c, maskedCrc32c } from '../../../../src/core/io/tfrecord/crc32c.js';
import type { TfRecord, TfRecordReadOptions } from '../../../../src/core/io/tfrecord/recordReader.js';
import { readTfRecords } from '../../../../src/core/io/tfrecord/recordReader.js';
import { frameTfRecord, writeTfRecords } from '../../../../src/core/io/tfrecord/recordWriter.js';
import { refRecords } from './referenceDecoder.js';

const repoRoot = resolve(__dirname, '../../../..');
const taxiDir = resolve(repoRoot, '../shared/data/taxi-tfrecord');

function shardsOf(split: string): string[] {
  const dir = join(taxiDir, split);
  return readdirSync(dir).sort().map((f) => join(dir, f));
}

async function collect(
  path: string,
  options: TfRecordReadOptions = {},
): Promise<{ records: TfRecord[]; issues: DataIssue[] }> {
  const issues: DataIssue[] = [];
  const records: TfRecord[] = [];
  for await (const r of readTfRecords(path, { ...options, onIssue: (i) => issues.push(i) })) records.push(r);
  return { records, issues };
}

/** Payloads of distinct lengths and contents, so a mixed-up record cannot pass for another. */
function samplePayloads(n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const p = new Uint8Array(10 + i * 7);
    for (let j = 0; j < p.length; j++) p[j] = (i * 31 + j * 7) & 0xff;
    out.push(p);
  }
  return out;
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'facetwise-tfrecord-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('crc32c', () => {
  it('matches published CRC-32C check values', () => {
    assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
    // RFC 3720 (iSCSI) appendix B.4 test vectors.
    assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
    assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
    assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e);
  });

  it('masks the way TensorFlow wrote the taxi shards', () => {
    const file = gunzipSync(readFileSync(shardsOf('Split-eval')[0]));
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    const length = Number(view.getBigUint64(0, true));
    assert.equal(maskedCrc32c(file.subarray(0, 8)), view.getUint32(8, true));
    assert.equal(maskedCrc32c(file.subarray(12, 12 + length)), view.getUint32(12 + length, true));
  });
});

describe('readTfRecords on the taxi shards', () => {
  it('reads every record of every split, as a reference split of the decompressed files does', async () => {
    const expected: Record<string, number> = { 'Split-train': 9909, 'Split-eval': 5091, unlabelled: 2459 };
    for (const [split, count] of Object.entries(expected)) {
      let total = 0;
      for (const shard of shardsOf(split)) {
        const reference = refRecords(gunzipSync(readFileSync(shard)));
        const { records, issues } = await collect(shard);
        assert.deepEqual(issues, []);
        assert.equal(records.length, reference.length);
        let offset = 0;
        records.forEach((r, i) => {
          assert.equal(r.index, i);
          assert.equal(r.offset, offset);
          assert.deepEqual(Buffer.from(r.payload), Buffer.from(reference[i]));
          offset += 16 + reference[i].length;
        });
        total += records.length;
      }
      assert.equal(total, count, split);
    }
  });

  it('reports progress in compressed bytes, ending at the file size', async () => {
    const shard = shardsOf('Split-train')[0];
    const seen: Progress[] = [];
    for await (const _ of readTfRecords(shard, { onProgress: (p) => seen.push(p) })) void _;
    const size = readFileSync(shard).length;
    assert.ok(seen.length > 0);
    const last = seen[seen.length - 1];
    assert.equal(last.done, size);
    assert.equal(last.total, size);
    assert.equal(last.unit, 'bytes');
  });
});

describe('readTfRecords compression', () => {
  it('reads gzip, zlib and uncompressed files identically, detecting each', async () => {
    const payloads = samplePayloads(50);
    const raw = Buffer.concat(payloads.map((p) => frameTfRecord(p)));
    const files = {
      none: join(dir, 'plain.tfrecord'),
      gzip: join(dir, 'gz.tfrecord.gz'),
      zlib: join(dir, 'z.tfrecord.zz'),
    };
    writeFileSync(files.none, raw);
    writeFileSync(files.gzip, gzipSync(raw));
    writeFileSync(files.zlib, deflateSync(raw));
    for (const [kind, file] of Object.entries(files)) {
      assert.equal(detectCompression(readFileSync(file).subarray(0, 12)), kind);
      const { records, issues } = await collect(file);
      assert.deepEqual(issues, [], kind);
      assert.deepEqual(records.map((r) => Buffer.from(r.payload)), payloads.map((p) => Buffer.from(p)), kind);
    }
  });

  it('writeTfRecords writes what the reference splitter reads back, in all three compressions', async () => {
    const payloads = samplePayloads(20);
    for (const compression of ['none', 'gzip', 'zlib'] as const) {
      const file = join(dir, `written-${compression}.tfrecord`);
      await writeTfRecords(file, payloads, { compression });
      const bytes = readFileSync(file);
      const plain = compression === 'gzip' ? gunzipSync(bytes) : compression === 'zlib' ? inflateSync(bytes) : bytes;
      assert.deepEqual(refRecords(plain).map((p) => Buffer.from(p)), payloads.map((p) => Buffer.from(p)));
    }
  });

  it('prefers an uncompressed reading when the first header checks out, even if it starts like gzip', () => {
    // A first record of length 0x8b1f starts with the gzip magic bytes 1f 8b.
    const framed = frameTfRecord(new Uint8Array(0x8b1f));
    assert.equal(framed[0], 0x1f);
    assert.equal(framed[1], 0x8b);
    assert.equal(detectCompression(framed.subarray(0, 12)), 'none');
  });

  it('obeys an explicit compression override', async () => {
    const file = join(dir, 'override.gz');
    writeFileSync(file, gzipSync(Buffer.concat(samplePayloads(3).map((p) => frameTfRecord(p)))));
    const asGzip = await collect(file, { compression: 'gzip' });
    assert.equal(asGzip.records.length, 3);
    const asPlain = await collect(file, { compression: 'none' });
    assert.equal(asPlain.records.length, 0);
    assert.equal(asPlain.issues.length, 1);
    assert.match(asPlain.issues[0].code, /^TFRECORD_(LENGTH_CRC_MISMATCH|TRUNCATED)$/);
  });

  it('reports a truncated gzip stream after delivering the records before the cut', async () => {
    const payloads = samplePayloads(200);
    const gz = gzipSync(Buffer.concat(payloads.map((p) => frameTfRecord(p))));
    const file = join(dir, 'cut.gz');
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const { records, issues } = await collect(file);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].code, 'TFRECORD_DECOMPRESSION_ERROR');
    assert.equal(issues[0].position.file, file);
    assert.equal(issues[0].position.record, records.length);
    assert.ok(records.length > 0 && records.length < payloads.length);
    records.forEach((r, i) => assert.deepEqual(Buffer.from(r.payload), Buffer.from(payloads[i])));
  });

  it('reports a corrupt gzip stream', async () => {
    const gz = gzipSync(Buffer.concat(samplePayloads(100).map((p) => frameTfRecord(p))));
    const file = join(dir, 'corrupt.gz');
    const bad = Buffer.from(gz);
    for (let i = 20; i < 60; i++) bad[i] ^= 0x5a;
    writeFileSync(file, bad);
    const { issues } = await collect(file, { compression: 'gzip' });
    assert.ok(issues.length >= 1);
    // Either zlib notices, or the garbage it produced fails TFRecord framing: never silently accepted.
    assert.ok(issues.some((i) => /^TFRECORD_/.test(i.code)));
  });
});

describe('readTfRecords corruption', () => {
  function writeRaw(name: string, bytes: Uint8Array): string {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  }

  it('skips a record whose data CRC fails, naming it, and reads the others', async () => {
    const payloads = samplePayloads(10);
    const framed = payloads.map((p) => frameTfRecord(p));
    const badIndex = 4;
    const badOffset = framed.slice(0, badIndex).reduce((a, f) => a + f.length, 0);
    const raw = Buffer.concat(framed);
    raw[badOffset + 12 + 3] ^= 0x01; // one bit of record 4's data
    for (const [label, bytes, compression] of [
      ['plain', raw, 'none'],
      ['gzip', gzipSync(raw), 'gzip'],
    ] as const) {
      const file = writeRaw(`datacrc-${label}`, bytes);
      const { records, issues } = await collect(file);
      assert.equal(issues.length, 1, label);
      assert.deepEqual(issues[0].position, { file, record: badIndex, offset: badOffset });
      assert.equal(issues[0].code, 'TFRECORD_DATA_CRC_MISMATCH');
      assert.equal(issues[0].severity, 'error');
      assert.deepEqual(records.map((r) => r.index), [0, 1, 2, 3, 5, 6, 7, 8, 9], `${label} ${compression}`);
      for (const r of records) assert.deepEqual(Buffer.from(r.payload), Buffer.from(payloads[r.index]));
    }
  });

  it('a flipped stored data CRC is also a mismatch', async () => {
    const framed = samplePayloads(3).map((p) => frameTfRecord(p));
    framed[1][framed[1].length - 1] ^= 0x80;
    const { records, issues } = await collect(writeRaw('footer.tfrecord', Buffer.concat(framed)));
    assert.deepEqual(records.map((r) => r.index), [0, 2]);
    assert.deepEqual(issues.map((i) => [i.code, i.position.record]), [['TFRECORD_DATA_CRC_MISMATCH', 1]]);
  });

  it('stops at a length whose CRC fails (cannot resync)', async () => {
    const framed = samplePayloads(6).map((p) => frameTfRecord(p));
    framed[2][0] ^= 0x02; // length of record 2
    const offset = framed[0].length + framed[1].length;
    const file = writeRaw('lencrc.tfrecord', Buffer.concat(framed));
    const { records, issues } = await collect(file);
    assert.deepEqual(records.map((r) => r.index), [0, 1]);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].code, 'TFRECORD_LENGTH_CRC_MISMATCH');
    assert.deepEqual(issues[0].position, { file, record: 2, offset });
  });

  it('stops at a garbage length (over 2 GiB) even with a valid length CRC', async () => {
    const header = Buffer.alloc(12);
    header.writeUInt32LE(0x00000010, 0);
    header.writeUInt32LE(0x00000001, 4); // 2^32 + 16 bytes
    header.writeUInt32LE(maskedCrc32c(header.subarray(0, 8)), 8);
    const first = frameTfRecord(samplePayloads(1)[0]);
    const file = writeRaw('huge.tfrecord', Buffer.concat([first, header, Buffer.alloc(64)]));
    const { records, issues } = await collect(file);
    assert.equal(records.length, 1);
    assert.deepEqual(issues.map((i) => [i.code, i.position.record, i.position.offset]), [
      ['TFRECORD_RECORD_TOO_LARGE', 1, first.length],
    ]);
  });

  it('with CRC checks off, a garbage length is still caught by the size limit', async () => {
    const header = Buffer.alloc(16, 0xff);
    const file = writeRaw('garbage.tfrecord', header);
    const { records, issues } = await collect(file, { verifyCrc: false });
    assert.equal(records.length, 0);
    assert.deepEqual(issues.map((i) => i.code), ['TFRECORD_RECORD_TOO_LARGE']);
  });

  it('with CRC checks off, corrupt data passes through unchecked', async () => {
    const payloads = samplePayloads(3);
    const framed = payloads.map((p) => frameTfRecord(p));
    framed[1][14] ^= 0xff;
    const { records, issues } = await collect(writeRaw('nocrc.tfrecord', Buffer.concat(framed)), { verifyCrc: false });
    assert.deepEqual(issues, []);
    assert.equal(records.length, 3);
    assert.notDeepEqual(Buffer.from(records[1].payload), Buffer.from(payloads[1]));
  });

  it('reports a file truncated inside a record, keeping the complete ones', async () => {
    const framed = samplePayloads(5).map((p) => frameTfRecord(p));
    const full = Buffer.concat(framed);
    const offset = full.length - framed[4].length;
    const file = writeRaw('trunc.tfrecord', full.subarray(0, full.length - 3));
    const { records, issues } = await collect(file);
    assert.deepEqual(records.map((r) => r.index), [0, 1, 2, 3]);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].code, 'TFRECORD_TRUNCATED');
    assert.deepEqual(issues[0].position, { file, record: 4, offset });
    assert.match(issues[0].message, new RegExp(`${framed[4].length - 3} of its ${framed[4].length} bytes`));
  });

  it('reports a file truncated inside a header', async () => {
    const framed = samplePayloads(2).map((p) => frameTfRecord(p));
    const file = writeRaw('trunc-header.tfrecord', Buffer.concat([...framed, Buffer.alloc(5)]));
    const { records, issues } = await collect(file);
    assert.equal(records.length, 2);
    assert.deepEqual(issues.map((i) => [i.code, i.position.record]), [['TFRECORD_TRUNCATED', 2]]);
    assert.match(issues[0].message, /5 of its 12 bytes/);
  });

  it('reads an empty file as no records and no issues', async () => {
    const { records, issues } = await collect(writeRaw('empty.tfrecord', new Uint8Array(0)));
    assert.equal(records.length, 0);
    assert.deepEqual(issues, []);
  });

  it('reads records larger than the read chunk and zero-length records', async () => {
    const big = new Uint8Array(3 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    const payloads = [new Uint8Array(0), big, new Uint8Array([1, 2, 3]), new Uint8Array(0)];
    const raw = Buffer.concat(payloads.map((p) => frameTfRecord(p)));
    for (const [name, bytes] of [
      ['big.tfrecord', raw],
      ['big.tfrecord.gz', gzipSync(raw)],
    ] as const) {
      const { records, issues } = await collect(writeRaw(name, bytes));
      assert.deepEqual(issues, []);
      assert.equal(records.length, 4);
      records.forEach((r, i) => assert.ok(Buffer.from(r.payload).equals(Buffer.from(payloads[i])), `${name} #${i}`));
    }
  });

  it('throws a FacetwiseError for a missing file or a folder', async () => {
    await assert.rejects(collect(join(dir, 'nope.tfrecord')), (e: unknown) => e instanceof FacetwiseError && e.code === 'FILE_UNREADABLE');
    await assert.rejects(collect(dir), (e: unknown) => e instanceof FacetwiseError && e.code === 'NOT_A_FILE');
  });

  it('releases the file when the consumer stops early', { skip: !existsSync('/proc/self/fd') && 'needs /proc' }, async () => {
    // Larger than one read chunk, so the file is still open when the first record arrives.
    const big = new Uint8Array(4 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    const file = writeRaw('early.tfrecord', Buffer.concat([frameTfRecord(new Uint8Array(5)), frameTfRecord(big)]));
    const openFiles = (): number => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    for await (const r of readTfRecords(file)) {
      assert.equal(r.index, 0);
      assert.equal(openFiles(), before + 1);
      break;
    }
    for (let i = 0; i < 50 && openFiles() > before; i++) await new Promise((done) => setTimeout(done, 5));
    assert.equal(openFiles(), before);
  });

  it('stops when the signal is aborted', async () => {
    const file = writeRaw('abort.tfrecord', Buffer.concat(samplePayloads(10).map((p) => frameTfRecord(p))));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(async () => {
      for await (const _ of readTfRecords(file, { signal: controller.signal })) void _;
    }, /abort/i);
  });
});
