/**
 * Numbers as Typesafe Config's tokenizer reads them (Jicofo's reader): a token that starts with a
 * digit or `-` takes every following number character (digits, `e`, `E`, `+`, `-`, `.`); the run
 * is a number when Java parses it, as a double when it holds `.`, `e` or `E` (`1.`, `-.5`, `1e+3`),
 * else as a long (so 9223372036854775808 is a string). ruby-hocon differs on two of these: `1.`
 * is a string there, and integers beyond a long are numbers.
 */

/** A run of number characters from the first one (a digit or `-`). */
export const NUMBER_RUN = /[0-9-][0-9eE+.-]*/y;

const DOUBLE = /^(?:-?[0-9]+\.?[0-9]*|-\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const LONG = /^-?[0-9]+$/;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** True when `run` (a whole token of number characters) is a number for Typesafe Config. */
export function isNumberToken(run: string): boolean {
  if (/[.eE]/.test(run)) return DOUBLE.test(run);
  if (!LONG.test(run)) return false;
  if (run.replace(/^-?0*/, '').length < 19) return true;
  const n = BigInt(run);
  return n >= LONG_MIN && n <= LONG_MAX;
}

/**
 * The text of a number as set() writes it: what Typesafe Config and JavaScript both read back as
 * that number. `-0` stays `-0` (every HOCON reader reads it as the integer 0: HOCON numbers have no
 * negative zero). A whole number beyond a long gets `.0`, so that it is read as a double, not as a
 * string.
 */
export function formatNumber(value: number): string {
  if (Object.is(value, -0)) return '-0';
  const text = String(value);
  return isNumberToken(text) ? text : `${text}.0`;
}
