/**
 * A small document kind for the session's tests: `key=value` lines, `#` comments and blank lines,
 * a key set twice takes its last value. It counts its parses, so that tests can say how many a
 * batch cost.
 */
import {
  ConfigSyntaxError,
  detectLineBreak,
  endsWithLineBreak,
  lineEnd,
  nextLineStart,
  ValidationError,
  type DocumentKind,
  type EditStep,
  type Snapshot,
  type TextEdit,
} from '../index.js';

export interface Entry {
  key: string;
  value: string;
  /** Start of the line, start and end of the value, start of the next line. */
  start: number;
  valueStart: number;
  valueEnd: number;
  next: number;
}

export interface KvParse {
  /** Every entry, in order. */
  entries: Entry[];
  /** The effective (last) entry of each key. */
  byKey: Map<string, Entry>;
}

const LINE = /^([A-Za-z0-9_.]+)[ \t]*=[ \t]*/;

export function parseKv(text: string): KvParse {
  const entries: Entry[] = [];
  const byKey = new Map<string, Entry>();
  for (let start = 0; start < text.length;) {
    const end = lineEnd(text, start);
    const next = nextLineStart(text, start);
    const line = text.slice(start, end);
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) {
      const m = LINE.exec(line);
      if (!m) throw new ConfigSyntaxError('Expected key=value', text, start);
      const entry = { key: m[1]!, value: line.slice(m[0].length), start, valueStart: start + m[0].length, valueEnd: end, next };
      entries.push(entry);
      byKey.set(entry.key, entry);
    }
    start = next;
  }
  return { entries, byKey };
}

export interface CountingKind extends DocumentKind<KvParse> {
  parses: number;
}

export function kvKind(extra: Partial<DocumentKind<KvParse>> = {}): CountingKind {
  const kind: CountingKind = {
    name: 'key=value file',
    parses: 0,
    parse(text) {
      kind.parses++;
      return parseKv(text);
    },
    ...extra,
  };
  return kind;
}

function checkValue(value: string): void {
  if (/[\r\n]/.test(value)) throw new ValidationError('A value cannot hold a line break');
}

/** Sets `key`: replaces the value of its last line, or appends `key=value`. */
export function planSet(snapshot: Snapshot<KvParse>, key: string, value: string): TextEdit[] {
  checkValue(value);
  const { text, parsed } = snapshot;
  const entry = parsed.byKey.get(key);
  if (entry !== undefined) {
    return entry.value === value ? [] : [{ offset: entry.valueStart, length: entry.valueEnd - entry.valueStart, content: value }];
  }
  const eol = detectLineBreak(text);
  const line = `${key}=${value}`;
  if (text.length > 0 && !endsWithLineBreak(text)) return [{ offset: text.length, length: 0, content: `${eol}${line}` }];
  return [{ offset: text.length, length: 0, content: `${line}${eol}` }];
}

/** Removes every line of `key`. */
export function planDelete(snapshot: Snapshot<KvParse>, key: string): TextEdit[] {
  return snapshot.parsed.entries.filter((e) => e.key === key).map((e) => ({ offset: e.start, length: e.next - e.start, content: '' }));
}

export function setStep(key: string, value: string): EditStep<KvParse> {
  return {
    what: `set ${key}`,
    footprint: [[key]],
    plan: (snapshot) => planSet(snapshot, key, value),
    check: (after) => after.parsed.byKey.get(key)?.value === value,
  };
}

export function deleteStep(key: string): EditStep<KvParse> {
  return {
    what: `delete ${key}`,
    footprint: [[key]],
    plan: (snapshot) => planDelete(snapshot, key),
    check: (after) => !after.parsed.byKey.has(key),
  };
}

/** A text of `n` keys, `key0=0` to `key<n-1>=<n-1>`. */
export function kvText(n: number, eol = '\n'): string {
  return Array.from({ length: n }, (_, i) => `key${i}=${i}${eol}`).join('');
}
