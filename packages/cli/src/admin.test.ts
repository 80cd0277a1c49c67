/**
 * The built CLI used as an admin would, on a copy of the bundled example server
 * (examples/debian-tree, copied to a temp dir; the repo's own tree is never written): symlink
 * chains, unreadable files, read-only directories, repeated backups, several hosts, JSON errors
 * through the real executable.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/corpus.js';
import { unavailable } from '../../../test/support/skips.js';
import { cliForEveryone, cliPath, isRoot, requireBuiltCli, runCli, snapshot } from './test-support/trees.js';

const HOST = 'meet.example.com';
const JICOFO = 'etc/jitsi/jicofo/jicofo.conf';
const PROSODY = `etc/prosody/conf.avail/${HOST}.cfg.lua`;

let root: string;
const cli = (...args: string[]) => runCli(args, { cwd: root });

beforeAll(() => {
  requireBuiltCli();
});
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'confkit-admin-'));
  cpSync(join(repoRoot, 'examples/debian-tree'), root, { recursive: true, verbatimSymlinks: true });
});
afterEach(() => {
  immutable(join(root, 'etc/jitsi/jicofo'), false);
  chmodSync(join(root, 'etc/jitsi/jicofo'), 0o755);
  rmSync(root, { recursive: true, force: true });
});

/** chattr +i / -i: the one way to make a directory refuse root's writes. False where unsupported. */
function immutable(path: string, on: boolean): boolean {
  return spawnSync('chattr', [on ? '+i' : '-i', path]).status === 0;
}

describe('symlinks', () => {
  it('a chain (link -> link -> file): the final file is written, both links stay links to the same place', () => {
    mkdirSync(join(root, 'srv'));
    renameSync(join(root, JICOFO), join(root, 'srv/jicofo.conf.real'));
    symlinkSync('jicofo.conf.real', join(root, 'srv/jicofo.conf.link'));
    symlinkSync('../../../srv/jicofo.conf.link', join(root, JICOFO));
    const before = readFileSync(join(root, 'srv/jicofo.conf.real'), 'utf8');
    const result = cli('secure-domain', 'enable', '--root', '.');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`applied  ${JICOFO}: jicofo.authentication { enabled = true, type = XMPP, login-url = "${HOST}" }\n`);
    expect(result.stdout).toContain(`wrote ${JICOFO}\n`);
    const after = readFileSync(join(root, 'srv/jicofo.conf.real'), 'utf8');
    expect(after).not.toBe(before);
    expect(after).toContain('login-url: "meet.example.com"');
    expect(lstatSync(join(root, JICOFO)).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, JICOFO))).toBe('../../../srv/jicofo.conf.link');
    expect(readlinkSync(join(root, 'srv/jicofo.conf.link'))).toBe('jicofo.conf.real');
    const once = snapshot(root);
    expect(cli('secure-domain', 'enable', '--root', '.').stdout).toContain(`already  ${JICOFO}:`);
    expect(snapshot(root)).toEqual(once);
  });
});

describe('files that cannot be read', () => {
  // As root every file is readable: a directory in place of the file stands in for it.
  it('a directory where jicofo.conf should be: exit 1, the file named, nothing written', () => {
    rmSync(join(root, JICOFO));
    mkdirSync(join(root, JICOFO));
    const before = snapshot(root);
    expect(cli('secure-domain', 'enable', '--root', '.')).toEqual({ status: 1, stdout: '', stderr: `jitsi-confkit: cannot read ${JICOFO}: it is a directory\n` });
    const json = cli('secure-domain', 'enable', '--root', '.', '--json');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      error: { code: 'E_FILE', class: 'FileError', message: `cannot read ${JICOFO}: it is a directory`, status: 1, file: JICOFO, errno: 'EISDIR' },
    });
    expect(snapshot(root)).toEqual(before);
  });
});

describe('a read-only directory', () => {
  /** Makes etc/jitsi/jicofo refuse writes: chmod 555 for a user, the immutable attribute for root. */
  function readOnly(ctx: { skip: () => void }): string | undefined {
    const dir = join(root, 'etc/jitsi/jicofo');
    if (!isRoot) {
      chmodSync(dir, 0o555);
      return 'permission denied';
    }
    if (immutable(dir, true)) return 'operation not permitted';
    unavailable(
      'the CLI tests of a read-only directory as root: chattr +i does not work on the temp dir',
      'run them as a user, or with TMPDIR on ext4 or another file system that has chattr +i',
    );
    ctx.skip();
    return undefined;
  }

  it('set: fails cleanly, nothing written, no temporary file left', (ctx) => {
    const before = snapshot(root);
    const reason = readOnly(ctx);
    const result = cli('set', JICOFO, 'jicofo.authentication.enabled', 'true');
    expect(result).toEqual({ status: 1, stdout: '', stderr: `jitsi-confkit: cannot write ${JICOFO}: ${reason}; nothing was written\n` });
    expect(snapshot(root)).toEqual(before);
  });

  // The writer lock is taken beside each file before anything is read, so the directory's refusal
  // comes before any file is written. (A rename refused after the first file is written is put
  // back: write.test.ts and faults.test.ts.)
  it('secure-domain over several files: refused before any file is written, no lock, backup or temporary file left', (ctx) => {
    const before = snapshot(root);
    const reason = readOnly(ctx);
    const result = cli('secure-domain', 'enable', '--root', '.', '--backup', '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: 'E_FILE',
        class: 'FileError',
        message: `cannot write ${JICOFO}: ${reason}; nothing was written`,
        status: 1,
        file: JICOFO,
        errno: isRoot ? 'EPERM' : 'EACCES',
      },
    });
    expect(snapshot(root)).toEqual(before);
  });
});

describe('--backup', () => {
  it('twice in a row: two backups, the second never overwrites the first', () => {
    const original = readFileSync(join(root, JICOFO), 'utf8');
    const first = cli('set', JICOFO, 'jicofo.authentication.enabled', 'true', '--backup', '--json');
    expect(first.status).toBe(0);
    const second = cli('set', JICOFO, 'jicofo.authentication.enabled', 'false', '--backup', '--json');
    expect(second.status).toBe(0);
    const backupOf = (r: { stdout: string }): string => (JSON.parse(r.stdout) as { files: { backup?: string }[] }).files[0]?.backup ?? '';
    const one = backupOf(first);
    const two = backupOf(second);
    expect(one).toMatch(/^etc\/jitsi\/jicofo\/jicofo\.conf\.\d{8}T\d{6}Z(-\d+)?\.bak$/);
    expect(two).toMatch(/^etc\/jitsi\/jicofo\/jicofo\.conf\.\d{8}T\d{6}Z(-\d+)?\.bak$/);
    expect(two).not.toBe(one);
    expect(readFileSync(join(root, one), 'utf8')).toBe(original);
    expect(readFileSync(join(root, two), 'utf8')).toContain('enabled: true');
    expect(readFileSync(join(root, JICOFO), 'utf8')).toContain('enabled: false');
  });
});

describe('hosts', () => {
  it('two hosts in conf.avail: a usage error (exit 2) that lists them, as text and as JSON', () => {
    const other = readFileSync(join(root, PROSODY), 'latin1').replaceAll(HOST, 'other.example.org');
    writeFileSync(join(root, 'etc/prosody/conf.avail/other.example.org.cfg.lua'), other, 'latin1');
    const message = `several Jitsi hosts found (${HOST}, other.example.org); choose one with --host`;
    expect(cli('secure-domain', 'enable', '--root', '.')).toEqual({
      status: 2,
      stdout: '',
      stderr: `jitsi-confkit: ${message}\nRun "jitsi-confkit secure-domain enable --help" for usage.\n`,
    });
    const json = cli('check', '--root', '.', '--json');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'E_USAGE', class: 'UsageError', message, status: 2, hosts: [HOST, 'other.example.org'] } });
    // other.example.org has a Prosody file but no config.js: the recipe would be half done.
    const chosen = cli('secure-domain', 'enable', '--root', '.', '--host', 'other.example.org', '--dry-run');
    expect(chosen.status).toBe(1);
    expect(chosen.stderr).toContain('  config.js (not found at etc/jitsi/meet/other.example.org-config.js)\n');
    expect(cli('secure-domain', 'enable', '--root', '.', '--host', 'other.example.org', '--dry-run', '--partial').status).toBe(0);
  });
});

describe('the executable under --json', () => {
  it('a syntax error: one JSON object on stdout with file, line and column; the frame on stderr', () => {
    writeFileSync(join(root, JICOFO), 'jicofo {\n  xmpp = {\n}\n');
    const result = cli('secure-domain', 'enable', '--root', '.', '--json');
    expect(result.status).toBe(1);
    const { error } = JSON.parse(result.stdout) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'E_SYNTAX', class: 'ConfigSyntaxError', status: 1, file: JICOFO });
    expect(typeof error.line).toBe('number');
    expect(typeof error.column).toBe('number');
    expect(result.stderr.startsWith(`jitsi-confkit: ${JICOFO}:${String(error.line)}:${String(error.column)}: `)).toBe(true);
  });

  it('a typo in the command: exit 2, a suggestion', () => {
    expect(cli('secure-domian', 'enable')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'jitsi-confkit: unknown command "secure-domian" (did you mean secure-domain?)\nRun "jitsi-confkit --help" for usage.\n',
    });
  });
});

/**
 * As the unprivileged user an admin may be (or a service account): as root, the built CLI runs
 * as nobody (uid 65534) over a tree given to nobody; otherwise as the user running the tests.
 */
const NOBODY = 65534;
/** As root, whether nobody can run this Node at all (it may live under /root too). */
const nodeForNobody = !isRoot || spawnSync(process.execPath, ['-e', '0'], { uid: NOBODY, gid: NOBODY, cwd: '/' }).status === 0;

describe.skipIf(
  !(
    nodeForNobody ||
    unavailable(
      `the CLI tests as an unprivileged user: uid ${NOBODY} cannot run ${process.execPath}`,
      'install Node where every user can run it (/usr/bin/node, /usr/local/bin/node)',
    )
  ),
)('as an unprivileged user', () => {
  function asUser(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    // The bundle is run from a copy every user can read: the checkout may be closed to others.
    const result = spawnSync(process.execPath, [isRoot ? cliForEveryone() : cliPath, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  beforeEach(() => {
    if (!isRoot) return;
    const give = (rel: string): void => {
      const path = join(root, rel);
      chownSync(path, NOBODY, NOBODY);
      if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) give(rel === '' ? name : `${rel}/${name}`);
    };
    give('');
  });

  it('a file with mode 000: "permission denied", exit 1, nothing written', () => {
    chmodSync(join(root, JICOFO), 0o000);
    const before = snapshot(root);
    expect(asUser('secure-domain', 'enable', '--root', '.')).toEqual({ status: 1, stdout: '', stderr: `jitsi-confkit: cannot read ${JICOFO}: permission denied\n` });
    expect(snapshot(root)).toEqual(before);
  });

  it('a read-only directory (chmod 555): the write fails cleanly, nothing written, no temporary file', () => {
    chmodSync(join(root, 'etc/jitsi/jicofo'), 0o555);
    const before = snapshot(root);
    expect(asUser('set', JICOFO, 'jicofo.authentication.enabled', 'true')).toEqual({
      status: 1,
      stdout: '',
      stderr: `jitsi-confkit: cannot write ${JICOFO}: permission denied; nothing was written\n`,
    });
    expect(snapshot(root)).toEqual(before);
  });

  it('a read-only file (chmod 444) in a writable directory is refused, not replaced by the rename', () => {
    chmodSync(join(root, JICOFO), 0o444);
    const before = snapshot(root);
    const result = asUser('secure-domain', 'enable', '--root', '.', '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: 'E_FILE',
        class: 'FileError',
        message: `cannot write ${JICOFO}: permission denied (the file is not writable for this user); nothing was written`,
        status: 1,
        file: JICOFO,
        errno: 'EACCES',
      },
    });
    expect(snapshot(root)).toEqual(before);
  });

  // In a sticky directory (mode 1777) only its owner, the file's owner or root may remove a file:
  // a stale lock left there by root cannot be taken over by this user, and the run says why.
  it.skipIf(!isRoot)('a stale lock this user may not remove: exit 1, the reason, nothing written', () => {
    const dir = join(root, 'etc/jitsi/jicofo');
    chownSync(dir, 0, 0);
    chmodSync(dir, 0o1777);
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim();
    const pidns = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1] ?? '';
    symlinkSync(`pid=${dead} start=1 boot=${boot} host=${hostname()} pidns=${pidns} since=2026-11-23T21:00:00Z cmd=set`, join(dir, '.jicofo.conf.jitsi-confkit.lock'));
    const before = snapshot(root);
    expect(asUser('set', JICOFO, 'jicofo.authentication.enabled', 'true', '--lock-timeout', '0')).toEqual({
      status: 1,
      stdout: '',
      stderr: `jitsi-confkit: cannot write ${JICOFO}: the stale lock .jicofo.conf.jitsi-confkit.lock beside it cannot be removed (operation not permitted); nothing was written\n`,
    });
    expect(snapshot(root)).toEqual(before);
  });
});
