/**
 * `npx tsx scripts/generateSample.ts -o out.csv --rows N [--seed S] [--size 1GB]`: writes a taxi-like CSV
 * (scripts/sampleData/taxiLike.ts) for demos and benchmarks. `-o -` writes to standard output.
 */
import { parseArgs } from 'node:util';
import { formatByteSize, parseByteSize } from './sampleData/byteSize.js';
import { generateTaxiLike } from './sampleData/taxiLike.js';

const usage = `Usage: npx tsx scripts/generateSample.ts -o <out.csv|-> (--rows N | --size 1GB) [--seed S]

  -o, --out    file to write (created or overwritten); - for standard output
  --rows N     exact number of data rows
  --size SIZE  approximate file size: 4096, 100MB, 1GB (powers of 1000), 512MiB, 1GiB (powers of 1024)
  --seed S     integer seed (default 1): the same seed always gives the same bytes
With both --rows and --size, whichever is reached first ends the file.`;

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string', short: 'o' },
        rows: { type: 'string' },
        size: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (values.out === undefined) return fail('-o/--out is required');
  if (values.rows === undefined && values.size === undefined) return fail('give --rows or --size');

  let rows: number | undefined;
  let bytes: number | undefined;
  let seed = 1;
  try {
    if (values.rows !== undefined) rows = parseInteger('--rows', values.rows);
    if (values.size !== undefined) bytes = parseByteSize(values.size);
    if (values.seed !== undefined) seed = parseInteger('--seed', values.seed);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }

  const started = performance.now();
  const result = await generateTaxiLike({ rows, bytes, seed, out: values.out === '-' ? process.stdout : values.out });
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `wrote ${result.rows} rows, ${formatByteSize(result.bytes)} to ${values.out} in ${seconds.toFixed(2)} s ` +
      `(${formatByteSize(result.bytes / seconds)}/s, seed ${seed})\n`,
  );
  return 0;
}

function parseInteger(flag: string, text: string): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new RangeError(`${flag} must be an integer, got '${text}'`);
  return n;
}

function fail(message: string): number {
  process.stderr.write(`generateSample: ${message}\n\n${usage}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`generateSample: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
