/**
 * The test set-up itself, judged by the real programs: vitest runs a small project of test files
 * that pass, fail, fail to load, collect nothing or skip, and scripts/test-summary.mjs must count
 * every failure and agree with vitest's exit status; the skip reasons are printed once each, with
 * their fix; npm and pnpm read the quiet settings of the checkout.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/corpus.js';
import { summarize, summaryLine } from '../scripts/test-summary.mjs';

type Summary = { passed: number; failed: number; skipped: number; notes: string[] };
const summary = summarize as (report: unknown, status: number) => Summary;
const line = summaryLine as (s: Summary) => string;

describe('a vitest run with files that fail to load or collect nothing', () => {
  let dir: string;
  let run: { status: number | null; stdout: string };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'confkit-vitest-'));
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
    const skips = JSON.stringify(join(repoRoot, 'test/support/skips.ts'));
    const files: Record<string, string> = {
      'vitest.config.mjs': `export default { test: { include: ['*.test.mjs'], globalSetup: [${JSON.stringify(join(repoRoot, 'test/support/skip-report.ts'))}] } };\n`,
      'pass.test.mjs': "import { it, expect } from 'vitest';\nit('passes', () => expect(1).toBe(1));\nit.skip('is skipped', () => {});\n",
      'fail.test.mjs': "import { it, expect } from 'vitest';\nit('fails', () => expect(1).toBe(2));\n",
      'throws.test.mjs': "throw new Error('a prerequisite is missing');\n",
      'empty.test.mjs': "import { describe } from 'vitest';\ndescribe('nothing', () => {});\n",
      'skip-a.test.mjs': `import { it } from 'vitest';\nimport { unavailable } from ${skips};\nconst ok = unavailable('the frobnicator tests: no frobnicator', 'sudo apt-get install frobnicator');\nit.skipIf(!ok)('a', () => {});\n`,
      'skip-b.test.mjs': `import { it } from 'vitest';\nimport { unavailable } from ${skips};\nconst ok = unavailable('the frobnicator tests: no frobnicator', 'sudo apt-get install frobnicator');\nit.skipIf(!ok)('b', () => {});\n`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.CI;
    const result = spawnSync(join(repoRoot, 'node_modules/.bin/vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=report.json'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    run = { status: result.status, stdout: result.stdout };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("counts the two files that never ran as failures, and exits with vitest's status", () => {
    expect(run.status).toBe(1);
    const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/test-summary.mjs'), 'report.json', String(run.status)], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      '  empty.test.mjs did not run: No test found in suite empty.test.mjs\n' +
        '  throws.test.mjs did not run: a prerequisite is missing\n' +
        'tests: 1 passed, 3 failed, 3 skipped\n',
    );
  });

  it('prints each skip reason once, with its fix, after the run', () => {
    const reasons = run.stdout.split('\n').filter((l) => l.includes('frobnicator'));
    expect(reasons).toEqual(['  - the frobnicator tests: no frobnicator', '      sudo apt-get install frobnicator']);
    expect(run.stdout).toContain('Skipped on this machine (each runs once the command after it is run):\n');
  });
});

describe('the closing line always agrees with the exit status', () => {
  const passing = {
    numPassedTests: 3,
    numFailedTests: 0,
    numPendingTests: 1,
    numTodoTests: 0,
    testResults: [{ name: `${process.cwd()}/a.test.ts`, status: 'passed', message: '', assertionResults: [{ status: 'passed' }] }],
  };

  it.each([
    [passing, 0, 'tests: 3 passed, 0 failed, 1 skipped'],
    [passing, 1, 'tests: 3 passed, 1 failed, 1 skipped'],
    [undefined, 1, 'tests: 0 passed, 1 failed, 0 skipped'],
    [undefined, 0, 'tests: 0 passed, 0 failed, 0 skipped'],
  ])('report %#, status %s: %s', (report, status, expected) => {
    const counted = summary(report, status);
    expect(line(counted)).toBe(expected);
    expect(counted.failed === 0).toBe(status === 0);
  });
});

describe('a quiet set-up', () => {
  it('npm, which runs `npm run demo` and `npm run test:all`, reads update-notifier, fund, audit and progress as false from the checkout', () => {
    for (const key of ['update-notifier', 'fund', 'audit', 'progress']) {
      const result = spawnSync('npm', ['config', 'get', key], { cwd: repoRoot, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
      expect([key, result.stdout.trim()]).toEqual([key, 'false']);
    }
  });

  it('pnpm reads update-notifier as false (no "Update available" box)', () => {
    const pnpm = [join(repoRoot, '.tools/node_modules/.bin/pnpm'), 'pnpm'].find((p) => p === 'pnpm' || existsSync(p)) as string;
    const result = spawnSync(pnpm, ['config', 'get', 'update-notifier'], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.stdout.trim()).toBe('false');
  });

  it('the scripts install with the silent reporter', () => {
    for (const script of ['scripts/demo.sh', 'scripts/test-all.sh']) {
      const installs = readFileSync(join(repoRoot, script), 'utf8')
        .split('\n')
        .filter((l) => /\binstall\b/.test(l) && l.includes('$PNPM'));
      expect([script, installs.length > 0 && installs.every((l) => l.includes('--reporter=silent'))]).toEqual([script, true]);
    }
  });
});
