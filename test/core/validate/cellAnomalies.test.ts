import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseText } from '../../../src/core/proto/textFormat.js';
import { SchemaSchema } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { cellChecks } from '../../../src/core/validate/cellAnomalies.js';

const schema = parseText(
  SchemaSchema,
  `feature { name: "payment_type" type: BYTES domain: "payment_type" }
   feature { name: "hour" type: INT int_domain { min: 0 max: 23 } }
   feature { name: "fare" type: FLOAT }
   feature { name: "free" type: BYTES }
   string_domain { name: "payment_type" value: "Cash" value: "Credit Card" }`,
);

test('cells outside the domain, out of range or of the wrong type are named with the reason', () => {
  const [payment, hour, fare, free, unknown] = cellChecks(schema, ['payment_type', 'hour', 'fare', 'free', 'nope']);
  assert.equal(payment?.('Cash'), undefined);
  assert.equal(payment?.('Prcard'), "'Prcard' is not in the schema's domain of payment_type");
  assert.equal(hour?.('23'), undefined);
  assert.match(hour?.('24') ?? '', /above hour's maximum 23/);
  assert.match(hour?.('1.5') ?? '', /not an integer/);
  assert.equal(fare?.('1e3'), undefined);
  assert.match(fare?.('abc') ?? '', /not a number/);
  assert.equal(free, undefined);
  assert.equal(unknown, undefined);
  assert.match(hour?.('[3, 99]') ?? '', /99 is above/);
});
