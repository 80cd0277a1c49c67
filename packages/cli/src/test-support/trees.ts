/**
 * Fake Debian servers for the end-to-end tests: trees assembled in a temp dir from the real
 * corpus (never copied into the repo), one per era, laid out as the Debian packages leave them,
 * with the host names replaced the way the installers do. Plus helpers to run the built CLI and
 * to take byte-exact snapshots of a tree.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readCorpusLatin1, repoRoot } from '../../../../test/support/corpus.js';
import { prosodyInstaller, rename, webInstaller, type Rewrite } from '../../../../test/support/installers.js';
import type { FileKind } from '../kinds.js';

export const cliPath = join(repoRoot, 'packages/cli/dist/cli.cjs');

let copied: string | undefined;

/**
 * The built CLI copied to a temp dir that every user may read and enter (once per test process),
 * for tests that run it as another user: the checkout itself may sit under a folder only its owner
 * can enter (/root, a `mktemp -d` folder). Removed when the process exits.
 */
export function cliForEveryone(): string {
  if (copied === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'confkit-cli-'));
    cpSync(dirname(requireBuiltCli()), join(dir, 'dist'), { recursive: true });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'dist'), 0o755);
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    copied = join(dir, 'dist/cli.cjs');
  }
  return copied;
}

/** Throws a clear message when the CLI has not been built (the e2e tests run the bundle). */
export function requireBuiltCli(): string {
  if (!existsSync(cliPath)) {
    throw new Error('packages/cli/dist/cli.cjs is missing: run `pnpm build` first (the test command, pnpm test:all, builds before testing)');
  }
  return cliPath;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process (not a terminal, so never coloured). */
export function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): CliResult {
  const result = spawnSync(process.execPath, [requireBuiltCli(), ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Member {
  source: string;
  rewrite?: Rewrite;
}

export interface Era {
  name: string;
  host: string;
  members: Partial<Record<FileKind, Member>>;
  /** Other files of the tree (relative path -> corpus source), e.g. Prosody's own localhost host. */
  extras?: Record<string, string>;
}
/** One tree per era: 2020-05 stable 4548, a 2022 server, 2025-01 stable 10008, a docker-style wild set. */
export const ERAS: readonly Era[] = [
  {
    name: 'debian-2020-05-stable-4548',
    host: 'meet.example.com',
    members: {
      interfaceConfig: { source: 'interface_config/jitsi-meet-2020-05-stable-4548.js' },
      meetConfig: { source: 'config/jitsi-meet-2020-05-stable-4548.js', rewrite: webInstaller('meet.example.com') },
      prosody: { source: 'prosody/jitsi-meet-jvb-example-2020-05-stable-4548.cfg.lua', rewrite: prosodyInstaller('meet.example.com') },
      sipCommunicator: { source: 'jicofo/wild/mundi-debian-2020-07-sip-communicator-minimal.properties', rewrite: rename('webrtc01.mundi-tv.tk', 'meet.example.com') },
    },
  },
  {
    name: 'debian-2022-12-blc',
    host: 'jitsi.blc-meet.com',
    members: {
      interfaceConfig: { source: 'interface_config/jitsi-meet-2022-08-stable-7648.js' },
      meetConfig: { source: 'config/wild/blc-debian-2022-12-ssi-subdomain.js' },
      prosody: { source: 'prosody/jitsi-meet-jvb-example-2022-08-stable-7648.cfg.lua', rewrite: prosodyInstaller('jitsi.blc-meet.com') },
      jicofoConf: { source: 'jicofo/wild/blc-debian-2022-12-jicofo-hocon-cli-colon-style.conf' },
      sipCommunicator: { source: 'jicofo/wild/blc-debian-2022-12-sip-communicator-jibri.properties' },
    },
  },
  {
    name: 'debian-2025-01-stable-10008',
    host: 'meet.example.com',
    members: {
      interfaceConfig: { source: 'interface_config/jitsi-meet-2025-01-stable-10008.js' },
      meetConfig: { source: 'config/jitsi-meet-2025-01-stable-10008.js', rewrite: webInstaller('meet.example.com') },
      prosody: { source: 'prosody/jitsi-meet-jvb-example-2025-01-stable-10008.cfg.lua', rewrite: prosodyInstaller('meet.example.com') },
      jicofoConf: { source: 'jicofo/wild/blc-debian-2022-12-jicofo-hocon-cli-colon-style.conf', rewrite: rename('jitsi.blc-meet.com', 'meet.example.com') },
    },
    extras: {
      'etc/prosody/conf.avail/localhost.cfg.lua': 'prosody/debian-bookworm-prosody-0.12.3-1+deb12u1-conf.avail-localhost.cfg.lua',
      'etc/prosody/conf.avail/example.com.cfg.lua': 'prosody/debian-bookworm-prosody-0.12.3-1+deb12u1-conf.avail-example.com.cfg.lua',
    },
  },
  {
    name: 'docker-wild-2021-03-giovannitorsello',
    host: 'meet.local',
    members: {
      interfaceConfig: { source: 'interface_config/wild/qkit-docker-2023-06-custom-interface_config-crlf.js' },
      meetConfig: { source: 'config/wild/giovannitorsello-docker-2021-03.js' },
      prosody: { source: 'prosody/wild/giovannitorsello-docker-2021-03-guest-trailing-ws.cfg.lua' },
      sipCommunicator: { source: 'jicofo/wild/giovannitorsello-2021-02-sip-communicator-auth-url.properties' },
    },
  },
];

/** The Debian path of each kind for `host`. */
export function debianRel(kind: FileKind, host: string): string {
  return {
    interfaceConfig: 'usr/share/jitsi-meet/interface_config.js',
    meetConfig: `etc/jitsi/meet/${host}-config.js`,
    prosody: `etc/prosody/conf.avail/${host}.cfg.lua`,
    jicofoConf: 'etc/jitsi/jicofo/jicofo.conf',
    sipCommunicator: 'etc/jitsi/jicofo/sip-communicator.properties',
  }[kind];
}

/** Modes as on a Debian server (the Prosody and Jicofo files hold secrets). */
export const MODES: Record<FileKind, number> = {
  interfaceConfig: 0o644,
  meetConfig: 0o644,
  prosody: 0o640,
  jicofoConf: 0o600,
  sipCommunicator: 0o640,
};

/** Owners given to the files when the tests run as root (prosody's and jicofo's, say). */
export const OWNERS: Record<FileKind, { uid: number; gid: number }> = {
  interfaceConfig: { uid: 0, gid: 0 },
  meetConfig: { uid: 0, gid: 0 },
  prosody: { uid: 0, gid: 4321 },
  jicofoConf: { uid: 1234, gid: 4321 },
  sipCommunicator: { uid: 1234, gid: 4321 },
};

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export interface Tree {
  root: string;
  era: Era;
  /** Relative paths of the files present, by kind. */
  files: Partial<Record<FileKind, string>>;
  /** The conf.d symlink pointing at the Prosody host file. */
  link: string;
  /** The corpus text of each member as placed (latin1: one character per byte). */
  original: Partial<Record<FileKind, string>>;
  cleanup(): void;
}

/** Assembles the era's tree in a new temp dir. */
export function buildTree(era: Era): Tree {
  const root = mkdtempSync(join(tmpdir(), `confkit-e2e-${era.name}-`));
  const files: Partial<Record<FileKind, string>> = {};
  const original: Partial<Record<FileKind, string>> = {};
  const place = (rel: string, text: string): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text, 'latin1');
  };
  for (const [kind, member] of Object.entries(era.members) as [FileKind, Member][]) {
    const rel = debianRel(kind, era.host);
    // Read as latin1 so that every byte is placed as it is (UTF-8 sequences included).
    const text = (member.rewrite ?? ((t: string) => t))(readCorpusLatin1(member.source));
    place(rel, text);
    chmodSync(join(root, rel), MODES[kind]);
    if (isRoot) chownSync(join(root, rel), OWNERS[kind].uid, OWNERS[kind].gid);
    files[kind] = rel;
    original[kind] = text;
  }
  for (const [rel, source] of Object.entries(era.extras ?? {})) place(rel, readCorpusLatin1(source));
  const link = `etc/prosody/conf.d/${era.host}.cfg.lua`;
  mkdirSync(join(root, 'etc/prosody/conf.d'), { recursive: true });
  symlinkSync(`../conf.avail/${era.host}.cfg.lua`, join(root, link));
  return { root, era, files, link, original, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface Entry {
  type: 'file' | 'link' | 'dir';
  mode: number;
  uid: number;
  gid: number;
  /** File bytes as latin1 text, or the link's target. */
  content: string;
}

/** Every entry under `root`, by relative path: type, mode, owner and exact bytes. */
export function snapshot(root: string): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const r = rel === '' ? name : `${rel}/${name}`;
      const full = join(root, r);
      const st = lstatSync(full);
      const base = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
      if (st.isSymbolicLink()) out[r] = { type: 'link', ...base, content: readlinkSync(full) };
      else if (st.isDirectory()) {
        out[r] = { type: 'dir', ...base, content: '' };
        walk(r);
      } else out[r] = { type: 'file', ...base, content: readFileSync(full, 'latin1') };
    }
  };
  walk('');
  return out;
}

/** A file of the tree as latin1 text (byte for byte). */
export function readTree(tree: Tree, rel: string): string {
  return readFileSync(join(tree.root, rel), 'latin1');
}
