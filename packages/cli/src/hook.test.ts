/**
 * The apt hook without the Debian package: `hook install` writes it (the installed node and
 * script, by absolute path, as the system under --root sees them; never npx's copy), idempotent,
 * replacing an older one of ours and never a file of someone else; `hook remove`; and `hook run`,
 * what the hook and the package's dpkg trigger run: quiet without a state file, else apply
 * --keep-going with every line sent to syslog through logger(1) at its priority, exit 0 always.
 * logger is a stand-in on the PATH here that records its arguments and input; the Debian stage
 * runs the real one.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/corpus.js';
import { HOOK_MARK } from './commands/hook.js';
import { run } from './index.js';
import { recorder } from './test-support/io.js';
import { snapshot } from './test-support/trees.js';

const HOOK = 'etc/apt/apt.conf.d/80jitsi-confkit';
const PROSODY = 'etc/prosody/conf.avail/meet.example.com.cfg.lua';

let root: string;
let bin: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'confkit-hook-'));
  cpSync(join(repoRoot, 'examples/debian-tree'), root, { recursive: true, verbatimSymlinks: true });
  mkdirSync(join(root, 'etc/apt/apt.conf.d'), { recursive: true });
  // The program as installed in that system by npm install -g.
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  mkdirSync(join(root, 'usr/local/lib/node_modules/jitsi-confkit/dist'), { recursive: true });
  writeFileSync(join(root, 'usr/bin/node'), '');
  writeFileSync(join(root, 'usr/local/lib/node_modules/jitsi-confkit/dist/cli.cjs'), '');
  // A logger(1) that records what it is given, first on the PATH.
  bin = mkdtempSync(join(tmpdir(), 'confkit-logger-'));
  writeFileSync(join(bin, 'logger'), `#!/bin/sh\n{ printf '%s\\n' "logger $*"; cat; } >> "${bin}/logged"\n`);
  chmodSync(join(bin, 'logger'), 0o755);
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(bin, { recursive: true, force: true });
});

const executable =
  (node = join(root, 'usr/bin/node'), script = join(root, 'usr/local/lib/node_modules/jitsi-confkit/dist/cli.cjs')) =>
  () => ({ node, script });

async function cli(args: string[], options: { executable?: () => { node: string; script: string } | undefined; path?: string } = {}) {
  const io = recorder({ cwd: root, env: { NO_COLOR: '1', PATH: options.path ?? `${bin}:${process.env.PATH ?? ''}` } });
  io.executable = options.executable ?? executable();
  const status = await run([...args, '--root', '.'], io);
  return { status, stdout: io.out, stderr: io.err };
}

const logged = (): string => (existsSync(join(bin, 'logged')) ? readFileSync(join(bin, 'logged'), 'utf8') : '');

const EXPECTED_HOOK =
  `${HOOK_MARK}\n` +
  '// After every dpkg run apt makes (install, upgrade, remove), apply the desired state\n' +
  '// (/etc/jitsi-confkit/state.yaml) again, logged to syslog with the tag jitsi-confkit.\n' +
  '// It never fails apt: when jitsi-confkit is gone, or apply cannot apply an intent, apt goes on\n' +
  '// ("jitsi-confkit status" tells what is left).\n' +
  'DPkg::Post-Invoke { "if [ -x /usr/bin/node ] && [ -f /usr/local/lib/node_modules/jitsi-confkit/dist/cli.cjs ]; then /usr/bin/node /usr/local/lib/node_modules/jitsi-confkit/dist/cli.cjs hook run || true; fi"; };\n';

describe('hook install', () => {
  it('writes the hook calling the installed node and script by their paths in that system (0644); a second run changes nothing', async () => {
    expect(await cli(['hook', 'install'])).toEqual({
      status: 0,
      stdout:
        'applied  etc/apt/apt.conf.d/80jitsi-confkit: after every dpkg run, run /usr/bin/node /usr/local/lib/node_modules/jitsi-confkit/dist/cli.cjs hook run\n' +
        'created etc/apt/apt.conf.d/80jitsi-confkit\n',
      stderr: '',
    });
    expect(readFileSync(join(root, HOOK), 'utf8')).toBe(EXPECTED_HOOK);
    expect(statSync(join(root, HOOK)).mode & 0o7777).toBe(0o644);
    const again = await cli(['hook', 'install']);
    expect([again.status, again.stdout.split('\n')[0]?.slice(0, 8), again.stdout.endsWith('Nothing to change.\n')]).toEqual([0, 'already ', true]);
  });

  it('replaces the hook of an older install (another path), shown with --dry-run first', async () => {
    writeFileSync(join(root, HOOK), EXPECTED_HOOK.replaceAll('/usr/local/lib/node_modules', '/opt/old'));
    const dry = await cli(['hook', 'install', '--dry-run']);
    expect(dry.stdout).toContain('\n--- a/etc/apt/apt.conf.d/80jitsi-confkit\n+++ b/etc/apt/apt.conf.d/80jitsi-confkit\n');
    expect(readFileSync(join(root, HOOK), 'utf8')).toContain('/opt/old');
    expect((await cli(['hook', 'install'])).stdout).toMatch(/\nwrote etc\/apt\/apt\.conf\.d\/80jitsi-confkit\n$/);
    expect(readFileSync(join(root, HOOK), 'utf8')).toBe(EXPECTED_HOOK);
  });

  describe('refused, nothing written', () => {
    let before: ReturnType<typeof snapshot>;
    beforeEach(() => {
      before = snapshot(root);
    });
    afterEach(() => expect(snapshot(root)).toEqual(before));

    it('a file of that name that it did not write', async () => {
      writeFileSync(join(root, HOOK), 'DPkg::Post-Invoke { "my-own-thing"; };\n');
      before = snapshot(root);
      for (const command of ['install', 'remove']) {
        const result = await cli(['hook', command]);
        expect([result.status, result.stderr]).toEqual([
          1,
          'jitsi-confkit: etc/apt/apt.conf.d/80jitsi-confkit exists and was not written by "jitsi-confkit hook install": it is left as it is; nothing was written\n',
        ]);
      }
    });

    it("npx's copy, which npm may remove and which dpkg cannot fetch offline", async () => {
      const result = await cli(['hook', 'install'], {
        executable: executable(join(root, 'usr/bin/node'), join(root, 'root/.npm/_npx/1a2b/node_modules/jitsi-confkit/dist/cli.cjs')),
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        /^jitsi-confkit: this jitsi-confkit runs from npx's cache \(.*\/root\/\.npm\/_npx\/1a2b\/node_modules\/jitsi-confkit\/dist\/cli\.cjs\), which npm may clear at any time/,
      );
    });

    it('under --root, a program outside the root (it would not be there when apt runs in that system)', async () => {
      const result = await cli(['hook', 'install'], { executable: executable('/usr/bin/node', join(root, 'usr/local/lib/node_modules/jitsi-confkit/dist/cli.cjs')) });
      expect([result.status, result.stderr.split('\n')[0]]).toEqual([
        2,
        'jitsi-confkit: /usr/bin/node is not inside --root .: the hook must call a jitsi-confkit installed in that system; run the one installed there (chroot DIR jitsi-confkit hook install)',
      ]);
    });

    it('a path that would need quoting in the hook', async () => {
      mkdirSync(join(root, 'opt/my tools'), { recursive: true });
      before = snapshot(root);
      const result = await cli(['hook', 'install'], { executable: executable(join(root, 'usr/bin/node'), join(root, 'opt/my tools/cli.cjs')) });
      expect([result.status, result.stderr.split('\n')[0]]).toEqual([
        2,
        'jitsi-confkit: cannot write /opt/my tools/cli.cjs into the apt hook: it has characters that would need quoting (only letters, digits and _ . / @ + - go in)',
      ]);
    });

    it('a system without apt', async () => {
      rmSync(join(root, 'etc/apt'), { recursive: true });
      before = snapshot(root);
      const result = await cli(['hook', 'install']);
      expect([result.status, result.stderr]).toEqual([
        1,
        'jitsi-confkit: no directory etc/apt/apt.conf.d: this is not a system with apt (is --root right?); nothing was written\n',
      ]);
    });
  });
});

describe('hook remove', () => {
  it('removes the hook it wrote; without one there is nothing to do', async () => {
    expect((await cli(['hook', 'install'])).status).toBe(0);
    expect(await cli(['hook', 'remove'])).toEqual({
      status: 0,
      stdout: 'applied  etc/apt/apt.conf.d/80jitsi-confkit: remove the apt hook\nremoved etc/apt/apt.conf.d/80jitsi-confkit\n',
      stderr: '',
    });
    expect(existsSync(join(root, HOOK))).toBe(false);
    expect(await cli(['hook', 'remove'])).toEqual({ status: 0, stdout: 'already  etc/apt/apt.conf.d/80jitsi-confkit: no apt hook to remove\nNothing to change.\n', stderr: '' });
  });
});

describe('hook run', () => {
  it('without a state file: nothing at all (no output, no log, exit 0)', async () => {
    expect(await cli(['hook', 'run'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(logged()).toBe('');
  });

  it('re-applies, says so on its output and in syslog: notice when it wrote, info when every intent held', async () => {
    expect((await cli(['browsers', 'move', 'firefox', '--to', 'unsupported', '--save'])).status).toBe(0);
    writeFileSync(join(root, 'usr/share/jitsi-meet/interface_config.js'), readFileSync(join(repoRoot, 'examples/debian-tree/usr/share/jitsi-meet/interface_config.js')));
    const lines = [
      'etc/jitsi-confkit/state.yaml: 1 intent(s)',
      'applied  line 5: browser firefox: unsupported',
      "  applied  usr/share/jitsi-meet/interface_config.js: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)",
      'wrote usr/share/jitsi-meet/interface_config.js',
    ];
    expect(await cli(['hook', 'run'])).toEqual({ status: 0, stdout: `${lines.join('\n')}\n`, stderr: '' });
    expect(logged()).toBe(`logger -t jitsi-confkit -p user.notice\n${lines.join('\n')}\n`);
    expect(readFileSync(join(root, 'usr/share/jitsi-meet/interface_config.js'), 'utf8')).toContain("UNSUPPORTED_BROWSERS: [ 'firefox' ],");
    rmSync(join(bin, 'logged'));
    expect((await cli(['hook', 'run'])).status).toBe(0);
    expect(logged()).toBe('logger -t jitsi-confkit -p user.info\netc/jitsi-confkit/state.yaml: 1 intent(s)\nalready  line 5: browser firefox: unsupported\nNothing to change.\n');
  });

  it('an intent that cannot be applied: the others applied, the failure logged as an error, exit 0 all the same', async () => {
    expect((await cli(['secure-domain', 'enable', '--save'])).status).toBe(0);
    expect((await cli(['browsers', 'move', 'firefox', '--to', 'unsupported', '--save'])).status).toBe(0);
    writeFileSync(join(root, 'usr/share/jitsi-meet/interface_config.js'), readFileSync(join(repoRoot, 'examples/debian-tree/usr/share/jitsi-meet/interface_config.js')));
    writeFileSync(join(root, PROSODY), readFileSync(join(root, PROSODY), 'latin1').replace('VirtualHost "meet.example.com"', 'VirtualHost "meet2.example.com"'), 'latin1');
    const result = await cli(['hook', 'run']);
    expect(result.status).toBe(0);
    // In the order printed: the intents (the one that failed as an error), what was written, then the error itself.
    const why =
      'etc/prosody/conf.avail/meet.example.com.cfg.lua: The Prosody file has no VirtualHost "meet.example.com": its VirtualHosts are meet2.example.com, guest.meet.example.com, auth.meet.example.com, recorder.meet.example.com (did you mean meet2.example.com?)';
    expect(logged()).toBe(
      [
        'logger -t jitsi-confkit -p user.notice',
        'etc/jitsi-confkit/state.yaml: 2 intent(s)',
        'logger -t jitsi-confkit -p user.err',
        `failed   line 6: secure-domain meet.example.com: ${why}`,
        'logger -t jitsi-confkit -p user.notice',
        'applied  line 8: browser firefox: unsupported',
        "  applied  usr/share/jitsi-meet/interface_config.js: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)",
        'wrote usr/share/jitsi-meet/interface_config.js',
        'logger -t jitsi-confkit -p user.err',
        `jitsi-confkit: the intent on line 6 of etc/jitsi-confkit/state.yaml (secure-domain meet.example.com) cannot be applied: ${why}`,
        'the other intents were applied; run "jitsi-confkit status" to see what holds',
        '',
      ].join('\n'),
    );
    expect((await cli(['status'])).status).toBe(4);
  });

  it('a state file that does not read: the error logged, exit 0', async () => {
    mkdirSync(join(root, 'etc/jitsi-confkit'));
    writeFileSync(join(root, 'etc/jitsi-confkit/state.yaml'), 'version: 2\n');
    const result = await cli(['hook', 'run']);
    expect(result.status).toBe(0);
    expect(logged()).toMatch(/^logger -t jitsi-confkit -p user\.err\njitsi-confkit: etc\/jitsi-confkit\/state\.yaml:1:10: version: /);
  });

  it('without logger: said on stderr, exit 0', async () => {
    expect((await cli(['browsers', 'move', 'firefox', '--to', 'unsupported', '--save'])).status).toBe(0);
    const empty = mkdtempSync(join(tmpdir(), 'confkit-nopath-'));
    try {
      const result = await cli(['hook', 'run'], { path: empty });
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(/^jitsi-confkit: could not send this to syslog with logger: spawnSync logger ENOENT\n$/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
