/**
 * A count of the work an operation does, for the fuzz test's size-relative bound (a deterministic
 * measure instead of a timed assertion). Parsing counts the characters parsed; the loops of this
 * package count what they visit: AST nodes, characters scanned, writers, comments, list items.
 * Internal: not exported from the package.
 */
export const work = { steps: 0 };

export function tick(n = 1): void {
  work.steps += n;
}
