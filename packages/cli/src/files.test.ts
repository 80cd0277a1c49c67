import { ValidationError } from '@jitsi-confkit/core';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileError, InFileError } from './errors.js';
import { encodeFor, readSource, writeAll } from './files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const isRoot = process.getuid?.() === 0;
const now = new Date('2026-11-23T21:45:07.123Z');

function put(rel: string, text: string, mode = 0o644): string {
  const path = join(dir, rel);
  writeFileSync(path, text, 'latin1');
  chmodSync(path, mode);
  return path;
}

describe('writeAll', () => {
  it('replaces the target of a symlink, keeps the link a link, and keeps mode and owner', async () => {
    mkdirSync(join(dir, 'conf.avail'));
    mkdirSync(join(dir, 'conf.d'));
    const target = put('conf.avail/meet.cfg.lua', 'a = 1\n', 0o640);
    if (isRoot) chownSync(target, 1234, 4321);
    symlinkSync('../conf.avail/meet.cfg.lua', join(dir, 'conf.d/meet.cfg.lua'));
    const source = readSource('prosody', join(dir, 'conf.d/meet.cfg.lua'), 'conf.d/meet.cfg.lua');
    const written = await writeAll([{ file: source, bytes: Buffer.from('a = 2\n') }], { backup: false, now });
    expect(written).toEqual([{ display: 'conf.d/meet.cfg.lua' }]);
    expect(readFileSync(target, 'latin1')).toBe('a = 2\n');
    expect(lstatSync(join(dir, 'conf.d/meet.cfg.lua')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'conf.d/meet.cfg.lua'))).toBe('../conf.avail/meet.cfg.lua');
    const st = statSync(target);
    expect(st.mode & 0o7777).toBe(0o640);
    if (isRoot) expect([st.uid, st.gid]).toEqual([1234, 4321]);
    expect(readdirSync(join(dir, 'conf.avail'))).toEqual(['meet.cfg.lua']);
  });

  it('refuses every write when one file changed on disk since it was read', async () => {
    const a = put('a.conf', 'a\n');
    const b = put('b.conf', 'b\n');
    const first = readSource('jicofoConf', a, 'a.conf');
    const second = readSource('jicofoConf', b, 'b.conf');
    writeFileSync(b, 'b changed by someone else\n');
    await expect(
      writeAll(
        [
          { file: first, bytes: Buffer.from('A\n') },
          { file: second, bytes: Buffer.from('B\n') },
        ],
        { backup: false, now },
      ),
    ).rejects.toThrow(new FileError('b.conf', 'b.conf changed on disk since it was read; nothing was written, run the command again'));
    expect(readFileSync(a, 'utf8')).toBe('a\n');
    expect(readFileSync(b, 'utf8')).toBe('b changed by someone else\n');
    expect(readdirSync(dir).sort()).toEqual(['a.conf', 'b.conf']);
  });

  it('--backup keeps a copy named <file>.<UTC time>.bak with the same bytes and mode', async () => {
    const path = put('jicofo.conf', 'jicofo {\n}\n', 0o600);
    const source = readSource('jicofoConf', path, 'jicofo.conf');
    const [written] = await writeAll([{ file: source, bytes: Buffer.from('jicofo {\n  a = 1\n}\n') }], { backup: true, now });
    const backup = join(dir, 'jicofo.conf.20261123T214507Z.bak');
    expect(written).toEqual({ display: 'jicofo.conf', backup });
    expect(readFileSync(backup, 'utf8')).toBe('jicofo {\n}\n');
    expect(statSync(backup).mode & 0o7777).toBe(0o600);
    // A second backup in the same second does not overwrite the first.
    const again = readSource('jicofoConf', path, 'jicofo.conf');
    const [second] = await writeAll([{ file: again, bytes: Buffer.from('x = 1\n') }], { backup: true, now });
    expect(second?.backup).toBe(join(dir, 'jicofo.conf.20261123T214507Z-1.bak'));
    expect(readFileSync(second?.backup as string, 'utf8')).toBe('jicofo {\n  a = 1\n}\n');
  });

  // A directory with the immutable attribute refuses even root's writes: the only way to make the
  // second of two writes fail here. Needs root and chattr on the temp dir's file system.
  const immutable = (path: string, on: boolean): boolean => spawnSync('chattr', [on ? '+i' : '-i', path]).status === 0;
  it('a write that fails part way puts back the files already written and removes their backups', async (ctx) => {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    if (!isRoot || !immutable(join(dir, 'b'), true)) {
      console.warn('[jitsi-confkit] not root or no chattr here: skipping the rollback test');
      ctx.skip();
      return;
    }
    immutable(join(dir, 'b'), false);
    const a = put('a/jicofo.conf', 'a\n');
    const b = put('b/sip-communicator.properties', 'b=1\n');
    const first = readSource('jicofoConf', a, 'a/jicofo.conf');
    const second = readSource('sipCommunicator', b, 'b/sip-communicator.properties');
    immutable(join(dir, 'b'), true);
    try {
      await expect(
        writeAll(
          [
            { file: first, bytes: Buffer.from('A\n') },
            { file: second, bytes: Buffer.from('b=2\n') },
          ],
          { backup: true, now },
        ),
      ).rejects.toThrow(
        new FileError('b/sip-communicator.properties', 'cannot write b/sip-communicator.properties: operation not permitted; the 1 file(s) already written were put back'),
      );
    } finally {
      immutable(join(dir, 'b'), false);
    }
    expect(readFileSync(a, 'utf8')).toBe('a\n');
    expect(readFileSync(b, 'utf8')).toBe('b=1\n');
    expect(readdirSync(join(dir, 'a'))).toEqual(['jicofo.conf']);
    expect(readdirSync(join(dir, 'b'))).toEqual(['sip-communicator.properties']);
  });

  it('a missing file is a FileError naming it', () => {
    expect(() => readSource('jicofoConf', join(dir, 'nope.conf'), 'nope.conf')).toThrow(new FileError('nope.conf', 'cannot read nope.conf: no such file'));
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
