/**
 * The Debian package as packaging/debian/build-deb.mjs builds it (npm run deb), read back with
 * dpkg-deb: its control fields, every path with its owner and mode, the files against the CLI's
 * build, the copyright file, and the same bytes from a second build. Installing it on Debian 12
 * and 13 and lintian are the Debian stage's (deb.debian.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogEntry, copyrightFile } from '../packaging/debian/build-deb.mjs';
import { DESCRIPTION, SUMMARY } from '../packages/cli/src/spec.js';
import { repoRoot } from './support/corpus.js';
import { programAvailable } from './support/programs.js';

const dist = join(repoRoot, 'packages/cli/dist');
const cli = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')) as { version: string; engines: { node: string } };
const changelog = readFileSync(join(repoRoot, 'packaging/debian/changelog'), 'utf8');

function mustRun(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.status}\n${result.stderr}`);
  return result.stdout;
}

describe('the changelog', () => {
  it('its top entry is the CLI version, with a maintainer and a date', () => {
    const entry = changelogEntry(changelog);
    expect(entry.source).toBe('jitsi-confkit');
    expect(entry.version).toBe(cli.version);
    expect(entry.maintainer).toMatch(/^[^<>]+ <[^@<>\s]+@[^@<>\s]+>$/);
    expect(entry.epoch).toBe(Math.floor(Date.parse(/^ -- .+> {2}(.+)$/m.exec(changelog)![1]!) / 1000));
  });

  it.each([
    ['no entry', 'just text\n'],
    ['no trailer', 'jitsi-confkit (0.1.0) unstable; urgency=medium\n\n  * x\n'],
    ['a bad date', 'jitsi-confkit (0.1.0) unstable; urgency=medium\n\n  * x\n\n -- A <a@b.c>  not a date\n'],
  ])('refuses %s', (_, text) => {
    expect(() => changelogEntry(text)).toThrow(/packaging\/debian\/changelog: /);
  });
});

describe('copyrightFile', () => {
  it('one Files paragraph per bundled package, its licence text without the copyright lines', () => {
    const text = copyrightFile({
      year: 2026,
      source: 'https://example.org/x',
      packages: [
        {
          name: 'a',
          version: '1.0.0',
          license: 'ISC',
          copyright: ['Copyright (c) 2015, Someone'],
          text: 'Copyright (c) 2015, Someone\n\nPermission to use.\n\nTHE SOFTWARE.\n',
          licenseFile: 'LICENSE',
          file: 'bundle.cjs',
        },
      ],
    });
    expect(text.split('\n\n').slice(1)).toEqual([
      'Files: *\nCopyright: 2026 jitsi-confkit contributors\nLicense: Apache-2.0',
      'Files: node_modules/a/*\nCopyright: 2015, Someone\nLicense: ISC\n Permission to use.\n .\n THE SOFTWARE.\nComment: a 1.0.0, in /usr/share/jitsi-confkit/bundle.cjs',
      'License: Apache-2.0\n On Debian systems, the complete text of the Apache License, Version 2.0 can\n be found in /usr/share/common-licenses/Apache-2.0.\n',
    ]);
  });

  it('refuses a licence it has no Debian name for', () => {
    expect(() =>
      copyrightFile({ year: 2026, source: 'x', packages: [{ name: 'b', version: '1', license: 'WTFPL', copyright: ['x'], text: 'x', licenseFile: '', file: 'bundle.cjs' }] }),
    ).toThrow('b: no Debian short name for the licence WTFPL: add it to DEP5_LICENSE');
  });
});

describe.skipIf(!programAvailable('dpkg-deb', 'dpkg', 'the Debian package checks'))('jitsi-confkit_<version>_all.deb', () => {
  let tmp: string;
  let deb: string;
  let root: string;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'confkit-deb-'));
    deb = mustRun(process.execPath, [join(repoRoot, 'packaging/debian/build-deb.mjs'), join(tmp, 'a')]).trim();
    root = join(tmp, 'root');
    mustRun('dpkg-deb', ['--extract', deb, root]);
  }, 60_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is named after the version, and a second build gives the same bytes', () => {
    expect(deb).toBe(join(tmp, 'a', `jitsi-confkit_${cli.version}_all.deb`));
    const again = mustRun(process.execPath, [join(repoRoot, 'packaging/debian/build-deb.mjs'), join(tmp, 'b')]).trim();
    expect(readFileSync(again).equals(readFileSync(deb))).toBe(true);
  });

  it('control: depends on the nodejs of the CLI engines, describes itself from the command spec', () => {
    const field = (name: string) => mustRun('dpkg-deb', ['--field', deb, name]).replace(/\n$/, '');
    expect(field('Package')).toBe('jitsi-confkit');
    expect(field('Version')).toBe(cli.version);
    expect(field('Architecture')).toBe('all');
    expect(field('Depends')).toBe(`nodejs (>= ${cli.engines.node.replace('>=', '')})`);
    expect(field('Maintainer')).toBe(changelogEntry(changelog).maintainer);
    expect(field('Section')).toBe('admin');
    const description = field('Description').split('\n');
    expect(description[0]).toBe(SUMMARY);
    expect(
      description
        .slice(1)
        .map((l) => l.trim())
        .join(' '),
    ).toBe(DESCRIPTION);
    expect(Math.max(...description.slice(1).map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('every path, owned by root, with its mode', () => {
    const listing = mustRun('dpkg-deb', ['--contents', deb])
      .trim()
      .split('\n')
      .map((line) => {
        const [mode, owner, , , , path, , target] = line.split(/\s+/);
        return `${mode} ${owner} ${path}${target === undefined ? '' : ` -> ${target}`}`;
      })
      .sort();
    const dir = (p: string) => `drwxr-xr-x root/root ./${p}`;
    const file = (p: string) => `-rw-r--r-- root/root ./${p}`;
    expect(listing).toEqual(
      [
        dir(''),
        dir('usr/'),
        dir('usr/bin/'),
        'lrwxrwxrwx root/root ./usr/bin/jitsi-confkit -> ../share/jitsi-confkit/cli.cjs',
        dir('usr/share/'),
        dir('usr/share/bash-completion/'),
        dir('usr/share/bash-completion/completions/'),
        file('usr/share/bash-completion/completions/jitsi-confkit'),
        dir('usr/share/doc/'),
        dir('usr/share/doc/jitsi-confkit/'),
        file('usr/share/doc/jitsi-confkit/changelog.gz'),
        file('usr/share/doc/jitsi-confkit/copyright'),
        dir('usr/share/jitsi-confkit/'),
        file('usr/share/jitsi-confkit/babel-parser.cjs'),
        file('usr/share/jitsi-confkit/babel-parser.cjs.cache'),
        file('usr/share/jitsi-confkit/bundle.cjs'),
        file('usr/share/jitsi-confkit/bundle.cjs.cache'),
        '-rwxr-xr-x root/root ./usr/share/jitsi-confkit/cli.cjs',
        file('usr/share/jitsi-confkit/luaparse.cjs'),
        file('usr/share/jitsi-confkit/luaparse.cjs.cache'),
        dir('usr/share/man/'),
        dir('usr/share/man/man1/'),
        file('usr/share/man/man1/jitsi-confkit.1.gz'),
      ].sort(),
    );
  });

  it('the control archive: control, md5sums, and the triggers and maintainer scripts of packaging/debian, with their modes', () => {
    const listing = spawnSync('sh', ['-c', 'dpkg-deb --ctrl-tarfile "$1" | tar -tvf -', 'sh', deb], { encoding: 'utf8' });
    expect(listing.status).toBe(0);
    const entries = listing.stdout
      .trim()
      .split('\n')
      .map((line) => {
        const [mode, owner, , , , path] = line.split(/\s+/);
        return `${mode} ${owner} ${path}`;
      });
    expect(entries).toEqual([
      'drwxr-xr-x root/root ./',
      '-rw-r--r-- root/root ./control',
      '-rw-r--r-- root/root ./md5sums',
      '-rwxr-xr-x root/root ./postinst',
      '-rwxr-xr-x root/root ./postrm',
      '-rw-r--r-- root/root ./triggers',
    ]);
    for (const name of ['triggers', 'postinst', 'postrm']) expect(mustRun('dpkg-deb', ['--info', deb, name])).toBe(readFileSync(join(repoRoot, 'packaging/debian', name), 'utf8'));
    // File triggers without await, on the paths of the files the CLI edits and the docs of the packages whose scripts write them.
    expect(
      readFileSync(join(repoRoot, 'packaging/debian/triggers'), 'utf8')
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('#')),
    ).toEqual([
      'interest-noawait /usr/share/jitsi-meet',
      'interest-noawait /etc/prosody/conf.avail',
      'interest-noawait /etc/jitsi/meet',
      'interest-noawait /etc/jitsi/jicofo',
      'interest-noawait /usr/share/doc/jitsi-meet-prosody',
      'interest-noawait /usr/share/doc/jitsi-meet-web-config',
      'interest-noawait /usr/share/doc/jitsi-meet-tokens',
      'interest-noawait /usr/share/doc/jicofo',
    ]);
  });

  it("the files are the CLI's build; the executable names /usr/bin/node", () => {
    for (const name of ['bundle.cjs', 'bundle.cjs.cache', 'babel-parser.cjs', 'babel-parser.cjs.cache', 'luaparse.cjs', 'luaparse.cjs.cache']) {
      expect(readFileSync(join(root, 'usr/share/jitsi-confkit', name)).equals(readFileSync(join(dist, name)))).toBe(true);
    }
    const built = readFileSync(join(dist, 'cli.cjs'), 'utf8');
    expect(readFileSync(join(root, 'usr/share/jitsi-confkit/cli.cjs'), 'utf8')).toBe(built.replace(/^#!\/usr\/bin\/env node\n/, '#!/usr/bin/node\n'));
    expect(readFileSync(join(root, 'usr/share/bash-completion/completions/jitsi-confkit'), 'utf8')).toBe(readFileSync(join(dist, 'completion.bash'), 'utf8'));
  });

  it('the manual page and the changelog: gzip at maximum compression, without a time stamp', () => {
    for (const [path, source] of [
      ['usr/share/man/man1/jitsi-confkit.1.gz', join(dist, 'jitsi-confkit.1')],
      ['usr/share/doc/jitsi-confkit/changelog.gz', join(repoRoot, 'packaging/debian/changelog')],
    ] as const) {
      const gz = readFileSync(join(root, path));
      expect(gunzipSync(gz).equals(readFileSync(source))).toBe(true);
      expect(gz.readUInt32LE(4)).toBe(0); // MTIME
      expect(gz[8]).toBe(2); // XFL: maximum compression
    }
  });

  it('md5sums lists every file with its sum', () => {
    const sums = mustRun('dpkg-deb', ['--info', deb, 'md5sums']);
    const check = spawnSync('md5sum', ['--check', '--strict', '-'], { cwd: root, input: sums, encoding: 'utf8' });
    expect(check.status).toBe(0);
    const files = mustRun('dpkg-deb', ['--contents', deb])
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('-'))
      .map((l) => l.split(/\s+/)[5]!.slice(2));
    expect(
      sums
        .trim()
        .split('\n')
        .map((l) => l.slice(34))
        .sort(),
    ).toEqual(files.sort());
  });

  it('copyright: machine-readable, one Files paragraph per bundled package', () => {
    const text = readFileSync(join(root, 'usr/share/doc/jitsi-confkit/copyright'), 'utf8');
    const paragraphs = text.trimEnd().split('\n\n');
    for (const p of paragraphs) for (const line of p.split('\n')) expect(line).toMatch(/^([A-Z][A-Za-z-]*: \S.*| +\S.*| \.)$/);
    const packages = JSON.parse(readFileSync(join(dist, 'third-party.json'), 'utf8')) as { name: string }[];
    expect(paragraphs.map((p) => p.split('\n')[0])).toEqual([
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      'Files: *',
      ...packages.map((p) => `Files: node_modules/${p.name}/*`),
      'License: Apache-2.0',
    ]);
  });
});
