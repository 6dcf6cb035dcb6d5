/**
 * A deterministic generator of a CSV that looks like the Chicago taxi trips of the TFDV lab
 * (../shared/data/taxi/train.csv) but of any size: the input of the statistics benchmark and of demos.
 *
 * Same seed → same bytes, on every platform: all randomness comes from the seeded Prng, all number text is
 * written from integers (cents, tenths of a mile, whole seconds) or copied from tables fixed once per process.
 * Rows are written into ~1 MB chunks handed to the stream with backpressure, so memory stays flat at any size.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { throwIfAborted } from '../../src/core/data/job.js';
import type { JobOptions } from '../../src/core/data/job.js';
import { ByteSink, ascii } from './byteSink.js';
import { Prng } from './prng.js';
import * as vocabulary from './taxiLikeTables.js';
import type { TaxiLikeTables } from './taxiLikeTables.js';

// Local copies: in the CommonJS output an imported binding is read through a getter on every use, which the
// row loop would pay millions of times.
const { areaCount, cashPayment, companyCount, creditCardPayment, dayCount, firstDay, ohareArea, paymentTypes } = vocabulary;
const { secondsPerDay, taxiIdCount, getTaxiLikeTables } = vocabulary;

/** Bump when the bytes for a given seed change, so caches of generated files (bench/) are rebuilt. */
export const taxiLikeFormatVersion = 1;

export type TaxiLikeColumnKind =
  | 'int'
  | 'float'
  | 'unixTimestamp' // integer seconds since 1970
  | 'isoTimestamp' // text, e.g. 2014-03-01T11:42:00Z
  | 'category' // a handful to ~50 distinct strings
  | 'id' // hundreds to thousands of distinct strings of digits or hex
  | 'text' // free text, often quoted: commas and doubled quotes inside
  | 'binaryLabel'; // 0 / 1

export interface TaxiLikeColumn {
  readonly name: string;
  readonly kind: TaxiLikeColumnKind;
  /** The expected fraction of rows where the cell is empty. */
  readonly missingRate: number;
  /** How many distinct non-missing values a large file holds, where that is fixed by a vocabulary. */
  readonly distinct?: number;
}

// Missing-value draws. Location fields go missing together, as in the real data: a row whose community area is
// missing also lacks coordinates and census tract, so the pickup rates are nested (1% ⊂ 10% ⊂ 30%).
const pickupAreaMissing = 0.01;
const pickupCoordsMissing = 0.1;
const censusTractMissing = 0.3;
const dropoffLocationMissing = 0.03;
const tripSecondsMissing = 0.01;
const tripMilesMissing = 0.01;
const fareMissing = 0.01;
const tipsMissing = 0.01;
const companyMissing = 0.1;
const notesPresent = 0.2;

export const taxiLikeColumns: readonly TaxiLikeColumn[] = [
  { name: 'trip_start_timestamp', kind: 'unixTimestamp', missingRate: 0 },
  { name: 'trip_start_hour', kind: 'int', missingRate: 0, distinct: 24 },
  { name: 'trip_start_day', kind: 'int', missingRate: 0, distinct: 7 },
  { name: 'trip_start_month', kind: 'int', missingRate: 0, distinct: 12 },
  { name: 'trip_end_time', kind: 'isoTimestamp', missingRate: tripSecondsMissing },
  { name: 'trip_seconds', kind: 'int', missingRate: tripSecondsMissing },
  { name: 'trip_miles', kind: 'float', missingRate: tripMilesMissing },
  { name: 'pickup_community_area', kind: 'int', missingRate: pickupAreaMissing, distinct: areaCount },
  { name: 'pickup_census_tract', kind: 'id', missingRate: censusTractMissing },
  { name: 'pickup_latitude', kind: 'float', missingRate: pickupCoordsMissing },
  { name: 'pickup_longitude', kind: 'float', missingRate: pickupCoordsMissing },
  { name: 'dropoff_community_area', kind: 'int', missingRate: dropoffLocationMissing, distinct: areaCount },
  { name: 'dropoff_census_tract', kind: 'id', missingRate: censusTractMissing },
  { name: 'dropoff_latitude', kind: 'float', missingRate: dropoffLocationMissing },
  { name: 'dropoff_longitude', kind: 'float', missingRate: dropoffLocationMissing },
  { name: 'payment_type', kind: 'category', missingRate: 0, distinct: paymentTypes.length },
  { name: 'company', kind: 'category', missingRate: companyMissing, distinct: companyCount },
  { name: 'taxi_id', kind: 'id', missingRate: 0, distinct: taxiIdCount },
  { name: 'fare', kind: 'float', missingRate: fareMissing },
  { name: 'tips', kind: 'float', missingRate: tipsMissing },
  { name: 'notes', kind: 'text', missingRate: 1 - notesPresent },
  // The label is missing whenever either of its inputs is: 1 - (1 - 1%)².
  { name: 'big_tipper', kind: 'binaryLabel', missingRate: 1 - (1 - fareMissing) * (1 - tipsMissing), distinct: 2 },
];

export interface TaxiLikeOptions extends JobOptions {
  /** Exact number of data rows (the header is not a row). */
  readonly rows?: number;
  /** Approximate output size: rows are added until the output (header included) reaches this many bytes. */
  readonly bytes?: number;
  /** Any safe integer; default 1. */
  readonly seed?: number;
  /** A file path (created or truncated, closed at the end) or a stream (written to, left open). */
  readonly out: NodeJS.WritableStream | string;
}

export interface TaxiLikeResult {
  readonly rows: number;
  readonly bytes: number;
}

const chunkBytes = 1 << 20;
/** Far more than the longest row can take (~500 bytes), so a row never needs a bounds check while written. */
const rowRoom = 4096;

/**
 * Writes a taxi-like CSV: a header line, then rows ending in "\n". With both `rows` and `bytes`, whichever limit
 * is reached first ends the output. A file that could not be finished (error, abort) is removed.
 */
export async function generateTaxiLike(options: TaxiLikeOptions): Promise<TaxiLikeResult> {
  const { rows, bytes, signal } = options;
  if (rows === undefined && bytes === undefined) throw new RangeError('give rows or bytes (or both)');
  if (rows !== undefined && !(Number.isSafeInteger(rows) && rows >= 0)) {
    throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  }
  if (bytes !== undefined && !(Number.isFinite(bytes) && bytes > 0)) {
    throw new RangeError(`bytes must be a positive number, got ${bytes}`);
  }
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  throwIfAborted(signal);

  if (typeof options.out !== 'string') return writeRows(options.out, seed, options);

  const path = options.out;
  // Opened synchronously so that an early failure cannot race a pending open (and recreate a removed file);
  // a few chunks of buffer let generation go on while the disk catches up.
  mkdirSync(dirname(path), { recursive: true });
  const file = createWriteStream(path, { fd: openSync(path, 'w'), highWaterMark: 4 * chunkBytes });
  try {
    const result = await writeRows(file, seed, options);
    const closed = once(file, 'close');
    file.end();
    await closed;
    return result;
  } catch (err) {
    file.destroy();
    rmSync(path, { force: true });
    throw err;
  }
}

async function writeRows(stream: NodeJS.WritableStream, seed: number, options: TaxiLikeOptions): Promise<TaxiLikeResult> {
  const { rows: rowLimit, bytes: byteLimit, signal, onProgress } = options;
  const maxRows = rowLimit ?? Infinity;
  const maxBytes = byteLimit ?? Infinity;
  const tables = getTaxiLikeTables();
  const rng = new Prng(seed);
  const sink = new ByteSink(chunkBytes + rowRoom);
  let written = 0;
  let rows = 0;
  const report = (): void =>
    onProgress?.(
      byteLimit !== undefined ? { done: written, total: byteLimit, unit: 'bytes' } : { done: rows, total: rowLimit, unit: 'rows' },
    );
  const flush = async (): Promise<void> => {
    written += sink.pos;
    if (!stream.write(sink.take())) await once(stream, 'drain');
  };

  sink.bytes(ascii(taxiLikeColumns.map((c) => c.name).join(',') + '\n'));
  while (rows < maxRows && written + sink.pos < maxBytes) {
    writeRow(rng, tables, sink);
    rows++;
    if (sink.pos >= chunkBytes) {
      await flush();
      throwIfAborted(signal);
      report();
    }
  }
  if (sink.pos > 0) await flush();
  report();
  return { rows, bytes: written };
}

const comma = 44;
const newline = 10;
const maxTripSeconds = 6 * 3600;

/** Draws one trip and writes it as a CSV row. The draws happen in a fixed order: that order is the format. */
function writeRow(rng: Prng, t: TaxiLikeTables, out: ByteSink): void {
  const day = rng.int(dayCount);
  const hour = t.hour.pick(rng);
  const start = (firstDay + day) * secondsPerDay + hour * 3600 + rng.int(4) * 900; // real data is 15-minute rounded

  // Locations: areas are 0-based here, printed 1-based. A third of trips stay in their area.
  const pickupArea = t.area.pick(rng);
  const dropoffArea = rng.next() < 0.35 ? pickupArea : t.area.pick(rng);
  const pickupTract = t.areaTracts[pickupArea].start + t.areaTracts[pickupArea].choice.pick(rng);
  const dropoffTract = t.areaTracts[dropoffArea].start + t.areaTracts[dropoffArea].choice.pick(rng);
  const airport = pickupArea === ohareArea - 1 || dropoffArea === ohareArea - 1;

  // Duration (whole minutes, as the real data) and distance: log-normal, longer to and from the airport;
  // some trips have no duration or no distance recorded, as meters do.
  let seconds = 0;
  if (rng.next() >= 0.04) {
    const raw = Math.exp(Math.log(airport ? 1800 : 540) + 0.75 * rng.normal());
    seconds = Math.min(Math.round(raw / 60) * 60, maxTripSeconds);
  }
  let tenthMiles = 0;
  if (seconds > 0 && rng.next() >= 0.12) {
    const mph = Math.exp(Math.log(airport ? 22 : 11) + 0.35 * rng.normal());
    tenthMiles = Math.round((seconds / 3600) * mph * 10);
  }

  // Fare in cents: flag fall + distance + time + sometimes extras, rounded to 5 cents; a few free rides and a
  // thin tail of absurd fares (hundreds to thousands of dollars), as metered data has.
  let fareCents: number;
  const fareKind = rng.next();
  if (fareKind < 0.004) fareCents = 0;
  else if (fareKind < 0.0045) fareCents = Math.round(Math.exp(Math.log(15000) + rng.normal()));
  else {
    let cents = 325 + 18 * tenthMiles + 10 * Math.round(seconds / 36);
    if (rng.next() < 0.08) cents += 100 * (1 + rng.int(4));
    fareCents = Math.round(cents / 5) * 5;
  }

  // Tips: most card riders tip 12–28% (a few far more); cash tips are rarely recorded.
  const payment = t.payment.pick(rng);
  let tipCents = 0;
  if (payment === creditCardPayment) {
    if (rng.next() < 0.82) {
      const share = rng.next() < 0.05 ? 0.3 + 0.2 * rng.next() : 0.12 + 0.16 * rng.next();
      tipCents = Math.round(fareCents * share);
    }
  } else if (payment === cashPayment && rng.next() < 0.02) {
    tipCents = 100 * (1 + rng.int(3));
  }

  const pickupGap = rng.next();
  const dropoffGap = rng.next();
  const secondsGone = rng.next() < tripSecondsMissing;
  const milesGone = rng.next() < tripMilesMissing;
  const fareGone = rng.next() < fareMissing;
  const tipsGone = rng.next() < tipsMissing;
  const companyGone = rng.next() < companyMissing;
  const note = rng.next() < notesPresent ? rng.int(t.notes.length) : -1;
  const company = t.company.pick(rng);
  const u = rng.next();
  const taxiId = Math.floor(u * u * taxiIdCount); // skewed: some cabs drive much more than others

  out.uint(start);
  out.byte(comma);
  out.uint(hour);
  out.byte(comma);
  out.uint(t.dayOfWeek[day]);
  out.byte(comma);
  out.uint(t.month[day]);
  out.byte(comma);
  if (!secondsGone) {
    const end = start + seconds;
    const endDay = Math.floor(end / secondsPerDay);
    const ofDay = end - endDay * secondsPerDay;
    out.bytes(t.dayIso[endDay - firstDay]);
    out.pad2(Math.floor(ofDay / 3600));
    out.byte(58); // ':'
    out.pad2(Math.floor((ofDay % 3600) / 60));
    out.byte(58);
    out.pad2(ofDay % 60);
    out.byte(90); // 'Z'
  }
  out.byte(comma);
  if (!secondsGone) out.uint(seconds);
  out.byte(comma);
  if (!milesGone) writeTenths(out, tenthMiles);
  out.byte(comma);
  if (pickupGap >= pickupAreaMissing) out.bytes(t.areaText[pickupArea]);
  out.byte(comma);
  if (pickupGap >= censusTractMissing) out.bytes(t.tractId[pickupTract]);
  out.byte(comma);
  if (pickupGap >= pickupCoordsMissing) out.bytes(t.tractCoords[pickupTract]);
  else out.byte(comma); // both coordinates empty
  out.byte(comma);
  if (dropoffGap >= dropoffLocationMissing) out.bytes(t.areaText[dropoffArea]);
  out.byte(comma);
  if (dropoffGap >= censusTractMissing) out.bytes(t.tractId[dropoffTract]);
  out.byte(comma);
  if (dropoffGap >= dropoffLocationMissing) out.bytes(t.tractCoords[dropoffTract]);
  else out.byte(comma);
  out.byte(comma);
  out.bytes(t.paymentText[payment]);
  out.byte(comma);
  if (!companyGone) out.bytes(t.companies[company]);
  out.byte(comma);
  out.bytes(t.taxiIds[taxiId]);
  out.byte(comma);
  if (!fareGone) writeCents(out, fareCents);
  out.byte(comma);
  if (!tipsGone) writeCents(out, tipCents);
  out.byte(comma);
  if (note >= 0) out.bytes(t.notes[note]);
  out.byte(comma);
  if (!fareGone && !tipsGone) out.byte(5 * tipCents > fareCents ? 49 : 48); // tips > 0.2 × fare, in exact integers
  out.byte(newline);
}

/** 1285 → "12.85", 1250 → "12.5", 1200 → "12.0": the shortest form, as Python and pandas print such floats. */
function writeCents(out: ByteSink, cents: number): void {
  const whole = Math.floor(cents / 100);
  const rest = cents - whole * 100;
  out.uint(whole);
  out.byte(46); // '.'
  if (rest % 10 === 0) out.uint(rest / 10);
  else out.pad2(rest);
}

function writeTenths(out: ByteSink, tenths: number): void {
  const whole = Math.floor(tenths / 10);
  out.uint(whole);
  out.byte(46);
  out.uint(tenths - whole * 10);
}
