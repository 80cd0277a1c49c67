/**
 * Runs every runnable example (examples/*.mjs) as its own Node process against the built packages,
 * and compares what it prints with fixtures/examples/<name>.stdout byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { repoRoot } from '../test/support/corpus.js';
import { expectGoldenFile } from '../test/support/golden.js';

const dir = join(repoRoot, 'examples');
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .sort();

describe('examples', () => {
  it.each(examples)('%s prints what fixtures/examples says', (name) => {
    if (!existsSync(join(repoRoot, 'packages', 'web-config', 'dist', 'index.js'))) {
      throw new Error('The examples run against the built packages: run `pnpm build` first (npm run test:all does)');
    }
    const stdout = execFileSync(process.execPath, [join(dir, name)], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expectGoldenFile(join('examples', name.replace(/\.mjs$/, '.stdout')), stdout);
  });
});
