/**
 * The one edit session every document kind sits on: it owns the original text, the current
 * snapshot (text and the kind's parse of it) and the edits against the original, and it is the
 * one way to change them. See SESSION.md for how a kind plugs in.
 */
import { ComposedEdits } from './compose.js';
import { assertValidEdits, applyEdits, sortEdits, type TextEdit } from './edits.js';
import { ConfkitError, EditConflictError, EditVerificationError, ValidationError, type VerificationFailure } from './errors.js';

/** A text and what the document kind parsed it into. */
export interface Snapshot<P> {
  readonly text: string;
  readonly parsed: P;
  /**
   * Where the text comes from. The session gives it with every snapshot; a snapshot made by hand
   * (a planner's test) may leave it out, and its text then counts as the original.
   */
  readonly origin?: TextOrigin;
}

/**
 * Where the characters of a snapshot's text come from: the text the session started from, or an
 * edit. For a planner whose output depends on what the input held at a place (web-config gives a
 * list emptied again the whitespace its brackets held in the input, so that undo is byte-exact).
 */
export interface TextOrigin {
  /** The text the session started from. */
  readonly original: string;
  /**
   * The offset in `original` of the character at `offset` of the snapshot's text (0 to its
   * length), or undefined when an edit wrote it. O(log N) in the edits so far.
   */
  originalOffset: (offset: number) => number | undefined;
}

/**
 * A path that names what a step reads and writes, in the kind's own terms (`['hosts', 'domain']`
 * for config.js, `['host:meet.example.com', 'authentication']` for Prosody). Two paths meet when
 * one is a prefix of the other (or they are equal); `[]` meets every path.
 */
export type Footprint = readonly string[];

/**
 * What a check says: `true` or nothing, the text is as intended; `false`, it is not; a string,
 * it is not, and why (shown in the error).
 */
export type CheckResult = boolean | string | undefined | void;

/** One operation on a document, as the session runs it. */
export interface EditStep<P> {
  /** The operation in words, for errors: "set hosts.domain". */
  readonly what: string;
  /**
   * Everything the plan reads and the edits change, as paths. Inside a batch, a step whose
   * footprint meets a pending step's is planned after the pending steps are applied; without a
   * footprint, a step meets every other step (so it is always planned against a text that has
   * every earlier step in it). It may depend on the text (a set that inserts reads the object it
   * inserts into, one that replaces does not): then a function of the snapshot the step is planned
   * against, like the planner. Each path must name what the step is about (its key), so that a
   * pending step that changes the answer meets it.
   */
  readonly footprint?: readonly Footprint[] | ((snapshot: Snapshot<P>) => readonly Footprint[]);
  /** A pure planner: the edits against `snapshot.text` that make the change; `[]` when there is nothing to do. */
  plan(snapshot: Snapshot<P>): readonly TextEdit[];
  /** The read-back: whether `after` (the edited text, parsed) holds what the step intended. */
  check?(after: Snapshot<P>, before: Snapshot<P>): CheckResult;
}

/** How the text a kind is asked to reparse was made: `before` with `edits` applied. */
export interface TextChange<P> {
  /** The text before the edits. */
  readonly before: string;
  /** The edits, against `before`, sorted. */
  readonly edits: readonly TextEdit[];
  /**
   * The kind's parse of `before`, handed over once (later calls: undefined): the session has let
   * go of it, so the kind may build the new parse from it, in place. Undefined when the session
   * has none at hand, or keeps it for the checks (`keepPreviousParse`).
   */
  takePrevious(): P | undefined;
}

/** What a document kind plugs into the session. */
export interface DocumentKind<P> {
  /** The kind's name in messages: "config.js", "Prosody config". */
  readonly name: string;
  /** Parses a text; throws ConfigSyntaxError (with its position) when the kind's real reader would refuse it. */
  parse(text: string): P;
  /**
   * Parses a text the session made by editing (default: `parse`): for a kind whose input checks
   * need not run again on its own output (Prosody's check that strings are UTF-8), or that builds
   * the new parse from the previous one (`change`: the edits, and the previous parse to take over)
   * where it can prove that gives what `parse` gives.
   */
  reparse?(text: string, change: TextChange<P>): P;
  /**
   * A check of every commit, after the steps' own: e.g. that nothing outside the steps'
   * footprints changed, or that no join of old and new text makes what the file must not hold.
   * `footprints` is undefined when a step had none (it may touch anything); `edits` are the
   * commit's, against `before.text`.
   */
  verify?(after: Snapshot<P>, before: Snapshot<P>, footprints: readonly Footprint[] | undefined, edits: readonly TextEdit[]): CheckResult;
  /**
   * Turns the session's EditVerificationError into the error the kind's callers get (default: as
   * it is). `steps` are the steps it is about: the one whose check failed, or every step of a
   * commit whose text did not parse.
   */
  mapError?(error: EditVerificationError, steps: readonly EditStep<P>[]): Error;
  /**
   * Keep the previous parse while the edited text is parsed (default false: it is released first,
   * so that an edit never holds two trees, and parsed again only if a check reads `before.parsed`
   * or the edit is rolled back).
   */
  readonly keepPreviousParse?: boolean;
}

interface Committed<P> {
  readonly snapshot: Snapshot<P>;
  readonly edits: History;
}

/**
 * The edits against the original: those composed so far, and the commits not composed yet (their
 * edits, each against the text before it, newest first). Composition waits until `edits` is read,
 * so that a commit costs no composition and a batch none at all when nobody reads its edits.
 */
interface History {
  readonly composed: ComposedEdits;
  readonly log: LogEntry | undefined;
  /** `composed` with the log folded in, once someone asked for it. */
  folded?: ComposedEdits;
}

/** The edits of a history as one ComposedEdits, composing its log on first use. */
function fold(history: History): ComposedEdits {
  if (history.log === undefined) return history.composed;
  if (history.folded !== undefined) return history.folded;
  const entries: (readonly TextEdit[])[] = [];
  for (let e: LogEntry | undefined = history.log; e !== undefined; e = e.previous) entries.push(e.edits);
  let composed = history.composed;
  for (let i = entries.length - 1; i >= 0; i--) composed = composed.then(entries[i]!);
  history.folded = composed;
  return composed;
}

function originOf(original: string, history: History): TextOrigin {
  return { original, originalOffset: (offset) => fold(history).originalOffset(offset) };
}

interface LogEntry {
  readonly edits: readonly TextEdit[];
  readonly previous: LogEntry | undefined;
}

interface Batch<P> {
  /** Where the batch started: what a failure goes back to. */
  readonly startText: string;
  readonly startEdits: History;
  /** Steps planned against the current snapshot and not yet applied, in order, and their footprints. */
  steps: EditStep<P>[];
  stepFootprints: (readonly Footprint[] | undefined)[];
  /** Their edits, against the current snapshot's text; they never touch across steps. */
  pending: PendingEdits;
  footprints: FootprintSet;
  /** Counts steps and flushes, so that a nested batch can tell whether it did anything. */
  revision: number;
  /**
   * The error that failed the batch, boxed (whatever was thrown, `undefined` included); it is
   * rethrown until the batch ends.
   */
  failed: { error: unknown } | undefined;
}

/**
 * An edit session over one text of one document kind. `commit(step)` plans the step against the
 * current snapshot, applies the edits, parses the result, runs the step's check (and the kind's
 * verify), and keeps the result, or leaves everything as it was (text, parse, `edits`, `changed`)
 * and throws EditVerificationError. `batch(fn)` runs several steps as one: each is planned against
 * the current snapshot, and they are applied, parsed and checked together when the batch ends, or
 * earlier where a step depends on a pending one. All or nothing, batches included.
 */
export class EditSession<P> {
  readonly kind: DocumentKind<P>;
  /** The text the session started from. */
  readonly original: string;
  #committed: Committed<P>;
  #batch: Batch<P> | undefined;
  /** Set while a planner or a check runs: they read the snapshot they are given, and edit nothing. */
  #running: 'planner' | 'check' | undefined;

  /** Parses `text` with the kind's parser: ConfigSyntaxError when it does not parse. */
  constructor(kind: DocumentKind<P>, text: string) {
    if (typeof text !== 'string') throw new ValidationError(`The ${kind.name} text must be a string`);
    this.kind = kind;
    this.original = text;
    const edits: History = { composed: ComposedEdits.of(text), log: undefined };
    this.#committed = { snapshot: { text, parsed: kind.parse(text), origin: originOf(text, edits) }, edits };
  }

  /** The current snapshot, with every step applied (inside a batch, pending steps are applied first). */
  get snapshot(): Snapshot<P> {
    this.flush();
    return this.#committed.snapshot;
  }

  /** Refuses what a planner or a check must not do: read the session, or edit through it. */
  #idle(what: string): void {
    if (this.#running !== undefined) {
      throw new EditConflictError(`A ${this.#running} cannot ${what}: it reads the snapshot it is given and returns edits or a verdict`);
    }
  }

  /**
   * The snapshot steps are planned against: outside a batch, the current one; inside one, the
   * last one parsed, without the pending steps. Reading it never applies anything.
   */
  get base(): Snapshot<P> {
    this.#idle('read the session');
    return this.#committed.snapshot;
  }

  /**
   * The text of `base`, readable at any time, while a planner or a check runs too: for telling where
   * an error is (a document moves error positions into its caller's units against it). Steps read
   * the snapshot they are given, never this.
   */
  get baseText(): string {
    return this.#committed.snapshot.text;
  }

  /** Whether the text differs from the original. */
  get changed(): boolean {
    this.flush();
    // The same as `edits.length > 0`: edits that give the original text back are dropped.
    return this.#committed.snapshot.text !== this.original;
  }

  /** The edits that turn the original text into the current one: sorted, minimal, none a no-op; `[]` when unchanged. */
  get edits(): TextEdit[] {
    this.flush();
    const { snapshot, edits } = this.#committed;
    if (edits.log === undefined) return edits.composed.toArray();
    const composed = fold(edits);
    this.#committed = { snapshot, edits: { composed, log: undefined } };
    return composed.toArray();
  }

  /** The current text; the original, byte for byte, when nothing changed. */
  toString(): string {
    this.flush();
    return this.#committed.snapshot.text;
  }

  /** Whether a batch is open. */
  get batching(): boolean {
    return this.#batch !== undefined;
  }

  /**
   * Runs one step. Outside a batch: plan, apply, parse, check, keep or roll back (one parse). In a
   * batch: planned now against the current snapshot and applied with the batch, unless its
   * footprint or its edits meet a pending step's, in which case the pending steps are applied
   * first and the step is planned again. Returns whether the step planned any edit.
   */
  commit(step: EditStep<P>): boolean {
    this.#idle('commit a step');
    const batch = this.#batch;
    if (batch === undefined) {
      const edits = this.#plan(step);
      if (edits.length === 0) return false;
      // The footprint only matters to the kind's verify here (no pending step to meet).
      this.#apply(edits, [step], [this.kind.verify === undefined ? undefined : this.#footprint(step)]);
      return true;
    }
    if (batch.failed !== undefined) throw batch.failed.error;
    let footprint: readonly Footprint[] | undefined;
    let edits: readonly TextEdit[];
    try {
      footprint = this.#footprint(step);
      if (batch.steps.length > 0 && batch.footprints.meets(footprint ?? [[]])) {
        this.flush();
        footprint = this.#footprint(step);
      }
      edits = this.#plan(step);
    } catch (error) {
      // A planner that refuses on the snapshot the batch plans on refuses on the text the caller
      // sees too: apply the pending steps and plan again, so that the refusal (and its position)
      // is about that text.
      if (batch.steps.length === 0 || batch.failed !== undefined || error instanceof EditConflictError) throw error;
      // Applying steps the caller made before is not a step of its own (a nested batch that ends
      // with this refusal changed nothing).
      const revision = batch.revision;
      this.flush();
      batch.revision = revision;
      footprint = this.#footprint(step);
      edits = this.#plan(step);
    }
    if (edits.length > 0 && batch.steps.length > 0 && batch.pending.meetsAny(edits)) {
      // Next to (or over) a pending edit: the step has to see the text with it.
      this.flush();
      footprint = this.#footprint(step);
      edits = this.#plan(step);
    }
    if (edits.length === 0) return false;
    for (const e of edits) batch.pending.add(e);
    batch.steps.push(step);
    batch.stepFootprints.push(footprint);
    batch.footprints.add(footprint ?? [[]]);
    batch.revision++;
    return true;
  }

  /**
   * Commits edits already computed against `snapshot`, for a front that plans outside the step
   * (read `session.snapshot`, compute, commit). The text of `snapshot` must still be the one steps
   * are planned against: if it is not, or if the step meets a pending step of the batch (so that it
   * would have to be planned again), EditConflictError, and nothing changes.
   */
  commitEdits(snapshot: Snapshot<P>, step: Omit<EditStep<P>, 'plan'> & { readonly edits: readonly TextEdit[] }): boolean {
    const { edits, ...rest } = step;
    return this.commit({
      ...rest,
      plan: (current) => {
        if (current.text !== snapshot.text) throw new EditConflictError(`Cannot ${step.what}: its edits were planned against a text that has changed since; plan them in the step`);
        return edits;
      },
    });
  }

  /**
   * Runs `fn` as one batch and returns what it returns. The steps it commits are planned against
   * the current snapshot and applied, parsed and checked together when `fn` returns (at most one
   * parse, plus one each time a step depends on a pending one). If anything fails, or `fn`
   * throws, the session is left as it was before the batch. A batch opened inside a batch joins
   * it: an error that leaves the inner one after it committed a step fails the whole batch, even
   * if the outer `fn` catches it.
   */
  batch<T>(fn: () => T): T {
    this.#idle('open a batch');
    const open = this.#batch;
    if (open !== undefined) {
      const revision = open.revision;
      try {
        return fn();
      } catch (error) {
        if (open.revision !== revision) open.failed ??= { error };
        throw error;
      }
    }
    // Where the batch started, without holding that snapshot's parse: a flush releases it before
    // it parses the next text.
    const batch: Batch<P> = {
      startText: this.#committed.snapshot.text,
      startEdits: this.#committed.edits,
      steps: [],
      stepFootprints: [],
      pending: new PendingEdits(),
      footprints: new FootprintSet(),
      revision: 0,
      failed: undefined,
    };
    this.#batch = batch;
    try {
      const result = fn();
      if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
        throw new EditConflictError('A batch runs a synchronous function: its steps must be committed before it returns');
      }
      if (batch.failed !== undefined) throw batch.failed.error;
      this.flush();
      return result;
    } catch (error) {
      if (this.#committed.snapshot.text !== batch.startText) this.#rollBack(batch.startText, batch.startEdits);
      throw error;
    } finally {
      this.#batch = undefined;
    }
  }

  /**
   * Inside a batch, applies the pending steps now (one parse, their checks), so that what follows
   * sees them: the explicit form of a dependent step. Outside a batch, or with nothing pending, a
   * no-op.
   */
  flush(): void {
    this.#idle('read the session');
    const batch = this.#batch;
    if (batch === undefined || batch.steps.length === 0) return;
    if (batch.failed !== undefined) throw batch.failed.error;
    const steps = batch.steps;
    const edits = batch.pending.sorted();
    const footprints = batch.stepFootprints;
    batch.steps = [];
    batch.stepFootprints = [];
    batch.pending = new PendingEdits();
    batch.footprints = new FootprintSet();
    batch.revision++;
    try {
      this.#apply(edits, steps, footprints);
    } catch (error) {
      batch.failed = { error };
      this.#rollBack(batch.startText, batch.startEdits);
      throw error;
    }
  }

  /** The step's footprint on the snapshot it is planned against. */
  #footprint(step: EditStep<P>): readonly Footprint[] | undefined {
    const footprint = step.footprint;
    if (typeof footprint !== 'function') return footprint;
    this.#running = 'planner';
    try {
      return footprint(this.#committed.snapshot);
    } finally {
      this.#running = undefined;
    }
  }

  #plan(step: EditStep<P>): readonly TextEdit[] {
    const snapshot = this.#committed.snapshot;
    let edits: readonly TextEdit[];
    this.#running = 'planner';
    try {
      edits = step.plan(snapshot);
    } finally {
      this.#running = undefined;
    }
    if (edits.length > 0) assertValidEdits(snapshot.text, edits);
    return edits;
  }

  /**
   * Applies edits against the current text, parses the result, runs the checks, and keeps it; or
   * leaves the session as it was and throws.
   */
  #apply(edits: readonly TextEdit[], steps: readonly EditStep<P>[], footprints: readonly (readonly Footprint[] | undefined)[]): void {
    const kind = this.kind;
    const beforeText = this.#committed.snapshot.text;
    const beforeEdits = this.#committed.edits;
    let before = this.#committed.snapshot;
    let previous = noParse as () => P | undefined;
    if (!kind.keepPreviousParse) {
      // Release the previous parse before the next one is built (the kind may take it over);
      // parse it again only on demand.
      previous = handOver(before instanceof LazySnapshot ? before.peek() : before.parsed);
      before = new LazySnapshot(beforeText, kind, before.origin);
      this.#committed = { snapshot: before, edits: beforeEdits };
    }
    const restore = (): void => {
      this.#committed = { snapshot: before, edits: beforeEdits };
    };
    const text = applyEdits(beforeText, edits);
    let parsed: P;
    try {
      parsed = kind.reparse === undefined ? kind.parse(text) : kind.reparse(text, { before: beforeText, edits: sortEdits(edits), takePrevious: previous });
    } catch (error) {
      restore();
      if (!(error instanceof ConfkitError)) throw error;
      throw this.#failure(steps, 'parse', `the edited ${kind.name} would not parse`, error.reason, error);
    }
    // Edits that together give back the original text (a key deleted and set again) are no edits.
    const history: History =
      text === this.original ? { composed: ComposedEdits.of(this.original), log: undefined } : { composed: beforeEdits.composed, log: { edits, previous: beforeEdits.log } };
    const after: Snapshot<P> = { text, parsed, origin: originOf(this.original, history) };
    this.#running = 'check';
    try {
      this.#check(after, before, edits, steps, footprints, restore);
    } finally {
      this.#running = undefined;
    }
    this.#committed = { snapshot: after, edits: history };
  }

  /** Runs the steps' checks, then the kind's verify; at the first failure, `restore()` and throw. */
  #check(
    after: Snapshot<P>,
    before: Snapshot<P>,
    edits: readonly TextEdit[],
    steps: readonly EditStep<P>[],
    footprints: readonly (readonly Footprint[] | undefined)[],
    restore: () => void,
  ): void {
    const kind = this.kind;
    const fail = (failed: readonly EditStep<P>[], result: CheckResult, cause: unknown): Error => {
      restore();
      // A programming error (a check that edits or reads the session) is not a verdict on the text.
      if (cause instanceof EditConflictError) return cause;
      const detail = typeof result === 'string' ? result : cause instanceof ConfkitError ? cause.reason : undefined;
      return this.#failure(failed, 'read-back', `the edited ${kind.name} does not read back as intended`, detail, cause);
    };
    for (const step of steps) {
      if (step.check === undefined) continue;
      let result: CheckResult;
      try {
        result = step.check(after, before);
      } catch (error) {
        throw fail([step], false, error);
      }
      if (result !== true && result !== undefined) throw fail([step], result, undefined);
    }
    if (kind.verify === undefined) return;
    const touched = footprints.some((f) => f === undefined) ? undefined : footprints.flatMap((f) => f!);
    let result: CheckResult;
    try {
      result = kind.verify(after, before, touched, edits);
    } catch (error) {
      throw fail(steps, false, error);
    }
    if (result !== true && result !== undefined) throw fail(steps, result, undefined);
  }

  #failure(steps: readonly EditStep<P>[], failure: VerificationFailure, problem: string, detail: string | undefined, cause: unknown): Error {
    const what = steps.map((s) => s.what).join('; ');
    const message = `Cannot ${what}: ${problem}${detail === undefined ? '' : ` (${detail})`}; nothing was changed`;
    const error = new EditVerificationError(what, failure, message, { cause, detail });
    return this.kind.mapError?.(error, steps) ?? error;
  }

  #rollBack(text: string, edits: History): void {
    this.#committed = { snapshot: new LazySnapshot(text, this.kind, originOf(this.original, edits)), edits };
  }
}

/**
 * A snapshot whose parse is made when first read. A class, not an object literal with a getter:
 * V8 keeps the closures of the last such literal a function made (through its boilerplate), so a
 * getter closing over a parse would keep the parse alive; and a closure made inside a method would
 * hold that method's whole scope (the session, the new parse).
 */
class LazySnapshot<P> implements Snapshot<P> {
  readonly text: string;
  readonly origin: TextOrigin | undefined;
  readonly #kind: DocumentKind<P>;
  #parsed: { value: P } | undefined;

  constructor(text: string, kind: DocumentKind<P>, origin: TextOrigin | undefined) {
    this.text = text;
    this.#kind = kind;
    this.origin = origin;
  }

  get parsed(): P {
    this.#parsed ??= { value: this.#kind.parse(this.text) };
    return this.#parsed.value;
  }

  /** The parse, if it was made. */
  peek(): P | undefined {
    return this.#parsed?.value;
  }
}

/** Gives `parsed` once, then forgets it (made here, so that the closure holds nothing else). */
function handOver<P>(parsed: P | undefined): () => P | undefined {
  let held = parsed;
  return () => {
    const p = held;
    held = undefined;
    return p;
  };
}

function noParse(): undefined {
  return undefined;
}

interface Span {
  readonly edit: TextEdit;
  readonly priority: number;
  left: Span | null;
  right: Span | null;
}

/**
 * The pending edits of a batch, as a treap by offset (mutable: a batch only adds to it): whether
 * an edit meets one of them, and adding one, cost O(log n); they come out sorted, in the order
 * they were added where offsets are equal.
 */
class PendingEdits {
  #root: Span | null = null;
  #seed = 0x9e3779b9;

  add(edit: TextEdit): void {
    this.#seed ^= this.#seed << 13;
    this.#seed ^= this.#seed >>> 17;
    this.#seed ^= this.#seed << 5;
    this.#root = insertSpan(this.#root, { edit, priority: this.#seed >>> 0, left: null, right: null });
  }

  /** Whether one of `edits` overlaps or touches a pending edit. */
  meetsAny(edits: readonly TextEdit[]): boolean {
    for (const e of edits) if (this.#meets(e.offset, e.offset + e.length)) return true;
    return false;
  }

  /** The pending edits by offset. */
  sorted(): TextEdit[] {
    const out: TextEdit[] = [];
    const visit = (t: Span | null): void => {
      if (t === null) return;
      visit(t.left);
      out.push(t.edit);
      visit(t.right);
    };
    visit(this.#root);
    return out;
  }

  /** Whether an edit overlaps or touches [start, end]. Edits never overlap, so their ends rise with their offsets. */
  #meets(start: number, end: number): boolean {
    let last: Span | null = null;
    for (let t = this.#root; t !== null;) {
      if (t.edit.offset <= end) {
        last = t;
        t = t.right;
      } else {
        t = t.left;
      }
    }
    return last !== null && last.edit.offset + last.edit.length >= start;
  }
}

/** Inserts `n` after the spans at its offset or before it. */
function insertSpan(t: Span | null, n: Span): Span {
  if (t === null) return n;
  if (n.priority > t.priority) {
    splitSpans(t, n.edit.offset, n);
    return n;
  }
  if (n.edit.offset < t.edit.offset) t.left = insertSpan(t.left, n);
  else t.right = insertSpan(t.right, n);
  return t;
}

/** Splits `t` into the spans at or before `offset` (as `into.left`) and those after it (`into.right`). */
function splitSpans(t: Span | null, offset: number, into: { left: Span | null; right: Span | null }): void {
  if (t === null) {
    into.left = null;
    into.right = null;
    return;
  }
  const parts = { left: null as Span | null, right: null as Span | null };
  if (t.edit.offset <= offset) {
    splitSpans(t.right, offset, parts);
    t.right = parts.left;
    into.left = t;
    into.right = parts.right;
  } else {
    splitSpans(t.left, offset, parts);
    t.left = parts.right;
    into.left = parts.left;
    into.right = t;
  }
}

/**
 * A trie node: `true` where a path ends and nothing goes on from it (most paths, so no object for
 * them), else whether one ends here and the keys that go on.
 */
type FootprintNode = true | { end: boolean; readonly children: Map<string, FootprintNode> };

/** Paths of pending steps, as a trie: whether a path meets one of them costs its length. */
class FootprintSet {
  readonly #root = new Map<string, FootprintNode>();
  #rootEnd = false;

  add(footprint: readonly Footprint[]): void {
    for (const path of footprint) {
      if (path.length === 0) {
        this.#rootEnd = true;
        continue;
      }
      let children = this.#root;
      for (let i = 0; i < path.length; i++) {
        const segment = path[i]!;
        const last = i === path.length - 1;
        let node = children.get(segment);
        if (last) {
          if (node === undefined) children.set(segment, true);
          else if (node !== true) node.end = true;
          break;
        }
        if (node === undefined || node === true) {
          const next: FootprintNode = { end: node === true, children: new Map() };
          children.set(segment, next);
          node = next;
        }
        children = node.children;
      }
    }
  }

  /** Whether a path of `footprint` is a prefix of a path in the set, or has one as a prefix. */
  meets(footprint: readonly Footprint[]): boolean {
    if (this.#rootEnd) return true;
    paths: for (const path of footprint) {
      if (path.length === 0) {
        if (this.#root.size > 0) return true;
        continue;
      }
      let children = this.#root;
      for (const segment of path) {
        const node = children.get(segment);
        if (node === undefined) continue paths;
        // A path of the set ends here (a prefix of this one), or this one ends inside the set.
        if (node === true || node.end) return true;
        children = node.children;
      }
      // Every node of the trie lies on a path of the set: this path is a prefix of one.
      return true;
    }
    return false;
  }
}
