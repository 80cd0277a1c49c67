/**
 * Whether a program that a test runs is installed. Where it is missing the test is skipped with a
 * message naming the Debian package (scripts/install-system-deps.sh installs it); under CI=true a
 * missing program is an error instead, since CI must run every test.
 */
import { spawnSync } from 'node:child_process';
import { isCI } from './corpus.js';

export function programAvailable(program: string, debianPackage: string, purpose: string): boolean {
  const found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', program], { stdio: 'ignore' }).status === 0;
  if (!found && isCI) throw new Error(`${program} (Debian package ${debianPackage}) is missing; CI must run ${purpose}.`);
  if (!found) console.warn(`[jitsi-confkit] ${program} not found: skipping ${purpose} (sudo bash scripts/install-system-deps.sh installs ${debianPackage})`);
  return found;
}
