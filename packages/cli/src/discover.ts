/**
 * Where the files are: the Debian layout under --root (default /), overridden file by file with
 * --file and the per-kind flags. When files are named on the command line and --root is not
 * given, only those files are used.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { validateHostname } from '@jitsi-confkit/core';
import { DEBIAN_DIRS, DEBIAN_PATHS, debianPaths, DEPLOYMENT_FILES, FILE_LABELS, HOST_PLACEHOLDER, PROSODY_EXAMPLE_HOSTS } from '@jitsi-confkit/recipes/deployment';
import type { Options } from './args.js';
import { UsageError } from './errors.js';
import { DEFAULT_MAX_FILE_SIZE, exists, readRegular } from './files.js';
import { kindFromContent, kindFromName } from './kinds.js';
import type { FileKind } from './kinds.js';
import { Root } from './root.js';

/**
 * The places of a kind in the Debian layout (recipes' debianPaths), relative to the root; `host`
 * fills in the per-host names (the Prosody host file: conf.avail, then conf.d).
 */
export function layoutPaths(kind: FileKind, host: string | undefined): string[] {
  return debianPaths(kind, host).map(underRoot);
}

/** A Debian directory or path, relative to the root: `/etc/jitsi/meet` → `etc/jitsi/meet`. */
export function underRoot(path: string): string {
  return path.slice(1);
}

/** Printed whenever a command edits the interface_config.js of jitsi-meet-web. */
export const UPGRADE_WARNING = `the next jitsi-meet-web upgrade replaces ${DEBIAN_PATHS.interfaceConfig}; add --save to have "jitsi-confkit apply" re-apply this edit after upgrades, or run the same command again after upgrading`;

/** True when `path` is the interface_config.js that every jitsi-meet-web upgrade replaces. */
export function isUpgradeReplaced(path: string): boolean {
  return resolve(path).endsWith(DEBIAN_PATHS.interfaceConfig);
}

export interface Located {
  kind: FileKind;
  /** Where the file is read and written: under --root, resolved inside the root (see root.ts). */
  path: string;
  /** The path as typed or as found in the layout, before any symlink is followed. */
  given: string;
  display: string;
}

export interface Layout {
  /** The root searched, or undefined when only files named on the command line are used. */
  root: Root | undefined;
  /** Files named on the command line, by kind. */
  explicit: Partial<Record<FileKind, Located>>;
}

/** The option that names a file of each kind. */
export const FLAG_OF: Record<FileKind, string> = {
  interfaceConfig: '--interface-config',
  meetConfig: '--meet-config',
  prosody: '--prosody',
  jicofoConf: '--jicofo-conf',
  sipCommunicator: '--sip-communicator',
};

/** The options that name a file a recipe needs (`jicofoConf` stands for either of Jicofo's files, as in recipes' missingFiles). */
export function neededFlags(kind: FileKind): string {
  return kind === 'jicofoConf' ? `${FLAG_OF.jicofoConf} or ${FLAG_OF.sipCommunicator}` : FLAG_OF[kind];
}

/**
 * Reads the file options: which files were named, and whether the Debian layout is searched.
 * `uses` are the kinds the command works on: a file of another kind is a usage error rather
 * than silently left out.
 */
export function layoutOf(options: Options, cwd: string, command: string, uses: readonly FileKind[]): Layout {
  const root = options.root !== undefined ? Root.at(options.root, cwd, command) : undefined;
  const within = root ?? Root.system;
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const explicit: Partial<Record<FileKind, Located>> = {};
  const put = (given: FileKind | undefined, path: string, how: string): void => {
    const place = placeOf(path, within, cwd, command, false);
    const kind = given ?? detectKind(place, command, limit);
    if (!uses.includes(kind)) throw new UsageError(`"${command}" does not use ${FILE_LABELS[kind]} (${how})`, command);
    if (explicit[kind] !== undefined) throw new UsageError(`${FILE_LABELS[kind]} given twice (${how})`, command);
    explicit[kind] = { kind, ...place };
  };
  for (const kind of DEPLOYMENT_FILES) {
    const path = options[kind];
    if (path !== undefined) put(kind, path, FLAG_OF[kind]);
  }
  for (const path of options.file) put(undefined, path, `--file ${path}`);
  const named = Object.keys(explicit).length > 0;
  return { root: root ?? (named ? undefined : Root.system), explicit };
}

/**
 * The kind of a file named with --file or as the <file> of get/set: from its name, else from its
 * content (read as any file is: a regular file, within the size limit).
 */
export function detectKind(file: { path: string; given: string; display: string }, command: string, limit: number): FileKind {
  const byName = kindFromName(file.given);
  if (byName !== undefined) return byName;
  const byContent = kindFromContent(readRegular(file.path, file.display, limit).toString('latin1'));
  if (byContent === undefined) {
    throw new UsageError(
      `cannot tell what kind of file ${file.display} is: its name does not end in interface_config.js, config.js, .lua, .conf or .properties, and its content does not say`,
      command,
    );
  }
  return byContent;
}

/** The files found, and for each kind not found in the Debian layout the paths looked at. */
export interface Search {
  found: Partial<Record<FileKind, Located>>;
  /** Paths looked at (as displayed) for the kinds not found under the root. */
  missing: Partial<Record<FileKind, string[]>>;
}

/**
 * The file of each wanted kind: the one named on the command line, else the Debian one under
 * the root when it exists. `host` is needed for the per-host files.
 */
export function locate(layout: Layout, kinds: readonly FileKind[], host: string | undefined, cwd: string): Search {
  const found: Partial<Record<FileKind, Located>> = {};
  const missing: Partial<Record<FileKind, string[]>> = {};
  for (const kind of kinds) {
    const given = layout.explicit[kind];
    if (given !== undefined) {
      found[kind] = given;
      continue;
    }
    const { root } = layout;
    if (root === undefined) continue;
    const perHost = kind === 'meetConfig' || kind === 'prosody';
    if (perHost && host === undefined) continue;
    const rels = layoutPaths(kind, host);
    const rel = rels.find((r) => exists(root.layout(r)));
    // Under the real root the server's own paths are shown whole (/etc/jitsi/…), wherever the
    // command is run from; under a tree given with --root, relative to the working directory.
    const shown = (r: string): string => (root.confined ? displayPath(root.lexical(r), cwd) : root.lexical(r));
    if (rel !== undefined) found[kind] = { kind, path: root.layout(rel), given: root.lexical(rel), display: shown(rel) };
    else missing[kind] = rels.map(shown);
  }
  return { found, missing };
}

/** Jitsi host names found in the Debian layout: from the names of the per-host files (config.js, the Prosody host file in conf.avail or conf.d). */
export function hostsUnder(root: Root): string[] {
  const found = new Set<string>();
  // Only names that lead to a file: a symlink to a missing file is no host (see brokenLinks).
  for (const kind of ['meetConfig', 'prosody'] as const) {
    for (const pattern of layoutPaths(kind, undefined)) {
      const dir = dirname(pattern);
      const [before, after] = basename(pattern).split(HOST_PLACEHOLDER) as [string, string];
      for (const name of list(root.layout(dir))) {
        const host = name.startsWith(before) && name.endsWith(after) ? name.slice(before.length, name.length - after.length) : '';
        if (host !== '' && !PROSODY_EXAMPLE_HOSTS.includes(host) && exists(root.layout(`${dir}/${name}`))) found.add(host);
      }
    }
  }
  return [...found].sort();
}

/** A symlink whose target is missing. */
export interface BrokenLink {
  /** The link, as displayed. */
  path: string;
  /** What it points to, as written in the link. */
  target: string;
}

/**
 * The symlinks in Prosody's conf.d whose target is missing (a host removed from conf.avail, the
 * link left behind). Prosody's `Include "conf.d/*.cfg.lua"` fails on them with "Error loading
 * included …", and Prosody does not start.
 */
export function brokenLinks(root: Root, cwd: string): BrokenLink[] {
  const enabled = underRoot(DEBIAN_DIRS.prosodyEnabled);
  const dir = root.layout(enabled);
  const broken: BrokenLink[] = [];
  for (const name of list(dir)) {
    const rel = `${enabled}/${name}`;
    if (!name.endsWith('.cfg.lua') || exists(root.layout(rel))) continue;
    try {
      broken.push({ path: root.confined ? displayPath(root.lexical(rel), cwd) : root.lexical(rel), target: readlinkSync(join(dir, name)) });
    } catch {
      // not a link: a file that vanished meanwhile
    }
  }
  return broken;
}

/** What a broken conf.d link means for the admin. */
export function brokenLinkMessage(link: BrokenLink): string {
  return `${link.path} is a symlink to ${link.target}, which does not exist: Prosody's Include of conf.d/*.cfg.lua fails on it and Prosody will not start; remove the link or restore its target`;
}

/**
 * The host: --host (validated, since it becomes part of paths and file contents), else the only
 * candidate. No candidate or several: a usage error that lists them.
 */
export function chooseHost(given: string | undefined, candidates: readonly string[], command: string, where?: string): string {
  if (given !== undefined) return validateHostname(given, '--host');
  const valid = candidates.filter((c) => isHostnameLike(c));
  if (valid.length === 1) return valid[0] as string;
  if (valid.length === 0) {
    const place =
      where === undefined
        ? 'in the files given'
        : `under ${where}: no ${layoutPaths('meetConfig', undefined).join(', no ')}, no ${layoutPaths('prosody', undefined)[0]} (is --root right?)`;
    throw new UsageError(`no Jitsi host found ${place}; give --host HOST`, command, { hosts: [] });
  }
  throw new UsageError(`several Jitsi hosts found (${valid.join(', ')}); choose one with --host`, command, { hosts: valid });
}

function isHostnameLike(name: string): boolean {
  return /^[a-z0-9.-]+$/.test(name);
}

/** Where a file is: the path to read and write, the path as given, the path shown. */
export type Place = Omit<Located, 'kind'>;

/**
 * A file typed on the command line: relative to the working directory; under --root an absolute
 * path is taken inside the root, and a relative one must lead inside it. `asTyped`: an absolute
 * path typed without --root is shown as typed, wherever the command runs from.
 */
export function placeOf(path: string, root: Root, cwd: string, command: string, asTyped: boolean): Place {
  const given = root.confined && isAbsolute(path) ? root.lexical(path) : resolve(cwd, path);
  const display = asTyped && !root.confined && isAbsolute(path) ? given : displayPath(given, cwd);
  return { path: root.resolveGiven(path, cwd, command), given, display };
}

/** A path as shown: relative to the working directory when it is inside it, else absolute. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

/** The names in a directory; none when it cannot be read. */
export function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
