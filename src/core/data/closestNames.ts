/**
 * "Did you mean": the names closest to a misspelt one, by edit distance (case-insensitive, a transposition counts
 * as one edit), so an error can name what the user probably meant instead of leaving them to guess.
 */

export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_v, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/**
 * Up to `max` candidates within a distance that grows with the name's length (a third of it, at least 2), closest
 * first; a candidate that contains the name or is contained in it also counts (`fare` → `fare_amount`).
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(lower.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    const cl = c.toLowerCase();
    if (cl === lower) {
      scored.push({ c, d: 0 });
      continue;
    }
    const d = editDistance(lower, cl);
    if (d <= limit) scored.push({ c, d });
    else if (lower.length >= 3 && (cl.includes(lower) || lower.includes(cl))) scored.push({ c, d: limit + 1 });
  }
  return scored
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0))
    .slice(0, max)
    .map((s) => s.c);
}

/** ` (did you mean 'a' or 'b'?)`, or '' when nothing is close; `quote` writes each name (default: in single quotes). */
export function didYouMean(name: string, candidates: Iterable<string>, quote: (s: string) => string = (s) => `'${s}'`): string {
  const close = closestNames(name, candidates);
  if (close.length === 0) return '';
  const quoted = close.map(quote);
  return ` (did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`}?)`;
}
