/** Byte sizes as people type them on a command line (`100MB`, `1GB`, `512KiB`) and as tables print them. */

const units: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/**
 * `1GB` → 1e9, `1GiB` → 2^30, `1.5MB` → 1.5e6, `4096` → 4096. Decimal units are powers of 1000 (as disks and
 * the "1 GB" in a benchmark brief mean), the `i` forms powers of 1024. Throws a RangeError on anything else.
 */
export function parseByteSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const factor = m ? units[(m[2] === '' ? 'b' : m[2]).toLowerCase()] : undefined;
  if (!m || factor === undefined) {
    throw new RangeError(`not a byte size: '${text}' (expected e.g. 4096, 100MB, 1GB, 512MiB)`);
  }
  const bytes = Math.round(Number(m[1]) * factor);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new RangeError(`byte size out of range: '${text}'`);
  return bytes;
}

/** 1e9 → "1 GB", 1.05e8 → "105 MB", 2048 → "2.05 kB"-style short decimal text, 3 significant digits. */
export function formatByteSize(bytes: number): string {
  const steps: readonly [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [factor, unit] of steps) {
    if (Math.abs(bytes) >= factor) return `${Number((bytes / factor).toPrecision(3))} ${unit}`;
  }
  return `${bytes} B`;
}
