/**
 * The root filesystem harness itself: what a command sees inside, exact output and status, and
 * that nothing outlives a run on the host (no mount, no process), whether the command ends,
 * fails, runs past its timeout, is killed, or the test process that started it dies.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEBIAN_RELEASE, Rootfs, rootfsImage } from './rootfs.js';

/** PIDs of the host's processes whose root directory is `dir` or under it (chrooted there). */
function processesIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const root = readlinkSync(`/proc/${pid}/root`);
        return root === dir || root.startsWith(`${dir}/`);
      } catch {
        return false; // gone, or not ours to read
      }
    })
    .map(Number);
}

/** Mount points of the host under `dir`. */
function mountsIn(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point === dir || point.startsWith(`${dir}/`));
}

async function until(what: string, condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(['bookworm', 'trixie'] as const)('a %s root filesystem', (suite) => {
  let fs: Rootfs;
  beforeAll(() => {
    fs = Rootfs.create({ suite });
    console.warn(`[rootfs] unpacked ${suite} in ${fs.unpackSeconds.toFixed(1)} s${fs.image.buildSeconds === undefined ? ' (image from the cache)' : ''}`);
  });
  afterAll(() => fs?.dispose());

  it(`is Debian ${DEBIAN_RELEASE[suite]}, the command PID 1 of a PID namespace of its own`, () => {
    // The shell counts the processes it sees itself (a glob): only itself.
    const result = fs.mustRun(['sh', '-c', '. /etc/os-release; set -- /proc/[0-9]*; echo "$VERSION_CODENAME $$ $# $1"']);
    expect(result.stdout).toBe(`${suite} 1 1 /proc/1\n`);
    expect(readFileSync(fs.path('/etc/debian_version'), 'utf8')).toMatch(new RegExp(`^${DEBIAN_RELEASE[suite]}\\.\\d+\\n$`));
  });

  it('gives back the exact output and exit status', () => {
    expect(fs.run(['sh', '-c', 'printf "out\\n"; printf "err\\n" >&2; exit 3'])).toEqual({ status: 3, signal: null, stdout: 'out\n', stderr: 'err\n' });
  });

  it('passes input, environment and working directory; nothing else of the host environment', () => {
    process.env.CONFKIT_HOST_ONLY = 'leak';
    try {
      const result = fs.mustRun(['sh', '-c', 'cat; echo "$PWD $FOO ${CONFKIT_HOST_ONLY-unset} $LANG"'], { input: 'in\n', env: { FOO: 'bar' }, cwd: '/etc' });
      expect(result.stdout).toBe('in\n/etc bar unset C.UTF-8\n');
    } finally {
      delete process.env.CONFKIT_HOST_ONLY;
    }
  });

  it('mounts /proc, /sys, /dev and /run inside only, and never on the host', async () => {
    const inside = fs.mustRun(['sh', '-c', 'cut -d" " -f5 /proc/self/mountinfo']).stdout.split('\n');
    expect(inside).toEqual(expect.arrayContaining(['/proc', '/sys', '/dev/null', '/dev/pts', '/dev/ptmx', '/dev/shm', '/run']));
    const server = fs.spawn(['sleep', '300'], { stdio: 'ignore' });
    try {
      await until('sleep runs inside', () => processesIn(fs.dir).length > 0);
      expect(mountsIn(fs.dir)).toEqual([]);
    } finally {
      await server.stop();
    }
    expect(processesIn(fs.dir)).toEqual([]);
  });

  it('binds a host folder for one run, read-only when asked', () => {
    const host = mkdtempSync(join(tmpdir(), 'confkit-bind-'));
    try {
      writeFileSync(join(host, 'file'), 'from the host\n');
      const result = fs.run(['sh', '-c', 'cat /mnt/host/file; echo x > /mnt/host/new'], { binds: [{ host, inner: '/mnt/host', readOnly: true }] });
      expect(result.stdout).toBe('from the host\n');
      expect(result.stderr).toMatch(/Read-only file system/);
      expect(fs.mustRun(['ls', '-A', '/mnt/host']).stdout).toBe('');
    } finally {
      rmSync(host, { recursive: true, force: true });
    }
  });

  it('a command past its timeout is killed, with everything it started', async () => {
    const result = fs.run(['sh', '-c', 'sleep 300 & sleep 300'], { timeout: 1500 });
    expect([result.status, result.signal]).toEqual([null, 'SIGKILL']);
    await until('nothing runs inside', () => processesIn(fs.dir).length === 0);
    expect(mountsIn(fs.dir)).toEqual([]);
  });

  it('a started server and all it started end when it is stopped', async () => {
    const server = fs.spawn(['sh', '-c', 'sleep 300 & sleep 300 & wait'], { stdio: 'ignore' });
    await until('three processes run inside', () => processesIn(fs.dir).length === 3);
    await server.stop();
    expect(processesIn(fs.dir)).toEqual([]);
  });

  it('when the test process dies (kill -9), everything inside dies with it', async () => {
    const [command, ...args] = fs.commandLine(['sleep', '300']);
    const parent = spawn(
      process.execPath,
      ['-e', `require('node:child_process').spawn(${JSON.stringify(command)}, ${JSON.stringify(args)}, { stdio: 'ignore' }); setInterval(() => {}, 1000);`],
      { stdio: 'ignore' },
    );
    await until('sleep runs inside', () => processesIn(fs.dir).length > 0);
    parent.kill('SIGKILL');
    await until('nothing runs inside', () => processesIn(fs.dir).length === 0);
    expect(mountsIn(fs.dir)).toEqual([]);
  });
});

describe('an image with extra packages', () => {
  it('has them installed (from Debian, with their dependencies), and is cached apart from the base image', () => {
    const fs = Rootfs.create({ suite: 'trixie', packages: ['lua5.4'] });
    try {
      expect(fs.mustRun(['lua5.4', '-e', 'print(_VERSION)']).stdout).toBe('Lua 5.4\n');
      expect(fs.mustRun(['dpkg-query', '--show', '--showformat', '${db:Status-Status}', 'lua5.4']).stdout).toBe('installed');
      expect(fs.image.packages).toEqual(['lua5.4']);
      expect(fs.image.path).not.toBe(rootfsImage({ suite: 'trixie' }).path);
    } finally {
      fs.dispose();
    }
  });
});

describe('dispose', () => {
  it('removes the whole root filesystem, and refuses a second use', () => {
    const fs = Rootfs.create({ suite: 'bookworm' });
    fs.mustRun(['touch', '/var/tmp/made-inside']);
    fs.dispose();
    expect(existsSync(fs.dir)).toBe(false);
    expect(() => fs.run(['true'])).toThrow('this root filesystem was disposed');
  });
});

it('the host has no mount left under the temp folder of the root filesystems', () => {
  const leftover = spawnSync('sh', ['-c', `grep -c " ${tmpdir()}/rootfs-" /proc/self/mountinfo || true`], { encoding: 'utf8' });
  expect(leftover.stdout.trim()).toBe('0');
});
