/**
 * Bad input never escapes as anything but a typed error with a position: every cut of a valid
 * state file, binary garbage, deep nesting. Nothing else is thrown, and what parses is valid.
 */
import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError } from '@jitsi-confkit/core';
import { parseState, StateValidationError } from './index.js';
import { stateFixtures } from './test-support/fixtures.js';

function outcome(text: string): string {
  try {
    parseState(text);
    return 'valid';
  } catch (error) {
    if (error instanceof ConfigSyntaxError) return `syntax ${error.line}:${error.column}`;
    if (error instanceof StateValidationError) {
      expect(error.problems.every((p) => p.position !== undefined)).toBe(true);
      return `invalid ${error.problem}`;
    }
    throw error;
  }
}

describe('bad input', () => {
  it('every 11th cut of every valid fixture: valid, a syntax error or problems with positions', () => {
    const seen = new Set<string>();
    for (const fixture of stateFixtures('valid')) {
      for (let cut = 0; cut < fixture.text.length; cut += 11) seen.add(outcome(fixture.text.slice(0, cut)).split(' ')[0]!);
    }
    expect([...seen].sort()).toEqual(['invalid', 'syntax', 'valid']);
  });

  it.each([
    ['binary', '\u0000\u0001\u00ff\ufffe garbage', 'invalid wrong-type'],
    ['a lone surrogate in a host', 'version: 1\nhost: "\\ud800"\n', 'invalid bad-host'],
    ['a recursive alias', 'a: &x [*x]\n', 'invalid missing-field'],
    // The column is where the parser's stack ran out, which depends on the stack's size.
    ['nesting beyond the YAML parser', `version: 1\nintents: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /^syntax 2:\d+$/],
    [
      'a value nested deeper than the libraries write',
      `version: 1\nintents:\n  - kind: set\n    file: config.js\n    path: a\n    value: ${'{a: '.repeat(200)}1${'}'.repeat(200)}\n`,
      'invalid bad-value',
    ],
    ['a huge number', 'version: 1e400\n', 'invalid unsupported-version'],
  ] as [string, string, string | RegExp][])('%s', (_name, text, expected) => {
    if (typeof expected === 'string') expect(outcome(text)).toBe(expected);
    else expect(outcome(text)).toMatch(expected);
  });
});
