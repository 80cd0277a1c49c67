/**
 * The write path in process: symlinks, modes and owners kept; all or nothing across files; a
 * change on disk caught just before each file's own rename (the `hold` hook runs the "admin's
 * edit" at that exact point); rollback after a failed rename; temporary files created no wider
 * than their target; backups that never overwrite; what root may write. Faults with real
 * processes (a full disk, kill -9, concurrent runs) are in faults.test.ts.
 */
import {
  appendFileSync,
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unavailable } from '../../../test/support/skips.js';
import { ChangedError, FileError } from './errors.js';
import { DEFAULT_MAX_FILE_SIZE, readSource } from './files.js';
import type { SourceFile } from './files.js';
import { lockFiles, newFileTarget, realTarget } from './lock.js';
import { isRoot } from './test-support/trees.js';
import { writeAll as writeLocked, writeTemporary } from './write.js';
import type { Replacement, WriteOptions } from './write.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-write-'));
});
afterEach(() => {
  for (const sub of ['', 'a', 'b']) immutable(join(dir, sub), false);
  rmSync(dir, { recursive: true, force: true });
});

const now = new Date('2026-11-23T21:45:07.123Z');

/** chattr +i / -i: the one way to make a file or directory refuse root. False where unsupported. */
function immutable(path: string, on: boolean): boolean {
  return spawnSync('chattr', [on ? '+i' : '-i', path], { stdio: 'ignore' }).status === 0;
}

const asRoot = isRoot || unavailable('the write tests that need root (owners, chattr +i)', 'sudo npm run test:all');
const withChattr = asRoot && (chattrWorks() || unavailable('the write tests that need chattr +i on the temp dir', 'TMPDIR=<a directory on ext4, xfs or btrfs> npm run test:all'));

function chattrWorks(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'confkit-chattr-'));
  try {
    return immutable(probe, true) && immutable(probe, false);
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** writeAll as a command calls it: with the writer lock of every file held, released after. */
async function writeAll(replacements: readonly Replacement[], options: Partial<WriteOptions> = {}) {
  const lock = await lockFiles(
    replacements.map((r) => ({ target: (realTarget(r.file.path) ?? newFileTarget(r.file.path)) as string, display: r.file.display })),
    { timeoutMs: 0, command: 'test', show: (p) => p, notice: () => {}, now: () => now },
  );
  try {
    return writeLocked(lock, replacements, { backup: false, now, maxFileSize: DEFAULT_MAX_FILE_SIZE, ...options });
  } finally {
    lock.release();
  }
}

function put(rel: string, text: string, mode = 0o644): string {
  const path = join(dir, rel);
  writeFileSync(path, text, 'latin1');
  chmodSync(path, mode);
  return path;
}

function source(kind: SourceFile['kind'], rel: string): SourceFile {
  return readSource(kind, join(dir, rel), rel);
}

/** Every name in the directory, sorted: what a run leaves behind. */
function names(sub = ''): string[] {
  return readdirSync(join(dir, sub)).sort();
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the write was not refused');
}

describe('writeAll', () => {
  it('replaces the target of a symlink, keeps the link a link, and keeps mode and owner', async () => {
    mkdirSync(join(dir, 'conf.avail'));
    mkdirSync(join(dir, 'conf.d'));
    const target = put('conf.avail/meet.cfg.lua', 'a = 1\n', 0o640);
    if (isRoot) chownSync(target, 1234, 4321);
    symlinkSync('../conf.avail/meet.cfg.lua', join(dir, 'conf.d/meet.cfg.lua'));
    const written = await writeAll([{ file: source('prosody', 'conf.d/meet.cfg.lua'), bytes: Buffer.from('a = 2\n') }]);
    expect(written).toEqual([{ display: 'conf.d/meet.cfg.lua' }]);
    expect(readFileSync(target, 'latin1')).toBe('a = 2\n');
    expect(lstatSync(join(dir, 'conf.d/meet.cfg.lua')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'conf.d/meet.cfg.lua'))).toBe('../conf.avail/meet.cfg.lua');
    const st = statSync(target);
    expect(st.mode & 0o7777).toBe(0o640);
    if (isRoot) expect([st.uid, st.gid]).toEqual([1234, 4321]);
    expect(names('conf.avail')).toEqual(['meet.cfg.lua']);
    expect(names('conf.d')).toEqual(['meet.cfg.lua']);
  });

  it('refuses every write when one file changed on disk since it was read', async () => {
    put('a.conf', 'a\n');
    const b = put('b.conf', 'b\n');
    const first = source('jicofoConf', 'a.conf');
    const second = source('jicofoConf', 'b.conf');
    writeFileSync(b, 'b changed by someone else\n');
    const error = await rejection(
      writeAll([
        { file: first, bytes: Buffer.from('A\n') },
        { file: second, bytes: Buffer.from('B\n') },
      ]),
    );
    expect(error).toEqual(new ChangedError('b.conf', 'b.conf changed on disk since it was read; nothing was written, run the command again'));
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe('a\n');
    expect(readFileSync(b, 'utf8')).toBe('b changed by someone else\n');
    expect(names()).toEqual(['a.conf', 'b.conf']);
  });

  // The check runs again just before each file's own rename: an edit that lands after the first
  // rename (here, at the hold point before the second) is caught, and the first file put back.
  it.each([
    ['appended comment', (path: string) => appendFileSync(path, '# admin was here\n')],
    ['same length, one byte changed', (path: string) => writeFileSync(path, 'c\n')],
    [
      'replaced by another file (an editor saving by rename)',
      (path: string) => {
        writeFileSync(`${path}.new`, 'b = edited\n');
        spawnSync('mv', [`${path}.new`, path]);
      },
    ],
  ])('an edit landing just before the second rename (%s): the first file put back, the edit kept', async (_name, edit) => {
    put('a.conf', 'a\n', 0o600);
    const b = put('b.conf', 'b\n');
    const error = await rejection(
      writeAll(
        [
          { file: source('jicofoConf', 'a.conf'), bytes: Buffer.from('A\n') },
          { file: source('jicofoConf', 'b.conf'), bytes: Buffer.from('B\n') },
        ],
        { hold: (point) => void (point === 'before-rename:2' && edit(b)) },
      ),
    );
    expect(error).toBeInstanceOf(ChangedError);
    expect(error.message).toBe('b.conf changed on disk since it was read; the 1 file(s) already written were put back, run the command again');
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe('a\n');
    expect(statSync(join(dir, 'a.conf')).mode & 0o7777).toBe(0o600);
    expect(readFileSync(b, 'utf8')).not.toBe('B\n');
    expect(readFileSync(b, 'utf8')).not.toBe('b\n');
    expect(names()).toEqual(['a.conf', 'b.conf']);
  });

  it('--backup: a second name of the file as it was (same inode: same bytes, mode and owner), never overwriting one', async () => {
    const path = put('jicofo.conf', 'jicofo {\n}\n', 0o600);
    const inode = statSync(path).ino;
    const [written] = await writeAll([{ file: source('jicofoConf', 'jicofo.conf'), bytes: Buffer.from('jicofo {\n  a = 1\n}\n') }], { backup: true });
    const backup = join(dir, 'jicofo.conf.20261123T214507Z.bak');
    expect(written).toEqual({ display: 'jicofo.conf', backup });
    expect(readFileSync(backup, 'utf8')).toBe('jicofo {\n}\n');
    expect(statSync(backup).mode & 0o7777).toBe(0o600);
    expect(statSync(backup).ino).toBe(inode);
    // A second backup in the same second does not overwrite the first.
    const [second] = await writeAll([{ file: source('jicofoConf', 'jicofo.conf'), bytes: Buffer.from('x = 1\n') }], { backup: true });
    expect(second?.backup).toBe(join(dir, 'jicofo.conf.20261123T214507Z-1.bak'));
    expect(readFileSync(second?.backup as string, 'utf8')).toBe('jicofo {\n  a = 1\n}\n');
    expect(names()).toEqual(['jicofo.conf', 'jicofo.conf.20261123T214507Z-1.bak', 'jicofo.conf.20261123T214507Z.bak']);
  });

  it('the temporary file is created with only the owner bits the target has, then given its owner and mode', () => {
    for (const [mode, created] of [
      [0o600, 0o600],
      [0o640, 0o600],
      [0o644, 0o600],
      [0o444, 0o400],
      [0o400, 0o400],
    ] as const) {
      const path = put(`f${mode.toString(8)}.conf`, 'x\n', mode);
      let seen = -1;
      const temp = writeTemporary(path, Buffer.from('y\n'), statSync(path), (p) => {
        seen = statSync(p).mode & 0o7777;
      });
      expect([mode.toString(8), seen.toString(8)]).toEqual([mode.toString(8), created.toString(8)]);
      expect(statSync(temp).mode & 0o7777).toBe(mode);
      expect(temp).toMatch(new RegExp(`/\\.f${mode.toString(8)}\\.conf\\.jitsi-confkit\\.${process.pid}-[0-9a-f]{8}\\.tmp$`));
      rmSync(temp);
    }
  });

  it.skipIf(!asRoot)('as root, the temporary file gets the target owner before anyone else could read it', async () => {
    const path = put('jicofo.conf', 'secret = 1\n', 0o600);
    chownSync(path, 1234, 4321);
    let during: { mode: number; uid: number; gid: number } | undefined;
    await writeAll([{ file: source('jicofoConf', 'jicofo.conf'), bytes: Buffer.from('secret = 2\n') }], {
      hold: (point) => {
        if (point !== 'before-rename:1') return;
        const temp = names().find((n) => n.endsWith('.tmp')) as string;
        const st = statSync(join(dir, temp));
        during = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
      },
    });
    expect(during).toEqual({ mode: 0o600, uid: 1234, gid: 4321 });
    expect(readFileSync(path, 'utf8')).toBe('secret = 2\n');
  });
});

describe('a file created, a file removed, in the same commit as the others', () => {
  /** A file that does not exist yet, as a command that creates it reads it. */
  const absent = (rel: string) => ({ path: join(dir, rel), display: rel, bytes: undefined });

  it('creates a new file with the mode asked for, beside a file replaced; nothing else left', async () => {
    put('jicofo.conf', 'a = 1\n', 0o600);
    const written = await writeAll([
      { file: source('jicofoConf', 'jicofo.conf'), bytes: Buffer.from('a = 2\n') },
      { file: absent('state.yaml'), bytes: Buffer.from('version: 1\n'), mode: 0o600 },
    ]);
    expect(written).toEqual([{ display: 'jicofo.conf' }, { display: 'state.yaml' }]);
    expect(readFileSync(join(dir, 'state.yaml'), 'utf8')).toBe('version: 1\n');
    const st = statSync(join(dir, 'state.yaml'));
    expect([st.mode & 0o7777, st.nlink, st.uid]).toEqual([0o600, 1, process.getuid?.()]);
    expect(names()).toEqual(['jicofo.conf', 'state.yaml']);
  });

  it('a file that someone else created meanwhile is never overwritten: nothing written, the other file put back', async () => {
    put('jicofo.conf', 'a = 1\n');
    const error = await rejection(
      writeAll(
        [
          { file: source('jicofoConf', 'jicofo.conf'), bytes: Buffer.from('a = 2\n') },
          { file: absent('state.yaml'), bytes: Buffer.from('ours\n') },
        ],
        { hold: (point) => void (point === 'before-rename:2' && writeFileSync(join(dir, 'state.yaml'), 'theirs\n')) },
      ),
    );
    expect(error).toEqual(
      new ChangedError('state.yaml', 'state.yaml was created by someone else since this run looked for it; the 1 file(s) already written were put back, run the command again'),
    );
    expect(readFileSync(join(dir, 'state.yaml'), 'utf8')).toBe('theirs\n');
    expect(readFileSync(join(dir, 'jicofo.conf'), 'utf8')).toBe('a = 1\n');
    expect(names()).toEqual(['jicofo.conf', 'state.yaml']);
  });

  it('a file created, then a later file fails: the new file is removed again', async () => {
    const b = put('b.conf', 'b\n');
    const error = await rejection(
      writeAll(
        [
          { file: absent('a.yaml'), bytes: Buffer.from('new\n') },
          { file: source('jicofoConf', 'b.conf'), bytes: Buffer.from('B\n') },
        ],
        { hold: (point) => void (point === 'before-rename:2' && writeFileSync(b, 'b edited\n')) },
      ),
    );
    expect(error.message).toBe('b.conf changed on disk since it was read; the 1 file(s) already written were put back, run the command again');
    expect(names()).toEqual(['b.conf']);
  });

  it('removes a file; with --backup its backup keeps it', async () => {
    put('80hook', 'hook\n', 0o644);
    put('c.conf', 'c\n');
    const written = await writeAll(
      [
        { file: source('jicofoConf', 'c.conf'), bytes: Buffer.from('C\n') },
        { file: source('jicofoConf', '80hook'), bytes: undefined },
      ],
      { backup: true },
    );
    expect(written.map((w) => w.display)).toEqual(['c.conf', '80hook']);
    expect(names()).toEqual(['80hook.20261123T214507Z.bak', 'c.conf', 'c.conf.20261123T214507Z.bak']);
    expect(readFileSync(join(dir, '80hook.20261123T214507Z.bak'), 'utf8')).toBe('hook\n');
  });

  it('a file to remove that changed since it was read is not removed', async () => {
    const path = put('80hook', 'hook\n');
    const file = source('jicofoConf', '80hook');
    writeFileSync(path, 'hook, edited\n');
    const error = await rejection(writeAll([{ file, bytes: undefined }]));
    expect(error).toEqual(new ChangedError('80hook', '80hook changed on disk since it was read; nothing was written, run the command again'));
    expect(readFileSync(path, 'utf8')).toBe('hook, edited\n');
    expect(names()).toEqual(['80hook']);
  });

  it('a file removed, then a later file fails: the removed file is put back, same inode', async () => {
    const path = put('80hook', 'hook\n', 0o640);
    const inode = statSync(path).ino;
    const b = put('b.conf', 'b\n');
    const error = await rejection(
      writeAll(
        [
          { file: source('jicofoConf', '80hook'), bytes: undefined },
          { file: source('jicofoConf', 'b.conf'), bytes: Buffer.from('B\n') },
        ],
        { hold: (point) => void (point === 'before-rename:2' && writeFileSync(b, 'b edited\n')) },
      ),
    );
    expect(error.message).toBe('b.conf changed on disk since it was read; the 1 file(s) already written were put back, run the command again');
    expect(readFileSync(path, 'utf8')).toBe('hook\n');
    expect([statSync(path).ino, statSync(path).mode & 0o7777]).toEqual([inode, 0o640]);
    expect(names()).toEqual(['80hook', 'b.conf']);
  });

  it('a new file in a directory that does not exist: refused, nothing written', async () => {
    put('a.conf', 'a\n');
    const lock = await lockFiles([{ target: realTarget(join(dir, 'a.conf')) as string, display: 'a.conf' }], {
      timeoutMs: 0,
      command: 'test',
      show: (p) => p,
      notice: () => {},
      now: () => now,
    });
    try {
      expect(() =>
        writeLocked(
          lock,
          [
            { file: source('jicofoConf', 'a.conf'), bytes: Buffer.from('A\n') },
            { file: absent('no/such/dir/state.yaml'), bytes: Buffer.from('x\n') },
          ],
          { backup: false, now, maxFileSize: DEFAULT_MAX_FILE_SIZE },
        ),
      ).toThrow(new FileError('no/such/dir/state.yaml', 'cannot create no/such/dir/state.yaml: its directory does not exist; nothing was written'));
    } finally {
      lock.release();
    }
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe('a\n');
  });
});

describe('what root may write', () => {
  it.skipIf(!asRoot)('root writes a read-only (0444) file, as it could in place, and the mode stays 0444', async () => {
    const path = put('jicofo.conf', 'a = 1\n', 0o444);
    await writeAll([{ file: source('jicofoConf', 'jicofo.conf'), bytes: Buffer.from('a = 2\n') }]);
    expect(readFileSync(path, 'utf8')).toBe('a = 2\n');
    expect(statSync(path).mode & 0o7777).toBe(0o444);
  });

  it.skipIf(!withChattr)('an immutable file (chattr +i) is refused even to root: nothing written, nothing left', async () => {
    const path = put('jicofo.conf', 'a = 1\n');
    const file = source('jicofoConf', 'jicofo.conf');
    immutable(path, true);
    try {
      const error = await rejection(writeAll([{ file, bytes: Buffer.from('a = 2\n') }]));
      expect(error).toEqual(new FileError('jicofo.conf', 'cannot write jicofo.conf: operation not permitted (the file is not writable for this user); nothing was written'));
    } finally {
      immutable(path, false);
    }
    expect(readFileSync(path, 'utf8')).toBe('a = 1\n');
    expect(names()).toEqual(['jicofo.conf']);
  });
});

describe('a rename that fails part way', () => {
  // The directory of the second file refuses the rename (immutable, which binds root too) only
  // once everything is prepared: the first file is already replaced and must be put back.
  it.skipIf(!withChattr)('puts back the files already written and removes their backups and temporary files', async () => {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    const a = put('a/jicofo.conf', 'a\n', 0o640);
    const b = put('b/sip-communicator.properties', 'b=1\n');
    const error = await rejection(
      writeAll(
        [
          { file: source('jicofoConf', 'a/jicofo.conf'), bytes: Buffer.from('A\n') },
          { file: source('sipCommunicator', 'b/sip-communicator.properties'), bytes: Buffer.from('b=2\n') },
        ],
        // Refused for the rename only: by the time the rollback runs, the directory takes writes again.
        { backup: true, hold: (point) => void ((point === 'before-rename:2' || point === 'rollback') && immutable(join(dir, 'b'), point !== 'rollback')) },
      ),
    );
    expect(error).toEqual(
      new FileError('b/sip-communicator.properties', 'cannot write b/sip-communicator.properties: operation not permitted; the 1 file(s) already written were put back'),
    );
    expect((error.cause as { code?: string }).code).toBe('EPERM');
    expect(readFileSync(a, 'utf8')).toBe('a\n');
    expect(statSync(a).mode & 0o7777).toBe(0o640);
    expect(readFileSync(b, 'utf8')).toBe('b=1\n');
    // The locks, temporary files, rollback links and backups: all gone.
    expect(names('a')).toEqual(['jicofo.conf']);
    expect(names('b')).toEqual(['sip-communicator.properties']);
  });

  it('a directory that refuses the temporary file: nothing written, nothing left', async () => {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    put('a/jicofo.conf', 'a\n');
    put('b/x.properties', 'b=1\n');
    // As root only the immutable attribute refuses; as a user, chmod does.
    const refuse = (on: boolean): boolean => (isRoot ? withChattr && immutable(join(dir, 'b'), on) : (chmodSync(join(dir, 'b'), on ? 0o555 : 0o755), true));
    const files = [source('jicofoConf', 'a/jicofo.conf'), source('sipCommunicator', 'b/x.properties')];
    // The lock is taken in the writable state; the refusal comes while preparing.
    const lock = await lockFiles(
      files.map((f) => ({ target: realTarget(f.path) as string, display: f.display })),
      { timeoutMs: 0, command: 'test', show: (p) => p, notice: () => {}, now: () => now },
    );
    if (!refuse(true)) {
      lock.release();
      return;
    }
    try {
      expect(() =>
        writeLocked(
          lock,
          files.map((file) => ({ file, bytes: Buffer.from('new\n') })),
          { backup: true, now, maxFileSize: DEFAULT_MAX_FILE_SIZE },
        ),
      ).toThrow(new FileError('b/x.properties', `cannot write b/x.properties: ${isRoot ? 'operation not permitted' : 'permission denied'}; nothing was written`));
    } finally {
      refuse(false);
      lock.release();
    }
    expect(readFileSync(join(dir, 'a/jicofo.conf'), 'utf8')).toBe('a\n');
    expect(readFileSync(join(dir, 'b/x.properties'), 'utf8')).toBe('b=1\n');
    expect(names('a')).toEqual(['jicofo.conf']);
    expect(names('b')).toEqual(['x.properties']);
  });
});
