import type { TextEdit } from './edits.js';

/**
 * The one interface every editable configuration document has, whatever its language
 * (interface_config.js and config.js, Prosody's Lua, jicofo.conf, .properties), so that a caller
 * (the CLI's `get` and `set`, a tool that edits several files) needs no adapter per kind. Each
 * document sits on an EditSession: every `set` and `delete` is verified (the text re-parsed and
 * read back) or changes nothing; `edits` are against the text the document was parsed from.
 *
 * `Value` is what the kind's values read as (plain data); `Kind` names the file kind, as
 * recipes' DeploymentFiles does ('interfaceConfig', 'meetConfig', 'prosody', 'jicofoConf',
 * 'sipCommunicator'). Paths are strings in the kind's own syntax ('hosts.domain' for config.js).
 */
export interface EditableDocument<Value = unknown, Kind extends string = string> {
  /** The file kind. */
  readonly kind: Kind;
  /** The effective value at `path`, or undefined when it is not set. */
  get(path: string): Value | undefined;
  /** Whether `path` has an effective value. */
  has(path: string): boolean;
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
