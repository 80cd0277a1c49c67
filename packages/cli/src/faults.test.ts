/**
 * Faults with real mechanisms, on copies of the example server and the BUILT CLI as real
 * processes: a small tmpfs filled to many levels (a full disk), a process held at a point of its
 * write while the "admin" edits a file, kill -9 at every point and at seeded random moments, and
 * concurrent runs. After every fault each file is byte-identical to before or to what an
 * uninterrupted run writes, nothing of jitsi-confkit's is left beside the files once the next run
 * is done, and a failure exits non-zero with a clear message.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, cpSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { unavailable } from '../../../test/support/skips.js';
import { exampleTree, leftovers, seeded, start, stopped } from './test-support/processes.js';
import type { Finished } from './test-support/processes.js';
import { isRoot, requireBuiltCli, runCli, snapshot } from './test-support/trees.js';
import type { Entry } from './test-support/trees.js';

const HOST = 'meet.example.com';
const PROSODY = `etc/prosody/conf.avail/${HOST}.cfg.lua`;
const MEET = `etc/jitsi/meet/${HOST}-config.js`;
const JICOFO = 'etc/jitsi/jicofo/jicofo.conf';
/** The order secure-domain writes them in (prosody, config.js, jicofo.conf). */
const WRITTEN = [PROSODY, MEET, JICOFO];

/** Modes and owners as on a Debian server: jicofo.conf holds a password. */
function debianModes(root: string): void {
  chmodSync(join(root, JICOFO), 0o600);
  chmodSync(join(root, PROSODY), 0o640);
  if (isRoot) {
    chownSync(join(root, JICOFO), 1234, 4321);
    chownSync(join(root, PROSODY), 0, 4321);
  }
}

let tree: { root: string; cleanup(): void };
let original: Record<string, Entry>;
/** The tree after an uninterrupted `secure-domain enable`. */
let enabled: Record<string, Entry>;

beforeAll(() => {
  requireBuiltCli();
  const t = exampleTree();
  try {
    debianModes(t.root);
    original = snapshot(t.root);
    const result = runCli(['secure-domain', 'enable', '--root', '.'], { cwd: t.root });
    expect(result.status).toBe(0);
    enabled = snapshot(t.root);
    for (const rel of WRITTEN) expect(enabled[rel]?.content).not.toBe(original[rel]?.content);
  } finally {
    t.cleanup();
  }
});
beforeEach(() => {
  tree = exampleTree();
  debianModes(tree.root);
});
afterEach(() => tree.cleanup());

const cli = (...args: string[]) => runCli(args, { cwd: tree.root });
const read = (rel: string): string => readFileSync(join(tree.root, rel), 'latin1');

/** Each file of `now` is whole: as it was, or as the uninterrupted run left it (content, mode, owner). */
function expectWhole(now: Record<string, Entry>): void {
  for (const rel of Object.keys(original)) {
    if (rel.includes('.jitsi-confkit.')) continue;
    expect([rel, [original[rel], enabled[rel]].some((e) => JSON.stringify(e) === JSON.stringify(now[rel]))]).toEqual([rel, true]);
  }
}

describe('a file changed on disk while a run writes (the process held at that point, then resumed)', () => {
  it("set, held just before its rename: the admin's edit is kept, exit 1 with E_CHANGED, nothing left behind", async () => {
    const run = start(['set', JICOFO, 'jicofo.authentication.enabled', 'true', '--json'], { cwd: tree.root, hold: 'before-rename:1' });
    await stopped(run);
    appendFileSync(join(tree.root, JICOFO), '# the admin was here\n');
    const edited = snapshot(tree.root)[JICOFO];
    run.child.kill('SIGCONT');
    const result = await run.done;
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: 'E_CHANGED',
        class: 'ChangedError',
        message: `${JICOFO} changed on disk since it was read; nothing was written, run the command again`,
        status: 1,
        file: JICOFO,
      },
    });
    expect(snapshot(tree.root)[JICOFO]).toEqual(edited);
    expect(leftovers(tree.root)).toEqual([]);
  });

  it.each(['after-rename:1', 'before-rename:2'])(
    'secure-domain enable, held at %s while config.js is edited: the Prosody file put back, the edit kept, jicofo.conf untouched',
    async (hold) => {
      const run = start(['secure-domain', 'enable', '--root', '.'], { cwd: tree.root, hold });
      await stopped(run);
      // The first file is already replaced at this point.
      expect(read(PROSODY)).toBe(enabled[PROSODY]?.content);
      writeFileSync(join(tree.root, MEET), `${read(MEET)}config.p2p = { enabled: false };\n`);
      const edited = snapshot(tree.root)[MEET];
      run.child.kill('SIGCONT');
      const result = await run.done;
      expect(result).toMatchObject({
        status: 1,
        stdout: '',
        stderr: `jitsi-confkit: ${MEET} changed on disk since it was read; the 1 file(s) already written were put back, run the command again\n`,
      });
      const now = snapshot(tree.root);
      expect(now[PROSODY]).toEqual(original[PROSODY]);
      expect(now[MEET]).toEqual(edited);
      expect(now[JICOFO]).toEqual(original[JICOFO]);
      expect(leftovers(tree.root)).toEqual([]);
    },
  );
});

describe('the same race, the process held from outside (no hook in the CLI: this test also runs against older builds)', () => {
  it('a preload stops it right after its first rename; config.js edited then: the edit kept, the Prosody file put back', async () => {
    const preload = join(tree.root, '..', `${tree.root.split('/').pop() as string}-stop.cjs`);
    writeFileSync(
      preload,
      "const fs = require('node:fs'); const rename = fs.renameSync; let n = 0;\n" +
        "fs.renameSync = function (...args) { const r = rename.apply(this, args); if (++n === 1) process.kill(process.pid, 'SIGSTOP'); return r; };\n",
    );
    try {
      const run = start(['secure-domain', 'enable', '--root', '.'], { cwd: tree.root, node: ['--require', preload] });
      await stopped(run);
      appendFileSync(join(tree.root, MEET), '// the admin was here\n');
      const edited = snapshot(tree.root)[MEET];
      run.child.kill('SIGCONT');
      expect((await run.done).status).toBe(1);
      expect(snapshot(tree.root)[MEET]).toEqual(edited);
      expect(snapshot(tree.root)[PROSODY]).toEqual(original[PROSODY]);
      expect(leftovers(tree.root)).toEqual([]);
    } finally {
      rmSync(preload, { force: true });
    }
  });
});

describe('the writer lock between real processes', () => {
  it('a run holding the lock: another run waits, gives up after --lock-timeout naming it, and succeeds once it is done', async () => {
    const first = start(['secure-domain', 'enable', '--root', '.'], { cwd: tree.root, hold: 'locked' });
    await stopped(first);
    const waiting = cli('set', JICOFO, 'jicofo.one', '1', '--lock-timeout', '0.3', '--json');
    expect(waiting.status).toBe(1);
    const { error } = JSON.parse(waiting.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('E_LOCKED');
    expect(error.message).toMatch(
      new RegExp(`^${JICOFO} is locked by another jitsi-confkit run \\(pid ${first.pid}, "secure-domain enable", since \\S+\\); waited 0\\.3 s, nothing was written\\. `),
    );
    expect(waiting.stderr).toContain(`jitsi-confkit: waiting for pid ${first.pid}, "secure-domain enable"`);
    first.child.kill('SIGCONT');
    expect((await first.done).status).toBe(0);
    expect(cli('set', JICOFO, 'jicofo.one', '1').status).toBe(0);
    expect(cli('get', JICOFO, 'jicofo.one').stdout).toBe('1\n');
    expect(cli('get', JICOFO, 'jicofo.authentication.enabled').stdout).toBe('true\n');
    expect(leftovers(tree.root)).toEqual([]);
  });

  it('a run killed with the lock held: the next run takes the lock over at once and says so', async () => {
    const first = start(['set', JICOFO, 'jicofo.one', '1'], { cwd: tree.root, hold: 'locked' });
    await stopped(first);
    first.child.kill('SIGKILL');
    await first.done;
    expect(leftovers(tree.root)).toEqual([`etc/jitsi/jicofo/.jicofo.conf.jitsi-confkit.lock`]);
    const next = cli('set', JICOFO, 'jicofo.two', '2', '--lock-timeout', '0');
    expect(next.status).toBe(0);
    expect(next.stderr).toMatch(new RegExp(`^jitsi-confkit: took over the lock of ${JICOFO} left by pid ${first.pid}, "set", since \\S+, which is no longer running\\n`));
    expect(leftovers(tree.root)).toEqual([]);
  });

  // Two sets of jicofo.conf, the secure domain (Prosody, config.js, jicofo.conf) and a set of
  // config.js, all started at once: every change lands, and the secure domain is whole.
  it('concurrent runs, 12 rounds: no lost update, never half a recipe', async () => {
    for (let round = 0; round < 12; round++) {
      const fresh = exampleTree();
      try {
        const at = { cwd: fresh.root };
        const runs = [
          start(['set', JICOFO, 'jicofo.one', String(round)], at),
          start(['secure-domain', 'enable', '--root', '.'], at),
          start(['set', JICOFO, 'jicofo.two', String(round)], at),
          start(['set', MEET, 'p2p.enabled', 'false'], at),
        ];
        const results: Finished[] = await Promise.all(runs.map((r) => r.done));
        expect([round, results.map((r) => r.status)]).toEqual([round, [0, 0, 0, 0]]);
        const get = (file: string, path: string): string => runCli(['get', file, path], at).stdout;
        expect([round, get(JICOFO, 'jicofo.one'), get(JICOFO, 'jicofo.two'), get(JICOFO, 'jicofo.authentication.enabled')]).toEqual([round, `${round}\n`, `${round}\n`, 'true\n']);
        expect([round, get(MEET, 'p2p.enabled'), get(MEET, 'hosts.anonymousdomain')]).toEqual([round, 'false\n', '"guest.meet.example.com"\n']);
        expect([round, get(PROSODY, `host:${HOST}/authentication`)]).toEqual([round, '"internal_hashed"\n']);
        const check = runCli(['check', '--root', '.'], at);
        expect([round, check.status, check.stdout.split('\n').at(-2)]).toEqual([round, 0, `No problems found for ${HOST}.`]);
        expect(leftovers(fresh.root)).toEqual([]);
      } finally {
        fresh.cleanup();
      }
    }
  });
});

describe('kill -9', () => {
  /** After a killed run: every file whole; the next run removes what the killed one left and finishes the job. */
  function afterKill(killed: Finished): void {
    expect(killed.signal).toBe('SIGKILL');
    expectWhole(snapshot(tree.root));
    const left = leftovers(tree.root);
    const next = cli('secure-domain', 'enable', '--root', '.', '--lock-timeout', '0');
    expect(next.status).toBe(0);
    for (const name of left.filter((l) => /\.(tmp|orig)$/.test(l))) {
      expect(next.stderr).toContain(`jitsi-confkit: removed ${name}, a temporary file left by an interrupted jitsi-confkit run\n`);
    }
    expect(leftovers(tree.root)).toEqual([]);
    expect(snapshot(tree.root)).toEqual(enabled);
  }

  it.each(['locked', 'before-rename:1', 'after-rename:1', 'before-rename:2', 'after-rename:2', 'before-rename:3', 'after-rename:3'])('at %s', async (hold) => {
    const run = start(['secure-domain', 'enable', '--root', '.'], { cwd: tree.root, hold });
    await stopped(run);
    if (hold.startsWith('before-rename')) {
      // The temporary files are there, recognisable, no wider than their targets.
      const temps = leftovers(tree.root).filter((l) => l.endsWith('.tmp'));
      expect(temps.length).toBeGreaterThan(0);
      for (const temp of temps) {
        const target = temp.replace(/\/\.([^/]+)\.jitsi-confkit\.\d+-[0-9a-f]{8}\.tmp$/, '/$1');
        const entry = snapshot(tree.root)[temp] as Entry;
        expect([temp, entry.mode, entry.uid, entry.gid]).toEqual([temp, original[target]?.mode, original[target]?.uid, original[target]?.gid]);
      }
    }
    run.child.kill('SIGKILL');
    afterKill(await run.done);
  });

  it('at 20 seeded random moments of a run', async () => {
    const random = seeded(20261123);
    for (let i = 0; i < 20; i++) {
      tree.cleanup();
      tree = exampleTree();
      debianModes(tree.root);
      const run = start(['secure-domain', 'enable', '--root', '.', '--backup'], { cwd: tree.root });
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 150)));
      run.child.kill('SIGKILL');
      const killed = await run.done;
      if (killed.signal !== 'SIGKILL') {
        // It finished first: then it is simply done.
        expect(killed.status).toBe(0);
        continue;
      }
      // A backup is made only as a second name of a whole file: it is one of the originals.
      for (const [rel, entry] of Object.entries(snapshot(tree.root))) {
        if (rel.endsWith('.bak')) expect(WRITTEN.map((w) => original[w]?.content)).toContain(entry.content);
      }
      for (const rel of Object.keys(snapshot(tree.root))) if (rel.endsWith('.bak')) rmSync(join(tree.root, rel));
      afterKill(killed);
    }
  });
});

/** tmpfs of a few hundred KiB mounted on a new temp dir; undefined (with the reason recorded) where that is not possible. */
function smallTmpfs(options: string): string | undefined {
  if (!isRoot) {
    unavailable('the disk-full tests: mounting a small tmpfs needs root', 'sudo npm run test:all');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'confkit-tmpfs-'));
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (mount.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    unavailable(`the disk-full tests: mount -t tmpfs failed here (${mount.stderr.trim()})`, 'run the suite as root on a machine or VM that lets root mount a tmpfs');
    return undefined;
  }
  return dir;
}

function unmount(dir: string): void {
  spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
}

describe('a full disk: a small tmpfs filled to many levels', () => {
  let mnt: string | undefined;
  beforeAll(() => {
    mnt = smallTmpfs('size=1m,mode=0755');
  });
  afterAll(() => {
    if (mnt !== undefined) unmount(mnt);
  });

  const PAGE = 4096;

  /** The example tree on the tmpfs with `free` bytes left; the snapshot before the run. */
  function filled(dir: string, free: number): string {
    rmSync(join(dir, 't'), { recursive: true, force: true });
    rmSync(join(dir, 'filler'), { force: true });
    cpSync(tree.root, join(dir, 't'), { recursive: true, verbatimSymlinks: true });
    debianModes(join(dir, 't'));
    const { bavail, bsize } = statfsSync(dir);
    const fill = bavail * bsize - free;
    if (fill > 0) writeFileSync(join(dir, 'filler'), Buffer.alloc(fill));
    return join(dir, 't');
  }

  it('secure-domain enable at every level from 0 to 40 pages free: either done, or exit 1 "no space left on device" with every file as it was', (ctx) => {
    if (mnt === undefined) return ctx.skip();
    const outcomes: string[] = [];
    for (let pages = 0; pages <= 40; pages++) {
      const backup = pages % 3 === 0;
      const root = filled(mnt, pages * PAGE);
      const before = snapshot(root);
      const result = runCli(['secure-domain', 'enable', '--root', '.', ...(backup ? ['--backup'] : [])], { cwd: root });
      const after = snapshot(root);
      for (const rel of Object.keys(after)) if (rel.endsWith('.bak')) delete after[rel];
      if (result.status === 0) {
        outcomes.push('done');
        expect([pages, after]).toEqual([pages, enabled]);
      } else {
        outcomes.push('refused');
        expect([pages, result.status, result.stdout]).toEqual([pages, 1, '']);
        expect([pages, result.stderr]).toEqual([pages, expect.stringMatching(/^jitsi-confkit: cannot write \S+: no space left on device; nothing was written\n$/)]);
        expect([pages, after]).toEqual([pages, before]);
      }
      expect([pages, leftovers(root)]).toEqual([pages, []]);
    }
    // Both outcomes were reached: the levels span the space the run needs.
    expect(outcomes[0]).toBe('refused');
    expect(outcomes.at(-1)).toBe('done');
  });

  it('set of one file with --backup at every level from 0 to 30 pages free', (ctx) => {
    if (mnt === undefined) return ctx.skip();
    const outcomes = new Set<number | null>();
    for (let pages = 0; pages <= 30; pages++) {
      const root = filled(mnt, pages * PAGE);
      const before = snapshot(root);
      const result = runCli(['set', MEET, 'p2p.enabled', 'false', '--backup'], { cwd: root });
      outcomes.add(result.status);
      if (result.status !== 0) {
        expect([pages, result.status, result.stderr]).toEqual([pages, 1, `jitsi-confkit: cannot write ${MEET}: no space left on device; nothing was written\n`]);
        expect([pages, snapshot(root)]).toEqual([pages, before]);
      } else {
        expect([pages, runCli(['get', MEET, 'p2p.enabled'], { cwd: root }).stdout]).toEqual([pages, 'false\n']);
      }
      expect([pages, leftovers(root)]).toEqual([pages, []]);
    }
    expect([...outcomes].sort()).toEqual([0, 1]);
  });

  it('no inode left for the lock or the temporary file: refused, every file as it was', (ctx) => {
    if (mnt === undefined) return ctx.skip();
    // How many inodes the tree takes on a tmpfs (the mount's root included).
    const root = filled(mnt, 512 * 1024);
    rmSync(join(mnt, 'filler'), { force: true });
    const { files, ffree } = statfsSync(mnt);
    const used = files - ffree;
    rmSync(root, { recursive: true, force: true });
    const outcomes = new Set<number | null>();
    for (let spare = 0; spare <= 14; spare++) {
      const dir = smallTmpfs(`size=1m,nr_inodes=${used + spare},mode=0755`);
      if (dir === undefined) return ctx.skip();
      try {
        const tight = join(dir, 't');
        cpSync(tree.root, tight, { recursive: true, verbatimSymlinks: true });
        debianModes(tight);
        const before = snapshot(tight);
        const result = runCli(['secure-domain', 'enable', '--root', '.'], { cwd: tight });
        outcomes.add(result.status);
        if (result.status !== 0) {
          expect([spare, result.stderr]).toEqual([spare, expect.stringMatching(/^jitsi-confkit: cannot write \S+: no space left on device; nothing was written\n$/)]);
          expect([spare, snapshot(tight)]).toEqual([spare, before]);
        } else {
          expect([spare, snapshot(tight)]).toEqual([spare, enabled]);
        }
        expect([spare, leftovers(tight)]).toEqual([spare, []]);
      } finally {
        unmount(dir);
      }
    }
    expect([...outcomes].sort()).toEqual([0, 1]);
  });
});
