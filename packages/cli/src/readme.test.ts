import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/corpus.js';
import { hookText } from './commands/hook.js';
import { run } from './index.js';
import { recorder } from './test-support/io.js';
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

it("every error code the CLI can print is in the README's table of codes, and the table has no other", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const table = new Set([...readme.matchAll(/^\| `(E_[A-Z_]+)` \| [12] \|/gm)].map((m) => m[1] as string));
  const codes = codesInSources();
  // Sanity: the scan finds the CLI's own codes and the libraries' (core's error classes).
  for (const known of ['E_USAGE', 'E_FILE', 'E_LOCKED', 'E_CHANGED', 'E_INTERNAL', 'E_SYNTAX', 'E_EDIT_CONFLICT']) expect(codes.has(known)).toBe(true);
  const missing = [...codes].filter(([code]) => !table.has(code)).map(([code, where]) => `${code} (${where})`);
  expect(missing).toEqual([]);
  expect([...table].filter((code) => !codes.has(code))).toEqual([]);
});

/** The ```text block that follows `heading` in the README. */
function textBlockAfter(readme: string, heading: string): string {
  const at = readme.indexOf(heading);
  const m = /```text\n([\s\S]*?)```/.exec(readme.slice(at));
  if (at === -1 || m === null) throw new Error(`packages/cli/README.md has no \`\`\`text block after ${heading}`);
  return m[1] as string;
}

it("the README's apply example is what apply prints after an upgrade put the stock interface_config.js back (the server's own paths: here under --root)", async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const root = mkdtempSync(join(tmpdir(), 'confkit-readme-apply-'));
  try {
    cpSync(join(repoRoot, 'examples/debian-tree'), root, { recursive: true, verbatimSymlinks: true });
    const cli = async (...args: string[]) => {
      const io = recorder({ cwd: root, env: { NO_COLOR: '1' } });
      return { status: await run([...args, '--root', '.'], io), stdout: io.out };
    };
    expect((await cli('browsers', 'move', 'firefox', '--to', 'unsupported', '--save')).status).toBe(0);
    expect((await cli('secure-domain', 'enable', '--save')).status).toBe(0);
    writeFileSync(join(root, 'usr/share/jitsi-meet/interface_config.js'), readFileSync(join(repoRoot, 'examples/debian-tree/usr/share/jitsi-meet/interface_config.js')));
    const applied = await cli('apply');
    expect(applied.status).toBe(0);
    // Under --root the paths are shown relative to it; on the server itself, whole.
    expect(applied.stdout.replace(/(^|\s)(etc|usr)\//gm, '$1/$2/')).toBe(textBlockAfter(readme, '### apply'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

it("the README's apt hook line is the one hook install writes for an npm install -g", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const line = hookText('/usr/bin/node', '/usr/local/lib/node_modules/jitsi-confkit/dist/cli.cjs')
    .split('\n')
    .find((l) => l.startsWith('DPkg::'));
  expect(textBlockAfter(readme, '### Re-apply after upgrades')).toBe(`${line}\n`);
});
