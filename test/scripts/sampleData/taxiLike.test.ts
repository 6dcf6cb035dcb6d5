import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { generateTaxiLike, taxiLikeColumns } from '../../../scripts/sampleData/taxiLike.js';

// Written out here, not taken from the module, so a renamed or reordered column fails the test.
const expectedHeader = [
  'trip_start_timestamp', 'trip_start_hour', 'trip_start_day', 'trip_start_month', 'trip_end_time', 'trip_seconds',
  'trip_miles', 'pickup_community_area', 'pickup_census_tract', 'pickup_latitude', 'pickup_longitude',
  'dropoff_community_area', 'dropoff_census_tract', 'dropoff_latitude', 'dropoff_longitude', 'payment_type',
  'company', 'taxi_id', 'fare', 'tips', 'notes', 'big_tipper',
];

/**
 * A deliberately naive, strict RFC 4180 reader, independent of the product's tokenizer: fields split on commas,
 * records on "\n"; a quoted field must be quoted from its first character, "" inside it is one quote, and its
 * closing quote must be followed by a comma or the end of the record. Anything else throws.
 */
function parseCsvStrict(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error(`unterminated quoted field in record ${records.length}`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
      if (i < n && text[i] !== ',' && text[i] !== '\n') throw new Error(`text after a closing quote in record ${records.length}`);
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\n') {
        if (text[i] === '"' || text[i] === '\r') throw new Error(`stray ${JSON.stringify(text[i])} in record ${records.length}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (i >= n) throw new Error('the last record does not end with a newline');
    if (text[i] === '\n') {
      records.push(record);
      record = [];
    }
    i++;
  }
  return records;
}

async function generateToBuffer(rows: number, seed: number): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await generateTaxiLike({ rows, seed, out: sink });
  return Buffer.concat(chunks);
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'facetwise-taxilike-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('generateTaxiLike: determinism and shape', () => {
  it('gives identical bytes for the same seed, to a file and to a stream alike', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const ra = await generateTaxiLike({ rows: 6000, seed: 7, out: a });
    const rb = await generateTaxiLike({ rows: 6000, seed: 7, out: b });
    const bytesA = readFileSync(a);
    assert.deepEqual(ra, rb);
    assert.equal(ra.bytes, bytesA.length);
    assert.equal(sha256(readFileSync(b)), sha256(bytesA));
    assert.equal(sha256(await generateToBuffer(6000, 7)), sha256(bytesA));
    assert.ok(bytesA.length > 1 << 20, 'more than one chunk, so chunk boundaries are covered');
  });

  it('gives different bytes for different seeds, with the same header', async () => {
    const one = await generateToBuffer(500, 1);
    const two = await generateToBuffer(500, 2);
    assert.notEqual(sha256(one), sha256(two));
    const firstLine = (b: Buffer): string => b.subarray(0, b.indexOf(10)).toString('latin1');
    assert.equal(firstLine(one), firstLine(two));
  });

  it('writes the header and exactly the rows asked for, each with every field', async () => {
    for (const rows of [0, 1, 2345]) {
      const records = parseCsvStrict((await generateToBuffer(rows, 3)).toString('latin1'));
      assert.deepEqual(records[0], expectedHeader);
      assert.equal(records.length, rows + 1);
      records.forEach((r, i) => assert.equal(r.length, expectedHeader.length, `record ${i}`));
    }
    assert.deepEqual(
      taxiLikeColumns.map((c) => c.name),
      expectedHeader,
    );
  });

  it('stops at the first row that reaches the byte size, and reports rows and bytes', async () => {
    const path = join(dir, 'sized.csv');
    const target = 300_000;
    const result = await generateTaxiLike({ bytes: target, seed: 5, out: path });
    const text = readFileSync(path, 'latin1');
    const size = statSync(path).size;
    assert.equal(result.bytes, size);
    assert.ok(size >= target, `${size} ≥ ${target}`);
    const lastRowLength = text.length - text.lastIndexOf('\n', text.length - 2) - 1;
    assert.ok(size - lastRowLength < target, 'one row fewer would not have reached the size');
    assert.equal(parseCsvStrict(text).length, result.rows + 1);
    // With both limits, the first reached wins.
    assert.equal((await generateTaxiLike({ rows: 10, bytes: target, out: new PassThrough() })).rows, 10);
  });

  it('rejects missing or bad limits', async () => {
    await assert.rejects(generateTaxiLike({ out: new PassThrough() }), RangeError);
    await assert.rejects(generateTaxiLike({ rows: -1, out: new PassThrough() }), RangeError);
    await assert.rejects(generateTaxiLike({ rows: 1.5, out: new PassThrough() }), RangeError);
    await assert.rejects(generateTaxiLike({ bytes: 0, out: new PassThrough() }), RangeError);
  });

  it('stops when aborted and removes the unfinished file', async () => {
    const path = join(dir, 'aborted.csv');
    const controller = new AbortController();
    let reports = 0;
    await assert.rejects(
      generateTaxiLike({
        rows: 50_000,
        out: path,
        signal: controller.signal,
        onProgress: (p) => {
          assert.equal(p.unit, 'rows');
          assert.equal(p.total, 50_000);
          reports++;
          controller.abort();
        },
      }),
      (err: unknown) => err instanceof Error && err.name === 'AbortError',
    );
    assert.equal(reports, 1);
    assert.equal(existsSync(path), false);
  });
});

describe('generateTaxiLike: values', () => {
  const rowCount = 40_000;
  let rows: string[][];
  const col = (name: string): number => expectedHeader.indexOf(name);

  before(async () => {
    rows = parseCsvStrict((await generateToBuffer(rowCount, 11)).toString('latin1')).slice(1);
  });

  it('leaves cells empty at each column’s configured rate', () => {
    // The configured rates themselves, checked against the design (0%, 1%, 10%… per column).
    const rate = (name: string): number | undefined => taxiLikeColumns.find((c) => c.name === name)?.missingRate;
    assert.equal(rate('trip_start_hour'), 0);
    assert.equal(rate('payment_type'), 0);
    assert.equal(rate('fare'), 0.01);
    assert.equal(rate('pickup_community_area'), 0.01);
    assert.equal(rate('company'), 0.1);
    assert.equal(rate('pickup_latitude'), 0.1);
    assert.ok(Math.abs((rate('big_tipper') ?? 0) - 0.0199) < 1e-12);

    for (const [c, column] of taxiLikeColumns.entries()) {
      const missing = rows.filter((r) => r[c] === '').length / rowCount;
      const p = column.missingRate;
      const tolerance = 5 * Math.sqrt((p * (1 - p)) / rowCount);
      assert.ok(Math.abs(missing - p) <= tolerance, `${column.name}: ${missing} missing, expected ${p} ± ${tolerance}`);
    }
  });

  it('keeps hour, weekday, month and end time consistent with the start timestamp', () => {
    for (const r of rows) {
      const start = Number(r[col('trip_start_timestamp')]);
      assert.ok(Number.isInteger(start) && start % 900 === 0);
      const date = new Date(start * 1000);
      assert.ok(date.getUTCFullYear() >= 2013 && date.getUTCFullYear() <= 2016);
      assert.equal(Number(r[col('trip_start_hour')]), date.getUTCHours());
      assert.equal(Number(r[col('trip_start_day')]), date.getUTCDay() + 1);
      assert.equal(Number(r[col('trip_start_month')]), date.getUTCMonth() + 1);
      const seconds = r[col('trip_seconds')];
      const end = r[col('trip_end_time')];
      assert.equal(seconds === '', end === '');
      if (seconds !== '') {
        assert.equal(end, new Date((start + Number(seconds)) * 1000).toISOString().replace('.000Z', 'Z'));
      }
    }
  });

  it('writes numbers in the expected shapes and ranges', () => {
    const check = (name: string, pattern: RegExp, min: number, max: number): void => {
      for (const r of rows) {
        const cell = r[col(name)];
        if (cell === '') continue;
        assert.match(cell, pattern, name);
        const v = Number(cell);
        assert.ok(v >= min && v <= max, `${name}=${cell}`);
      }
    };
    check('trip_start_hour', /^\d+$/, 0, 23);
    check('trip_start_day', /^\d$/, 1, 7);
    check('trip_start_month', /^\d+$/, 1, 12);
    check('trip_seconds', /^\d+$/, 0, 6 * 3600);
    check('pickup_community_area', /^\d+$/, 1, 77);
    check('dropoff_community_area', /^\d+$/, 1, 77);
    check('pickup_census_tract', /^17031\d{6}$/, 0, Infinity);
    check('pickup_latitude', /^\d+\.\d{9}$/, 41.6, 42.1);
    check('pickup_longitude', /^-\d+\.\d{9}$/, -88, -87.5);
    check('dropoff_latitude', /^\d+\.\d{9}$/, 41.6, 42.1);
    check('trip_miles', /^\d+\.\d$/, 0, 1000);
    check('fare', /^\d+\.(\d|\d[1-9])$/, 0, 1e6); // shortest form: 12.5, 12.0, 12.05
    check('tips', /^\d+\.(\d|\d[1-9])$/, 0, 1e6);
    check('big_tipper', /^[01]$/, 0, 1);
    for (const r of rows) assert.match(r[col('taxi_id')], /^[0-9a-f]{16}$/);
  });

  it('labels big tippers exactly when tips > 0.2 × fare', () => {
    let positives = 0;
    for (const r of rows) {
      const label = r[col('big_tipper')];
      const fare = r[col('fare')];
      const tips = r[col('tips')];
      assert.equal(label === '', fare === '' || tips === '');
      if (label === '') continue;
      const fareCents = Math.round(Number(fare) * 100);
      const tipCents = Math.round(Number(tips) * 100);
      assert.equal(label, tipCents * 5 > fareCents ? '1' : '0', `fare ${fare} tips ${tips}`);
      if (label === '1') positives++;
    }
    const share = positives / rowCount;
    assert.ok(share > 0.05 && share < 0.35, `big tippers ${share}`);
  });

  it('has plausible distributions and vocabularies', () => {
    const distinct = (name: string): Set<string> => new Set(rows.map((r) => r[col(name)]).filter((v) => v !== ''));
    assert.deepEqual([...distinct('payment_type')].sort(), ['Cash', 'Credit Card', 'Dispute', 'No Charge', 'Unknown']);
    const companies = distinct('company');
    assert.ok(companies.size >= 40 && companies.size <= 50, `${companies.size} companies`);
    assert.ok(companies.has('Yellow Cab Co, Inc.'), 'a company name with a comma, unquoted by the parser');
    const cabs = distinct('taxi_id').size;
    assert.ok(cabs > 3000 && cabs <= 5000, `${cabs} cab ids`);
    assert.equal(distinct('trip_start_hour').size, 24);

    const notes = [...distinct('notes')];
    assert.ok(notes.some((n) => n.includes(',')), 'notes with commas');
    assert.ok(notes.some((n) => n.includes('"')), 'notes with quotes');

    const cash = rows.filter((r) => r[col('payment_type')] === 'Cash' && r[col('tips')] !== '');
    const cashNoTip = cash.filter((r) => Number(r[col('tips')]) === 0).length / cash.length;
    assert.ok(cash.length / rowCount > 0.5 && cashNoTip > 0.95, `cash share, no-tip share ${cashNoTip}`);

    const fares = rows
      .map((r) => r[col('fare')])
      .filter((v) => v !== '')
      .map(Number)
      .sort((a, b) => a - b);
    const median = fares[Math.floor(fares.length / 2)];
    const mean = fares.reduce((s, v) => s + v, 0) / fares.length;
    assert.ok(median > 5 && median < 15, `median fare ${median}`);
    assert.ok(mean > median, 'right-skewed fares');
    assert.ok(fares[fares.length - 1] > 100, 'a tail of large fares');
  });
});
