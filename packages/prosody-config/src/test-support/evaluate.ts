/** Test helper: the effective per-host settings of a config text, evaluated by lua5.4 (eval-stub.lua). */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unavailable } from '../../../../test/support/skips.js';

const script = fileURLToPath(new URL('./eval-stub.lua', import.meta.url));
const batchScript = fileURLToPath(new URL('./eval-batch.lua', import.meta.url));
const realScript = fileURLToPath(new URL('./eval-real.lua', import.meta.url));
const loadCheckScript = fileURLToPath(new URL('./load-check.lua', import.meta.url));

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
  return unavailable(`the prosody-config tests that run ${name}: no ${name}`, 'sudo bash scripts/install-system-deps.sh');
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

/** Evaluates many latin1 config texts in one lua5.4 process: each result, or the Lua error message. */
export function evaluateMany(texts: readonly string[]): (Evaluated | { error: string })[] {
  if (texts.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'pc-'));
  try {
    const files = texts.map((text, i) => {
      const file = join(dir, `${i}.cfg.lua`);
      writeFileSync(file, text, 'latin1');
      return file;
    });
    const out = execFileSync('lua5.4', [batchScript, script, ...files], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const lines = out.split('\n').filter((l) => l !== '');
    if (lines.length !== texts.length) throw new Error(`eval-batch.lua gave ${lines.length} results for ${texts.length} files`);
    return lines.map((l) => (l.startsWith('ok ') ? (JSON.parse(l.slice(3)) as Evaluated) : { error: l.replace(/^error /, '') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `luac5.4 -p` on many texts at once: the texts that do not compile, by index, with the message. */
export function luacCheckMany(texts: readonly string[]): Map<number, string> {
  const failures = new Map<number, string>();
  if (texts.length === 0) return failures;
  const dir = mkdtempSync(join(tmpdir(), 'pc-'));
  try {
    const files = texts.map((text, i) => {
      const file = join(dir, `${i}.cfg.lua`);
      writeFileSync(file, text, 'latin1');
      return file;
    });
    const r = spawnSync('luac5.4', ['-p', ...files], { encoding: 'utf8' });
    if (r.status === 0) return failures;
    // luac stops at the first file that fails: check the rest one by one.
    files.forEach((file, i) => {
      const one = spawnSync('luac5.4', ['-p', file], { encoding: 'utf8' });
      if (one.status !== 0) failures.set(i, one.stderr);
    });
    return failures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every host's own settings ("*": global) as Prosody's own core.configmanager (from the prosody
 * package) loads the text, or the error it gives.
 */
export function evaluateReal(text: string): { config: Record<string, Record<string, unknown>> } | { error: string } {
  return withFile(text, (file) => {
    const r = spawnSync('lua5.4', [realScript, file], { encoding: 'utf8' });
    if (r.status !== 0) return { error: r.stderr.trim() };
    return { config: JSON.parse(r.stdout) as Record<string, Record<string, unknown>> };
  });
}

/**
 * Lua 5.4's verdict on many texts (latin1 strings or bytes), as Prosody loads a file that its main
 * config includes (load-check.lua): undefined when it loads, else Lua's message. One lua5.4
 * process per 2,000 texts.
 */
export function loadCheckMany(texts: readonly (string | Uint8Array)[]): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'pc-'));
  try {
    for (let from = 0; from < texts.length; from += 2000) {
      const files = texts.slice(from, from + 2000).map((text, i) => {
        const file = join(dir, `${from + i}.lua`);
        writeFileSync(file, typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
        return file;
      });
      const lines = execFileSync('lua5.4', [loadCheckScript, ...files], { encoding: 'latin1', maxBuffer: 1 << 28 })
        .split('\n')
        .filter((l) => l !== '');
      if (lines.length !== files.length) throw new Error(`load-check.lua gave ${lines.length} results for ${files.length} files`);
      for (const line of lines) out.push(line === 'ok' ? undefined : line.replace(/^error /, ''));
      for (const file of files) rmSync(file);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
