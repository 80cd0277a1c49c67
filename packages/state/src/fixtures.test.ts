/**
 * Every state-file fixture: valid files read into the intents of their golden JSON; each invalid
 * file gives exactly the problems its `# expect:` lines list (code, line, column, path), in LF and
 * in CRLF; and a real JSON Schema validator (ajv) agrees with the validator on every file.
 */
import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError } from '@jitsi-confkit/core';
import { expectGoldenFile } from '../../../test/support/golden.js';
import { thrown } from '../../../test/support/errors.js';
import { parseState, StateValidationError } from './index.js';
import { schemaErrors, stateFixtures } from './test-support/fixtures.js';

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

describe('valid state files', () => {
  for (const fixture of stateFixtures('valid')) {
    it(`${fixture.name} reads into the intents of its golden JSON`, () => {
      const doc = parseState(fixture.text);
      expectGoldenFile(`state/valid/${fixture.name.replace(/\.yaml$/, '.intents.json')}`, `${JSON.stringify({ host: doc.host ?? null, intents: doc.intents }, null, 2)}\n`);
      expect(parseState(crlf(fixture.text)).intents).toEqual(doc.intents);
      expect(doc.toString()).toBe(fixture.text);
    });
    it(`${fixture.name} passes the JSON Schema`, () => {
      expect(schemaErrors(fixture.text)).toEqual([]);
    });
  }
});

function problemsOf(text: string): string[] {
  const error = thrown(StateValidationError, () => parseState(text));
  expect(error.code).toBe('E_VALIDATION');
  expect(error.position).toEqual(error.problems[0]!.position);
  return error.problems.map((p) => `${p.code} ${p.position!.line}:${p.position!.column} ${p.path}`);
}

for (const group of ['invalid', 'beyond-schema'] as const) {
  describe(`${group} state files`, () => {
    for (const fixture of stateFixtures(group)) {
      it(`${fixture.name}: ${fixture.expect.join('; ')}`, () => {
        expect(fixture.expect.length).toBeGreaterThan(0);
        expect(problemsOf(fixture.text)).toEqual(fixture.expect);
        expect(problemsOf(crlf(fixture.text))).toEqual(fixture.expect);
      });
      if (group === 'invalid') {
        it(`${fixture.name} fails the JSON Schema too`, () => {
          expect(schemaErrors(fixture.text)).not.toEqual([]);
        });
      } else {
        it(`${fixture.name} passes the JSON Schema (what it breaks is beyond a schema)`, () => {
          expect(schemaErrors(fixture.text)).toEqual([]);
        });
      }
    }
  });
}

describe('YAML syntax errors', () => {
  for (const fixture of stateFixtures('syntax')) {
    it(`${fixture.name}: ConfigSyntaxError at ${fixture.expect[0]}`, () => {
      for (const text of [fixture.text, crlf(fixture.text)]) {
        const error = thrown(ConfigSyntaxError, () => parseState(text));
        expect(`syntax ${error.line}:${error.column}`).toBe(fixture.expect[0]);
        expect(error.code).toBe('E_SYNTAX');
        expect(error.frame).toContain('^');
      }
    });
  }
});
