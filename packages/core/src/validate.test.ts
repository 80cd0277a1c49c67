import { describe, expect, it } from 'vitest';
import { isHostname, validateHostname, validateIdentifier, ValidationError } from './index.js';

describe('validateHostname', () => {
  it.each(['meet.example.com', 'guest.meet.example.com', 'localhost', 'a', 'xn--bcher-kva.example', '1.2.3.4', 'a-b.c0', `${'a'.repeat(63)}.com`])('accepts %s', (host) => {
    expect(validateHostname(host)).toBe(host);
  });

  it.each([
    ['', 'Invalid host name "": it is empty'],
    ['Meet.example.com', 'Invalid host name "Meet.example.com": it has upper-case letters (write it in lower case)'],
    ['meet.example.com.', 'Invalid host name "meet.example.com.": it ends with a dot'],
    ['meet..example.com', 'Invalid host name "meet..example.com": it has an empty label (two dots in a row, or a leading dot)'],
    ['-bad.example.com', 'Invalid host name "-bad.example.com": the label "-bad" is not made of letters, digits and inner hyphens'],
    ['a_b.example.com', 'Invalid host name "a_b.example.com": the label "a_b" is not made of letters, digits and inner hyphens'],
    ['bücher.example', 'Invalid host name "bücher.example": it has non-ASCII characters (write an IDN as punycode, xn--…)'],
    ['ab--cd.example', 'Invalid host name "ab--cd.example": the label "ab--cd" has "--" in positions 3-4, reserved for punycode (xn--)'],
    [`${'a'.repeat(64)}.com`, `Invalid host name "${'a'.repeat(64)}.com": the label "${'a'.repeat(20)}…" is 64 characters long (at most 63)`],
    ['x" ; os.execute("id") --', 'Invalid host name "x\\" ; os.execute(\\"id\\") --": the label "x" ; os" is not made of letters, digits and inner hyphens'],
    ["x', alert(1), '", 'Invalid host name "x\', alert(1), \'": the label "x\', alert(1), \'" is not made of letters, digits and inner hyphens'],
    ['a\nb', 'Invalid host name "a\\u000ab": the label "a\\u000ab" is not made of letters, digits and inner hyphens'],
  ])('rejects %j', (host, message) => {
    expect(isHostname(host)).toBe(false);
    expect(() => validateHostname(host)).toThrowError(new ValidationError(message.replace(/\\"/g, '"')));
  });

  it('rejects names longer than 253 characters', () => {
    const host = Array.from({ length: 4 }, () => 'a'.repeat(63)).join('.');
    expect(host.length).toBe(255);
    expect(() => validateHostname(host)).toThrow('it is 255 characters long (at most 253)');
  });
});

describe('validateIdentifier', () => {
  it('accepts identifiers and rejects anything else', () => {
    expect(validateIdentifier('OPTIMAL_BROWSERS')).toBe('OPTIMAL_BROWSERS');
    expect(() => validateIdentifier('a-b')).toThrowError(new ValidationError('Invalid key "a-b": use letters, digits, _ and $ only'));
    expect(() => validateIdentifier("x'] = 1; alert(1); //")).toThrow(ValidationError);
  });
});
