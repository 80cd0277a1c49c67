/**
 * The semantic oracle for jicofo.conf: Debian's ruby-hocon CLI (`hocon -f FILE get PATH`), the tool
 * Jicofo's own Debian scripts use. Each call is a Ruby process, so whole root objects are asked for
 * at once (see oracleTree) and calls run a few at a time.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { pathText } from '../hocon/format.js';
import { HoconSubstitution, type HoconDocument } from '../index.js';
import { unavailable } from '../../../../test/support/skips.js';

const run = promisify(execFile);

/** True when the `hocon` program is installed; warns (or throws under CI) when it is not. */
export function hoconAvailable(): boolean {
  try {
    execFileSync('hocon', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return unavailable('the HOCON oracle tests: no hocon (Debian package ruby-hocon)', 'sudo bash scripts/install-system-deps.sh');
  }
}

export type CliResult = { ok: true; value: unknown } | { ok: false; error: string };

let running = 0;
const waiting: (() => void)[] = [];
const MAX_PARALLEL = 6;

/** `hocon -j -f file get path`, parsed as JSON (at most a few processes at a time). */
export async function hoconGet(file: string, path: string): Promise<CliResult> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    const { stdout } = await run('hocon', ['-j', '-f', file, 'get', path]);
    return { ok: true, value: JSON.parse(stdout) };
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    return { ok: false, error: (e.stderr ?? e.message).split('\n')[0] ?? '' };
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** `hocon -i from -o to unset path`: the CLI's own edit, used to drop substitutions before reading. */
export async function hoconUnset(from: string, to: string, path: string): Promise<void> {
  await run('hocon', ['-i', from, '-o', to, 'unset', path]);
}

/** Paths (as key arrays) whose value, per our parser, is a substitution, in document order. */
export function substitutionPaths(doc: HoconDocument, prefix: string[] = []): string[][] {
  return doc.keys(prefix.length === 0 ? undefined : prefix).flatMap((k) => {
    const path = [...prefix, k];
    const v = doc.get(path);
    if (v instanceof HoconSubstitution) return [path];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return substitutionPaths(doc, path);
    return [];
  });
}

export interface OracleTree {
  /** Leaf paths (HOCON path text, odd keys quoted) and the CLI's value for each; empty objects are leaves too. */
  leaves: Map<string, unknown>;
  /** Paths the CLI cannot print because they are unresolved substitutions. */
  unresolved: string[];
  /** How many times the CLI ran. */
  calls: number;
}

/**
 * Reads every path of `doc` (parsed from `file`) through the CLI with few calls. The CLI cannot
 * print a subtree that holds a substitution without resolving it, so: each substitution path is
 * first confirmed by the CLI (its `get` must fail as unresolved), then removed from a copy of the
 * file with the CLI's own `unset`, and each root key of that copy is read in one `get -j`.
 */
export async function oracleTree(file: string, doc: HoconDocument): Promise<OracleTree> {
  let calls = 0;
  const substitutions = substitutionPaths(doc);
  let current = file;
  for (const [i, keys] of substitutions.entries()) {
    const path = pathText(keys);
    calls++;
    const probe = await hoconGet(file, path);
    if (probe.ok || !probe.error.includes('not resolved')) {
      throw new Error(`hocon does not see a substitution at ${path}: ${probe.ok ? JSON.stringify(probe.value) : probe.error}`);
    }
    const next = `${file}.unset-${i}`;
    calls++;
    await hoconUnset(current, next, path);
    current = next;
  }
  const leaves = new Map<string, unknown>();
  await Promise.all(
    doc.keys().map(async (key) => {
      calls++;
      const result = await hoconGet(current, pathText([key]));
      // The CLI reports a key set to null as missing (Typesafe's hasPath is false for null).
      if (!result.ok && result.error.includes("Can't find") && doc.get([key]) === null) leaves.set(pathText([key]), null);
      else if (!result.ok) throw new Error(`hocon get ${key} failed: ${result.error}`);
      else flatten([key], result.value, leaves);
    }),
  );
  const unresolved = substitutions.map(pathText).sort();
  return { leaves: new Map([...leaves].sort(([a], [b]) => a.localeCompare(b))), unresolved, calls };
}

/** Flattens plain data into leaf paths (HOCON path text); used for the CLI's output and for get()'s. */
export function flatten(keys: string[], value: unknown, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten([...keys, k], v, out);
  } else {
    out.set(pathText(keys), value);
  }
  return out;
}
