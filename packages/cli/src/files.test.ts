/**
 * Reading: only regular files (through symlinks), never more than the size limit; and encoding
 * new texts back. A FIFO, a device, a directory or an oversized file is a FileError naming it,
 * read without blocking and without reading more than the limit.
 */
import { ValidationError } from '@jitsi-confkit/core';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileError, InFileError } from './errors.js';
import { DEFAULT_MAX_FILE_SIZE, encodeFor, formatSize, parseSize, readRegular, readSource } from './files.js';
import { run } from './index.js';
import { recorder } from './test-support/io.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(rel: string, text: string, mode = 0o644): string {
  const path = join(dir, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text, 'latin1');
  chmodSync(path, mode);
  return path;
}

/** The error `read` throws, as [class, message, errno of its cause]. */
function refusal(read: () => unknown): [string, string, string | undefined] {
  try {
    read();
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    const cause = error.cause as { code?: string } | undefined;
    return [error.name, error.message, cause?.code];
  }
  throw new Error('the read was not refused');
}

describe('readSource: regular files only, within the size limit', () => {
  it('a named pipe (FIFO) is refused without blocking, also when nothing ever writes to it', () => {
    const fifo = join(dir, 'meet.example.com-config.js');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(refusal(() => readSource('meetConfig', fifo, 'meet.example.com-config.js'))).toEqual([
      'FileError',
      'cannot read meet.example.com-config.js: it is a named pipe (FIFO), not a regular file; only regular files are read',
      undefined,
    ]);
  });

  it('a FIFO with a writer holding it open: still refused, nothing read from it', () => {
    const fifo = join(dir, 'jicofo.conf');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // O_RDWR opens a FIFO without waiting for the other end: a writer that never writes.
    const writer = openSync(fifo, 'r+');
    try {
      expect(refusal(() => readSource('jicofoConf', fifo, 'jicofo.conf'))[1]).toBe(
        'cannot read jicofo.conf: it is a named pipe (FIFO), not a regular file; only regular files are read',
      );
    } finally {
      closeSync(writer);
    }
  });

  it.each([
    ['/dev/zero', 'a character device'],
    ['/dev/urandom', 'a character device'],
    ['/dev/null', 'a character device'],
  ])('%s, named directly: refused as %s', (device, what) => {
    expect(refusal(() => readSource('meetConfig', device, device))).toEqual([
      'FileError',
      `cannot read ${device}: it is ${what}, not a regular file; only regular files are read`,
      undefined,
    ]);
  });

  it('a symlink to /dev/urandom (and a chain of two): refused, saying where it leads', () => {
    symlinkSync('/dev/urandom', join(dir, 'meet.example.com.cfg.lua'));
    symlinkSync('meet.example.com.cfg.lua', join(dir, 'conf.d.cfg.lua'));
    for (const name of ['meet.example.com.cfg.lua', 'conf.d.cfg.lua']) {
      expect(refusal(() => readSource('prosody', join(dir, name), name))[1]).toBe(
        `cannot read ${name}: it leads to /dev/urandom, a character device, not a regular file; only regular files are read`,
      );
    }
  });

  it('a directory: "it is a directory", errno EISDIR', () => {
    mkdirSync(join(dir, 'jicofo.conf'));
    expect(refusal(() => readSource('jicofoConf', join(dir, 'jicofo.conf'), 'jicofo.conf'))).toEqual(['FileError', 'cannot read jicofo.conf: it is a directory', 'EISDIR']);
  });

  it('a file over the default 16M limit is refused from its size, before anything is read (errno EFBIG)', () => {
    const path = join(dir, 'config.js');
    writeFileSync(path, '');
    truncateSync(path, DEFAULT_MAX_FILE_SIZE + 1); // sparse: no disk used
    expect(refusal(() => readSource('meetConfig', path, 'config.js'))).toEqual([
      'FileError',
      `cannot read config.js: it is ${DEFAULT_MAX_FILE_SIZE + 1} bytes, over the limit of 16M for a configuration file; if it really is one, raise the limit with --max-file-size SIZE`,
      'EFBIG',
    ]);
  });

  it('at the limit exactly it is read; one byte over it is not', () => {
    const path = put('jicofo.conf', 'a = 1\n'.repeat(100));
    expect(readSource('jicofoConf', path, 'jicofo.conf', 600).text).toBe('a = 1\n'.repeat(100));
    expect(refusal(() => readSource('jicofoConf', path, 'jicofo.conf', 599))[1]).toBe(
      'cannot read jicofo.conf: it is 600 bytes, over the limit of 599 bytes for a configuration file; if it really is one, raise the limit with --max-file-size SIZE',
    );
  });

  it('a file that says it is empty but is not (/proc) is read up to the limit, then refused', () => {
    const status = readRegular('/proc/self/status', 'status', DEFAULT_MAX_FILE_SIZE);
    expect(status.toString('latin1')).toMatch(/^Name:\t/);
    expect(refusal(() => readRegular('/proc/self/status', 'status', 16))[1]).toBe(
      'cannot read status: it is over the limit of 16 bytes for a configuration file; if it really is one, raise the limit with --max-file-size SIZE',
    );
  });

  it('a missing file is a FileError naming it', () => {
    expect(() => readSource('jicofoConf', join(dir, 'nope.conf'), 'nope.conf')).toThrow(new FileError('nope.conf', 'cannot read nope.conf: no such file'));
  });
});

describe('through the command line (in process)', () => {
  async function cli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
    const io = recorder({ cwd: dir });
    const status = await run(argv, io);
    return { status, out: io.out, err: io.err };
  }

  it('get of a FIFO, and a FIFO whose name does not tell its kind: exit 1 at once, no hang', async () => {
    expect(spawnSync('mkfifo', [join(dir, 'meet.example.com-config.js'), join(dir, 'custom')]).status).toBe(0);
    expect(await cli('get', 'meet.example.com-config.js', 'hosts')).toEqual({
      status: 1,
      out: '',
      err: 'jitsi-confkit: cannot read meet.example.com-config.js: it is a named pipe (FIFO), not a regular file; only regular files are read\n',
    });
    expect((await cli('get', 'custom', 'hosts')).err).toBe('jitsi-confkit: cannot read custom: it is a named pipe (FIFO), not a regular file; only regular files are read\n');
  });

  it('secure-domain with config.js a symlink to /dev/zero: exit 1, no file written, no lock left', async () => {
    mkdirSync(join(dir, 'etc/jitsi/meet'), { recursive: true });
    mkdirSync(join(dir, 'etc/jitsi/jicofo'), { recursive: true });
    symlinkSync('/dev/zero', join(dir, 'etc/jitsi/meet/meet.example.com-config.js'));
    put('etc/jitsi/jicofo/jicofo.conf', 'jicofo {\n}\n');
    // Named on the command line: under --root the link's /dev/zero would be the root's own, and missing.
    const result = await cli(
      'secure-domain',
      'enable',
      '--host',
      'meet.example.com',
      '--meet-config',
      'etc/jitsi/meet/meet.example.com-config.js',
      '--jicofo-conf',
      'etc/jitsi/jicofo/jicofo.conf',
      '--json',
    );
    expect(result.status).toBe(1);
    expect(JSON.parse(result.out)).toEqual({
      error: {
        code: 'E_FILE',
        class: 'FileError',
        message: 'cannot read etc/jitsi/meet/meet.example.com-config.js: it leads to /dev/zero, a character device, not a regular file; only regular files are read',
        status: 1,
        file: 'etc/jitsi/meet/meet.example.com-config.js',
      },
    });
    expect(readdirSync(join(dir, 'etc/jitsi/jicofo'))).toEqual(['jicofo.conf']);
    expect(readdirSync(join(dir, 'etc/jitsi/meet'))).toEqual(['meet.example.com-config.js']);
  });

  it('--max-file-size lowers and raises the limit', async () => {
    put('jicofo.conf', `jicofo {\n  a = 1\n}\n${'# padding\n'.repeat(200)}`);
    expect(await cli('get', 'jicofo.conf', 'jicofo.a', '--max-file-size', '1K')).toEqual({
      status: 1,
      out: '',
      err: 'jitsi-confkit: cannot read jicofo.conf: it is 2019 bytes, over the limit of 1K for a configuration file; if it really is one, raise the limit with --max-file-size SIZE\n',
    });
    expect(await cli('get', 'jicofo.conf', 'jicofo.a', '--max-file-size', '4K')).toEqual({ status: 0, out: '1\n', err: '' });
    expect(await cli('set', 'jicofo.conf', 'jicofo.a', '2', '--max-file-size', '1K')).toMatchObject({ status: 1 });
    expect(await cli('set', 'jicofo.conf', 'jicofo.a', '2', '--max-file-size', '4K')).toMatchObject({ status: 0 });
    expect(readdirSync(dir)).toEqual(['jicofo.conf']);
  });
});

describe('--max-file-size values', () => {
  it.each([
    ['16M', 16 * 1024 * 1024],
    ['16MiB', 16 * 1024 * 1024],
    ['512k', 512 * 1024],
    ['1G', 1024 ** 3],
    ['1048576', 1048576],
    ['0', undefined],
    ['-1', undefined],
    ['1.5M', undefined],
    ['16 MB', undefined],
    ['lots', undefined],
  ])('%s -> %s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it('sizes print the way they are given', () => {
    expect([formatSize(16 * 1024 * 1024), formatSize(512 * 1024), formatSize(1024 ** 3), formatSize(1000)]).toEqual(['16M', '512K', '1G', '1000 bytes']);
  });
});

describe('encodeFor', () => {
  it('keeps every byte of a latin1 (Prosody) file, UTF-8 sequences included', () => {
    const bytes = Buffer.from('-- café\nx = "\xff"\n', 'latin1');
    writeFileSync(join(dir, 'p.cfg.lua'), bytes);
    const source = readSource('prosody', join(dir, 'p.cfg.lua'), 'p.cfg.lua');
    expect(encodeFor(source, source.text).equals(bytes)).toBe(true);
  });

  it('refuses to rewrite a JavaScript file that is not valid UTF-8', () => {
    writeFileSync(join(dir, 'x-config.js'), Buffer.from([0x76, 0x61, 0x72, 0x20, 0xff, 0x0a]));
    const source = readSource('meetConfig', join(dir, 'x-config.js'), 'x-config.js');
    let caught: unknown;
    try {
      encodeFor(source, `${source.text}// edited\n`);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InFileError);
    expect((caught as InFileError).error).toBeInstanceOf(ValidationError);
    expect((caught as InFileError).message).toBe('x-config.js is not valid UTF-8; refusing to rewrite it');
  });
});
