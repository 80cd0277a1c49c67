/**
 * A deterministic measure of work, for tests that an operation stays linear in its input (never a
 * timed test): while `fn` runs, every call of a built-in Array method counts the elements it
 * touches, which is where an accidentally quadratic loop spends its time (an `unshift` or an
 * `indexOf` per element). Methods that take a callback count the calls of the callback (so an early
 * `find` counts only what it looked at); the others count the array's length.
 */

const BY_LENGTH = ['unshift', 'shift', 'splice', 'indexOf', 'lastIndexOf', 'includes', 'slice', 'concat', 'join', 'reverse', 'sort', 'flat', 'fill', 'copyWithin'] as const;
const BY_CALLBACK = ['map', 'filter', 'forEach', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'reduce', 'reduceRight', 'flatMap'] as const;

type Method = (this: unknown[], ...args: unknown[]) => unknown;

/** Runs `fn` and returns how many array elements built-in Array methods touched meanwhile. */
export function arrayWork(fn: () => void): number {
  const proto = Array.prototype as unknown as Record<string, Method>;
  const saved = new Map<string, Method>();
  let work = 0;
  for (const name of BY_LENGTH) {
    const original = proto[name]!;
    saved.set(name, original);
    proto[name] = function (this: unknown[], ...args: unknown[]) {
      work += this.length;
      return Reflect.apply(original, this, args);
    };
  }
  for (const name of BY_CALLBACK) {
    const original = proto[name]!;
    saved.set(name, original);
    proto[name] = function (this: unknown[], ...args: unknown[]) {
      const callback = args[0] as (...a: unknown[]) => unknown;
      if (typeof callback === 'function') {
        args[0] = function (this: unknown, ...a: unknown[]) {
          work++;
          return Reflect.apply(callback, this, a);
        };
      }
      return Reflect.apply(original, this, args);
    };
  }
  try {
    fn();
  } finally {
    for (const [name, original] of saved) proto[name] = original;
  }
  return work;
}
