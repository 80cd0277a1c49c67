import type { TextEdit } from './edits.js';
import type { SourcePosition } from './errors.js';

/**
 * How a kind's values are given to `set`: `'data'` (JSON-like data: strings, numbers, booleans,
 * arrays and objects; null where the kind holds it) or `'text'` (every value is a string, written
 * as given: .properties). A caller that reads values from a command line passes the argument as
 * typed to a `'text'` kind, and parses it (as JSON) for a `'data'` kind.
 */
export type ValueForm = 'data' | 'text';

/**
 * The one interface every editable configuration document has, whatever its language
 * (interface_config.js and config.js, Prosody's Lua, jicofo.conf, .properties), so that a caller
 * (the CLI's `get`, `set` and `delete`, a tool that edits several files) needs no adapter per
 * kind. Each document sits on an EditSession: every `set` and `delete` is verified (the text
 * re-parsed and read back) or changes nothing; `edits` are against the text the document was
 * parsed from.
 *
 * `Value` is what the kind's values read as (plain data); `Kind` names the file kind, as
 * recipes' DeploymentFiles does ('interfaceConfig', 'meetConfig', 'prosody', 'jicofoConf',
 * 'sipCommunicator'). Paths are strings in the kind's own syntax ('hosts.domain' for config.js,
 * 'host:meet.example.com/authentication' for Prosody, 'org.jitsi.jicofo.auth.URL' for
 * .properties). `set` and `delete` refuse a path that is not in that syntax with a PathError (a
 * ValidationError), and so do the readers of a kind whose files hold only such paths (a
 * .properties file may hold any key, and reading one is never refused). `set` refuses a value the
 * kind cannot hold (null in a Prosody file or jicofo.conf, anything but a string in .properties)
 * with a ValidationError without a position, before anything changes.
 */
export interface EditableDocument<Value = unknown, Kind extends string = string> {
  /** The file kind. */
  readonly kind: Kind;
  /** How `set` takes its values: data, or text written as given (see ValueForm). */
  readonly valueForm: ValueForm;
  /** The effective value at `path`, or undefined when it is not set. */
  get(path: string): Value | undefined;
  /** Whether `path` has an effective value. */
  has(path: string): boolean;
  /**
   * Where the effective value at `path` is written: line and column (1-based) and offset in the
   * current text, in the input's units; undefined when it is not set.
   */
  locate(path: string): SourcePosition | undefined;
  /**
   * The paths next to `path`, for a "did you mean" when `path` is new: the other keys of the
   * object, section or file that holds it, as paths in the same form (`p2p.enabled` next to
   * `p2p.enabeld`; `host:NAME/KEY` next to `host:NAME/KEY2`), with, where the kind knows the keys
   * its application reads (interface_config.js), those keys too. `[]` when the parent is not set
   * or holds no keys; never throws for a value it cannot read.
   */
  siblings(path: string): string[];
  /**
   * Whether the application that reads the file knows `path`: true or false where the kind has a
   * list of the keys its application reads (interface_config.js: Jitsi Meet's keys), undefined
   * where it has none.
   */
  isKnown(path: string): boolean | undefined;
  /**
   * Why `path` cannot be set in this document at all, or undefined when it can be: what the path
   * needs and the file lacks, as a clause that can follow "… is not set in <file>: " (a Prosody
   * `host:NAME/KEY` where the file has no VirtualHost NAME: `there is no VirtualHost "NAME" in it
   * (meet.example.com)`).
   */
  unsettable(path: string): string | undefined;
  /** Sets `path` to `value`, in the file's style; the same value again changes nothing. */
  set(path: string, value: Value): this;
  /** Removes `path`, so that it is no longer set; a path that is not set changes nothing. */
  delete(path: string): this;
  /** Whether the text differs from the one the document was parsed from. */
  readonly changed: boolean;
  /** The edits that turn the original text into the current one: sorted, minimal, none a no-op. */
  readonly edits: TextEdit[];
  /** The current text; the original, byte for byte, when nothing changed. */
  toString(): string;
}
