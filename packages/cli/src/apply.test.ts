/**
 * `apply` and `status` on the example server: drift found after a manual revert (exit 3, the
 * files, the diff, since when), gone after apply (exit 0); an intent that cannot be applied
 * (exit 1, nothing written; --keep-going writes the others; status exit 4); no state file; the
 * writer lock (apply waits for a run holding it; status takes none); two --save runs at once.
 */
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/corpus.js';
import { unavailable } from '../../../test/support/skips.js';
import { run } from './index.js';
import { recorder } from './test-support/io.js';
import { start, stopped } from './test-support/processes.js';
import { isRoot, requireBuiltCli, snapshot } from './test-support/trees.js';

const EXAMPLE = join(repoRoot, 'examples/debian-tree');
const asRoot = isRoot || unavailable('the apply test of what root refuses to apply (a state file of another user)', 'sudo npm run test:all');
const INTERFACE = 'usr/share/jitsi-meet/interface_config.js';
const PROSODY = 'etc/prosody/conf.avail/meet.example.com.cfg.lua';
const STATE = 'version: 1\nhost: meet.example.com\nintents:\n  - kind: browser\n    browser: firefox\n    list: unsupported\n  - kind: secure-domain\n    host: meet.example.com\n';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'confkit-apply-'));
  cpSync(EXAMPLE, root, { recursive: true, verbatimSymlinks: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = recorder({ cwd: root, env: { NO_COLOR: '1' } });
  const status = await run([...args, '--root', '.'], io);
  return { status, stdout: io.out, stderr: io.err };
}

function writeState(text = STATE): void {
  mkdirSync(join(root, 'etc/jitsi-confkit'), { recursive: true });
  writeFileSync(join(root, 'etc/jitsi-confkit/state.yaml'), text);
}

/** Resolves once the process has written a line matching `pattern` on stderr. */
function said(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stderr?.on('data', (chunk: Buffer | string) => {
      text += chunk.toString();
      if (pattern.test(text)) resolve();
    });
    child.on('close', () => reject(new Error(`the process ended without saying ${pattern}: ${text}`)));
  });
}

const read = (rel: string): string => readFileSync(join(root, rel), 'latin1');
const original = (rel: string): string => readFileSync(join(EXAMPLE, rel), 'latin1');
const ctime = (rel: string): string =>
  statSync(join(root, rel))
    .ctime.toISOString()
    .replace(/\.\d+Z$/, 'Z');

describe('apply', () => {
  it('makes every intent hold, idempotently, and records when', async () => {
    writeState();
    const result = await cli('apply');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'etc/jitsi-confkit/state.yaml: 2 intent(s)',
        'applied  line 4: browser firefox: unsupported',
        "  applied  usr/share/jitsi-meet/interface_config.js: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)",
        'applied  line 7: secure-domain meet.example.com',
        '  applied  etc/prosody/conf.avail/meet.example.com.cfg.lua: VirtualHost "meet.example.com": authentication = "internal_hashed"; anonymous VirtualHost "guest.meet.example.com" after it, with c2s_require_encryption = false',
        "  applied  etc/jitsi/meet/meet.example.com-config.js: hosts.anonymousdomain = 'guest.meet.example.com'",
        '  applied  etc/jitsi/jicofo/jicofo.conf: jicofo.authentication { enabled = true, type = XMPP, login-url = "meet.example.com" }',
        "  skipped  etc/jitsi/jicofo/sip-communicator.properties: org.jitsi.jicofo.auth.URL=XMPP:meet.example.com (no legacy org.jitsi.jicofo.auth.URL here: jicofo.conf carries Jicofo's authentication)",
        'wrote usr/share/jitsi-meet/interface_config.js',
        'wrote etc/jitsi/meet/meet.example.com-config.js',
        'wrote etc/prosody/conf.avail/meet.example.com.cfg.lua',
        'wrote etc/jitsi/jicofo/jicofo.conf',
        '',
        'Left to do:',
        '  - Register each user who may open rooms: sudo prosodyctl register <user> meet.example.com <password>',
        '  - Restart the services: systemctl restart prosody jicofo jitsi-videobridge2',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(read('var/lib/jitsi-confkit/last-apply.json'))).toEqual({
      version: 1,
      time: '2026-11-23T21:00:00Z',
      held: {
        '{"browser":"firefox","kind":"browser","list":"unsupported"}': '2026-11-23T21:00:00Z',
        '{"host":"meet.example.com","kind":"secure-domain"}': '2026-11-23T21:00:00Z',
      },
    });
    const once = snapshot(root);
    const again = await cli('apply');
    expect(again).toEqual({
      status: 0,
      stdout: 'etc/jitsi-confkit/state.yaml: 2 intent(s)\nalready  line 4: browser firefox: unsupported\nalready  line 7: secure-domain meet.example.com\nNothing to change.\n',
      stderr: '',
    });
    expect(snapshot(root)).toEqual(once);
  });

  it('--dry-run: the diffs, nothing written, no record', async () => {
    writeState();
    const before = snapshot(root);
    const result = await cli('apply', '--dry-run', '--json');
    expect(result.status).toBe(0);
    const outcome = JSON.parse(result.stdout) as { changed: boolean; dryRun: boolean; diffs: { path: string }[]; intents: { status: string }[] };
    expect([outcome.changed, outcome.dryRun, outcome.diffs.map((d) => d.path), outcome.intents.map((i) => i.status)]).toEqual([
      true,
      true,
      [INTERFACE, 'etc/jitsi/meet/meet.example.com-config.js', PROSODY, 'etc/jitsi/jicofo/jicofo.conf'],
      ['applied', 'applied'],
    ]);
    expect(snapshot(root)).toEqual(before);
  });

  it('no state file: nothing to do (exit 0); a --state that does not exist: exit 1', async () => {
    expect(await cli('apply')).toEqual({
      status: 0,
      stdout: 'No state file at etc/jitsi-confkit/state.yaml: no intent is recorded (record one with --save on an editing command).\n',
      stderr: '',
    });
    const named = await cli('apply', '--state', '/etc/nowhere.yaml', '--json');
    expect(named.status).toBe(1);
    expect(JSON.parse(named.stdout)).toEqual({
      error: { code: 'E_FILE', class: 'FileError', message: 'no state file at etc/nowhere.yaml', status: 1, file: 'etc/nowhere.yaml', errno: 'ENOENT' },
    });
  });

  describe('an intent that cannot be applied (the host renamed in the Prosody file by an upgrade)', () => {
    beforeEach(() => {
      writeState();
      writeFileSync(join(root, PROSODY), read(PROSODY).replace('VirtualHost "meet.example.com"', 'VirtualHost "meet2.example.com"'), 'latin1');
    });

    it('nothing is written, exit 1, the intent and the file named', async () => {
      const before = snapshot(root);
      const result = await cli('apply', '--json');
      expect(result.status).toBe(1);
      const message =
        'etc/prosody/conf.avail/meet.example.com.cfg.lua: The Prosody file has no VirtualHost "meet.example.com": its VirtualHosts are meet2.example.com, auth.meet.example.com, recorder.meet.example.com (did you mean meet2.example.com?)';
      expect(JSON.parse(result.stdout)).toEqual({
        error: {
          code: 'E_VALIDATION',
          class: 'IntentFailure',
          message: `the intent on line 7 of etc/jitsi-confkit/state.yaml (secure-domain meet.example.com) cannot be applied: ${message}\nnothing was written (--keep-going applies the other intents)`,
          status: 1,
          state: 'etc/jitsi-confkit/state.yaml',
          intents: [{ line: 7, summary: 'secure-domain meet.example.com', code: 'E_VALIDATION', message, file: PROSODY }],
          file: PROSODY,
        },
      });
      expect(result.stderr).toBe(
        `jitsi-confkit: the intent on line 7 of etc/jitsi-confkit/state.yaml (secure-domain meet.example.com) cannot be applied: ${message}\nnothing was written (--keep-going applies the other intents)\n`,
      );
      expect(snapshot(root)).toEqual(before);
    });

    it('--keep-going writes the intents that can be applied, each whole, and still exits 1', async () => {
      const result = await cli('apply', '--keep-going');
      expect(result.status).toBe(1);
      expect(result.stdout.split('\n').slice(0, 4)).toEqual([
        'etc/jitsi-confkit/state.yaml: 2 intent(s)',
        'applied  line 4: browser firefox: unsupported',
        "  applied  usr/share/jitsi-meet/interface_config.js: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)",
        'failed   line 7: secure-domain meet.example.com: etc/prosody/conf.avail/meet.example.com.cfg.lua: The Prosody file has no VirtualHost "meet.example.com": its VirtualHosts are meet2.example.com, auth.meet.example.com, recorder.meet.example.com (did you mean meet2.example.com?)',
      ]);
      expect(result.stdout.endsWith('\nwrote usr/share/jitsi-meet/interface_config.js\n')).toBe(true);
      expect(result.stderr).toMatch(/\nthe other intents were applied; run "jitsi-confkit status" to see what holds\n$/);
      // The secure domain is in none of its files: config.js and jicofo.conf are as they were.
      for (const rel of ['etc/jitsi/meet/meet.example.com-config.js', 'etc/jitsi/jicofo/jicofo.conf']) expect(read(rel)).toBe(original(rel));
      expect(read(INTERFACE)).not.toBe(original(INTERFACE));
      // Only the intent that held is recorded as holding.
      expect(Object.keys((JSON.parse(read('var/lib/jitsi-confkit/last-apply.json')) as { held: object }).held)).toEqual([
        '{"browser":"firefox","kind":"browser","list":"unsupported"}',
      ]);
    });

    it('status says it cannot be applied (exit 4), the other one drifted', async () => {
      const result = await cli('status', '--json');
      expect(result.status).toBe(4);
      const report = JSON.parse(result.stdout) as { holds: number; drifted: number; cannotApply: number; intents: { status: string; error?: object }[] };
      expect([report.holds, report.drifted, report.cannotApply]).toEqual([0, 1, 1]);
      expect(report.intents[1]).toMatchObject({ status: 'cannot-apply', error: { code: 'E_VALIDATION', file: PROSODY, changedAt: ctime(PROSODY) } });
    });
  });

  it('an upgrade that makes a list a function call: the error names the intent, the file, the line and column, with the code frame', async () => {
    writeState('version: 1\nintents:\n  - kind: browser\n    browser: firefox\n    list: unsupported\n');
    writeFileSync(join(root, INTERFACE), original(INTERFACE).replace('UNSUPPORTED_BROWSERS: [],', 'UNSUPPORTED_BROWSERS: defaultUnsupportedBrowsers(),'));
    const result = await cli('apply');
    expect([result.status, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toBe(
      'jitsi-confkit: the intent on line 3 of etc/jitsi-confkit/state.yaml (browser firefox: unsupported) cannot be applied: usr/share/jitsi-meet/interface_config.js:142:27: Cannot read UNSUPPORTED_BROWSERS: interfaceConfig.UNSUPPORTED_BROWSERS is a function call, not a literal value; edit it by hand\n' +
        'nothing was written (--keep-going applies the other intents)\n' +
        '  140 |     // Browsers, in addition to those which do not fully support WebRTC, that\n' +
        '  141 |     // are not supported and should show the unsupported browser page.\n' +
        '> 142 |     UNSUPPORTED_BROWSERS: defaultUnsupportedBrowsers(),\n' +
        '      |                           ^\n' +
        '  143 |\n' +
        '  144 |     /**\n',
    );
    const status = JSON.parse((await cli('status', '--json')).stdout) as { intents: { status: string; error: object }[] };
    expect(status.intents[0]).toMatchObject({ status: 'cannot-apply', error: { code: 'E_UNSUPPORTED_EDIT', file: INTERFACE, line: 142, column: 27, changedAt: ctime(INTERFACE) } });
  });

  it('an optional file that is not there (sip-communicator.properties next to jicofo.conf): its step says where it was looked for', async () => {
    writeState();
    unlinkSync(join(root, 'etc/jitsi/jicofo/sip-communicator.properties'));
    const result = await cli('apply');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      '\n  skipped  sip-communicator.properties: org.jitsi.jicofo.auth.URL=XMPP:meet.example.com (not found: etc/jitsi/jicofo/sip-communicator.properties)\n',
    );
    expect(result.stderr).toBe('');
  });

  it('a file the secure domain needs is missing: nothing written, where it was looked for', async () => {
    writeState();
    unlinkSync(join(root, 'etc/jitsi/meet/meet.example.com-config.js'));
    const before = snapshot(root);
    const result = await cli('apply', '--json');
    expect(result.status).toBe(1);
    const error = (JSON.parse(result.stdout) as { error: { code: string; intents: { message: string }[]; missing: unknown } }).error;
    expect([error.code, error.intents[0]?.message, error.missing]).toEqual([
      'E_FILE',
      'it needs config.js (not found at etc/jitsi/meet/meet.example.com-config.js); the secure domain is applied to all of its files or to none',
      [{ kind: 'meetConfig', lookedFor: ['etc/jitsi/meet/meet.example.com-config.js'] }],
    ]);
    expect(snapshot(root)).toEqual(before);
  });

  it.skipIf(!asRoot)('as root, a state file another user owns, or everyone may write, is refused; group-writable is allowed', async () => {
    writeState();
    const path = join(root, 'etc/jitsi-confkit/state.yaml');
    const before = snapshot(root);
    chmodSync(path, 0o646);
    const open = await cli('apply');
    expect([open.status, open.stderr]).toEqual([
      1,
      'jitsi-confkit: refusing to apply etc/jitsi-confkit/state.yaml as root: everyone may write it, and whoever writes it decides what apply writes into the configuration (chown root etc/jitsi-confkit/state.yaml; chmod o-w etc/jitsi-confkit/state.yaml); nothing was written\n',
    ]);
    chmodSync(path, 0o644);
    chownSync(path, 1234, 0);
    expect((await cli('apply')).stderr).toMatch(/^jitsi-confkit: refusing to apply etc\/jitsi-confkit\/state\.yaml as root: it belongs to uid 1234, /);
    expect(snapshot(root)).toEqual({ ...before, 'etc/jitsi-confkit/state.yaml': { ...before['etc/jitsi-confkit/state.yaml']!, uid: 1234 } });
    // status only reads: it answers all the same.
    expect((await cli('status')).status).toBe(3);
    chownSync(path, 0, 4321);
    chmodSync(path, 0o660);
    expect((await cli('apply')).status).toBe(0);
  });

  it("--host that is not the state file's: a usage error", async () => {
    writeState();
    const result = await cli('apply', '--host', 'other.example.com');
    expect([result.status, result.stderr.split('\n')[0]]).toEqual([
      2,
      'jitsi-confkit: --host other.example.com is not the host of the state file etc/jitsi-confkit/state.yaml (meet.example.com)',
    ]);
  });
});

describe('status', () => {
  it('before and after a manual revert (drift, exit 3: the file, the diff, since when), and after apply (exit 0)', async () => {
    writeState();
    expect((await cli('apply')).status).toBe(0);
    const held = await cli('status');
    expect(held).toEqual({
      status: 0,
      stdout:
        'etc/jitsi-confkit/state.yaml: 2 intent(s); last apply 2026-11-23T21:00:00Z\n' +
        'holds         line 4: browser firefox: unsupported\n' +
        'holds         line 7: secure-domain meet.example.com\n' +
        '2 hold(s), 0 drifted, 0 cannot be applied. Every intent holds.\n',
      stderr: '',
    });
    // The admin (or an upgrade) puts the stock file back.
    writeFileSync(join(root, INTERFACE), original(INTERFACE), 'latin1');
    const drift = await cli('status');
    expect(drift.status).toBe(3);
    expect(drift.stdout).toBe(
      [
        'etc/jitsi-confkit/state.yaml: 2 intent(s); last apply 2026-11-23T21:00:00Z',
        'drifted       line 4: browser firefox: unsupported',
        `              it held at the apply of 2026-11-23T21:00:00Z; usr/share/jitsi-meet/interface_config.js last changed ${ctime(INTERFACE)}`,
        "              apply would: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)",
        '              --- a/usr/share/jitsi-meet/interface_config.js',
        '              +++ b/usr/share/jitsi-meet/interface_config.js',
        '              @@ -100 +100 @@',
        "              -    OPTIMAL_BROWSERS: [ 'chrome', 'chromium', 'firefox', 'electron', 'safari', 'webkit' ],",
        "              +    OPTIMAL_BROWSERS: [ 'chrome', 'chromium', 'electron', 'safari', 'webkit' ],",
        '              @@ -142 +142 @@',
        '              -    UNSUPPORTED_BROWSERS: [],',
        "              +    UNSUPPORTED_BROWSERS: [ 'firefox' ],",
        'holds         line 7: secure-domain meet.example.com',
        '1 hold(s), 1 drifted, 0 cannot be applied. 1 intent(s) no longer hold: "jitsi-confkit apply" makes them hold again.',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await cli('status', '--json')).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ state: 'etc/jitsi-confkit/state.yaml', host: 'meet.example.com', lastApply: '2026-11-23T21:00:00Z', holds: 1, drifted: 1, cannotApply: 0 });
    expect((json.intents as object[])[0]).toEqual({
      line: 4,
      summary: 'browser firefox: unsupported',
      intent: { kind: 'browser', browser: 'firefox', list: 'unsupported' },
      status: 'drifted',
      heldAt: '2026-11-23T21:00:00Z',
      files: [
        {
          kind: 'interfaceConfig',
          path: INTERFACE,
          changedAt: ctime(INTERFACE),
          action: "move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)",
          diff: expect.stringMatching(
            /^--- a\/usr\/share\/jitsi-meet\/interface_config\.js\n\+\+\+ b\/usr\/share\/jitsi-meet\/interface_config\.js\n@@ -100 \+100 @@\n/,
          ) as unknown,
        },
      ],
    });
    expect((await cli('apply')).status).toBe(0);
    expect((await cli('status')).status).toBe(0);
  });

  it('no state file: exit 0; a state file that does not read: exit 1 with its line and column', async () => {
    expect(await cli('status')).toEqual({ status: 0, stdout: 'No state file at etc/jitsi-confkit/state.yaml: no intent is recorded, nothing can drift.\n', stderr: '' });
    writeState('version: 1\nintents:\n  - kind: browser\n    browser: firefox\n    list: sideways\n');
    const result = await cli('status', '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'E_VALIDATION', file: 'etc/jitsi-confkit/state.yaml', line: 5, column: 11 } });
  });
});

describe('with real processes: the writer lock', () => {
  beforeAll(() => requireBuiltCli());

  it('apply waits for a run holding the lock of a file (E_LOCKED past --lock-timeout); status reads without a lock', async () => {
    writeState();
    const holder = start(['browsers', 'move', 'firefox', '--to', 'unsupported', '--save', '--root', '.'], { cwd: root, hold: 'locked' });
    try {
      await stopped(holder);
      const locked = await cli('apply', '--lock-timeout', '0', '--json');
      expect(locked.status).toBe(1);
      expect(JSON.parse(locked.stdout)).toMatchObject({ error: { code: 'E_LOCKED' } });
      // status takes no lock: it answers while the other run holds them.
      expect((await cli('status')).status).toBe(3);
    } finally {
      holder.child.kill('SIGCONT');
    }
    const done = await holder.done;
    expect(done.status).toBe(0);
    expect((await cli('apply')).status).toBe(0);
  });

  it('two --save runs at once, both creating the state file: one waits for the other, and both intents are recorded', async () => {
    const first = start(['browsers', 'move', 'firefox', '--to', 'unsupported', '--save', '--root', '.'], { cwd: root, hold: 'locked' });
    await stopped(first);
    const second = start(['set', 'etc/jitsi/meet/meet.example.com-config.js', 'p2p.enabled', 'false', '--save', '--root', '.'], { cwd: root });
    // The second waits for the lock of the state file the first will create (it says so), then goes on.
    await said(second.child, /waiting for pid \d+, "browsers move", since \S+ to finish with etc\/jitsi-confkit\/state\.yaml/);
    first.child.kill('SIGCONT');
    const [a, b] = await Promise.all([first.done, second.done]);
    expect([a.status, b.status]).toEqual([0, 0]);
    expect(read('etc/jitsi-confkit/state.yaml')).toBe(
      '# The desired state of this Jitsi Meet server, kept by jitsi-confkit: `jitsi-confkit apply`\n' +
        '# makes the files say this again (after an upgrade, say); `jitsi-confkit status` reports drift.\n' +
        'version: 1\nhost: meet.example.com\nintents:\n  - kind: browser\n    browser: firefox\n    list: unsupported\n' +
        '  - kind: set\n    file: config.js\n    path: p2p.enabled\n    value: false\n',
    );
  });
});
