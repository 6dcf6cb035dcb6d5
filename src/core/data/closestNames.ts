/** "Did you mean …?" for a name a user mistyped: the known names within a small edit distance, closest first. */

/** Levenshtein distance (insert, delete, substitute; a swap of neighbours counts 1, as typists make them). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        d[i].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2][j - 2] + 1);
      d[i].push(best);
    }
  }
  return d[a.length][b.length];
}

/** Known names close to `name` (case-insensitive; at most a third of its length in edits, at least 1), closest first. */
export function closestNames(name: string, known: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const budget = Math.max(1, Math.floor(name.length / 3));
  const scored: Array<{ name: string; distance: number }> = [];
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= budget) scored.push({ name: candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** ` (did you mean x?)`, ` (did you mean x or y?)`, or '' when nothing is close. */
export function didYouMean(name: string, known: Iterable<string>, quote: (s: string) => string = (s) => s): string {
  const close = closestNames(name, known).map(quote);
  if (close.length === 0) return '';
  const list = close.length === 1 ? close[0] : `${close.slice(0, -1).join(', ')} or ${close[close.length - 1]}`;
  return ` (did you mean ${list}?)`;
}
