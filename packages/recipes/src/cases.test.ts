/**
 * Our own file sets (fixtures/recipes/<case>/): the recipe's output, file by file and byte for
 * byte, its steps, todo and warnings (expected.result.json), idempotence, and undo.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowBrowser, blockBrowser, secureDomain, type RecipeResult, type SecureDomainOptions } from '@jitsi-confkit/recipes';
import type { Browser } from '@jitsi-confkit/web-config';
import { expectGoldenFile } from '../../../test/support/golden.js';
import { asWritten, CASE_FILE_NAMES, recipeCases, type RecipeCase } from './test-support/cases.js';
import type { DeploymentFile, DeploymentFiles } from './types.js';

const cases = recipeCases();

function run(c: RecipeCase, files: DeploymentFiles, undo = false): RecipeResult {
  switch (c.spec.recipe) {
    case 'secureDomain':
      return secureDomain(files, { ...(c.spec.options as unknown as SecureDomainOptions), ...(undo ? { enable: false } : {}) });
    case 'blockBrowser':
      return (undo ? allowBrowser : blockBrowser)(files, c.spec.browser as Browser, c.spec.options ?? {});
    case 'allowBrowser':
      return (undo ? blockBrowser : allowBrowser)(files, c.spec.browser as Browser, c.spec.options ?? {});
  }
}

const keysOf = (files: DeploymentFiles): DeploymentFile[] => (Object.keys(files) as DeploymentFile[]).sort();

describe.each(cases.map((c) => [c.name, c] as const))('fixtures/recipes/%s', (name, c) => {
  const result = run(c, c.files);

  it('writes the expected files, byte for byte', () => {
    expect(keysOf(result.files)).toEqual(keysOf(c.files));
    for (const key of keysOf(result.files)) {
      expectGoldenFile(join('recipes', name, `expected.${CASE_FILE_NAMES[key]}`), asWritten(key, result.files[key]!));
    }
  });

  it('reports the expected steps, todo and warnings', () => {
    const { steps, todo, warnings, changed } = result;
    expectGoldenFile(join('recipes', name, 'expected.result.json'), `${JSON.stringify({ changed, steps, todo, warnings }, null, 2)}\n`);
  });

  it('is idempotent: applied again it changes nothing and says "already"', () => {
    const again = run(c, result.files);
    expect(again.changed).toBe(false);
    for (const key of keysOf(result.files)) expect(again.files[key]).toBe(result.files[key]);
    expect(again.steps.map((s) => s.status)).toEqual(result.steps.map((s) => (s.status === 'applied' ? 'already' : s.status)));
  });

  it('undo gives back the original bytes', () => {
    const undone = run(c, result.files, true);
    for (const key of keysOf(c.files)) expect(undone.files[key]).toBe(c.files[key]);
  });
});
