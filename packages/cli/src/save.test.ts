/**
 * --save: the intent of an editing command recorded in the state file as one more file of the
 * same locked, all-or-nothing write (created 0600 in a 0755 directory when missing; an existing
 * one keeps its mode and owner), the undo removing it, and what is refused: a file `apply` would
 * not find, --partial, a state file for another host, a state file that does not read. On every
 * era of the corpus: the state file --save wrote makes `apply` turn the original files back into
 * exactly the files the commands wrote.
 */
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusAvailable, repoRoot } from '../../../test/support/corpus.js';
import { run } from './index.js';
import { recorder } from './test-support/io.js';
import { buildTree, ERAS, isRoot, snapshot } from './test-support/trees.js';
import type { Era, Tree } from './test-support/trees.js';
import type { FileKind } from './kinds.js';

/** Runs the CLI in process under `--root .` from `cwd`. */
async function cli(cwd: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = recorder({ cwd, env: { NO_COLOR: '1' } });
  const status = await run([...args, '--root', '.'], io);
  return { status, stdout: io.out, stderr: io.err };
}

const NOTHING_RUNS_APPLY =
  'warning: nothing on this machine runs "jitsi-confkit apply" after package upgrades yet: install the Debian package (its dpkg trigger runs it), or run "jitsi-confkit hook install --root ." (an apt hook)\n';
const LISTS_WARNING = "warning: the browser lists act in the visitor's browser, on desktop only: they are not access control, and a meeting URL parameter can override them\n";

describe.skipIf(!corpusAvailable()).each(ERAS)('$name: the state file --save writes', (era: Era) => {
  let tree: Tree;
  beforeEach(() => {
    tree = buildTree(era);
  });
  afterEach(() => tree.cleanup());

  it('makes apply turn the original files into exactly the files the commands wrote, then holds', async () => {
    const rel = (kind: FileKind): string => tree.files[kind] as string;
    const commands: string[][] = [
      ['browsers', 'move', 'firefox', '--to', 'unsupported', '--save'],
      ['secure-domain', 'enable', '--save'],
      ['set', rel('meetConfig'), 'p2p.enabled', 'false', '--save'],
      ['set', rel('prosody'), `host:${era.host}/c2s_require_encryption`, 'true', '--save'],
      ['delete', rel('interfaceConfig'), 'SHOW_JITSI_WATERMARK', '--save'],
      ...(tree.files.jicofoConf === undefined ? [] : [['set', rel('jicofoConf'), 'jicofo.conference.enable-auto-owner', 'false', '--save']]),
      ...(tree.files.sipCommunicator === undefined ? [] : [['set', rel('sipCommunicator'), 'org.jitsi.jicofo.ENABLE_AUTO_OWNER', 'false', '--save']]),
    ];
    for (const args of commands) {
      const result = await cli(tree.root, ...args);
      expect({ args, status: result.status, stderr: result.stderr.split('\n').filter((l) => l.startsWith('jitsi-confkit:')) }).toEqual({ args, status: 0, stderr: [] });
    }
    const wrote = snapshot(tree.root);
    const state = readFileSync(join(tree.root, 'etc/jitsi-confkit/state.yaml'), 'utf8');
    expect(state.match(/^ {2}- kind: /gm)).toHaveLength(commands.length);
    // An upgrade puts every file back as the packages shipped it; the state file stays.
    for (const [kind, path] of Object.entries(tree.files) as [FileKind, string][]) writeFileSync(join(tree.root, path), tree.original[kind] as string, 'latin1');
    const applied = await cli(tree.root, 'apply');
    expect([applied.status, applied.stderr]).toEqual([0, '']);
    const after = snapshot(tree.root);
    expect(after['var/lib/jitsi-confkit/last-apply.json']?.type).toBe('file');
    delete after['var/lib/jitsi-confkit/last-apply.json'];
    delete after['var/lib/jitsi-confkit'];
    delete after['var/lib'];
    delete after.var;
    for (const path of Object.keys(wrote)) expect({ path, entry: after[path] }).toEqual({ path, entry: wrote[path] });
    expect(Object.keys(after).sort()).toEqual(Object.keys(wrote).sort());
    const again = await cli(tree.root, 'apply', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ changed: false });
    expect((JSON.parse(again.stdout) as { intents: { status: string }[] }).intents.map((i) => i.status)).toEqual(commands.map(() => 'already'));
    expect((await cli(tree.root, 'status')).status).toBe(0);
  });
});

describe('--save on the example server', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'confkit-save-'));
    cpSync(join(repoRoot, 'examples/debian-tree'), root, { recursive: true, verbatimSymlinks: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const state = (): string => readFileSync(join(root, 'etc/jitsi-confkit/state.yaml'), 'utf8');
  const HEADER =
    '# The desired state of this Jitsi Meet server, kept by jitsi-confkit: `jitsi-confkit apply`\n' +
    '# makes the files say this again (after an upgrade, say); `jitsi-confkit status` reports drift.\n';

  it('records the intent in a new state file (0600, in a new 0755 directory), in the same write as the file', async () => {
    const result = await cli(root, 'browsers', 'move', 'firefox', '--to', 'unsupported', '--save');
    expect(result).toEqual({
      status: 0,
      stdout:
        "applied  usr/share/jitsi-meet/interface_config.js: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)\n" +
        'applied  etc/jitsi-confkit/state.yaml: record "browser firefox: unsupported" (line 5)\n' +
        'wrote usr/share/jitsi-meet/interface_config.js\n' +
        'created etc/jitsi-confkit/state.yaml\n',
      stderr: NOTHING_RUNS_APPLY + LISTS_WARNING,
    });
    expect(state()).toBe(`${HEADER}version: 1\nintents:\n  - kind: browser\n    browser: firefox\n    list: unsupported\n`);
    expect(statSync(join(root, 'etc/jitsi-confkit/state.yaml')).mode & 0o7777).toBe(0o600);
    expect(statSync(join(root, 'etc/jitsi-confkit')).mode & 0o7777).toBe(0o755);
    // Again: nothing changes, the intent is there.
    const again = await cli(root, 'browsers', 'move', 'firefox', '--to', 'unsupported', '--save');
    expect(again.stdout).toBe(
      "already  usr/share/jitsi-meet/interface_config.js: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)\n" +
        'already  etc/jitsi-confkit/state.yaml: "browser firefox: unsupported" is recorded (line 5)\n' +
        'Nothing to change.\n',
    );
  });

  it('the secure domain records the host; the undos remove their intents (not the opposite one)', async () => {
    expect((await cli(root, 'browsers', 'move', 'firefox', '--to', 'unsupported', '--save')).status).toBe(0);
    const enable = await cli(root, 'secure-domain', 'enable', '--save', '--auth', 'ldap2');
    expect(enable.status).toBe(0);
    expect(enable.stdout).toContain('\napplied  etc/jitsi-confkit/state.yaml: record "secure-domain meet.example.com (authentication ldap2)" (line 9)\n');
    expect(state()).toBe(
      `${HEADER}version: 1\nhost: meet.example.com\nintents:\n  - kind: browser\n    browser: firefox\n    list: unsupported\n  - kind: secure-domain\n    host: meet.example.com\n    authentication: ldap2\n`,
    );
    const disable = await cli(root, 'secure-domain', 'disable', '--save');
    expect(disable.status).toBe(0);
    expect(disable.stdout).toContain('\napplied  etc/jitsi-confkit/state.yaml: remove "secure-domain meet.example.com (authentication ldap2)" (line 9)\n');
    const optimal = await cli(root, 'browsers', 'move', 'firefox', '--to', 'optimal', '--save');
    expect(optimal.stdout).toContain('\napplied  etc/jitsi-confkit/state.yaml: remove "browser firefox: unsupported" (line 6)\n');
    expect(state()).toBe(`${HEADER}version: 1\nhost: meet.example.com\nintents:\n`);
    // Nothing left to remove: nothing changes.
    const twice = await cli(root, 'browsers', 'move', 'firefox', '--to', 'optimal', '--save');
    expect(twice.stdout).toContain('\nalready  etc/jitsi-confkit/state.yaml: no intent to remove for browser firefox\n');
    // The files are back as they were: the undos undid the edits too.
    for (const rel of ['usr/share/jitsi-meet/interface_config.js', 'etc/jitsi/meet/meet.example.com-config.js', 'etc/jitsi/jicofo/jicofo.conf']) {
      expect(readFileSync(join(root, rel), 'utf8')).toBe(readFileSync(join(repoRoot, 'examples/debian-tree', rel), 'utf8'));
    }
  });

  it('an undo with no state file changes no state: none is created, nor its directory', async () => {
    expect((await cli(root, 'secure-domain', 'enable')).status).toBe(0);
    const disable = await cli(root, 'secure-domain', 'disable', '--save');
    expect(disable.status).toBe(0);
    expect(disable.stdout).toContain('\nalready  etc/jitsi-confkit/state.yaml: no intent to remove for the secure domain\n');
    const optimal = await cli(root, 'browsers', 'move', 'firefox', '--to', 'optimal', '--save');
    expect(optimal.stdout).toBe(
      "already  usr/share/jitsi-meet/interface_config.js: move 'firefox' to OPTIMAL_BROWSERS (out of UNSUPPORTED_BROWSERS)\n" +
        'already  etc/jitsi-confkit/state.yaml: no intent to remove for browser firefox\n' +
        'Nothing to change.\n',
    );
    expect(existsSync(join(root, 'etc/jitsi-confkit'))).toBe(false);
  });

  it('set and delete record the value with the file and path apply finds it by; a Prosody path becomes scope and key', async () => {
    expect((await cli(root, 'set', 'etc/prosody/conf.d/meet.example.com.cfg.lua', 'host:meet.example.com/c2s_require_encryption', 'true', '--save')).status).toBe(0);
    expect((await cli(root, 'set', 'etc/jitsi/jicofo/sip-communicator.properties', 'org.jitsi.jicofo.BRIDGE_MUC', '20', '--save')).status).toBe(0);
    expect((await cli(root, 'delete', '/etc/jitsi/meet/meet.example.com-config.js', 'p2p', '--save')).status).toBe(0);
    expect(state()).toBe(
      `${HEADER}version: 1\nhost: meet.example.com\nintents:\n` +
        '  - kind: set\n    file: prosody\n    scope: {host: meet.example.com}\n    key: c2s_require_encryption\n    value: true\n' +
        '  - kind: set\n    file: sip-communicator.properties\n    path: org.jitsi.jicofo.BRIDGE_MUC\n    value: "20"\n' +
        '  - kind: delete\n    file: config.js\n    path: p2p\n',
    );
  });

  it('--dry-run shows the state file it would create, and writes nothing (no directory either)', async () => {
    const before = snapshot(root);
    const result = await cli(root, 'browsers', 'move', 'firefox', '--to', 'unsupported', '--save', '--dry-run');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('\n--- a/etc/jitsi-confkit/state.yaml\n+++ b/etc/jitsi-confkit/state.yaml\n@@ -0,0 +1,7 @@\n+# The desired state of this Jitsi Meet server');
    expect(result.stdout.endsWith('\nDry run: nothing written.\n')).toBe(true);
    expect(snapshot(root)).toEqual(before);
  });

  it('an existing state file keeps its mode and owner', async () => {
    mkdirSync(join(root, 'etc/jitsi-confkit'));
    writeFileSync(join(root, 'etc/jitsi-confkit/state.yaml'), '# mine\nversion: 1\n');
    chmodSync(join(root, 'etc/jitsi-confkit/state.yaml'), 0o640);
    if (isRoot) chownSync(join(root, 'etc/jitsi-confkit/state.yaml'), 0, 4321);
    expect((await cli(root, 'browsers', 'move', 'safari', '--to', 'unsupported', '--save')).status).toBe(0);
    expect(state()).toBe('# mine\nversion: 1\nintents:\n  - kind: browser\n    browser: safari\n    list: unsupported\n');
    const st = statSync(join(root, 'etc/jitsi-confkit/state.yaml'));
    expect(st.mode & 0o7777).toBe(0o640);
    if (isRoot) expect([st.uid, st.gid]).toEqual([0, 4321]);
  });

  it("with the Debian package installed (its triggers file in dpkg's database) or the apt hook, no warning that nothing runs apply", async () => {
    mkdirSync(join(root, 'var/lib/dpkg/info'), { recursive: true });
    writeFileSync(join(root, 'var/lib/dpkg/info/jitsi-confkit.triggers'), 'interest-noawait /usr/share/jitsi-meet\n');
    const result = await cli(root, 'browsers', 'move', 'firefox', '--to', 'unsupported', '--save');
    expect(result.stderr).toBe(LISTS_WARNING);
  });

  describe('refused, and nothing written', () => {
    let before: ReturnType<typeof snapshot>;
    beforeEach(() => {
      before = snapshot(root);
    });
    afterEach(() => expect(snapshot(root)).toEqual(before));

    it('a file apply would not find (a copy elsewhere): exit 2', async () => {
      cpSync(join(root, 'etc/jitsi/meet/meet.example.com-config.js'), join(root, 'custom-config.js'));
      before = snapshot(root);
      const result = await cli(root, 'set', 'custom-config.js', 'p2p.enabled', 'false', '--save');
      expect(result).toEqual({
        status: 2,
        stdout: '',
        stderr:
          'jitsi-confkit: --save records intents about the files "jitsi-confkit apply" finds in the Debian layout (here /etc/jitsi/meet/<host>-config.js under --root .); custom-config.js is not that file\n' +
          'Run "jitsi-confkit set --help" for usage.\n',
      });
    });

    it('--partial: the secure domain is applied whole by apply', async () => {
      const result = await cli(root, 'secure-domain', 'enable', '--save', '--partial');
      expect([result.status, result.stderr.split('\n')[0]]).toEqual([
        2,
        'jitsi-confkit: --save cannot go with --partial: "jitsi-confkit apply" applies the secure domain to all of its files or to none, and would refuse it on the files found here every time',
      ]);
    });

    it('a state file for another host: exit 2', async () => {
      mkdirSync(join(root, 'etc/jitsi-confkit'));
      writeFileSync(join(root, 'etc/jitsi-confkit/state.yaml'), 'version: 1\nhost: other.example.com\n');
      before = snapshot(root);
      const result = await cli(root, 'secure-domain', 'enable', '--save');
      expect([result.status, result.stderr.split('\n')[0]]).toEqual([
        2,
        'jitsi-confkit: the state file etc/jitsi-confkit/state.yaml is for other.example.com, and this command is for meet.example.com: a state file describes one deployment (name another with --state PATH)',
      ]);
    });

    it('a state file that does not read: its line and column, exit 1; the edit is not made either', async () => {
      mkdirSync(join(root, 'etc/jitsi-confkit'));
      writeFileSync(join(root, 'etc/jitsi-confkit/state.yaml'), 'version: 1\nintents:\n  - kind: browser\n    browser: fierfox\n    list: unsupported\n');
      before = snapshot(root);
      const result = await cli(root, 'browsers', 'move', 'firefox', '--to', 'unsupported', '--save', '--json');
      expect(result.status).toBe(1);
      expect(JSON.parse(result.stdout)).toEqual({
        error: {
          code: 'E_VALIDATION',
          class: 'StateValidationError',
          message: expect.stringMatching(/^intents\[0\]\.browser: unknown browser "fierfox" \(did you mean firefox\?\)/) as unknown,
          status: 1,
          file: 'etc/jitsi-confkit/state.yaml',
          line: 4,
          column: 14,
        },
      });
    });
  });

  it('without --save, an edit that goes against a recorded intent says that apply will put it back', async () => {
    expect((await cli(root, 'set', 'etc/jitsi/meet/meet.example.com-config.js', 'p2p.enabled', 'false', '--save')).status).toBe(0);
    const result = await cli(root, 'set', 'etc/jitsi/meet/meet.example.com-config.js', 'p2p.enabled', 'true');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'warning: this goes against the intent on line 6 of etc/jitsi-confkit/state.yaml (set config.js p2p.enabled = false): the next "jitsi-confkit apply" (run after package upgrades) puts it back; add --save to record the change instead, or edit the state file\n',
    );
    // An edit that agrees with the intents says nothing.
    expect((await cli(root, 'set', 'etc/jitsi/meet/meet.example.com-config.js', 'p2p.enabled', 'false')).stderr).toBe('');
  });

  it('--state names another state file (inside --root)', async () => {
    expect((await cli(root, 'browsers', 'move', 'firefox', '--to', 'unsupported', '--save', '--state', '/srv/desired.yaml')).status).toBe(0);
    expect(readFileSync(join(root, 'srv/desired.yaml'), 'utf8')).toContain('  - kind: browser\n');
    expect(existsSync(join(root, 'etc/jitsi-confkit'))).toBe(false);
  });
});
