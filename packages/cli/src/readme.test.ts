import { readFileSync } from 'node:fs';
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
