/**
 * The fixed vocabularies and lookup tables of the taxi-like generator: community areas and census tracts with
 * their centroids, companies, cab ids, free-text notes, the calendar. They are the same for every seed (so files
 * with different seeds share vocabularies, as a training and a serving split do), built once per process from
 * their own constant seed, and pre-encoded as bytes for the row writer.
 */
import { ascii } from './byteSink.js';
import { Prng, WeightedChoice } from './prng.js';

export const paymentTypes = ['Cash', 'Credit Card', 'No Charge', 'Unknown', 'Dispute'] as const;
export const cashPayment = 0;
export const creditCardPayment = 1;
const paymentWeights = [0.6, 0.375, 0.012, 0.009, 0.004];

export const companyCount = 50;
export const taxiIdCount = 5000;
export const areaCount = 77;
/** The community area of O'Hare airport (1-based): trips there are longer and faster. */
export const ohareArea = 76;

export const secondsPerDay = 86400;
/** Trips start from 2013-01-01 to 2016-12-31 (UTC): days since 1970 of the first one, and how many. */
export const firstDay = Date.UTC(2013, 0, 1) / 1000 / secondsPerDay;
export const dayCount = 4 * 365 + 1;

export interface TaxiLikeTables {
  readonly hour: WeightedChoice;
  /** Picks a 0-based community area. */
  readonly area: WeightedChoice;
  readonly payment: WeightedChoice;
  readonly company: WeightedChoice;
  readonly paymentText: readonly Uint8Array[];
  /** "1" … "77", by 0-based area. */
  readonly areaText: readonly Uint8Array[];
  /** For each 0-based area, where its tracts start in the tract tables and how to pick one of them. */
  readonly areaTracts: readonly { readonly start: number; readonly choice: WeightedChoice }[];
  readonly tractId: readonly Uint8Array[];
  /** "lat,lon" with 9 decimals: the tract's centroid, as the real data reports centroids. */
  readonly tractCoords: readonly Uint8Array[];
  /** CSV-ready (quoted where needed). */
  readonly companies: readonly Uint8Array[];
  readonly taxiIds: readonly Uint8Array[];
  /** CSV-ready (quoted where needed). */
  readonly notes: readonly Uint8Array[];
  /** "2014-03-01T" by day index from firstDay; two extra days for trips that end after the last midnight. */
  readonly dayIso: readonly Uint8Array[];
  /** 1 = Sunday … 7 = Saturday, as the lab's trip_start_day. */
  readonly dayOfWeek: Uint8Array;
  readonly month: Uint8Array;
}

let cached: TaxiLikeTables | undefined;

export function getTaxiLikeTables(): TaxiLikeTables {
  cached ??= buildTables();
  return cached;
}

/** RFC 4180 quoting: only cells holding a comma, a quote or a line break are quoted; quotes inside are doubled. */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// Trips per hour of day, shaped like Chicago's: a night trough and an evening peak.
const hourWeights = [
  3.0, 2.4, 1.8, 1.3, 0.9, 0.9, 1.5, 3.0, 4.3, 4.6, 4.4, 4.6, 5.0, 5.1, 5.0, 5.1, 5.4, 6.0, 6.6, 6.5, 5.8, 5.2, 4.6, 3.8,
];

// Community areas (1-based) that most trips touch: Near North Side, the Loop, Near West Side, O'Hare…
const busyAreas: Readonly<Record<number, number>> = {
  8: 30, 32: 18, 28: 9, 76: 6, 6: 5, 7: 5, 24: 5, 33: 4, 3: 2, 22: 2, 56: 1.5, 77: 1, 5: 1, 4: 1, 41: 0.8, 2: 0.8, 1: 0.8,
};
const quietAreaWeight = 0.3;

const associationNames = [
  'Taxi Affiliation Services', 'Dispatch Taxi Affiliation', 'Blue Ribbon Taxi Association Inc.',
  'Choice Taxi Association', 'Northwest Management LLC', 'KOAM Taxi Association', 'Top Cab Affiliation',
  'Chicago Elite Cab Corp.', 'Chicago Medallion Leasing INC', 'Chicago Medallion Management',
  'Yellow Cab Co, Inc.', // a comma: the cell must be quoted
  'Checker Taxi Affiliation', 'City Service', 'Flash Cab', 'Sun Taxi', 'Star North Management LLC',
  'Globe Taxi', 'Medallion Leasin', 'Chicago Independents', 'American United Taxi Affiliation',
];
const firstNames = ['Adwar', 'Salifu', 'Godfrey', 'Mohamed', 'Nura', 'Ahzmi', 'Benny', 'Luhak', 'Sergey', 'Rosa'];
const lastNames = ['Bawa', 'Awir', 'Jona', 'Yohannes', 'Hassan', 'Petrov', 'Garcia', 'Omar', 'Khan', 'Novak'];

const places = ["O'Hare", 'Midway', 'Union Station', 'Navy Pier', 'Wrigley Field', 'the Loop', 'Hyde Park', 'McCormick Place'];
const items = ['umbrella', 'phone', 'scarf', '"lucky" hat', 'laptop bag', 'gloves'];
const streets = ['Lake Shore Dr', 'Michigan Ave', 'Halsted St', 'Ashland Ave', 'Western Ave', 'Clark St'];
const noteCount = 400;

function buildTables(): TaxiLikeTables {
  const rng = new Prng(0x7a11);
  const pick = <T>(list: readonly T[]): T => list[rng.int(list.length)];
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');

  const dayIso: Uint8Array[] = [];
  const dayOfWeek = new Uint8Array(dayCount);
  const month = new Uint8Array(dayCount);
  for (let d = 0; d < dayCount + 2; d++) {
    const date = new Date((firstDay + d) * secondsPerDay * 1000);
    dayIso.push(ascii(date.toISOString().slice(0, 11)));
    if (d < dayCount) {
      dayOfWeek[d] = date.getUTCDay() + 1;
      month[d] = date.getUTCMonth() + 1;
    }
  }

  const areaText: Uint8Array[] = [];
  const tractId: Uint8Array[] = [];
  const tractCoords: Uint8Array[] = [];
  const areaTracts: { start: number; choice: WeightedChoice }[] = [];
  const areaWeights: number[] = [];
  for (let a = 1; a <= areaCount; a++) {
    // Areas spread over the city's bounding box; census tracts around each area's centre, busier areas
    // having more of them.
    const lat = 41.66 + 0.36 * rng.next();
    const lon = -87.84 + 0.31 * rng.next();
    const weight = busyAreas[a] ?? quietAreaWeight;
    const count = 3 + rng.int(8) + Math.floor(3 * Math.sqrt(weight));
    areaText.push(ascii(String(a)));
    areaWeights.push(weight);
    areaTracts.push({ start: tractId.length, choice: new WeightedChoice(Array.from({ length: count }, (_, k) => 1 / (k + 1))) });
    for (let k = 0; k < count; k++) {
      tractId.push(ascii(`17031${pad(a, 2)}${pad(k, 2)}00`)); // Cook County's state+county prefix, as real ids
      const tLat = lat + 0.012 * (rng.next() - 0.5);
      const tLon = lon + 0.012 * (rng.next() - 0.5);
      tractCoords.push(ascii(`${tLat.toFixed(9)},${tLon.toFixed(9)}`));
    }
  }

  const companyNames = [...associationNames];
  while (companyNames.length < companyCount) {
    // Owner-operators, named like the real data's "0118 - 42111 Godfrey S.Awir".
    companyNames.push(`${pad(rng.int(10000), 4)} - ${10000 + rng.int(90000)} ${pick(firstNames)} ${pick(lastNames)}`);
  }
  const companyWeights = companyNames.map((_, i) => 1 / Math.pow(i + 1, 1.2));

  const taxiIds = Array.from({ length: taxiIdCount }, () =>
    // 16 hex digits; the real column holds long hashes.
    ascii(rng.nextUint32().toString(16).padStart(8, '0') + rng.nextUint32().toString(16).padStart(8, '0')),
  );

  const noteMakers: readonly (() => string)[] = [
    () => `Airport run, ${1 + rng.int(4)} bags`,
    () => 'Customer said "keep the change"',
    () => `Waited ${2 + rng.int(15)} min at pickup`,
    () => `Pickup at ${pick(places)}, drop at ${pick(places)}`,
    () => `Detour: "road closed" on ${pick(streets)}`,
    () => `Rider left ${pick(items)} in cab`,
    () => 'Card declined, paid cash',
    () => 'Quiet ride',
    () => `${2 + rng.int(3)} passengers, one stop`,
    () => 'Asked for the "scenic route"',
  ];
  const notes = Array.from({ length: noteCount }, () => ascii(csvCell(pick(noteMakers)())));

  return {
    hour: new WeightedChoice(hourWeights),
    area: new WeightedChoice(areaWeights),
    payment: new WeightedChoice(paymentWeights),
    company: new WeightedChoice(companyWeights),
    paymentText: paymentTypes.map(ascii),
    areaText,
    areaTracts,
    tractId,
    tractCoords,
    companies: companyNames.map((name) => ascii(csvCell(name))),
    taxiIds,
    notes,
    dayIso,
    dayOfWeek,
    month,
  };
}
