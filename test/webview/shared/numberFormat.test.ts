import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCount, formatExact, formatPercent, formatStat } from '../../../webview/shared/numberFormat.js';

const MINUS = '\u2212';

test('formatStat picks decimals by magnitude', () => {
  assert.equal(formatStat(0), '0');
  assert.equal(formatStat(41.8712), '41.87');
  assert.equal(formatStat(-87.6324), `${MINUS}87.63`);
  assert.equal(formatStat(2), '2');
  assert.equal(formatStat(2.5), '2.5');
  assert.equal(formatStat(1234.56), '1,234.6');
  assert.equal(formatStat(86400), '86,400');
  assert.equal(formatStat(330410.4), '330,410');
  assert.equal(formatStat(0.0123456), '0.0123');
  assert.equal(formatStat(0.5), '0.5');
});

test('formatStat uses a suffix from a million and an exponent for extremes', () => {
  assert.equal(formatStat(17031081600), '17.03B');
  assert.equal(formatStat(1_234_567), '1.235M');
  assert.equal(formatStat(-29_150_000), `${MINUS}29.15M`);
  assert.equal(formatStat(2e12), '2T');
  // 999,999,999 rounds to 1000M at four digits: carried to the next suffix.
  assert.equal(formatStat(999_999_999), '1B');
  assert.equal(formatStat(1.5e-5), '1.5e-5');
  assert.equal(formatStat(-2.346e-7), `${MINUS}2.35e-7`);
  assert.equal(formatStat(1e15), '1e15');
});

test('formatStat names the non-finite values', () => {
  assert.equal(formatStat(Number.NaN), 'NaN');
  assert.equal(formatStat(Number.POSITIVE_INFINITY), '\u221e');
  assert.equal(formatStat(Number.NEGATIVE_INFINITY), `${MINUS}\u221e`);
});

test('formatCount separates thousands and compacts from ten million', () => {
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(10036), '10,036');
  assert.equal(formatCount(10036n), '10,036');
  assert.equal(formatCount(9_999_999), '9,999,999');
  assert.equal(formatCount(12_345_678), '12.3M');
  assert.equal(formatCount(10n ** 12n), '1T');
  assert.equal(formatCount(1003.6), '1,004');
});

test('formatPercent never hides a tiny share as 0% or a near-total as 100%', () => {
  assert.equal(formatPercent(0), '0%');
  assert.equal(formatPercent(1), '100%');
  assert.equal(formatPercent(0.0004), '<0.1%');
  assert.equal(formatPercent(0.9995), '>99.9%');
  assert.equal(formatPercent(0.123), '12.3%');
  assert.equal(formatPercent(0.5), '50%');
  assert.equal(formatPercent(undefined), '\u2013');
  assert.equal(formatPercent(Number.NaN), '\u2013');
});

test('formatExact keeps every digit', () => {
  assert.equal(formatExact(10036n), '10,036');
  assert.equal(formatExact(-3), `${MINUS}3`);
  assert.equal(formatExact(0.1), '0.1');
  assert.equal(formatExact(17031081600), '17,031,081,600');
  assert.equal(formatExact(41.90312957763672), '41.90312957763672');
});
