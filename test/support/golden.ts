/**
 * Golden files, compared byte for byte. `UPDATE_GOLDEN=1` (re)writes them; otherwise a missing or
 * different golden file fails the test. Golden diffs for the real corpus use zero context lines.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { unifiedDiff } from '@jitsi-confkit/core';
import { repoRoot } from './corpus.js';

export const fixturesRoot = join(repoRoot, 'fixtures');
export const updateGolden = process.env.UPDATE_GOLDEN === '1';

/** Compares `actual` with fixtures/`rel`, byte for byte (or writes it under UPDATE_GOLDEN=1). */
export function expectGoldenFile(rel: string, actual: string): void {
  const file = join(fixturesRoot, rel);
  if (updateGolden) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`Golden file fixtures/${rel} is missing: run the tests with UPDATE_GOLDEN=1 and review it`);
  }
  const expected = readFileSync(file, 'utf8');
  // Compare as JSON strings so a difference in \r or trailing whitespace is visible in the report.
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

/** The zero-context unified diff of an edit of corpus file `corpusRel`, checked against fixtures/golden/`goldenRel`. */
export function expectGoldenDiff(goldenRel: string, corpusRel: string, before: string, after: string): void {
  expectGoldenFile(join('golden', goldenRel), unifiedDiff(before, after, { path: corpusRel, context: 0 }));
}

/** The case folders under fixtures/`rel`/, sorted by name ([] when there is no such folder). */
export function caseFolders(rel: string): { name: string; dir: string }[] {
  const base = join(fixturesRoot, rel);
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((name) => statSync(join(base, name)).isDirectory())
    .sort()
    .map((name) => ({ name, dir: join(base, name) }));
}
