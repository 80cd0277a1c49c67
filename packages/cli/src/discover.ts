/**
 * Where the files are: the Debian layout under --root (default /), overridden file by file with
 * --file and the per-kind flags. When files are named on the command line and --root is not
 * given, only those files are used.
 */
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { validateHostname } from '@jitsi-confkit/core';
import type { Options } from './args.js';
import { FileError, UsageError } from './errors.js';
import { describe, exists } from './files.js';
import { KIND_LABEL, KINDS, kindFromContent, kindFromName } from './kinds.js';
import type { FileKind } from './kinds.js';

/** The Debian path of each kind, relative to the root; `host` fills in the per-host names. */
export function debianPath(kind: FileKind, host: string): string {
  switch (kind) {
    case 'interfaceConfig':
      return 'usr/share/jitsi-meet/interface_config.js';
    case 'meetConfig':
      return `etc/jitsi/meet/${host}-config.js`;
    case 'prosody':
      return `etc/prosody/conf.avail/${host}.cfg.lua`;
    case 'jicofoConf':
      return 'etc/jitsi/jicofo/jicofo.conf';
    case 'sipCommunicator':
      return 'etc/jitsi/jicofo/sip-communicator.properties';
  }
}

/** Printed whenever a command edits /usr/share/jitsi-meet/interface_config.js. */
export const UPGRADE_WARNING =
  'the next jitsi-meet-web upgrade replaces /usr/share/jitsi-meet/interface_config.js; run the same command again after upgrading to re-apply this edit';

/** True when `path` is the interface_config.js that every jitsi-meet-web upgrade replaces. */
export function isUpgradeReplaced(path: string): boolean {
  return resolve(path).endsWith('/usr/share/jitsi-meet/interface_config.js');
}

export interface Located {
  kind: FileKind;
  path: string;
  display: string;
}

export interface Layout {
  /** The root searched, or undefined when only files named on the command line are used. */
  root: string | undefined;
  /** Files named on the command line, by kind. */
  explicit: Partial<Record<FileKind, Located>>;
}

const FLAG_OF: Record<FileKind, string> = {
  interfaceConfig: '--interface-config',
  meetConfig: '--meet-config',
  prosody: '--prosody',
  jicofoConf: '--jicofo-conf',
  sipCommunicator: '--sip-communicator',
};

/**
 * Reads the file options: which files were named, and whether the Debian layout is searched.
 * `uses` are the kinds the command works on: a file of another kind is a usage error rather
 * than silently left out.
 */
export function layoutOf(options: Options, cwd: string, command: string, uses: readonly FileKind[]): Layout {
  const explicit: Partial<Record<FileKind, Located>> = {};
  const put = (kind: FileKind, path: string, how: string): void => {
    if (!uses.includes(kind)) throw new UsageError(`"${command}" does not use ${article(KIND_LABEL[kind])} file (${how})`, command);
    if (explicit[kind] !== undefined) throw new UsageError(`two ${KIND_LABEL[kind]} files given (${how})`, command);
    explicit[kind] = located(kind, path, cwd);
  };
  for (const kind of KINDS) {
    const path = options[kind];
    if (path !== undefined) put(kind, path, FLAG_OF[kind]);
  }
  for (const path of options.file) put(detectKind(path, cwd, command), path, `--file ${path}`);
  const named = Object.keys(explicit).length > 0;
  const root = options.root !== undefined ? resolve(cwd, options.root) : named ? undefined : '/';
  if (root !== undefined && options.root !== undefined && !isDirectory(root)) {
    throw new UsageError(`--root ${options.root} ${exists(root) ? 'is not a directory' : 'does not exist'}`, command);
  }
  return { root, explicit };
}

function article(label: string): string {
  return /^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`;
}

/** The kind of a file named with --file or as the <file> of get/set: from its name, else its content. */
export function detectKind(path: string, cwd: string, command: string): FileKind {
  const byName = kindFromName(path);
  if (byName !== undefined) return byName;
  const absolute = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(absolute, 'latin1');
  } catch (error) {
    const shown = displayPath(absolute, cwd);
    throw new FileError(shown, `cannot read ${shown}: ${describe(error)}`, { cause: error });
  }
  const byContent = kindFromContent(text);
  if (byContent === undefined) {
    throw new UsageError(
      `cannot tell what kind of file ${displayPath(resolve(cwd, path), cwd)} is: its name does not end in interface_config.js, config.js, .lua, .conf or .properties, and its content does not say`,
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
    if (layout.root === undefined) continue;
    const perHost = kind === 'meetConfig' || kind === 'prosody';
    if (perHost && host === undefined) continue;
    const paths = [join(layout.root, debianPath(kind, host ?? ''))];
    if (kind === 'prosody') paths.push(join(layout.root, `etc/prosody/conf.d/${host}.cfg.lua`));
    const path = paths.find(exists);
    // Under the real root the server's own paths are shown whole (/etc/jitsi/…), wherever the
    // command is run from; under a tree given with --root, relative to the working directory.
    const shown = (p: string): string => (layout.root === '/' ? p : displayPath(p, cwd));
    if (path !== undefined) found[kind] = { kind, path, display: shown(path) };
    else missing[kind] = paths.map(shown);
  }
  return { found, missing };
}

/** Prosody's own example hosts in Debian's conf.avail, never a Jitsi host. */
const NOT_JITSI = new Set(['localhost', 'example.com']);

/** Jitsi host names found in the Debian layout: from /etc/jitsi/meet/<host>-config.js and Prosody's conf.avail and conf.d. */
export function hostsUnder(root: string): string[] {
  const found = new Set<string>();
  // Only names that lead to a file: a symlink to a missing file is no host (see brokenLinks).
  for (const name of list(join(root, 'etc/jitsi/meet'))) {
    const m = /^(.+)-config\.js$/.exec(name);
    if (m?.[1] !== undefined && exists(join(root, 'etc/jitsi/meet', name))) found.add(m[1]);
  }
  for (const dir of ['etc/prosody/conf.avail', 'etc/prosody/conf.d']) {
    for (const name of list(join(root, dir))) {
      const m = /^(.+)\.cfg\.lua$/.exec(name);
      if (m?.[1] !== undefined && !NOT_JITSI.has(m[1]) && exists(join(root, dir, name))) found.add(m[1]);
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
export function brokenLinks(root: string, cwd: string): BrokenLink[] {
  const dir = join(root, 'etc/prosody/conf.d');
  const broken: BrokenLink[] = [];
  for (const name of list(dir)) {
    const path = join(dir, name);
    if (!name.endsWith('.cfg.lua') || exists(path)) continue;
    try {
      broken.push({ path: root === '/' ? path : displayPath(path, cwd), target: readlinkSync(path) });
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
        : `under ${where}: no etc/jitsi/meet/<host>-config.js, no etc/prosody/conf.avail/<host>.cfg.lua (is --root right?)`;
    throw new UsageError(`no Jitsi host found ${place}; give --host HOST`, command, { hosts: [] });
  }
  throw new UsageError(`several Jitsi hosts found (${valid.join(', ')}); choose one with --host`, command, { hosts: valid });
}

function isHostnameLike(name: string): boolean {
  return /^[a-z0-9.-]+$/.test(name);
}

function located(kind: FileKind, path: string, cwd: string): Located {
  const absolute = resolve(cwd, path);
  return { kind, path: absolute, display: displayPath(absolute, cwd) };
}

/** A path as shown: relative to the working directory when it is inside it, else absolute. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
