/**
 * The values of settings, as the public API reads and writes them. Kept apart from the parser
 * (lua.ts) so that the published declarations never import luaparse's types: a project that
 * compiles against this package with `skipLibCheck: false` needs no `@types/luaparse`.
 */
import { printable, ValidationError } from '@jitsi-confkit/core';

/** A Lua value that a Prosody setting can hold and this library can read and write. */
export type LuaValue = string | number | boolean | FileReference | LuaValue[] | { [key: string]: LuaValue };

/**
 * Prosody 13's functions that read a setting's value from a file when Prosody loads its config
 * (core/configmanager.lua, 13.0): `Credential("name")` reads `$CREDENTIALS_DIRECTORY/name` (a
 * systemd credential: `LoadCredential=` in prosody.service) whole, `FileContents("path")` a file
 * whole, `FileLine("path")` its first line, `FileLines("path")` its lines as a list. Relative paths
 * are relative to the config file's directory. Prosody 0.12 has none of them: a config that calls
 * one does not load there.
 */
export const FILE_READERS = ['Credential', 'FileContents', 'FileLine', 'FileLines'] as const;
export type FileReader = (typeof FILE_READERS)[number];

/**
 * A setting whose value Prosody 13 reads from a file: `app_secret = Credential("jitsi-app-secret")`.
 * `get` returns one for such a call (a call to one of FILE_READERS with one string literal) instead
 * of refusing it as not a literal; `set` writes one. The library never reads the file: the value is
 * the call, compared by reader and name.
 */
export class FileReference {
  readonly reader: FileReader;
  readonly name: string;

  constructor(reader: FileReader, name: string) {
    if (!(FILE_READERS as readonly string[]).includes(reader)) {
      throw new ValidationError(`Unknown file reader "${printable(String(reader))}": use ${FILE_READERS.join(', ')}`);
    }
    const problem = fileReferenceProblem(reader, name);
    if (problem !== undefined) throw new ValidationError(`Invalid ${reader} name "${printable(String(name), 60)}": ${problem}`);
    this.reader = reader;
    this.name = name;
  }

  /** The Lua call as the file holds it, in double quotes: `Credential("jitsi-app-secret")`. */
  toString(): string {
    return `${this.reader}(${JSON.stringify(this.name)})`;
  }
}

/**
 * Why `name` cannot be the argument of `reader`, or undefined. A credential name is what systemd
 * takes as a credential ID, a file name without a directory (letters, digits, `_`, `-`, `.`, `@`,
 * not starting with a dot, at most 255 characters); a path has no control characters.
 */
export function fileReferenceProblem(reader: FileReader, name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'it must be a non-empty string';
  // eslint-disable-next-line no-control-regex
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
