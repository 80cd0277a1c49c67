/**
 * Re-apply after upgrades, end to end, in clean Debian root filesystems (test/rootfs) with real
 * dpkg and apt, and fake Jitsi packages built here: jitsi-meet-web 1 and 2 ship the 2020 and the
 * 2025 interface_config.js of the corpus (read from it now, never committed), jitsi-meet-prosody
 * ships nothing jitsi-confkit edits but its postinst puts the Prosody host file's authentication
 * line back, as the real maintainer scripts do.
 *
 * - The Debian package (Debian 12 and 13): `--save` records the intents; each upgrade fires the
 *   package's dpkg trigger, whose `jitsi-confkit hook run` applies them again, after the
 *   postinst, and logs it (captured from /dev/log, where logger writes: test/rootfs/syslog-sink.cjs);
 *   a package whose postinst writes the file but that no trigger watches: status finds the drift;
 *   an upgrade that brings a file an intent cannot be applied to: nothing written, the upgrade goes
 *   through, the log and status say so.
 * - Without the Debian package (Debian 12): the CLI installed from the npm tarball as npm install -g
 *   lays it out, `hook install`, the same upgrades through the apt hook; `hook remove`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hookText } from '../packages/cli/src/commands/hook.js';
import { buildTree, ERAS } from '../packages/cli/src/test-support/trees.js';
import type { Tree } from '../packages/cli/src/test-support/trees.js';
import { readCorpus, repoRoot } from './support/corpus.js';
import { buildFakeDeb } from './rootfs/fake-deb.js';
import { DEBIAN_RELEASE, Rootfs } from './rootfs/rootfs.js';
import type { RunResult } from './rootfs/rootfs.js';

const HOST = 'meet.example.com';
const INTERFACE = '/usr/share/jitsi-meet/interface_config.js';
const PROSODY = `/etc/prosody/conf.avail/${HOST}.cfg.lua`;
const STATE = '/etc/jitsi-confkit/state.yaml';
const { version } = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')) as { version: string };
const TRIGGERED = `Processing triggers for jitsi-confkit (${version}) ...`;

/** What the Debian stage adds, in seconds, by part: reported at the end. */
const timings: [string, number][] = [];
function timed<T>(what: string, work: () => T): T {
  const started = process.hrtime.bigint();
  try {
    return work();
  } finally {
    timings.push([what, Number(process.hrtime.bigint() - started) / 1e9]);
  }
}

let tmp: string;
let tree: Tree;
let debs: Record<string, string>;
let stock2025: string;
let moved2025: string;

/** The postinst of the fake jitsi-meet-prosody (and of a local package that does the same): what the real scripts do to the host file. */
const RESET_AUTHENTICATION = [
  `HOST=${HOST}`,
  'CFG=/etc/prosody/conf.avail/$HOST.cfg.lua',
  'if [ "$1" = configure ]; then',
  '  if [ ! -f "$CFG" ]; then',
  '    mkdir -p /etc/prosody/conf.avail /etc/prosody/conf.d',
  '    cp /usr/share/jitsi-meet-prosody/prosody.cfg.lua-jvb.example "$CFG"',
  '    ln -sf "$CFG" /etc/prosody/conf.d/$HOST.cfg.lua',
  '  fi',
  '  # the marked line back to anonymous, as jitsi-meet-tokens and older jitsi-meet-prosody scripts do',
  '  sed -i \'s/^\\(\\s*authentication = \\)"[^"]*"\\( -- do not delete me\\)$/\\1"jitsi-anonymous"\\2/\' "$CFG"',
  'fi',
].join('\n');

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'confkit-reapply-'));
  tree = buildTree(ERAS.find((e) => e.name === 'debian-2025-01-stable-10008')!);
  const out = join(tmp, 'debs');
  const built = spawnSync(process.execPath, [join(repoRoot, 'packaging/debian/build-deb.mjs'), out], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build-deb.mjs: ${built.stderr}`);
  stock2025 = readCorpus('interface_config/jitsi-meet-2025-01-stable-10008.js');
  const web = (v: string, text: string) => buildFakeDeb({ name: 'jitsi-meet-web', version: v, files: { [INTERFACE]: text } }, out);
  const prosody = (v: string) =>
    buildFakeDeb(
      {
        name: 'jitsi-meet-prosody',
        version: v,
        files: { '/usr/share/jitsi-meet-prosody/prosody.cfg.lua-jvb.example': Buffer.from(tree.original.prosody!, 'latin1') },
        postinst: RESET_AUTHENTICATION,
      },
      out,
    );
  debs = {
    confkit: built.stdout.trim(),
    web1: web('1.0.4548-1', readCorpus('interface_config/jitsi-meet-2020-05-stable-4548.js')),
    web2: web('1.0.10008-1', stock2025),
    // A later upstream file that computes the list: the browser intent cannot be applied to it.
    web3: web('1.0.10009-1', stock2025.replace('    UNSUPPORTED_BROWSERS: [],', '    UNSUPPORTED_BROWSERS: defaultUnsupportedBrowsers(),')),
    prosody1: prosody('1.0.10008-1'),
    prosody2: prosody('1.0.10008-2'),
    // The same rewrite from a package jitsi-confkit's triggers do not watch.
    tweaks: buildFakeDeb({ name: 'local-jitsi-tweaks', version: '1', files: { '/usr/share/local-jitsi-tweaks/README': 'local tweaks\n' }, postinst: RESET_AUTHENTICATION }, out),
  };
  // What `browsers move firefox --to unsupported` gives on the 2025 file, run by the build on the host.
  const file = join(tmp, 'interface_config.js');
  writeFileSync(file, stock2025);
  const moved = spawnSync(process.execPath, [join(repoRoot, 'packages/cli/dist/cli.cjs'), 'browsers', 'move', 'firefox', '--to', 'unsupported', '--file', file], {
    encoding: 'utf8',
  });
  if (moved.status !== 0) throw new Error(`the host CLI: ${moved.stderr}`);
  moved2025 = readFileSync(file, 'utf8');
  expect(moved2025).not.toBe(stock2025);
}, 120_000);

afterAll(() => {
  tree?.cleanup();
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  const total = timings.reduce((sum, [, s]) => sum + s, 0);
  console.warn(`[reapply] ${timings.map(([what, s]) => `${what} ${s.toFixed(1)} s`).join('; ')}; total ${total.toFixed(1)} s`);
});

/** One syslog message as logger sent it: its priority (facility user: 13 notice, 14 info, 11 err, 12 warning) and its text. */
type Logged = [number, string];

/** A root filesystem with the fake Jitsi packages' files, the Debian-layout files of the 2025 tree, and the syslog stand-in. */
class Server {
  constructor(readonly fs: Rootfs) {}

  static create(suite: 'bookworm' | 'trixie', what: string): Server {
    const fs = timed(`${what}: root filesystem`, () => Rootfs.create({ suite }));
    const server = new Server(fs);
    mkdirSync(fs.path('/etc/jitsi/meet'), { recursive: true });
    mkdirSync(fs.path('/etc/jitsi/jicofo'), { recursive: true });
    writeFileSync(fs.path(`/etc/jitsi/meet/${HOST}-config.js`), tree.original.meetConfig!, 'latin1');
    writeFileSync(fs.path('/etc/jitsi/jicofo/jicofo.conf'), tree.original.jicofoConf!, 'latin1');
    chmodSync(fs.path('/etc/jitsi/jicofo/jicofo.conf'), 0o600);
    mkdirSync(fs.path('/var/tmp/confkit-debs'), { recursive: true });
    for (const deb of Object.values(debs)) copyFileSync(deb, fs.path(`/var/tmp/confkit-debs/${deb.split('/').pop()}`));
    copyFileSync(join(repoRoot, 'test/rootfs/syslog-sink.cjs'), fs.path('/var/tmp/syslog-sink.cjs'));
    writeFileSync(fs.path('/var/tmp/stock-interface_config.js'), stock2025);
    return server;
  }

  /** `apt-get install` of the .deb files (by their key in `debs`), with syslog captured; apt-get update first only when asked. */
  apt(keys: readonly string[], options: { update?: boolean; args?: readonly string[] } = {}): { result: RunResult; logged: Logged[] } {
    rmSync(this.fs.path('/var/tmp/syslog'), { force: true });
    const paths = keys.map((key) => `/var/tmp/confkit-debs/${debs[key]!.split('/').pop()}`);
    const install = `${options.update === true ? 'apt-get update -qq && ' : ''}apt-get install -y -q ${[...(options.args ?? []), ...paths].join(' ')}`;
    const result = timed(`apt-get install ${keys.join(' ')}`, () => this.fs.run(['node', '/var/tmp/syslog-sink.cjs', '/var/tmp/syslog', '--', 'sh', '-c', install]));
    if (result.status !== 0) throw new Error(`apt-get install ${keys.join(' ')}: ${result.status}\n${result.stdout.slice(-3000)}${result.stderr.slice(-3000)}`);
    return { result, logged: this.logged() };
  }

  /** The messages logger sent with the tag jitsi-confkit during the last apt run. */
  logged(): Logged[] {
    const path = this.fs.path('/var/tmp/syslog');
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line): Logged => {
        const m = /^<(\d+)>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d jitsi-confkit: (.*)$/.exec(line);
        if (m === null) throw new Error(`not a syslog message of jitsi-confkit: ${JSON.stringify(line)}`);
        return [Number(m[1]), m[2]!];
      });
  }

  cli(...args: string[]): RunResult {
    return this.fs.run(['jitsi-confkit', ...args], { env: { NO_COLOR: '1' } });
  }

  read(path: string): string {
    return readFileSync(this.fs.path(path), 'latin1');
  }
}

/** The main host's authentication line of the Prosody host file. */
function mainAuthentication(text: string): string {
  return /^VirtualHost "meet\.example\.com"\n\s*(authentication = .*)$/m.exec(text)?.[1] ?? '(none)';
}

const STATE_TEXT =
  '# The desired state of this Jitsi Meet server, kept by jitsi-confkit: `jitsi-confkit apply`\n' +
  '# makes the files say this again (after an upgrade, say); `jitsi-confkit status` reports drift.\n' +
  `version: 1\nhost: ${HOST}\nintents:\n  - kind: browser\n    browser: firefox\n    list: unsupported\n  - kind: secure-domain\n    host: ${HOST}\n`;

const MOVE_STEP = "  applied  /usr/share/jitsi-meet/interface_config.js: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)";
const PROSODY_STEP = `  applied  ${PROSODY}: VirtualHost "${HOST}": authentication = "internal_hashed"`;

describe.each(['bookworm', 'trixie'] as const)('the Debian package on Debian %s: dpkg triggers', (suite) => {
  let server: Server;
  let secured: string;

  beforeAll(() => {
    server = Server.create(suite, `Debian ${DEBIAN_RELEASE[suite]} (.deb)`);
    timed('apt-get install jitsi-confkit, nodejs, jitsi-meet-web 1, jitsi-meet-prosody 1', () => server.fs.aptInstall([debs.confkit!, debs.web1!, debs.prosody1!]));
  });
  afterAll(() => server?.fs.dispose());

  it('installed with jitsi-meet-web 1 and jitsi-meet-prosody 1: without a state file there is nothing to do', () => {
    expect(server.read(INTERFACE)).toBe(readCorpus('interface_config/jitsi-meet-2020-05-stable-4548.js'));
    expect(mainAuthentication(server.read(PROSODY))).toBe('authentication = "jitsi-anonymous" -- do not delete me');
    expect(server.cli('status')).toMatchObject({ status: 0, stdout: `No state file at ${STATE}: no intent is recorded, nothing can drift.\n` });
    // A trigger run now logs nothing and changes nothing.
    const { result, logged } = server.apt(['web1'], { args: ['--reinstall'] });
    expect(result.stdout).toContain(TRIGGERED);
    expect(logged).toEqual([]);
  });

  it('browsers move and secure-domain enable with --save record the intents (no warning: the trigger is there)', () => {
    const move = server.cli('browsers', 'move', 'firefox', '--to', 'unsupported', '--save');
    expect(move.status).toBe(0);
    expect(move.stdout).toContain(`\napplied  ${STATE}: record "browser firefox: unsupported" (line 5)\n`);
    expect(move.stderr).not.toContain('nothing on this machine runs');
    const enable = server.cli('secure-domain', 'enable', '--save');
    expect(enable.status).toBe(0);
    expect(server.read(STATE)).toBe(STATE_TEXT);
    secured = server.read(PROSODY);
    expect(mainAuthentication(secured)).toBe('authentication = "internal_hashed" -- do not delete me');
    expect(server.cli('status').status).toBe(0);
  });

  it('the upgrade to jitsi-meet-web 2 (the 2025 file): the trigger re-applies, Firefox is unsupported in the new file, and the log says so', () => {
    const { result, logged } = server.apt(['web2']);
    expect(result.stdout).toContain(TRIGGERED);
    expect(server.read(INTERFACE)).toBe(moved2025);
    expect(logged).toEqual([
      [13, `${STATE}: 2 intent(s)`],
      [13, 'applied  line 6: browser firefox: unsupported'],
      [13, MOVE_STEP],
      [13, `already  line 9: secure-domain ${HOST}`],
      [13, `wrote ${INTERFACE}`],
    ]);
    expect(server.cli('status').status).toBe(0);
  });

  it('the upgrade to jitsi-meet-prosody 2: its postinst puts the authentication line back, and the trigger (on its doc folder) runs after it and re-applies', () => {
    const { result, logged } = server.apt(['prosody2']);
    expect(result.stdout).toContain(TRIGGERED);
    expect(server.read(PROSODY)).toBe(secured);
    expect(logged.map(([priority, text]) => [priority, text.startsWith(PROSODY_STEP) ? PROSODY_STEP : text])).toEqual([
      [13, `${STATE}: 2 intent(s)`],
      [13, 'already  line 6: browser firefox: unsupported'],
      [13, `applied  line 9: secure-domain ${HOST}`],
      [13, PROSODY_STEP],
      // sip-communicator.properties is looked for too (it would override jicofo.conf): not there.
      [13, '  skipped  sip-communicator.properties: org.jitsi.jicofo.auth.URL=XMPP:meet.example.com (not found: /etc/jitsi/jicofo/sip-communicator.properties)'],
      [13, `wrote ${PROSODY}`],
      [13, 'Left to do:'],
      [13, `  - Register each user who may open rooms: sudo prosodyctl register <user> ${HOST} <password>`],
      [13, '  - Restart the services: systemctl restart prosody jicofo jitsi-videobridge2'],
    ]);
  });

  it('a package no trigger watches whose postinst rewrites the file: no trigger; status finds the drift (exit 3), apply puts it back', () => {
    const { result, logged } = server.apt(['tweaks']);
    expect(result.stdout).not.toContain(TRIGGERED);
    expect(logged).toEqual([]);
    expect(mainAuthentication(server.read(PROSODY))).toBe('authentication = "jitsi-anonymous" -- do not delete me');
    const status = server.cli('status', '--json');
    expect(status.status).toBe(3);
    const report = JSON.parse(status.stdout) as { intents: { status: string; files: { path: string; changedAt: string }[] }[] };
    expect(report.intents.map((i) => [i.status, i.files.map((f) => f.path)])).toEqual([
      ['holds', []],
      ['drifted', [PROSODY]],
    ]);
    expect(server.cli('apply').status).toBe(0);
    expect(server.read(PROSODY)).toBe(secured);
    expect(server.cli('status').status).toBe(0);
  });

  it('status before and after a manual revert (drift, exit 3) and after apply (exit 0)', () => {
    expect(server.cli('status').status).toBe(0);
    server.fs.mustRun(['cp', '/var/tmp/stock-interface_config.js', INTERFACE]);
    const drift = server.cli('status');
    expect(drift.status).toBe(3);
    expect(drift.stdout).toContain(`\ndrifted       line 6: browser firefox: unsupported\n`);
    expect(server.cli('apply').status).toBe(0);
    expect(server.read(INTERFACE)).toBe(moved2025);
    expect(server.cli('status').status).toBe(0);
  });

  it('an upgrade that brings a file the intent cannot be applied to: nothing written, the upgrade goes through, the log and status say so', () => {
    const { result, logged } = server.apt(['web3']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(TRIGGERED);
    expect(server.read(INTERFACE)).toBe(stock2025.replace('    UNSUPPORTED_BROWSERS: [],', '    UNSUPPORTED_BROWSERS: defaultUnsupportedBrowsers(),'));
    const why = `${INTERFACE}:142:27: Cannot read UNSUPPORTED_BROWSERS: interfaceConfig.UNSUPPORTED_BROWSERS is a function call, not a literal value; edit it by hand`;
    expect(logged.filter(([priority]) => priority === 11).map(([, text]) => text)).toEqual([
      `failed   line 6: browser firefox: unsupported: ${why}`,
      `jitsi-confkit: the intent on line 6 of ${STATE} (browser firefox: unsupported) cannot be applied: ${why}`,
      'the other intents were applied; run "jitsi-confkit status" to see what holds',
    ]);
    const packages = server.fs.mustRun(['dpkg-query', '--show', '--showformat', '${Package} ${Version} ${db:Status-Status}\\n', 'jitsi-meet-web', 'jitsi-confkit']).stdout;
    expect(packages.trim().split('\n').sort()).toEqual([`jitsi-confkit ${version} installed`, 'jitsi-meet-web 1.0.10009-1 installed']);
    expect(server.cli('status').status).toBe(4);
  });

  it("purge removes the record of the last apply and keeps the state file, the admin's", () => {
    expect(existsSync(server.fs.path('/var/lib/jitsi-confkit/last-apply.json'))).toBe(true);
    server.fs.mustRun(['apt-get', 'purge', '-y', '-q', 'jitsi-confkit']);
    expect(existsSync(server.fs.path('/var/lib/jitsi-confkit'))).toBe(false);
    expect(server.read(STATE)).toBe(STATE_TEXT);
  });
});

describe('without the Debian package, on Debian 12: the apt hook', () => {
  let server: Server;
  let secured: string;
  const SCRIPT = '/usr/local/lib/node_modules/jitsi-confkit/dist/cli.cjs';
  const HOOK = '/etc/apt/apt.conf.d/80jitsi-confkit';

  beforeAll(() => {
    server = Server.create('bookworm', 'Debian 12 (npm tarball)');
    timed('apt-get install nodejs, jitsi-meet-web 1, jitsi-meet-prosody 1', () => server.fs.aptInstall(['nodejs', debs.web1!, debs.prosody1!], { recommends: false }));
    // The tarball of the project's own packing script, laid out as npm install -g does (the CLI has no dependencies).
    const packed = join(tmp, 'npm');
    const pack = spawnSync('sh', [join(repoRoot, 'packaging/pack.sh'), packed], { cwd: repoRoot, encoding: 'utf8' });
    if (pack.status !== 0) throw new Error(`pack.sh: ${pack.stderr}`);
    const tarball = readdirSync(packed).find((f) => f === `jitsi-confkit-${version}.tgz`)!;
    copyFileSync(join(packed, tarball), server.fs.path(`/var/tmp/${tarball}`));
    server.fs.mustRun([
      'sh',
      '-ec',
      `mkdir -p /usr/local/lib/node_modules/jitsi-confkit && tar -xzf /var/tmp/${tarball} --strip-components=1 -C /usr/local/lib/node_modules/jitsi-confkit && ln -s ../lib/node_modules/jitsi-confkit/dist/cli.cjs /usr/local/bin/jitsi-confkit`,
    ]);
  });
  afterAll(() => server?.fs.dispose());

  it('hook install writes the hook with the installed node and script, and apt reads it', () => {
    const install = server.cli('hook', 'install');
    expect(install).toMatchObject({ status: 0, stdout: `applied  ${HOOK}: after every dpkg run, run /usr/bin/node ${SCRIPT} hook run\ncreated ${HOOK}\n` });
    expect(server.read(HOOK)).toBe(hookText('/usr/bin/node', SCRIPT));
    expect(server.fs.mustRun(['apt-config', 'dump', 'DPkg::Post-Invoke']).stdout).toContain(
      `DPkg::Post-Invoke:: "if [ -x /usr/bin/node ] && [ -f ${SCRIPT} ]; then /usr/bin/node ${SCRIPT} hook run || true; fi";`,
    );
    expect(server.cli('hook', 'install').stdout).toContain('Nothing to change.');
  });

  it('--save, then both upgrades in one apt run: the hook re-applies after dpkg, and the log says so', () => {
    expect(server.cli('browsers', 'move', 'firefox', '--to', 'unsupported', '--save').status).toBe(0);
    expect(server.cli('secure-domain', 'enable', '--save').status).toBe(0);
    expect(server.read(STATE)).toBe(STATE_TEXT);
    secured = server.read(PROSODY);
    const { logged } = server.apt(['web2', 'prosody2']);
    expect(server.read(INTERFACE)).toBe(moved2025);
    expect(server.read(PROSODY)).toBe(secured);
    const texts = logged.map(([, text]) => text);
    expect(texts).toContain('applied  line 6: browser firefox: unsupported');
    expect(texts).toContain(`applied  line 9: secure-domain ${HOST}`);
    expect(texts).toContain(`wrote ${INTERFACE}`);
    expect(texts).toContain(`wrote ${PROSODY}`);
    expect(logged.every(([priority]) => priority === 13 || priority === 14)).toBe(true);
    expect(server.cli('status').status).toBe(0);
  });

  it('a package no trigger would see: the hook runs after every dpkg run, so it is re-applied too', () => {
    const { logged } = server.apt(['tweaks']);
    expect(logged.map(([, text]) => text)).toContain(`applied  line 9: secure-domain ${HOST}`);
    expect(server.read(PROSODY)).toBe(secured);
  });

  it('hook remove: the hook is gone, apt no longer runs it, and status shows what the next upgrade undoes', () => {
    expect(server.cli('hook', 'remove')).toMatchObject({ status: 0, stdout: `applied  ${HOOK}: remove the apt hook\nremoved ${HOOK}\n` });
    expect(existsSync(server.fs.path(HOOK))).toBe(false);
    expect(server.fs.mustRun(['apt-config', 'dump', 'DPkg::Post-Invoke']).stdout).not.toContain('jitsi-confkit');
    const { logged } = server.apt(['web2'], { args: ['--reinstall'] });
    expect(logged).toEqual([]);
    expect(server.read(INTERFACE)).toBe(stock2025);
    expect(server.cli('status').status).toBe(3);
  });
});
