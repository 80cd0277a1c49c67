/**
 * Plain data: what a configuration value reads as once parsed (strings, numbers, booleans, null,
 * and arrays and plain objects of these), compared the one way every document kind compares it.
 */

/**
 * Whether `a` and `b` are the same plain data: arrays element by element in order, objects by
 * their own enumerable keys (in any order) and the values under them, everything else by
 * `Object.is` (so `-0` is not `0`, which a file writes differently, and `NaN` is `NaN`).
 * `undefined` is only equal to itself; a key whose value is `undefined` still counts as a key.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEqual(ra[k], rb[k])) return false;
  return true;
}
