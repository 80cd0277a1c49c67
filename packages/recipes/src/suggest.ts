/** Suggestions for a mistyped host name: the names that exist and are close to it. */

/** Edit distance with transpositions (optimal string alignment): `exmaple` is 1 from `example`. */
function distance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The `candidates` close to `name` (at most 3 edits, and fewer than a third of its length),
 * closest first, each once. [] when none is close.
 */
export function closeMatches(name: string, candidates: readonly string[]): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  const scored = [...new Set(candidates)]
    .filter((c) => c !== name)
    .map((c) => ({ c, d: distance(name, c) }))
    .filter((s) => s.d <= limit);
  return scored.sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1)).map((s) => s.c);
}

/** " (did you mean a or b?)" for the close matches, "" when there are none. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const close = closeMatches(name, candidates);
  return close.length === 0 ? '' : ` (did you mean ${close.join(' or ')}?)`;
}
