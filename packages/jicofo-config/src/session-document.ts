/**
 * What HoconDocument and PropertiesDocument share: a front over core's EditSession that keeps its
 * caller's input (core's input contract), so that `edits`, `toString()`, `toBytes()` and the
 * positions of errors are in the caller's units.
 */
import { EditSession, InputText, reportInInputUnits, type ConfigInput, type DocumentKind, type InputOptions, type SourcePosition, type TextEdit } from '@jitsi-confkit/core';

export abstract class SessionDocument<P> {
  /** The caller's input: what offsets count, what toString() and toBytes() give. */
  readonly #input: InputText;
  /** The edit session: subclasses read its snapshot and commit their steps through it. */
  protected readonly session: EditSession<P>;

  /** Reads `input` (`what` names the parse function in errors) and parses it with `kind`. */
  protected constructor(kind: DocumentKind<P>, input: ConfigInput, options: InputOptions, what: string) {
    this.#input = InputText.read(input, options, 'text', what);
    const text = this.#input.text;
    this.session = this.#input.guard(
      () => text,
      () => new EditSession(kind, text),
    );
  }

  static {
    // Errors of every method give positions in the caller's units (bytes for a Buffer); each
    // subclass does the same for its own methods.
    reportInInputUnits(this, (doc) => doc.inputState());
  }

  /**
   * The input and the text an error is about, for reportInInputUnits: the text steps are planned
   * against (read without applying a batch's pending steps, and while a planner runs too).
   */
  protected inputState(): { input: InputText; current: string } {
    return { input: this.#input, current: this.session.baseText };
  }

  /** Line, column and offset of `offset` of `text` (a snapshot's), in the caller's units. */
  protected position(text: string, offset: number): SourcePosition {
    return this.#input.position(text, offset);
  }

  /** True when the text differs from the input. */
  get changed(): boolean {
    return this.session.changed;
  }

  /** The edits that turn the original input into toString(), against the original text, in the input's units. */
  get edits(): TextEdit[] {
    return this.#input.edits(this.session.edits);
  }

  /** The current text, as the same kind of string as the input. */
  toString(): string {
    return this.#input.toString(this.session.toString());
  }

  /** The current file's bytes; for bytes given, those bytes when nothing was changed. */
  toBytes(): Uint8Array {
    return this.#input.toBytes(this.session.toString());
  }

  /**
   * Runs `fn` with this document as one operation: its edits are planned against one snapshot
   * (a step that depends on an earlier one after it) and verified together, all or nothing.
   */
  batch(fn: (doc: this) => void): this {
    this.session.batch(() => fn(this));
    return this;
  }
}
