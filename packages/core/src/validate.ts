import { ValidationError } from './errors.js';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `host` is not an RFC 1123 host name, or undefined when it is one. */
export function hostnameProblem(host: string): string | undefined {
  if (typeof host !== 'string' || host.length === 0) return 'it is empty';
  if (host.length > 253) return `it is ${host.length} characters long (at most 253)`;
  if (host !== host.toLowerCase()) return 'it has upper-case letters (write it in lower case)';
  if (host.endsWith('.')) return 'it ends with a dot';
  for (const label of host.split('.')) {
    if (label.length === 0) return 'it has an empty label (two dots in a row, or a leading dot)';
    if (label.length > 63) return `the label "${printable(label.slice(0, 20))}…" is ${label.length} characters long (at most 63)`;
    if (!LABEL.test(label)) {
      if (/[\u0080-\uffff]/.test(label)) return 'it has non-ASCII characters (write an IDN as punycode, xn--…)';
      return `the label "${printable(label)}" is not made of letters, digits and inner hyphens`;
    }
    if (/^..--/.test(label) && !label.startsWith('xn--')) {
      return `the label "${label}" has "--" in positions 3-4, reserved for punycode (xn--)`;
    }
  }
  return undefined;
}

export function isHostname(host: string): boolean {
  return hostnameProblem(host) === undefined;
}

/**
 * Throws ValidationError unless `host` is an RFC 1123 host name: lower-case letter-digit-hyphen
 * labels of 1 to 63 characters joined by dots, at most 253 in all, IDN only as punycode.
 */
export function validateHostname(host: string, what = 'host name'): string {
  const problem = hostnameProblem(host);
  if (problem !== undefined) {
    throw new ValidationError(`Invalid ${what} "${printable(String(host))}": ${problem}`);
  }
  return host;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Whether `key` is a plain identifier: an ASCII letter, `_` or `$`, then letters, digits, `_` and
 * `$`. The one definition of a key that needs no quotes (a JavaScript object key, a segment of a
 * dotted path); reserved words are identifiers here, as they are valid object keys.
 */
export function isIdentifier(key: unknown): key is string {
  return typeof key === 'string' && IDENTIFIER.test(key);
}

/** Throws ValidationError unless `key` is a plain identifier (letters, digits, `_`, `$`). */
export function validateIdentifier(key: string, what = 'key'): string {
  if (!isIdentifier(key)) {
    throw new ValidationError(`Invalid ${what} "${printable(String(key))}": use letters, digits, _ and $ only`);
  }
  return key;
}

/**
 * Any value a caller passed, for error messages: as JSON where it has a JSON form, else as
 * String() gives it (a function, a symbol, undefined), then made printable.
 */
export function printableValue(value: unknown, max = 80): string {
  return printable(JSON.stringify(value) ?? String(value), max);
}

/** A caller's string, shortened and with control characters made visible, for error messages. */
export function printable(s: string, max = 80): string {
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  // eslint-disable-next-line no-control-regex -- control characters are made visible
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
