/**
 * --root confines every path: resolved as a process chroot(2)ed into the root would see it. The
 * machine's own files sit beside the root as "outside" files with a marker, so that a path that
 * escaped would read or write them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './index.js';
import { Root } from './root.js';
import { recorder } from './test-support/io.js';

let base: string;
let root: string;
let outside: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'confkit-root-'));
  root = join(base, 'image');
  outside = join(base, 'outside');
  for (const dir of ['image/etc/jitsi/jicofo', 'image/etc/prosody/conf.avail', 'image/etc/prosody/conf.d', 'image/srv', 'outside']) mkdirSync(join(base, dir), { recursive: true });
  writeFileSync(join(root, 'etc/jitsi/jicofo/jicofo.conf'), 'jicofo {\n  where = inside\n}\n');
  writeFileSync(join(outside, 'jicofo.conf'), 'jicofo {\n  where = outside\n}\n');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

async function cli(cwd: string, ...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = recorder({ cwd });
  const status = await run(argv, io);
  return { status, out: io.out, err: io.err };
}

/** The number of `..` that climbs from the root to the file system's /. */
const up = (): string => '../'.repeat(root.split('/').length);

describe('Root.resolve: as after chroot', () => {
  it.each([
    ['/etc/jitsi/jicofo/jicofo.conf', 'etc/jitsi/jicofo/jicofo.conf'],
    ['/../../../../etc/jitsi/jicofo/jicofo.conf', 'etc/jitsi/jicofo/jicofo.conf'],
    ['/etc/../../etc/./jitsi//jicofo/jicofo.conf', 'etc/jitsi/jicofo/jicofo.conf'],
    ['/missing/../etc/x', 'etc/x'],
  ])('%s -> <root>/%s', (path, inside) => {
    expect(Root.at(root, '/', 'test').resolve(path)).toBe(join(root, inside));
  });

  it('symlinks: an absolute target starts at the root, a relative one cannot climb above it, a loop is an error', () => {
    symlinkSync('/etc/jitsi/jicofo', join(root, 'srv/abs'));
    symlinkSync(`${up()}${up()}etc/jitsi/jicofo`, join(root, 'srv/rel'));
    symlinkSync('loop2', join(root, 'srv/loop1'));
    symlinkSync('loop1', join(root, 'srv/loop2'));
    const r = Root.at(root, '/', 'test');
    expect(r.resolve('/srv/abs/jicofo.conf')).toBe(join(root, 'etc/jitsi/jicofo/jicofo.conf'));
    expect(r.resolve('/srv/rel/jicofo.conf')).toBe(join(root, 'etc/jitsi/jicofo/jicofo.conf'));
    expect(() => r.resolve('/srv/loop1')).toThrow('cannot resolve /srv/loop1 under --root: too many levels of symbolic links');
  });

  it("the machine's root is not confined: paths are used as given", () => {
    expect(Root.at('/', base, 'test')).toBe(Root.system);
    expect(Root.system.resolve('/etc/../etc/hostname')).toBe('/etc/hostname');
  });
});

describe('get and set under --root stay inside it', () => {
  it('get /../../../../etc/host.conf-style paths read the file inside the root', async () => {
    const climbing = `/${up()}${outside.slice(1)}/jicofo.conf`;
    // Without --root the path leads to the outside file; under --root it is taken inside.
    expect((await cli(base, 'get', climbing, 'jicofo.where')).out).toBe('"outside"\n');
    const inside = await cli(base, 'get', climbing, 'jicofo.where', '--root', 'image');
    expect(inside.status).toBe(1);
    expect(inside.err).toContain(`cannot read image${outside}/jicofo.conf: no such file`);
    expect(await cli(base, 'get', `/${up()}etc/jitsi/jicofo/jicofo.conf`, 'jicofo.where', '--root', 'image')).toEqual({ status: 0, out: '"inside"\n', err: '' });
  });

  it('a symlink in the root pointing to an absolute path outside is followed inside the root', async () => {
    symlinkSync(join(outside, 'jicofo.conf'), join(root, 'srv/jicofo.conf'));
    mkdirSync(join(root, outside), { recursive: true });
    writeFileSync(join(root, outside, 'jicofo.conf'), 'jicofo {\n  where = "inside, at the link\'s path"\n}\n');
    expect(await cli(base, 'get', '/srv/jicofo.conf', 'jicofo.where', '--root', 'image')).toEqual({ status: 0, out: '"inside, at the link\'s path"\n', err: '' });
    expect(await cli(base, 'set', '/srv/jicofo.conf', 'jicofo.where', 'changed', '--root', 'image')).toMatchObject({ status: 0 });
    expect(readFileSync(join(root, outside, 'jicofo.conf'), 'utf8')).toBe('jicofo {\n  where = "changed"\n}\n');
    expect(readFileSync(join(outside, 'jicofo.conf'), 'utf8')).toBe('jicofo {\n  where = outside\n}\n');
  });

  it('a relative symlink that climbs out is stopped at the root', async () => {
    symlinkSync(`${up()}${up()}${outside.slice(1)}/jicofo.conf`, join(root, 'srv/jicofo.conf'));
    const result = await cli(base, 'get', '/srv/jicofo.conf', 'jicofo.where', '--root', 'image');
    expect(result.status).toBe(1);
    expect(result.err).toContain('no such file');
    expect(result.out).toBe('');
  });

  it('a relative path that leads outside the root is a usage error', async () => {
    expect(await cli(base, 'get', 'outside/jicofo.conf', 'jicofo.where', '--root', 'image')).toEqual({
      status: 2,
      out: '',
      err: `jitsi-confkit: outside/jicofo.conf is outside --root ${root}: under --root, a relative path must lead inside DIR (an absolute one is taken inside DIR)\nRun "jitsi-confkit get --help" for usage.\n`,
    });
    expect(await cli(root, 'get', 'etc/jitsi/jicofo/jicofo.conf', 'jicofo.where', '--root', '.')).toEqual({ status: 0, out: '"inside"\n', err: '' });
  });
});

describe('the Debian layout under --root', () => {
  const HOST = 'meet.example.com';
  const PROSODY = `VirtualHost "${HOST}"\n    authentication = "jitsi-anonymous"\n\nComponent "conference.${HOST}" "muc"\n`;

  it("Debian's absolute conf.d link (-> /etc/prosody/conf.avail/…) is the root's file, not the machine's", async () => {
    // The host's file is only in conf.d, as an absolute link to a place that exists only inside the root.
    mkdirSync(join(root, 'srv/prosody'));
    writeFileSync(join(root, 'srv/prosody', `${HOST}.cfg.lua`), PROSODY);
    symlinkSync(`/srv/prosody/${HOST}.cfg.lua`, join(root, `etc/prosody/conf.d/${HOST}.cfg.lua`));
    mkdirSync(join(root, 'etc/jitsi/meet'));
    writeFileSync(join(root, `etc/jitsi/meet/${HOST}-config.js`), `var config = {\n    hosts: {\n        domain: '${HOST}',\n    },\n};\n`);
    const result = await cli(base, 'secure-domain', 'enable', '--root', 'image', '--json');
    expect(result.status).toBe(0);
    const outcome = JSON.parse(result.out) as { files: { kind: string; path: string; changed: boolean }[] };
    expect(outcome.files.find((f) => f.kind === 'prosody')).toEqual({ kind: 'prosody', path: `image/etc/prosody/conf.d/${HOST}.cfg.lua`, changed: true });
    expect(readFileSync(join(root, 'srv/prosody', `${HOST}.cfg.lua`), 'latin1')).toContain('authentication = "internal_hashed"');
  });

  it('--file with an absolute path is taken inside the root too', async () => {
    const result = await cli(base, 'check', '--root', 'image', '--host', HOST, '--file', '/etc/jitsi/jicofo/jicofo.conf', '--json');
    const outcome = JSON.parse(result.out) as { files: { kind: string; path: string }[] };
    expect(outcome.files).toEqual([{ kind: 'jicofoConf', path: 'image/etc/jitsi/jicofo/jicofo.conf', changed: false }]);
  });
});
