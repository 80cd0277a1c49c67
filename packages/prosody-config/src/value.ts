/**
 * The values of settings, as the public API reads and writes them. Kept apart from the parser
 * (lua.ts) so that the published declarations never import luaparse's types: a project that
 * compiles against this package with `skipLibCheck: false` needs no `@types/luaparse`.
 */
import { printable, ValidationError } from '@jitsi-confkit/core';

/** A Lua value that a Prosody setting can hold and this library can read and write. */
export type LuaValue = string | number | boolean | FileReference | LuaValue[] | { [key: string]: LuaValue };

/**
 * Prosody 13's functions that give a setting its value from outside the file: `Credential("name")`
 * (the file `name` of systemd's `$CREDENTIALS_DIRECTORY`), `FileContents("path")` (the whole file),
 * `FileLine("path")` (its first line), `FileLines("path")` (its lines, as a list). A relative path is
 * relative to the config file's folder.
 */
export const FILE_READERS = ['Credential', 'FileContents', 'FileLine', 'FileLines'] as const;
export type FileReader = (typeof FILE_READERS)[number];
/** The same four, as the kinds of OpaqueValue name them. */
export type HelperKind = FileReader;

/** What in a file needs Prosody 13 (see syntax13()): an append, a helper, `Lua.…` or a bare reference. */
export type Syntax13Feature = 'append' | HelperKind | 'Lua' | 'reference';

/** The kinds of OpaqueValue: a Prosody 13 helper, or `Lua.…` (Lua's own API, Prosody 13). */
export type OpaqueKind = HelperKind | 'Lua';

export const HELPER_KINDS: readonly HelperKind[] = FILE_READERS;

/**
 * A value that Prosody computes when it loads the file and that the library reports without ever
 * computing it: a Prosody 13 helper (`Credential("app_secret")`, `FileLine("/etc/x")`, …) or an
 * expression of Lua's API (`Lua.os.getenv("HOME")`). `kind` says which; `argument` is the
 * credential's name, the file's path, or the path inside `Lua` (`os.getenv`), when it is a literal;
 * `source` is the expression as written.
 *
 * `set()` writes a helper (made with `helperValue`) only into a config whose caller said it is for
 * Prosody 13 (`{ prosody: '13' }`): Prosody 0.12 cannot load it.
 */
export class OpaqueValue {
  readonly kind: OpaqueKind;
  readonly argument: string | undefined;
  /** As written (not enumerable: two values of the same kind and argument are equal however each is written). */
  declare readonly source: string;

  constructor(kind: OpaqueKind, argument: string | undefined, source: string) {
    this.kind = kind;
    this.argument = argument;
    Object.defineProperty(this, 'source', { value: source, enumerable: false });
    if (new.target === OpaqueValue) Object.freeze(this);
  }

  /** `Credential("app_secret")`: what the file says. */
  toString(): string {
    return this.source;
  }

  /** As JSON: `{ "opaque": "Credential", "argument": "app_secret", "source": "Credential(\"app_secret\")" }`. */
  toJSON(): { opaque: OpaqueKind; argument?: string; source: string } {
    return this.argument === undefined ? { opaque: this.kind, source: this.source } : { opaque: this.kind, argument: this.argument, source: this.source };
  }
}

/**
 * A Prosody 13 reader with a literal argument that is a safe name: `Credential("jitsi-app-secret")`,
 * `FileLine("/etc/prosody/ldap")`. `get` returns one (an OpaqueValue of that kind) for such a call;
 * `set` writes one (for a config said to be for Prosody 13). `reader` and `name` are `kind` and
 * `argument` by the names the jwt recipe uses. The library never reads the file.
 */
export class FileReference extends OpaqueValue {
  declare readonly reader: FileReader;
  declare readonly name: string;

  constructor(reader: FileReader, name: string, source?: string) {
    if (!(FILE_READERS as readonly string[]).includes(reader)) {
      throw new ValidationError(`Unknown file reader "${printable(String(reader))}": use ${FILE_READERS.join(', ')}`);
    }
    const problem = fileReferenceProblem(reader, name);
    if (problem !== undefined) throw new ValidationError(`Invalid ${reader} name "${printable(String(name), 60)}": ${problem}`);
    super(reader, name, source ?? `${reader}(${JSON.stringify(name)})`);
    Object.defineProperty(this, 'reader', { value: reader, enumerable: false });
    Object.defineProperty(this, 'name', { value: name, enumerable: false });
    Object.freeze(this);
  }
}

/**
 * Why `name` cannot be the argument of `reader`, or undefined. A credential name is what systemd
 * takes as a credential ID, a file name without a directory (letters, digits, `_`, `-`, `.`, `@`,
 * not starting with a dot, at most 255 characters); a path has no control characters.
 */
export function fileReferenceProblem(reader: FileReader, name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'it must be a non-empty string';
  // eslint-disable-next-line no-control-regex -- a name with a control character is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'it holds a control character';
  if (reader === 'Credential') {
    if (name.length > 255) return 'a credential name has at most 255 characters';
    if (!/^[A-Za-z0-9_@-][A-Za-z0-9_.@-]*$/.test(name)) {
      return 'a credential name is a file name in $CREDENTIALS_DIRECTORY: letters, digits, _, -, . and @, not starting with a dot';
    }
  }
  return undefined;
}

/** `Credential("name")`: a setting read from the systemd credential `name` by Prosody 13. */
export function credential(name: string): FileReference {
  return new FileReference('Credential', name);
}

/** A setting's value as `get()` reads it: a literal, or an opaque value (possibly inside a table). */
export type ConfigValue = string | number | boolean | OpaqueValue | ConfigValue[] | { [key: string]: ConfigValue };

/** A value `set()` can write: a literal, or (for Prosody 13) a helper. */
export type WritableValue = LuaValue | OpaqueValue | WritableValue[] | { [key: string]: WritableValue };

/**
 * A Prosody 13 helper as a value to write: `helperValue('Credential', 'jitsi_app_secret')` is
 * written `Credential("jitsi_app_secret")`.
 */
export function helperValue(kind: HelperKind, argument: string): FileReference {
  if (!HELPER_KINDS.includes(kind)) throw new ValidationError(`Not a Prosody 13 helper: ${String(kind)} (use ${HELPER_KINDS.join(', ')})`);
  if (typeof argument !== 'string') throw new ValidationError(`${kind}() takes a string`);
  return new FileReference(kind, argument);
}
