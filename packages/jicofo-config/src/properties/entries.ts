/**
 * The planners of .properties edits: pure functions of a snapshot (the text and its scan) that
 * return the edits against its text, and the footprint of each step (what it reads and changes,
 * so that a batch plans a step after the pending ones it depends on).
 */
import { applyEdits, detectEol, endsWithLineBreak, lineBreakBefore, majority, type Footprint, type Snapshot, type TextEdit } from '@jitsi-confkit/core';
import { work } from '../work.js';
import { scan, type Scan } from './scan.js';

export type PropertiesSnapshot = Snapshot<Scan>;

/**
 * Escapes a value so that java.util.Properties reads it back exactly; ASCII output. A character
 * outside printable ASCII becomes `\\uXXXX`, its hex digits in upper case as Properties.store()
 * writes them, or in `hexCase` (what the file's own escapes use: unicodeEscapeCase).
 */
export function escapePropertyValue(value: string, hexCase: 'upper' | 'lower' = 'upper'): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const code = c.charCodeAt(0);
    if (c === '\\') out += '\\\\';
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) {
      const hex = code.toString(16).padStart(4, '0');
      out += `\\u${hexCase === 'upper' ? hex.toUpperCase() : hex}`;
    } else if (i === 0 && (c === ' ' || c === '=' || c === ':' || c === '#' || c === '!')) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/**
 * The case of the hex digits the file's `\\uXXXX` escapes write their letters in (most of them;
 * upper, as Properties.store() writes, on a tie or when none has a letter).
 */
export function unicodeEscapeCase(text: string): 'upper' | 'lower' {
  const votes: ('upper' | 'lower')[] = [];
  for (const m of text.matchAll(/\\u([0-9a-fA-F]{4})/g)) {
    const hex = m[1]!;
    if (/[a-f]/.test(hex)) votes.push('lower');
    else if (/[A-F]/.test(hex)) votes.push('upper');
  }
  return majority(votes, 'upper') ?? 'upper';
}

/**
 * The edit that sets `key` to `value`: its last occurrence's value replaced (with a separator when
 * it has none), or `key=value` appended in the file's style: its separator and line break, a
 * missing final line break kept missing, after a blank line when the last line ends in a
 * continuation (so that the new line is not joined to it). None when the key already reads `value`.
 */
export function planSet({ text, parsed }: PropertiesSnapshot, key: string, value: string): TextEdit[] {
  const entry = parsed.effective.get(key);
  const encoded = escapePropertyValue(value, unicodeEscapeCase(text));
  if (entry !== undefined) {
    if (entry.value === value) return [];
    const separator = entry.valueStart === entry.keyEnd ? separatorOf(text, parsed) : '';
    return [{ offset: entry.valueStart, length: entry.valueEnd - entry.valueStart, content: separator + encoded }];
  }
  const eol = detectEol(text);
  const endsWithEol = text.length === 0 || endsWithLineBreak(text);
  // A blank line closes a continuation that the last line leaves open, so the new line stays its own.
  const lead = (endsWithEol ? '' : eol) + (parsed.open ? eol : '');
  return [{ offset: text.length, length: 0, content: `${lead}${key}${separatorOf(text, parsed)}${encoded}${endsWithEol ? eol : ''}` }];
}

/**
 * The edits that remove every occurrence of `key` with its line(s); occurrences on adjacent lines go
 * as one span. For the last entry of the file, the line breaks before it go too where set() added
 * them (one that ended the line before, when this one has none; a blank line that closed a
 * continuation left open at the end of the file), unless that would change how another entry reads:
 * then just the entry.
 */
export function planDelete({ text, parsed }: PropertiesSnapshot, key: string): TextEdit[] {
  const spans: { offset: number; end: number }[] = [];
  for (const e of parsed.entries) {
    work.count++;
    if (e.key !== key) continue;
    const last = spans[spans.length - 1];
    if (last !== undefined && e.start <= last.end) last.end = Math.max(last.end, e.end);
    else spans.push({ offset: e.start, end: e.end });
  }
  const edits = spans.map((s): TextEdit => ({ offset: s.offset, length: s.end - s.offset, content: '' }));
  const last = edits[edits.length - 1];
  if (last === undefined || last.offset + last.length < text.length || last.offset === 0) return edits;
  let cut = last.offset;
  const finalEol = endsWithLineBreak(text);
  if (!finalEol) cut -= lineBreakBefore(text, cut).length;
  // The line break left at the end now: a blank line that closes an open continuation (when the
  // file ended with a line break), or the end of the open line itself (when it did not).
  const eol = lineBreakBefore(text, cut).length;
  if (eol > 0 && (lineBreakBefore(text, cut - eol) !== '') === finalEol && scan(text.slice(0, cut - eol)).open) cut -= eol;
  if (cut === last.offset) return edits;
  const tidy = edits.slice(0, -1).filter((e) => e.offset + e.length < cut);
  const joined = edits.find((e) => e !== last && e.offset + e.length >= cut);
  const from = Math.min(cut, joined?.offset ?? cut);
  tidy.push({ offset: from, length: text.length - from, content: '' });
  return readsTheSame(parsed, scan(applyEdits(text, tidy)), key) ? tidy : edits;
}

/** Whether every key but `key` reads the same in `after` as in `before`, and `key` is gone. */
function readsTheSame(before: Scan, after: Scan, key: string): boolean {
  if (after.effective.has(key)) return false;
  return changedKey(before, after, [key]) === undefined;
}

/** A key other than `keys` whose value differs between two scans (or that only one has), or undefined. */
export function changedKey(before: Scan, after: Scan, keys: readonly string[]): string | undefined {
  for (const [other, entry] of after.effective) {
    work.count++;
    if (!keys.includes(other) && before.effective.get(other)?.value !== entry.value) return other;
  }
  for (const [other, entry] of before.effective) {
    work.count++;
    if (!keys.includes(other) && after.effective.get(other)?.value !== entry.value) return other;
  }
  return undefined;
}

/** The file's usual separator (`=`, ` = `, `:`, ` `); `=` when it has none. Ties go to the one seen first. */
function separatorOf(text: string, parsed: Scan): string {
  const votes: string[] = [];
  for (const e of parsed.entries) {
    work.count++;
    if (e.valueStart === e.keyEnd) continue;
    const raw = text.slice(e.keyEnd, e.valueStart);
    if (!/[\\\r\n]/.test(raw)) votes.push(raw);
  }
  return majority(votes) ?? '=';
}

/*
 * Footprints. A key of the file is ['keys', key]; ['style'] stands for what an appended line copies
 * (the separator, the line break, how the file ends), which a delete or a value over several lines
 * may change.
 */
const STYLE: Footprint = ['style'];

/**
 * What a set reads and changes: the key; the style too when it appends, adds a separator (the
 * file's), replaces a value over several lines (their line breaks voted) or the last line of the
 * file (which may leave a continuation open at the end).
 */
export function setFootprint({ text, parsed }: PropertiesSnapshot, key: string): Footprint[] {
  const entry = parsed.effective.get(key);
  if (entry === undefined || entry.valueStart === entry.keyEnd || entry.end === text.length) return [['keys', key], STYLE];
  return /[\r\n]/.test(text.slice(entry.valueStart, entry.valueEnd)) ? [['keys', key], STYLE] : [['keys', key]];
}

/** What a delete reads and changes: the key, and the style (the lines it removes voted, and may end the file). */
export function deleteFootprint(key: string): Footprint[] {
  return [['keys', key], STYLE];
}

/** The keys a commit's footprints name (undefined when a step may touch anything). */
export function footprintKeys(footprints: readonly Footprint[] | undefined): string[] | undefined {
  if (footprints === undefined) return undefined;
  return footprints.filter((f) => f[0] === 'keys' && f.length === 2).map((f) => f[1]!);
}
