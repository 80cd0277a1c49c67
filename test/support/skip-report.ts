/**
 * vitest's global setup: a directory where test files leave the reasons they skipped tests
 * (skips.ts), printed once at the end of the run, each with the command that fixes it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'confkit-skips-'));
  project.provide('skipReports', dir);
  return () => {
    const reasons = new Map<string, string>();
    for (const name of readdirSync(dir).sort()) {
      const { what, fix } = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { what: string; fix: string };
      reasons.set(what, fix);
    }
    rmSync(dir, { recursive: true, force: true });
    if (reasons.size === 0) return;
    const lines = ['', 'Skipped on this machine (each runs once the command after it is run):'];
    for (const [what, fix] of [...reasons].sort(([a], [b]) => a.localeCompare(b))) lines.push(`  - ${what}`, `      ${fix}`);
    console.log(lines.join('\n'));
  };
}
