import { EditConflictError } from './errors.js';

/** Replace `length` characters at `offset` with `content`. Offsets refer to the original text. */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/**
 * Checks the invariants every edit list must keep, and throws EditConflictError where one is
 * broken: integer offsets inside the text, no overlaps (two insertions at the same offset are
 * allowed and keep their order), and no edit that replaces text with itself.
 */
export function assertValidEdits(text: string, edits: readonly TextEdit[]): void {
  assertValidSorted(text, edits.length === 1 ? edits : sortEdits(edits));
}

function assertValidSorted(text: string, sorted: readonly TextEdit[]): void {
  let end = 0;
  for (const e of sorted) {
    if (!Number.isInteger(e.offset) || !Number.isInteger(e.length) || e.offset < 0 || e.length < 0) {
      throw new EditConflictError(`Invalid edit at ${e.offset} (length ${e.length})`);
    }
    if (e.offset + e.length > text.length) {
      throw new EditConflictError(`Edit at ${e.offset} (length ${e.length}) is past the end of the text (${text.length})`);
    }
    if (e.offset < end) {
      throw new EditConflictError(`Overlapping edits at ${e.offset}`);
    }
    if (e.length === e.content.length && text.startsWith(e.content, e.offset)) {
      throw new EditConflictError(`Edit at ${e.offset} replaces text with itself`);
    }
    end = e.offset + e.length;
  }
}

/** Edits sorted by offset; the sort is stable (as Array.prototype.sort is), so insertions at one offset keep their order. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  let sorted = true;
  for (let i = 1; i < edits.length && sorted; i++) sorted = edits[i - 1]!.offset <= edits[i]!.offset;
  return sorted ? [...edits] : [...edits].sort((a, b) => a.offset - b.offset);
}

/**
 * Applies the edits to `text`. Rejects overlapping or out-of-range edits. `[]` returns `text`.
 * The result is one flat string (joined, not concatenated piece by piece), which parsers read
 * faster than a string built by `+`.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const sorted = sortEdits(edits);
  assertValidSorted(text, sorted);
  const parts: string[] = [];
  let pos = 0;
  for (const e of sorted) {
    parts.push(text.slice(pos, e.offset), e.content);
    pos = e.offset + e.length;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/**
 * Maps edits made against `applyEdits(text, first)` back to edits against `text`, so that a
 * document keeps one edit list against its original input while operations are applied one after
 * another. Edits of `second` that overlap or touch an edit of `first` are merged with it; edits
 * whose result equals the original text (a change undone by a later one) disappear.
 *
 * Stateless, so each call rescans `first`: folding N edits one call at a time costs about N³ in
 * all. A document that composes edit after edit keeps a ComposedEdits instead (EditSession does),
 * which gives the same list in O(log N) per edit.
 */
export function composeEdits(text: string, first: readonly TextEdit[], second: readonly TextEdit[]): TextEdit[] {
  if (second.length === 0) return sortEdits(first);
  const middle = applyEdits(text, first);
  assertValidEdits(middle, second);
  // Regions in the coordinates of `middle`: where `first` put its content, and what `second` replaces.
  interface Region {
    start: number;
    end: number;
  }
  const regions: Region[] = [];
  let shift = 0;
  for (const e of sortEdits(first)) {
    const start = e.offset + shift;
    regions.push({ start, end: start + e.content.length });
    shift += e.content.length - e.length;
  }
  for (const e of second) regions.push({ start: e.offset, end: e.offset + e.length });
  regions.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Region[] = [];
  for (const r of regions) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  // Map a `middle` offset that lies outside every region of `first` back to `text`.
  const firstSorted = sortEdits(first);
  const toOriginal = (pos: number): number => {
    let delta = 0;
    for (const e of firstSorted) {
      const startInMiddle = e.offset + delta;
      if (startInMiddle >= pos) break;
      delta += e.content.length - e.length;
    }
    return pos - delta;
  };
  const secondSorted = sortEdits(second);
  // Where each edit of `first` sits in `middle`, with how much it grew the text.
  const placed: { start: number; end: number; growth: number }[] = [];
  let moved = 0;
  for (const e of firstSorted) {
    const start = e.offset + moved;
    placed.push({ start, end: start + e.content.length, growth: e.content.length - e.length });
    moved += e.content.length - e.length;
  }
  const out: TextEdit[] = [];
  for (const r of merged) {
    const inside = secondSorted.filter((e) => e.offset >= r.start && e.offset + e.length <= r.end);
    const content = applyEdits(
      middle.slice(r.start, r.end),
      inside.map((e) => ({ ...e, offset: e.offset - r.start })),
    );
    const offset = toOriginal(r.start);
    // The region's length in `text`: its length in `middle` less what the edits of `first` inside it
    // added (counting a deletion that left nothing behind at the region's edge, too).
    const growth = placed.filter((p) => p.start >= r.start && p.end <= r.end).reduce((sum, p) => sum + p.growth, 0);
    const length = r.end - r.start - growth;
    if (text.slice(offset, offset + length) !== content) out.push({ offset, length, content });
  }
  return out;
}

/**
 * One edit (or none) that turns `before` into `after`: the common prefix and suffix are kept,
 * the middle is replaced. Used to fold a series of edits into one honest edit list.
 */
export function minimalEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return [{ offset: start, length: endB - start, content: after.slice(start, endA) }];
}
