/**
 * Debian root filesystems for end-to-end tests: clean Debian 12 (bookworm) and 13 (trixie)
 * systems made from Debian's packages, to install the project's .deb with apt, to upgrade packages
 * with real dpkg (and so fire dpkg triggers), or to run Debian's own Prosody and nodejs. Used by
 * the Debian stage, the `*.debian.test.ts` files (`npm run test:debian`; CI runs it).
 *
 *   const fs = Rootfs.create({ suite: 'trixie', packages: ['prosody', 'lua5.4'] });
 *   try {
 *     fs.aptInstall([debOnTheHost]);              // apt takes its dependencies from Debian
 *     fs.run(['prosodyctl', '--root', 'check', 'config']);  // { status, signal, stdout, stderr }
 *     const server = fs.spawn(['prosody', '-F']);  // server.process: a ChildProcess
 *     await server.stop();                         // kills everything inside
 *   } finally {
 *     fs.dispose();
 *   }
 *
 * Images are made with mmdebstrap (variant "apt": the Essential packages and apt, plus
 * `packages`) from deb.debian.org (or JITSI_CONFKIT_DEBIAN_MIRROR and
 * JITSI_CONFKIT_DEBIAN_SECURITY_MIRROR), with main, -updates and -security, and a policy-rc.d
 * that keeps package scripts from starting services. Each is kept as a tarball in the cache
 * folder (JITSI_CONFKIT_ROOTFS_CACHE, default ~/.cache/jitsi-confkit/rootfs), keyed on suite,
 * package list and mirrors, and built once under a lock when several test files want it. A fresh
 * machine (CI) builds them; delete the folder to rebuild. Every Rootfs is a fresh copy of its
 * image, unpacked into a temp dir.
 *
 * A command runs by chroot inside new mount and PID namespaces (unshare), where /proc, /sys, the
 * /dev nodes, /dev/pts, /dev/shm and /run are mounted. Those mounts exist in that namespace only:
 * nothing is ever mounted on the host, and they vanish with the command's last process. The
 * command is PID 1 of its namespace: when it ends, is killed, or the test process dies (a
 * parent-death signal), every process started inside is killed with it. The network is the
 * host's: apt reaches the mirrors, and a server inside listens on the host's loopback.
 *
 * Needs root and mmdebstrap, unshare, setpriv and flock (util-linux):
 * `sudo bash scripts/install-system-deps.sh --debian-stage` installs them.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export type Suite = 'bookworm' | 'trixie';

/** The Debian release of each suite. */
export const DEBIAN_RELEASE: Record<Suite, number> = { bookworm: 12, trixie: 13 };

export interface ImageSpec {
  suite: Suite;
  /** Packages installed into the image besides Essential and apt (with their dependencies). */
  packages?: readonly string[];
}

export interface Image {
  suite: Suite;
  packages: string[];
  /** The tarball. */
  path: string;
  /** Seconds mmdebstrap took, when this call built the image; undefined when it was cached. */
  buildSeconds?: number;
}

export interface RunOptions {
  /** Variables besides PATH, HOME, LANG=C.UTF-8, DEBIAN_FRONTEND=noninteractive and TERM=dumb. */
  env?: Record<string, string>;
  /** Working directory inside (default /). */
  cwd?: string;
  input?: string;
  /** Host folders mounted into the root filesystem for this run only. */
  binds?: readonly { host: string; inner: string; readOnly?: boolean }[];
  /** Milliseconds before the command (and all it started) is killed; default 10 minutes. */
  timeout?: number;
}

/** A command started inside with `spawn`. */
export interface Started {
  process: ChildProcess;
  /** Kills it and everything it started inside; resolves when they have ended. */
  stop: () => Promise<void>;
}

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const MIRROR = process.env.JITSI_CONFKIT_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
const SECURITY_MIRROR = process.env.JITSI_CONFKIT_DEBIAN_SECURITY_MIRROR ?? 'http://deb.debian.org/debian-security';

/** The version of the way images are made: part of the cache key, so a change here rebuilds them. */
const RECIPE = 1;

const INSTALL_TOOLS = 'sudo bash scripts/install-system-deps.sh --debian-stage';

function sources(suite: Suite): string[] {
  return [`deb ${MIRROR} ${suite} main`, `deb ${MIRROR} ${suite}-updates main`, `deb ${SECURITY_MIRROR} ${suite}-security main`];
}

/** The folder of the image tarballs. */
export function cacheDir(): string {
  return process.env.JITSI_CONFKIT_ROOTFS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'jitsi-confkit', 'rootfs');
}

/** A word for sh, in single quotes. */
function q(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

let toolsChecked = false;

/** Throws, saying how to get them, unless this runs as root with the programs it needs. */
export function requireRootfsTools(): void {
  if (toolsChecked) return;
  if (process.getuid?.() !== 0) throw new Error(`The Debian root filesystems need root (chroot, mounts): run the Debian stage as root (${INSTALL_TOOLS} installs what it needs).`);
  const missing = ['mmdebstrap', 'unshare', 'setpriv', 'flock', 'chroot', 'tar'].filter(
    (p) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', p], { stdio: 'ignore' }).status !== 0,
  );
  if (missing.length > 0) throw new Error(`Missing for the Debian root filesystems: ${missing.join(', ')}. Run: ${INSTALL_TOOLS}`);
  toolsChecked = true;
}

/**
 * The image of `spec`, from the cache or built now (under a lock, so that test files that run at
 * the same time build it once). Builds are reported on stderr with their time.
 */
export function rootfsImage(spec: ImageSpec): Image {
  requireRootfsTools();
  const packages = [...new Set(spec.packages ?? [])].sort();
  for (const p of packages) if (!/^[a-z0-9][a-z0-9.+-]*$/.test(p)) throw new Error(`not a Debian package name: ${JSON.stringify(p)}`);
  const key = createHash('sha256')
    .update(JSON.stringify({ RECIPE, suite: spec.suite, packages, sources: sources(spec.suite) }))
    .digest('hex')
    .slice(0, 16);
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${spec.suite}-${key}.tar`);
  const policy = 'printf \'#!/bin/sh\\nexit 101\\n\' > "$1/usr/sbin/policy-rc.d" && chmod 755 "$1/usr/sbin/policy-rc.d"';
  const mmdebstrap = [
    'unshare --mount --propagation private mmdebstrap --mode=root --variant=apt --quiet',
    '--aptopt=\'Acquire::Retries "3"\'',
    ...(packages.length > 0 ? [`--include=${packages.join(',')}`] : []),
    `--customize-hook=${q(policy)}`,
    q(spec.suite),
    '"$part"',
    ...sources(spec.suite).map(q),
  ].join(' ');
  const script = [
    'set -e',
    `image=${q(path)}`,
    '[ ! -e "$image" ] || exit 0',
    'part="${image%.tar}.part$$.tar"',
    'trap \'rm -f "$part"\' EXIT',
    'started=$(date +%s.%N)',
    mmdebstrap,
    'mv "$part" "$image"',
    'echo "built $started $(date +%s.%N)"',
  ].join('\n');
  const result = spawnSync('flock', [`${path}.lock`, 'sh', '-c', script], { encoding: 'utf8', timeout: 30 * 60_000, killSignal: 'SIGKILL', maxBuffer: 64 << 20 });
  if (result.status !== 0) {
    throw new Error(`mmdebstrap could not build ${spec.suite} (${packages.join(', ') || 'base'}): exit ${result.status ?? result.signal}\n${result.stderr}`);
  }
  const image: Image = { suite: spec.suite, packages, path };
  const built = /^built (\S+) (\S+)$/m.exec(result.stdout);
  if (built !== null) {
    // mmdebstrap's own time, without the wait for the lock.
    image.buildSeconds = Number(built[2]) - Number(built[1]);
    const megabytes = statSync(path).size / 1e6;
    writeFileSync(
      `${path}.json`,
      `${JSON.stringify({ suite: spec.suite, packages, sources: sources(spec.suite), built: new Date().toISOString(), seconds: image.buildSeconds, megabytes }, null, 2)}\n`,
    );
    console.warn(
      `[rootfs] built Debian ${DEBIAN_RELEASE[spec.suite]} (${spec.suite}${packages.length > 0 ? ` + ${packages.join(' ')}` : ''}) in ${image.buildSeconds.toFixed(1)} s, ${megabytes.toFixed(0)} MB: ${path}`,
    );
  }
  return image;
}

/** The host PID of the process that unshare (`pid`) forked: PID 1 of the new namespace. */
function namespaceInit(pid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ');
    return children.length === 1 && children[0] !== '' ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** A Debian system in a temp dir, made fresh from its image. */
export class Rootfs {
  /** Seconds it took to unpack. */
  readonly unpackSeconds: number;
  #disposed = false;

  private constructor(
    readonly dir: string,
    readonly image: Image,
    unpackSeconds: number,
  ) {
    this.unpackSeconds = unpackSeconds;
  }

  static create(spec: ImageSpec): Rootfs {
    const image = rootfsImage(spec);
    const started = process.hrtime.bigint();
    const dir = mkdtempSync(join(tmpdir(), `rootfs-${spec.suite}-`));
    chmodSync(dir, 0o755);
    const untar = spawnSync('tar', ['--numeric-owner', '-xf', image.path, '-C', dir], { encoding: 'utf8' });
    if (untar.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`tar could not unpack ${image.path}: ${untar.stderr}`);
    }
    // apt needs a resolver inside: the host's, as it is now.
    rmSync(join(dir, 'etc/resolv.conf'), { force: true });
    writeFileSync(join(dir, 'etc/resolv.conf'), readFileSync('/etc/resolv.conf'));
    return new Rootfs(dir, image, Number(process.hrtime.bigint() - started) / 1e9);
  }

  /** The host path of `inner`, a path inside. */
  path(inner: string): string {
    return join(this.dir, inner);
  }

  /**
   * The host command line that runs `argv` inside: setpriv (parent-death signal) → unshare (mount
   * and PID namespaces) → sh (the mounts) → chroot → env (a clean environment).
   */
  commandLine(argv: readonly string[], options: RunOptions = {}): string[] {
    if (this.#disposed) throw new Error('this root filesystem was disposed');
    if (argv.length === 0) throw new Error('no command');
    const root = q(this.dir);
    const lines = [
      'set -e',
      `root=${root}`,
      'mount -t proc proc "$root/proc"',
      'mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"',
      'for d in null zero full random urandom tty; do [ -e "$root/dev/$d" ] || : > "$root/dev/$d"; mount --bind "/dev/$d" "$root/dev/$d"; done',
      'mkdir -p "$root/dev/pts" "$root/dev/shm"',
      'mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts"',
      '[ -e "$root/dev/ptmx" ] || : > "$root/dev/ptmx"',
      'mount --bind "$root/dev/pts/ptmx" "$root/dev/ptmx"',
      'mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"',
      'mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs "$root/run"',
      'mkdir -p "$root/run/lock"',
    ];
    for (const bind of options.binds ?? []) {
      if (!bind.inner.startsWith('/')) throw new Error(`bind target must be absolute: ${bind.inner}`);
      const target = `"$root"${q(bind.inner)}`;
      lines.push(statSync(bind.host).isDirectory() ? `mkdir -p ${target}` : `mkdir -p "$(dirname ${target})"; [ -e ${target} ] || : > ${target}`);
      lines.push(`mount --bind ${q(bind.host)} ${target}`);
      if (bind.readOnly) lines.push(`mount -o remount,bind,ro ${target}`);
    }
    const env = {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOME: '/root',
      LANG: 'C.UTF-8',
      DEBIAN_FRONTEND: 'noninteractive',
      TERM: 'dumb',
      ...options.env,
    };
    const command = ['/usr/bin/env', '-i', '-C', options.cwd ?? '/', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv];
    lines.push(`exec chroot "$root" ${command.map(q).join(' ')}`);
    return ['setpriv', '--pdeathsig', 'KILL', 'unshare', '--mount', '--propagation', 'private', '--pid', '--fork', '--kill-child', 'sh', '-c', lines.join('\n')];
  }

  /** Runs `argv` inside and waits for it (and everything it started) to end. */
  run(argv: readonly string[], options: RunOptions = {}): RunResult {
    const [command, ...args] = this.commandLine(argv, options) as [string, ...string[]];
    const result = spawnSync(command, args, {
      encoding: 'utf8',
      input: options.input,
      timeout: options.timeout ?? 10 * 60_000,
      killSignal: 'SIGKILL',
      maxBuffer: 64 << 20,
    });
    if (result.error && (result.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw result.error;
    return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
  }

  /** Runs `argv` inside and throws, with its output, unless it exits with 0. */
  mustRun(argv: readonly string[], options: RunOptions = {}): RunResult {
    const result = this.run(argv, options);
    if (result.status !== 0) {
      throw new Error(`${argv.join(' ')} exited with ${result.status ?? result.signal} in ${this.image.suite}:\n${result.stdout.slice(-4000)}${result.stderr.slice(-4000)}`);
    }
    return result;
  }

  /**
   * Starts `argv` inside (a server). `stop()` kills everything inside at once and resolves once
   * all of it has ended. (SIGKILL: unshare holds SIGTERM back, and the command, as PID 1, would
   * ignore a signal it has no handler for.)
   */
  spawn(argv: readonly string[], options: Omit<RunOptions, 'input' | 'timeout'> & { stdio?: SpawnOptions['stdio'] } = {}): Started {
    const [command, ...args] = this.commandLine(argv, options) as [string, ...string[]];
    const child = spawn(command, args, { stdio: options.stdio ?? 'pipe' });
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    return {
      process: child,
      stop: async () => {
        // SIGKILL to the namespace's PID 1: the kernel then kills every process of the namespace,
        // and unshare, which waits for PID 1, exits only once they have all ended.
        const pid1 = child.pid === undefined ? undefined : namespaceInit(child.pid);
        if (pid1 === undefined) child.kill('SIGKILL');
        else process.kill(pid1, 'SIGKILL');
        await exited;
      },
    };
  }

  /**
   * `apt-get install` inside, after `apt-get update`: Debian package names, and .deb files of the
   * host (copied in), whose dependencies apt then takes from the mirrors. With `recommends`
   * false, --no-install-recommends. Throws with apt's output when it fails.
   */
  aptInstall(items: readonly string[], options: { recommends?: boolean } = {}): RunResult {
    const inner = items.map((item) => {
      if (!item.endsWith('.deb')) return item;
      const target = `/var/tmp/confkit-debs/${basename(item)}`;
      mkdirSync(this.path('/var/tmp/confkit-debs'), { recursive: true, mode: 0o755 });
      copyFileSync(item, this.path(target));
      chmodSync(this.path(target), 0o644);
      return target;
    });
    const flags = options.recommends === false ? ['--no-install-recommends'] : [];
    return this.mustRun(['sh', '-ec', 'apt-get update -qq; apt-get install -y -q "$@"', 'sh', ...flags, ...inner]);
  }

  /**
   * Removes the temp dir. It refuses to when something is mounted under it (never the case: the
   * mounts live in the commands' namespaces), and never crosses into another file system.
   */
  dispose(): void {
    if (this.#disposed) return;
    const mounted = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[4] ?? '')
      .filter((point) => point === this.dir || point.startsWith(`${this.dir}/`));
    if (mounted.length > 0) throw new Error(`not removing ${this.dir}: mounted under it: ${mounted.join(', ')}`);
    const removed = spawnSync('rm', ['-rf', '--one-file-system', this.dir], { encoding: 'utf8' });
    if (removed.status !== 0 || existsSync(this.dir)) throw new Error(`could not remove ${this.dir}: ${removed.stderr}`);
    this.#disposed = true;
  }
}
