/**
 * The record of the last apply, /var/lib/jitsi-confkit/last-apply.json (under --root): when each
 * intent of the state file last held after an apply. `status` reads it to say since when an
 * intent no longer holds (it held then; the file that differs changed at its inode change time).
 * It is written after the apply's own commit, through the same write path, and is no part of it:
 * a failure to write it is a warning, never a reason to undo the apply.
 */
import { readFileSync } from 'node:fs';
import type { StateDocument, StateIntent } from '@jitsi-confkit/state';
import type { Context } from './context.js';
import { displayPath } from './discover.js';
import { describe } from './files.js';
import type { WriterLock } from './lock.js';
import { rootOf } from './state.js';
import { writeAll } from './write.js';
import { DEFAULT_MAX_FILE_SIZE } from './files.js';

/** Where the record is, relative to the root. */
export const RECORD_FILE = 'var/lib/jitsi-confkit/last-apply.json';

export interface LastApply {
  version: 1;
  /** When the last apply ran (ISO 8601, UTC, seconds). */
  time: string;
  /** By intent (its fields as canonical JSON): when an apply last found or made it hold. */
  held: Record<string, string>;
}

export function recordPlace(ctx: Context): { path: string; display: string } {
  const root = rootOf(ctx);
  return { path: root.layout(RECORD_FILE), display: root.confined ? displayPath(root.lexical(RECORD_FILE), ctx.io.cwd) : root.lexical(RECORD_FILE) };
}

/** The record, when there is a readable one (a missing or damaged record only means "not known"). */
export function readRecord(ctx: Context): LastApply | undefined {
  const { path } = recordPlace(ctx);
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof data !== 'object' || data === null) return undefined;
    const { version, time, held } = data as Partial<LastApply>;
    if (version !== 1 || typeof time !== 'string' || typeof held !== 'object' || held === null) return undefined;
    return { version, time, held };
  } catch {
    return undefined;
  }
}

/** When an apply last found or made the intent hold, if the record knows. */
export function heldAt(record: LastApply | undefined, intent: StateIntent['intent']): string | undefined {
  const time = record?.held[keyOf(intent)];
  return typeof time === 'string' ? time : undefined;
}

/** An intent's fields as canonical JSON (keys sorted): the same intent, wherever it moves in the state file. */
export function keyOf(intent: unknown): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  };
  return JSON.stringify(sorted(intent));
}

/**
 * Writes the record of this apply: now for each intent that holds (`held`), the time of the last
 * record for the others; intents no longer in the state file are dropped. Returns a warning when it
 * could not be written.
 */
export function writeRecord(ctx: Context, lock: WriterLock | undefined, state: StateDocument, held: readonly StateIntent[]): string | undefined {
  if (lock === undefined) return undefined;
  const place = recordPlace(ctx);
  const previous = readRecord(ctx);
  const time = ctx.io
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
  const heldKeys = new Set(held.map((ref) => keyOf(ref.intent)));
  const record: LastApply = { version: 1, time, held: {} };
  for (const ref of state.intents) {
    const key = keyOf(ref.intent);
    const when = heldKeys.has(key) ? time : previous?.held[key];
    if (when !== undefined) record.held[key] = when;
  }
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(place.path);
  } catch {
    bytes = undefined;
  }
  try {
    writeAll(lock, [{ file: { path: place.path, display: place.display, bytes }, bytes: Buffer.from(`${JSON.stringify(record, null, 2)}\n`), mode: 0o644 }], {
      backup: false,
      now: ctx.io.now(),
      maxFileSize: ctx.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    });
    return undefined;
  } catch (error) {
    return `the files are written, but the record of this apply (${place.display}) could not be: ${error instanceof Error ? error.message : describe(error)}; "jitsi-confkit status" cannot say since when an intent drifted`;
  }
}
