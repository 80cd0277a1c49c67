/**
 * Composition of edits in O(log N) per edit: the edits made so far against an original text,
 * kept in a persistent balanced tree (a treap ordered by original offset, each node holding how
 * much its subtree grows the text), so that an edit made against the current text finds the edits
 * it meets, and its place in the original, without rescanning the others. Persistent: `then`
 * returns a new value and leaves the old one intact, which is what a rollback needs.
 */
import { EditConflictError } from './errors.js';
import { sortEdits, type TextEdit } from './edits.js';

interface Node {
  readonly offset: number;
  readonly length: number;
  readonly content: string;
  readonly priority: number;
  readonly left: Node | null;
  readonly right: Node | null;
  /** How much the edits of this subtree grow the text (content length less replaced length, summed). */
  readonly growth: number;
  readonly size: number;
}

// Treap priorities: a fixed-seed xorshift, so that the shape of a tree (never its contents) is
// the same from run to run.
let seed = 0x2545f491;
function nextPriority(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}

function make(offset: number, length: number, content: string, priority: number, left: Node | null, right: Node | null): Node {
  return {
    offset,
    length,
    content,
    priority,
    left,
    right,
    growth: (left?.growth ?? 0) + content.length - length + (right?.growth ?? 0),
    size: (left?.size ?? 0) + 1 + (right?.size ?? 0),
  };
}

function withChildren(n: Node, left: Node | null, right: Node | null): Node {
  return left === n.left && right === n.right ? n : make(n.offset, n.length, n.content, n.priority, left, right);
}

function merge(a: Node | null, b: Node | null): Node | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.priority >= b.priority) return withChildren(a, a.left, merge(a.right, b));
  return withChildren(b, merge(a, b.left), b.right);
}

/**
 * Splits by position in the current text: the left part holds the edits whose current span
 * satisfies `before(start, end)`, which must hold for a prefix of the edits in order. `base` is the
 * growth of every edit left of `t`.
 */
function split(t: Node | null, base: number, before: (start: number, end: number) => boolean): [Node | null, Node | null] {
  if (t === null) return [null, null];
  const leftGrowth = t.left?.growth ?? 0;
  const start = t.offset + base + leftGrowth;
  if (before(start, start + t.content.length)) {
    const [l, r] = split(t.right, base + leftGrowth + t.content.length - t.length, before);
    return [withChildren(t, t.left, l), r];
  }
  const [l, r] = split(t.left, base, before);
  return [l, withChildren(t, r, t.right)];
}

interface Entry {
  readonly offset: number;
  readonly length: number;
  readonly content: string;
}

/** A treap of sorted entries, built in O(n): a Cartesian tree over random priorities, by a stack. */
function build(entries: readonly Entry[]): Node | null {
  const n = entries.length;
  const priority = entries.map(() => nextPriority());
  const left = new Int32Array(n).fill(-1);
  const right = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  for (let k = 0; k < n; k++) {
    let last = -1;
    while (stack.length > 0 && priority[stack[stack.length - 1]!]! < priority[k]!) last = stack.pop()!;
    left[k] = last;
    if (stack.length > 0) right[stack[stack.length - 1]!] = k;
    stack.push(k);
  }
  const node = (k: number): Node | null => {
    if (k === -1) return null;
    const e = entries[k]!;
    return make(e.offset, e.length, e.content, priority[k]!, node(left[k]!), node(right[k]!));
  };
  return node(stack[0] ?? -1);
}

/** The current text of the span [start, stop) of the original: its gaps, and the contents of the kept edits in it. */
function currentText(original: string, start: number, stop: number, kept: readonly Entry[]): string {
  const parts: string[] = [];
  let at = start;
  for (const k of kept) {
    parts.push(original.slice(at, k.offset), k.content);
    at = k.offset + k.length;
  }
  parts.push(original.slice(at, stop));
  return parts.join('');
}

/** Whether `content` in place of [start, stop) of the original changes it (else the edit is dropped). */
function changes(original: string, start: number, stop: number, content: string): boolean {
  return stop - start !== content.length || !original.startsWith(content, start);
}

function collect(t: Node | null, out: Node[]): void {
  if (t === null) return;
  collect(t.left, out);
  out.push(t);
  collect(t.right, out);
}

function depthOf(t: Node | null): number {
  return t === null ? 0 : 1 + Math.max(depthOf(t.left), depthOf(t.right));
}

/**
 * The edits that turn an original text into the current one, kept as one canonical list: sorted,
 * separated by at least one unedited character, none a no-op. `then(edits)` adds edits made
 * against the current text in O(log N) each (N: the edits kept so far) plus the length of the
 * text of the edits it merges: an edit that overlaps or touches kept ones is merged with them, and
 * one whose result equals the original text there (a change undone) disappears. The result is the
 * list composeEdits gives, without rescanning the list on every call.
 */
export class ComposedEdits {
  readonly original: string;
  readonly #root: Node | null;
  #list: TextEdit[] | undefined;

  private constructor(original: string, root: Node | null) {
    this.original = original;
    this.#root = root;
  }

  /** No edits yet against `original`. */
  static of(original: string): ComposedEdits {
    return new ComposedEdits(original, null);
  }

  /** How many edits are kept. */
  get size(): number {
    return this.#root?.size ?? 0;
  }

  /** The length of the current text. */
  get currentLength(): number {
    return this.original.length + (this.#root?.growth ?? 0);
  }

  /** The edits against the original text, sorted by offset (fresh copies). */
  toArray(): TextEdit[] {
    if (this.#list === undefined) {
      const nodes: Node[] = [];
      collect(this.#root, nodes);
      this.#list = nodes.map((n) => ({ offset: n.offset, length: n.length, content: n.content }));
    }
    return this.#list.map((e) => ({ ...e }));
  }

  /**
   * Where the character at `offset` of the current text (0 to currentLength) comes from: its
   * offset in the original text, or undefined when an edit wrote it (it lies in the content of a
   * kept edit). An offset just after an edit's content maps to the original just after the span
   * that edit replaced. O(log N).
   */
  originalOffset(offset: number): number | undefined {
    let t = this.#root;
    // The growth of the kept edits before the subtree `t`.
    let base = 0;
    while (t !== null) {
      const leftGrowth = t.left?.growth ?? 0;
      const start = t.offset + base + leftGrowth;
      if (offset < start) {
        t = t.left;
        continue;
      }
      if (offset < start + t.content.length) return undefined;
      base += leftGrowth + t.content.length - t.length;
      t = t.right;
    }
    return offset - base;
  }

  /** Depth of the tree (for tests of its balance). */
  depth(): number {
    return depthOf(this.#root);
  }

  /**
   * Adds `edits`, made against the current text (in any order; non-overlapping; two insertions at
   * one offset keep their order), and returns the result; `this` is left as it was.
   * EditConflictError when an edit is out of range or two overlap.
   */
  then(edits: readonly TextEdit[]): ComposedEdits {
    if (edits.length === 0) return this;
    const sorted = sortEdits(edits);
    const length = this.currentLength;
    let end = 0;
    for (const e of sorted) {
      if (!Number.isInteger(e.offset) || !Number.isInteger(e.length) || e.offset < 0 || e.length < 0 || typeof e.content !== 'string') {
        throw new EditConflictError(`Invalid edit at ${e.offset} (length ${e.length})`);
      }
      if (e.offset + e.length > length) throw new EditConflictError(`Edit at ${e.offset} (length ${e.length}) is past the end of the text (${length})`);
      if (e.offset < end) throw new EditConflictError(`Overlapping edits at ${e.offset}`);
      end = e.offset + e.length;
    }
    if (sorted.length * 8 >= this.size + 32) return this.#merge(sorted);
    // Last edit first: an edit changes nothing before its own offset, so the offsets of the edits
    // still to add stay valid.
    let root = this.#root;
    for (let i = sorted.length - 1; i >= 0; i--) root = this.#add(root, sorted[i]!);
    return new ComposedEdits(this.original, root);
  }

  /**
   * Adds many edits (sorted, valid) in one sweep over the kept ones, O(N + M) and one tree built:
   * where the one-by-one way would cost more. The same result: kept edits and new edits that
   * overlap or touch in the current text form one region, whose text is rebuilt and dropped if it
   * equals the original.
   */
  #merge(edits: readonly TextEdit[]): ComposedEdits {
    const kept: Node[] = [];
    collect(this.#root, kept);
    const original = this.original;
    const out: Entry[] = [];
    let i = 0;
    let j = 0;
    // Growth of the kept edits before the current one.
    let growth = 0;
    while (j < edits.length) {
      const first = edits[j]!;
      while (i < kept.length && kept[i]!.offset + growth + kept[i]!.content.length < first.offset) {
        out.push(kept[i]!);
        growth += kept[i]!.content.length - kept[i]!.length;
        i++;
      }
      // One region in the current text, [from, to]: the kept edits from `keptFrom` to `i` and the
      // new ones from `newFrom` to `j`, which overlap or touch one another.
      let from = first.offset;
      let to = first.offset + first.length;
      const keptFrom = i;
      const newFrom = j;
      let regionGrowth = 0;
      j++;
      for (;;) {
        const k = kept[i];
        if (k !== undefined) {
          const start = k.offset + growth + regionGrowth;
          if (start <= to && start + k.content.length >= from) {
            from = Math.min(from, start);
            to = Math.max(to, start + k.content.length);
            regionGrowth += k.content.length - k.length;
            i++;
            continue;
          }
        }
        const e = edits[j];
        if (e !== undefined && e.offset <= to) {
          to = Math.max(to, e.offset + e.length);
          j++;
          continue;
        }
        break;
      }
      const start = from - growth;
      const stop = to - growth - regionGrowth;
      let content = first.content; // an edit that meets no other: itself, moved to the original
      if (i > keptFrom || j > newFrom + 1) {
        const current = currentText(original, start, stop, kept.slice(keptFrom, i));
        const parts: string[] = [];
        let pos = 0;
        for (let n = newFrom; n < j; n++) {
          const e = edits[n]!;
          parts.push(current.slice(pos, e.offset - from), e.content);
          pos = e.offset + e.length - from;
        }
        parts.push(current.slice(pos));
        content = parts.join('');
      }
      if (changes(original, start, stop, content)) out.push({ offset: start, length: stop - start, content });
      growth += regionGrowth;
    }
    for (; i < kept.length; i++) out.push(kept[i]!);
    return new ComposedEdits(original, build(out));
  }

  #add(root: Node | null, edit: TextEdit): Node | null {
    const from = edit.offset;
    const to = edit.offset + edit.length;
    // Kept edits strictly before the new one, then those it meets (overlaps or touches), then the rest.
    const [before, rest] = split(root, 0, (_start, end) => end < from);
    const shift = before?.growth ?? 0;
    const [met, after] = split(rest, shift, (start) => start <= to);
    const original = this.original;
    let start: number;
    let stop: number;
    let content: string;
    if (met === null) {
      start = from - shift;
      stop = to - shift;
      content = edit.content;
    } else {
      const nodes: Node[] = [];
      collect(met, nodes);
      const first = nodes[0]!;
      const last = nodes[nodes.length - 1]!;
      start = Math.min(from - shift, first.offset);
      stop = Math.max(to - shift - met.growth, last.offset + last.length);
      const current = currentText(original, start, stop, nodes);
      const currentStart = start + shift;
      content = current.slice(0, from - currentStart) + edit.content + current.slice(to - currentStart);
    }
    const node = changes(original, start, stop, content) ? make(start, stop - start, content, nextPriority(), null, null) : null;
    return merge(merge(before, node), after);
  }
}
