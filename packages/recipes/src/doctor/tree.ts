/**
 * The Prosody config files of a deployment as Prosody loads them: the main config, then what its
 * `Include` lines name (a pattern matched in its folder, as core/configmanager.lua does), and what
 * those include in turn. Pure: the caller gives the texts it read and the symlinks it saw.
 */
import { posix } from 'node:path';
import { aboutFile, ValidationError } from '@jitsi-confkit/core';
import type { ConfigValue, Lookup } from '@jitsi-confkit/prosody-config';
import { PROSODY_MAIN_CONFIG } from '../deployment.js';
import { parseProsody, type ProsodyConfig } from '../prosody.js';
import type { DoctorFile, DoctorFiles, DoctorPaths } from './types.js';

/** Debian's main Prosody config (deployment.ts). */
export const PROSODY_MAIN = PROSODY_MAIN_CONFIG;

export interface TreeFile {
  /** How findings and fixes name it: `prosody` (the host file), `prosodyMain`, or its path. */
  key: DoctorFile;
  path: string;
  text: string;
  cfg: ProsodyConfig;
  /** Whether Prosody loads it (the main config, or a file its Includes reach). */
  loaded: boolean;
}

export interface Tree {
  /** Every Prosody file given: the loaded ones in Prosody's order, then the others. */
  files: TreeFile[];
  main: TreeFile | undefined;
  host: TreeFile | undefined;
  /** Include lines whose files were not given (so what they load is not known). */
  unread: { file: TreeFile; line: number; path: string }[];
  /** The symbolic links among the files (path → the path it leads to). */
  links: Record<string, string>;
}

/** Prosody's glob_to_pattern: `*` any run of characters, `?` one, the rest as itself. */
function globMatcher(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  );
}

/** resolve_relative_path: a relative path is taken in `dir`. */
function resolveIn(dir: string, path: string): string {
  const p = path.replace(/^\.\/+/, '');
  return posix.normalize(p.startsWith('/') ? p : `${dir.replace(/\/+$/, '')}/${p}`);
}

/** The tree of the files given; ConfigSyntaxError (about the file) when one does not parse. */
export function readTree(files: DoctorFiles, paths: DoctorPaths): Tree {
  const byPath = new Map<string, { key: DoctorFile; text: string }>();
  const mainPath = paths.prosodyMain ?? PROSODY_MAIN;
  if (files.prosodyMain !== undefined) byPath.set(mainPath, { key: 'prosodyMain', text: files.prosodyMain });
  if (files.prosody !== undefined) {
    if (paths.prosody === undefined) throw new ValidationError('The doctor needs the host file’s path (paths.prosody) to tell whether the main config includes it');
    byPath.set(paths.prosody, { key: 'prosody', text: files.prosody });
  }
  for (const [path, text] of Object.entries(files.prosodyFiles ?? {})) {
    if (!path.startsWith('/')) throw new ValidationError(`prosodyFiles: "${path}" is not an absolute path`);
    if (typeof text !== 'string') throw new ValidationError(`prosodyFiles["${path}"] must be the file's text`);
    if (!byPath.has(path)) byPath.set(path, { key: path as DoctorFile, text });
  }
  const links = new Map(Object.entries(paths.links ?? {}));
  const parsed = new Map<string, TreeFile>();
  const fileAt = (path: string): TreeFile | undefined => {
    const real = links.get(path) ?? path;
    const given = byPath.get(real);
    if (given === undefined) return undefined;
    let file = parsed.get(real);
    if (file === undefined) {
      const cfg = aboutFile(given.key, () => parseProsody(given.text));
      file = { key: given.key, path: real, text: given.text, cfg, loaded: false };
      parsed.set(real, file);
    }
    return file;
  };
  // The names Prosody can see in a folder: the files given and the links to them.
  const names = [...byPath.keys(), ...links.keys()];
  const order: TreeFile[] = [];
  const unread: Tree['unread'] = [];
  const load = (path: string, depth: number): void => {
    const file = fileAt(path);
    if (file === undefined || file.loaded || depth > 8) return;
    file.loaded = true;
    order.push(file);
    // Prosody resolves Includes against the folder of the path it opened (conf.d/ for a link there).
    const dir = posix.dirname(path);
    for (const inc of file.cfg.includes()) {
      if (inc.keyword === 'RunScript' || inc.path === undefined) continue;
      const at = posix.basename(inc.path);
      if (/[*?]/.test(at)) {
        const folder = resolveIn(dir, posix.dirname(inc.path) === '.' ? '' : posix.dirname(inc.path));
        const match = globMatcher(at);
        const found = names.filter((n) => posix.dirname(n) === folder && !posix.basename(n).startsWith('.') && match.test(posix.basename(n))).sort();
        for (const n of [...new Set(found)]) load(n, depth + 1);
      } else {
        const target = resolveIn(dir, inc.path);
        if (fileAt(target) === undefined) unread.push({ file, line: inc.line, path: target });
        else load(target, depth + 1);
      }
    }
  };
  if (byPath.has(mainPath)) load(mainPath, 0);
  const all = [...order, ...[...byPath.keys()].map((p) => fileAt(p)!).filter((f) => !f.loaded)];
  return { files: all, main: parsed.get(mainPath), host: paths.prosody === undefined ? undefined : parsed.get(paths.prosody), unread, links: Object.fromEntries(links) };
}

/** A global option's value as Prosody ends up with it across the files (the last file to set it wins), with where. */
export interface GlobalOption {
  file: TreeFile;
  lookup: Lookup;
}

/**
 * The global value of `key` across the files Prosody loads, in order (main config settings after
 * its first Include come after the included files), plus the host file when it is not loaded
 * (as it will be once the Include is back). Undefined when no file sets it; a value a file does
 * not tell (an ENV_ variable) is skipped.
 */
export function globalOption(tree: Tree, key: string): GlobalOption | undefined {
  let found: GlobalOption | undefined;
  const consider = (file: TreeFile, after?: number, before?: number): void => {
    let lookup: Lookup | undefined;
    try {
      lookup = file.cfg.lookup('global', key);
    } catch {
      return;
    }
    if (lookup === undefined) return;
    if (after !== undefined && lookup.line <= after) return;
    if (before !== undefined && lookup.line >= before) return;
    found = { file, lookup };
  };
  const includeLine = tree.main?.cfg.includes().find((i) => i.keyword !== 'RunScript')?.line;
  if (tree.main !== undefined) consider(tree.main, undefined, includeLine);
  for (const file of tree.files) if (file !== tree.main && (file.loaded || file === tree.host)) consider(file);
  if (tree.main !== undefined && includeLine !== undefined) consider(tree.main, includeLine);
  return found;
}

/** The value of a global option, or undefined. */
export function globalValue(tree: Tree, key: string): ConfigValue | undefined {
  return globalOption(tree, key)?.lookup.value;
}

/** Every section of the files given: each VirtualHost and Component with its file (not hosts switched off). */
export function sectionsOf(tree: Tree): { file: TreeFile; kind: 'VirtualHost' | 'Component'; name: string; type?: string; line: number }[] {
  const out: ReturnType<typeof sectionsOf> = [];
  for (const file of tree.files) {
    for (const s of file.cfg.sections()) {
      if (s.kind === 'global' || s.name === undefined) continue;
      let enabled: unknown;
      try {
        enabled = file.cfg.get(s.kind === 'VirtualHost' ? { host: s.name } : { component: s.name }, 'enabled');
      } catch {
        enabled = undefined;
      }
      if (enabled === false) continue;
      out.push({ file, kind: s.kind, name: s.name, ...(s.type === undefined ? {} : { type: s.type }), line: s.line });
    }
  }
  return out;
}
