/**
 * The path form of a Prosody setting (`host:meet.example.com/authentication`, `component:NAME/KEY`,
 * `global/KEY`, `KEY`), as every jitsi-confkit document names its values. A module of its own that
 * imports neither luaparse nor the document model (its declarations too):
 * `@jitsi-confkit/prosody-config/paths` is for a program that only reads paths.
 */
import { PathError, printable } from '@jitsi-confkit/core';
import type { Scope } from './api.js';

export type { Scope } from './api.js';

/** What a path names: a section (no key) or a setting of one. */
export interface ProsodyPath {
  scope: Scope;
  key?: string;
}

/**
 * Reads a path: `KEY` (a global setting), `global/KEY`, `host:NAME/KEY`, `component:NAME/KEY`;
 * without `/KEY`, `global`, `host:NAME` and `component:NAME` name the section itself.
 * PathError (a ValidationError) for anything else.
 */
export function parseProsodyPath(path: string): ProsodyPath {
  if (typeof path !== 'string') throw new PathError(`A Prosody path must be a string, not ${printable(String(path))}`);
  const slash = path.lastIndexOf('/');
  const where = slash === -1 ? path : path.slice(0, slash);
  const key = slash === -1 ? undefined : path.slice(slash + 1);
  if (key === '') throw new PathError(`Prosody path "${printable(path)}" has no key after the "/"`);
  // A host or component name has no "/": a second one is no path (`host:a/b/KEY` is not the host "a/b").
  if (where.includes('/')) throw malformed(path);
  if (where === 'global') return key === undefined ? { scope: 'global' } : { scope: 'global', key };
  const m = /^(host|component):(.+)$/.exec(where);
  if (m !== null) {
    const scope: Scope = m[1] === 'host' ? { host: m[2]! } : { component: m[2]! };
    return key === undefined ? { scope } : { scope, key };
  }
  // A bare name is a global setting.
  if (slash === -1) return { scope: 'global', key: path };
  throw malformed(path);
}

function malformed(path: string): PathError {
  return new PathError(`Prosody path "${printable(path)}": write host:NAME/KEY, component:NAME/KEY, global/KEY or KEY`);
}

/** parseProsodyPath, for a path that must name a setting (PathError for a section). */
export function parseSettingPath(path: string): { scope: Scope; key: string } {
  const parsed = parseProsodyPath(path);
  if (parsed.key === undefined) throw new PathError(`Prosody path "${printable(path)}" names a section, not a setting: add /KEY`);
  return { scope: parsed.scope, key: parsed.key };
}
