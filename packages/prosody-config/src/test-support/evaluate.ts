/** Test helper: the effective per-host settings of a config text, evaluated by lua5.4 (eval-stub.lua). */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./eval-stub.lua', import.meta.url));

export interface Evaluated {
  warnings: string[];
  includes: string[];
  global: Record<string, unknown>;
  hosts: Record<string, { kind: 'VirtualHost' | 'Component'; settings: Record<string, unknown> }>;
}

/** Whether a program is on PATH. */
export function hasProgram(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Skip (with a message) when the program is missing; under CI=true that throws instead. */
export function requireProgram(name: string): boolean {
  if (hasProgram(name)) return true;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${name} is missing; CI must run these tests (scripts/install-system-deps.sh)`);
  console.warn(`[prosody-config] ${name} not found: skipping the tests that need it`);
  return false;
}

function withFile<T>(text: string, fn: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pc-'));
  const file = join(dir, 'host.cfg.lua');
  try {
    writeFileSync(file, text, 'latin1');
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Evaluates a latin1 config text with lua5.4. */
export function evaluate(text: string): Evaluated {
  return withFile(text, (file) => JSON.parse(execFileSync('lua5.4', [script, file], { encoding: 'utf8' })) as Evaluated);
}

/** `luac5.4 -p` on the text: undefined when it compiles, else the compiler's message. */
export function luacCheck(text: string): string | undefined {
  return withFile(text, (file) => {
    const r = spawnSync('luac5.4', ['-p', file], { encoding: 'utf8' });
    return r.status === 0 ? undefined : r.stderr;
  });
}
