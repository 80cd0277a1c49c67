/**
 * The Debian package on Debian: built by the project's script, checked by lintian, then installed
 * with apt on clean Debian 12 and 13 systems (test/rootfs), where apt takes nodejs from Debian,
 * and run there end to end on Debian's own Node (18 on Debian 12, 20 on Debian 13): the same
 * output and the same bytes as the build run on the host, on a copy of examples/debian-tree and
 * on the server's own files. Also: the packaging needs no network once the workspace is installed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/corpus.js';
import { DEBIAN_RELEASE, Rootfs } from './rootfs/rootfs.js';

const TREE = join(repoRoot, 'examples/debian-tree');
const dist = join(repoRoot, 'packages/cli/dist');
const { version } = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')) as { version: string };

/** Debian's nodejs of each release (the version before "+dfsg"). */
const DEBIAN_NODE: Record<'bookworm' | 'trixie', RegExp> = { bookworm: /^18\.\d+\.\d+\+dfsg/, trixie: /^20\.19\.\d+\+dfsg/ };

let tmp: string;
let deb: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'confkit-deb-stage-'));
  const built = spawnSync(process.execPath, [join(repoRoot, 'packaging/debian/build-deb.mjs'), tmp], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build-deb.mjs: ${built.stderr}`);
  deb = built.stdout.trim();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function walk(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base))
    .sort()
    .flatMap((name) => {
      const rel = base === '' ? name : `${base}/${name}`;
      return lstatSync(join(dir, rel)).isDirectory() ? walk(dir, rel) : [rel];
    });
}

/** Runs the CLI built on the host, in `cwd`. */
function hostCli(args: readonly string[], cwd: string) {
  const result = spawnSync(process.execPath, [join(dist, 'cli.cjs'), ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

describe('lintian', () => {
  it('reports nothing, not even with --pedantic and the experimental checks', () => {
    const result = spawnSync('lintian', ['--pedantic', '--display-info', '--display-experimental', '--tag-display-limit', '0', deb], { encoding: 'utf8' });
    if (result.error) throw new Error(`lintian: ${result.error.message} (sudo bash scripts/install-system-deps.sh --debian-stage installs it)`);
    expect({ status: result.status, tags: result.stdout }).toEqual({ status: 0, tags: '' });
  });
});

describe('the packaging, offline', () => {
  it('packs every package and builds the .deb without a network', () => {
    const out = join(tmp, 'offline');
    const script =
      'if getent hosts deb.debian.org registry.npmjs.org >/dev/null; then echo online; exit 1; fi; sh packaging/pack.sh "$1" >/dev/null && node packaging/debian/build-deb.mjs "$1"';
    const result = spawnSync('unshare', ['--net', 'sh', '-c', script, 'sh', out], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${join(out, `jitsi-confkit_${version}_all.deb`)}\n`);
    const tarballs = readdirSync(join(repoRoot, 'packages')).map((dir) => {
      const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', dir, 'package.json'), 'utf8')) as { name: string; version: string };
      return `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`;
    });
    expect(readdirSync(out).sort()).toEqual([...tarballs, `jitsi-confkit_${version}_all.deb`].sort());
  });
});

describe.each(['bookworm', 'trixie'] as const)('installed with apt on Debian %s', (suite) => {
  let fs: Rootfs;
  let hostTree: string;

  beforeAll(() => {
    fs = Rootfs.create({ suite });
    const started = process.hrtime.bigint();
    fs.aptInstall([deb]);
    console.warn(
      `[deb] Debian ${DEBIAN_RELEASE[suite]}: unpacked in ${fs.unpackSeconds.toFixed(1)} s, apt install of the .deb and nodejs in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
    );
    cpSync(TREE, fs.path('/srv/tree'), { recursive: true, verbatimSymlinks: true });
    hostTree = mkdtempSync(join(tmp, `tree-${suite}-`));
    cpSync(TREE, hostTree, { recursive: true, verbatimSymlinks: true });
  });
  afterAll(() => fs?.dispose());

  const cli = (args: readonly string[], cwd = '/srv/tree') => fs.run(['jitsi-confkit', ...args], { cwd, env: { NO_COLOR: '1' } });

  it("with Debian's own nodejs, which apt installed for it", () => {
    const packages = fs.mustRun(['dpkg-query', '--show', '--showformat', '${Package} ${Version} ${db:Status-Status}\\n', 'jitsi-confkit', 'nodejs']).stdout.trim().split('\n');
    expect(packages[0]).toBe(`jitsi-confkit ${version} installed`);
    const [, nodeVersion, status] = packages[1]!.split(' ');
    expect(nodeVersion).toMatch(DEBIAN_NODE[suite]);
    expect(status).toBe('installed');
    expect(fs.mustRun(['node', '--version']).stdout).toBe(`v${nodeVersion!.replace(/\+dfsg.*$/, '')}\n`);
    console.warn(`[deb] Debian ${DEBIAN_RELEASE[suite]}: nodejs ${nodeVersion}`);
    expect(fs.mustRun(['sh', '-c', 'command -v jitsi-confkit; readlink -f /usr/bin/jitsi-confkit']).stdout).toBe('/usr/bin/jitsi-confkit\n/usr/share/jitsi-confkit/cli.cjs\n');
  });

  it('--version and --help print what the build prints on the host', () => {
    expect(cli(['--version'])).toEqual({ status: 0, signal: null, stdout: `${version}\n`, stderr: '' });
    expect(cli(['--help'])).toEqual(hostCli(['--help'], hostTree));
  });

  it("the code caches: taken where Debian's Node has the V8 they were made with, rejected (and not needed) elsewhere", () => {
    const check = [
      "const { readFileSync } = require('node:fs');",
      "const { wrap } = require('node:module');",
      "const { Script } = require('node:vm');",
      "for (const name of ['bundle.cjs', 'babel-parser.cjs', 'luaparse.cjs']) {",
      "  const file = '/usr/share/jitsi-confkit/' + name;",
      "  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(file + '.cache') });",
      "  console.log(name, script.cachedDataRejected ? 'rejected' : 'accepted');",
      '}',
    ].join('\n');
    const v8 = fs.mustRun(['node', '-p', 'process.versions.v8']).stdout.trim();
    const verdict = v8 === process.versions.v8 ? 'accepted' : 'rejected';
    console.warn(`[deb] Debian ${DEBIAN_RELEASE[suite]}: V8 ${v8} (the build's: ${process.versions.v8}), code caches ${verdict}`);
    expect(fs.mustRun(['node', '-e', check]).stdout).toBe(['bundle.cjs', 'babel-parser.cjs', 'luaparse.cjs'].map((n) => `${n} ${verdict}\n`).join(''));
  });

  it('its manual page and bash completion', () => {
    expect(gunzipSync(readFileSync(fs.path('/usr/share/man/man1/jitsi-confkit.1.gz'))).equals(readFileSync(join(dist, 'jitsi-confkit.1')))).toBe(true);
    const completion = fs.mustRun([
      'bash',
      '-c',
      'source /usr/share/bash-completion/completions/jitsi-confkit; COMP_WORDS=(jitsi-confkit secure-domain e); COMP_CWORD=2; _jitsi_confkit; echo "${COMPREPLY[*]}"',
    ]);
    expect(completion.stdout).toBe('enable\n');
  });

  it('browsers move, secure-domain enable (twice) and check on a tree: the same output and bytes as on the host', () => {
    const commands = [
      ['browsers', 'move', 'firefox', '--to', 'unsupported', '--root', '.'],
      ['secure-domain', 'enable', '--root', '.'],
      ['secure-domain', 'enable', '--root', '.', '--json'],
      ['check', '--root', '.'],
      ['browsers', 'list', '--root', '.', '--json'],
    ];
    for (const args of commands) {
      const inside = cli(args);
      expect(inside.status).toBe(0);
      expect(inside).toEqual(hostCli(args, hostTree));
    }
    const files = walk(hostTree);
    expect(walk(fs.path('/srv/tree'))).toEqual(files);
    for (const file of files) expect(readFileSync(fs.path(`/srv/tree/${file}`)).equals(readFileSync(join(hostTree, file)))).toBe(true);
    expect(readFileSync(join(hostTree, 'etc/jitsi/meet/meet.example.com-config.js'), 'utf8')).toContain("anonymousdomain: 'guest.meet.example.com'");
    expect(JSON.parse(cli(['secure-domain', 'enable', '--root', '.', '--json']).stdout)).toMatchObject({ changed: false });
  });

  it("on the server's own files, without --root: the same result", () => {
    cpSync(TREE, fs.path('/'), { recursive: true, verbatimSymlinks: true });
    for (const args of [['browsers', 'move', 'firefox', '--to', 'unsupported'], ['secure-domain', 'enable'], ['check']]) {
      const result = cli(args, '/root');
      expect({ args, status: result.status }).toEqual({ args, status: 0 });
    }
    for (const file of walk(TREE)) {
      if (lstatSync(join(TREE, file)).isSymbolicLink()) continue;
      expect(readFileSync(fs.path(`/${file}`)).equals(readFileSync(fs.path(`/srv/tree/${file}`)))).toBe(true);
    }
  });

  it('apt remove takes every file of the package away, and leaves nodejs', () => {
    const files = fs.mustRun(['dpkg', '--listfiles', 'jitsi-confkit']).stdout.trim().split('\n');
    expect(files).toContain('/usr/bin/jitsi-confkit');
    fs.mustRun(['apt-get', 'purge', '-y', '-q', 'jitsi-confkit']);
    const left = files.filter((f) => existsSync(fs.path(f)) && !lstatSync(fs.path(f)).isDirectory());
    expect(left).toEqual([]);
    expect(existsSync(fs.path('/usr/share/jitsi-confkit'))).toBe(false);
    expect(fs.mustRun(['dpkg-query', '--show', '--showformat', '${db:Status-Status}', 'nodejs']).stdout).toBe('installed');
  });
});
