/**
 * Which names a Prosody setting may have. A config file runs in the environment that Prosody's
 * core/configmanager.lua builds: an assignment to a name it does not define becomes a setting of
 * the current section, but the names it defines are its own (assigning one replaces a function or
 * switches the current section), `ENV_X` reads the environment variable X, and `_ENV` is Lua's
 * environment itself. None of them can be a setting.
 */
import { isIdentifier, printable, ValidationError } from '@jitsi-confkit/core';

/** Lua 5.4's reserved words: not names at all. */
export const LUA_KEYWORDS: ReadonlySet<string> = new Set(
  'and break do else elseif end false for function goto if in local nil not or repeat return then true until while'.split(' '),
);

/**
 * The names Prosody's configmanager defines in a config file's environment, with what they are.
 * Prosody 0.12 (Debian 12): the section headers, Include/include, RunScript and __currenthost.
 * Prosody 13 adds FileContents, FileLine, FileLines, Credential, and `Lua` (Lua's globals).
 */
export const PROSODY_NAMES: ReadonlyMap<string, string> = new Map([
  ['VirtualHost', 'opens a VirtualHost section (use addVirtualHost)'],
  ['Host', 'opens a VirtualHost section (use addVirtualHost)'],
  ['host', 'opens a VirtualHost section (use addVirtualHost)'],
  ['Component', 'opens a Component section'],
  ['component', 'opens a Component section'],
  ['Include', 'loads another config file'],
  ['include', 'loads another config file'],
  ['RunScript', 'runs a Lua script'],
  ['__currenthost', 'is the section Prosody is reading (assigning it switches sections)'],
  ['FileContents', 'reads a file into a setting (Prosody 13)'],
  ['FileLine', 'reads a file’s first line into a setting (Prosody 13)'],
  ['FileLines', 'reads a file’s lines into a setting (Prosody 13)'],
  ['Credential', 'reads a systemd credential into a setting (Prosody 13)'],
  ['Lua', 'is Lua’s global table (Prosody 13)'],
  ['_ENV', 'is the Lua environment the file runs in'],
]);

/** A Lua name: an identifier (core's one rule) without `$`, which Lua's names do not have. */
function isLuaIdentifier(s: unknown): s is string {
  return isIdentifier(s) && !s.includes('$');
}

/** A valid Lua name (and not a keyword): usable as a bare table key. */
export function isLuaName(s: string): boolean {
  return isLuaIdentifier(s) && !LUA_KEYWORDS.has(s);
}

/** Why `key` cannot be a Prosody setting name, or undefined when it can. */
export function settingNameProblem(key: unknown): string | undefined {
  if (!isLuaIdentifier(key)) return 'use a Lua name (letters, digits and _, not starting with a digit)';
  if (LUA_KEYWORDS.has(key)) return 'it is a Lua keyword';
  const own = PROSODY_NAMES.get(key);
  if (own !== undefined) return `it is Prosody’s own word: it ${own}, never a setting`;
  if (key.startsWith('ENV_')) return `names starting with ENV_ stand for environment variables in a Prosody config (${key} reads $${key.slice(4)})`;
  return undefined;
}

/** Throws ValidationError unless `key` can be a Prosody setting name. */
export function validateSettingName(key: unknown): string {
  const problem = settingNameProblem(key);
  if (problem !== undefined) throw new ValidationError(`Invalid setting name "${printable(String(key))}": ${problem}`);
  return key as string;
}
