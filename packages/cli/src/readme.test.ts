import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/corpus.js';
import { runCli } from './test-support/trees.js';

it('the README example prints what the README says (built CLI, bundled example tree)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const m = /```sh\n(jitsi-confkit [^\n]*)\n```[\s\S]*?```text\n([\s\S]*?)```/.exec(readme);
  if (m === null) throw new Error('packages/cli/README.md has no ```sh command followed by a ```text block of its output');
  const args = (m[1] as string).split(' ').slice(1);
  // The example runs inside the repository: it must never write.
  expect(args).toContain('--dry-run');
  const result = runCli(args, { cwd: repoRoot });
  expect(result.status).toBe(0);
  expect(result.stdout).toBe(m[2]);
});

/** Every error code a source of the CLI or of a library can report: each `'E_…'` string in their non-test sources. */
function codesInSources(): Map<string, string> {
  const codes = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'test-support') walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/['"`](E_[A-Z][A-Z_]*)['"`]/g)) codes.set(m[1] as string, relative(repoRoot, path));
      }
    }
  };
  for (const pkg of readdirSync(join(repoRoot, 'packages'))) {
    const src = join(repoRoot, 'packages', pkg, 'src');
    if (existsSync(src)) walk(src);
  }
  return codes;
}

it('every error code the CLI can print is in the README\'s table of codes, and the table has no other', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const table = new Set([...readme.matchAll(/^\| `(E_[A-Z_]+)` \| [12] \|/gm)].map((m) => m[1] as string));
  const codes = codesInSources();
  // Sanity: the scan finds the CLI's own codes and the libraries' (core's error classes).
  for (const known of ['E_USAGE', 'E_FILE', 'E_LOCKED', 'E_CHANGED', 'E_INTERNAL', 'E_SYNTAX', 'E_EDIT_CONFLICT']) expect(codes.has(known)).toBe(true);
  const missing = [...codes].filter(([code]) => !table.has(code)).map(([code, where]) => `${code} (${where})`);
  expect(missing).toEqual([]);
  expect([...table].filter((code) => !codes.has(code))).toEqual([]);
});
