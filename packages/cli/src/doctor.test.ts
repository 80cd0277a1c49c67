/**
 * `jitsi-confkit doctor [--fix]` over whole server trees in a temp dir: the doctor's own Debian 12
 * (Prosody 0.12) and Debian 13 (Prosody 13) deployments (fixtures/doctor) with Debian's module
 * files laid out as the packages install them and Prosody's version file, and the bundled example
 * tree. The report (exit 1 on an error), --fix --dry-run (diffs, nothing written), --fix (every
 * file written or none; the correct tree back byte for byte), the version read under the root,
 * and a file that does not parse (nothing written). In-process (sources, not the bundle).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/corpus.js';
import { run } from './index.js';
import type { DoctorOutcome } from './commands/doctor.js';
import { recorder } from './test-support/io.js';
import { snapshot } from './test-support/trees.js';

type Server = 'debian12' | 'debian13';
const VERSION: Record<Server, string> = { debian12: '0.12.3', debian13: '13.0.1' };
const HOST_FILE = 'etc/prosody/conf.avail/meet.example.com.cfg.lua';
const MAIN = 'etc/prosody/prosody.cfg.lua';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A listing of fixtures/doctor/modules laid out under `dir` of the tree, as empty files. */
function install(root: string, listing: string, dir: string): void {
  for (const rel of readFileSync(join(repoRoot, 'fixtures/doctor/modules', listing), 'utf8').split('\n')) {
    if (rel === '') continue;
    mkdirSync(dirname(join(root, dir, rel)), { recursive: true });
    writeFileSync(join(root, dir, rel), '');
  }
}

/** The server's tree: its config files, Prosody's and Jitsi's modules, and how its Prosody says its version. */
function serverTree(server: Server, version: 'file' | 'dpkg' | 'none' = 'file'): string {
  const root = mkdtempSync(join(tmpdir(), `confkit-doctor-${server}-`));
  roots.push(root);
  cpSync(join(repoRoot, 'fixtures/doctor', server), root, { recursive: true, verbatimSymlinks: true });
  install(root, `prosody-${VERSION[server]}.txt`, 'usr/lib/prosody/modules');
  install(root, 'jitsi-meet-prosody-2026.txt', 'usr/share/jitsi-meet/prosody-plugins');
  if (version === 'file') writeFileSync(join(root, 'usr/lib/prosody/prosody.version'), `${VERSION[server]}\n`);
  if (version === 'dpkg') {
    mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
    const stanza = (pkg: string, v: string, status = 'install ok installed') => `Package: ${pkg}\nStatus: ${status}\nArchitecture: amd64\nVersion: ${v}\n`;
    writeFileSync(
      join(root, 'var/lib/dpkg/status'),
      [stanza('prosody-modules', '0.0~hg20240101-1'), stanza('prosody', `${VERSION[server]}-1+deb13u1`), stanza('lua5.4', '5.4.7-1')].join('\n'),
    );
  }
  return root;
}

function edit(root: string, rel: string, from: string, to: string): void {
  const text = readFileSync(join(root, rel), 'latin1');
  expect(text.includes(from), `${rel} holds ${JSON.stringify(from)}`).toBe(true);
  writeFileSync(join(root, rel), text.replace(from, to), 'latin1');
}

async function doctor(root: string, ...args: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = recorder({ cwd: root });
  const status = await run(['doctor', '--root', '.', ...args], io);
  return { status, out: io.out, err: io.err };
}

async function json(root: string, ...args: string[]): Promise<{ status: number; outcome: DoctorOutcome }> {
  const { status, out } = await doctor(root, ...args, '--json');
  return { status, outcome: JSON.parse(out) as DoctorOutcome };
}

/** Three breaks at once: a removed Jitsi module enabled, daemonize in the main config, and (on 13) the room owners setting gone. */
function breakServer(root: string, server: Server): void {
  edit(root, HOST_FILE, '        "conference_duration";\n', '        "conference_duration";\n        "speakerstats";\n');
  edit(root, MAIN, 'pidfile = "/run/prosody/prosody.pid";\n', 'pidfile = "/run/prosody/prosody.pid";\ndaemonize = true\n');
  if (server === 'debian13') edit(root, HOST_FILE, 'component_admins_as_room_owners = true\n', '');
}

describe.each(['debian12', 'debian13'] as const)('doctor on a %s server tree', (server) => {
  it('a correct server: no finding, exit 0, the version read from Prosody’s own file', async () => {
    const root = serverTree(server);
    const { status, out, err } = await doctor(root);
    expect([status, out, err]).toEqual([0, `No problems found for meet.example.com (Prosody ${VERSION[server]}).\n`, '']);
    const { outcome } = await json(root);
    expect([outcome.findings, outcome.notes, outcome.prosodyVersion, outcome.changed]).toEqual([[], [], VERSION[server], false]);
  });

  it('the version from dpkg’s status when Prosody has no version file; none: the version checks are left out, with a note', async () => {
    const dpkg = serverTree(server, 'dpkg');
    expect((await json(dpkg)).outcome.prosodyVersion).toBe(VERSION[server]);
    const none = serverTree(server, 'none');
    const { outcome } = await json(none);
    expect(outcome.prosodyVersion).toBeNull();
    expect(outcome.notes).toEqual([
      'The checks of one Prosody version were left out (Prosody 13’s changes, Prosody 13 syntax under 0.12): the installed Prosody’s version is not known',
    ]);
    // --prosody-version says it instead.
    expect((await json(none, '--prosody-version', VERSION[server])).outcome.notes).toEqual([]);
  });

  it('a broken server: each finding with its file:line, why and fix; exit 1', async () => {
    const root = serverTree(server);
    breakServer(root, server);
    const { status, outcome } = await json(root);
    expect(status).toBe(1);
    const at = (f: DoctorOutcome['findings'][number]) => [f.severity, f.code, f.path, f.line ?? null, f.fixable];
    // (on 13, a line less: the room owners setting above it is gone)
    const removed = ['error', 'module-removed', HOST_FILE, server === 'debian12' ? 32 : 36, true];
    const daemonize = ['warning', 'deprecated-option', MAIN, server === 'debian12' ? 21 : 27, true];
    const owners = ['error', 'component-admins-not-owners', HOST_FILE, null, true];
    expect(outcome.findings.map(at)).toEqual(server === 'debian12' ? [removed, daemonize] : [removed, owners, daemonize]);
    const { out } = await doctor(root);
    expect(out).toContain(
      `${HOST_FILE}:${removed[3]}: error module-removed: VirtualHost "meet.example.com"'s modules_enabled enables "speakerstats", which Jitsi removed: it is in no plugin path here\n  why: mod_speakerstats is a deprecated stub`,
    );
    expect(out).toContain('  fix: Remove "speakerstats" from modules_enabled [--fix]\n');
    expect(
      out.endsWith(
        `${server === 'debian12' ? 1 : 2} error(s), 1 warning(s) for meet.example.com (Prosody ${VERSION[server]}); ${server === 'debian12' ? 2 : 3} fixable with --fix.\n`,
      ),
    ).toBe(true);
  });

  it('--fix --dry-run shows the diffs and writes nothing; --fix writes them; a second --fix has nothing to change', async () => {
    const correct = snapshot(serverTree(server));
    const root = serverTree(server);
    breakServer(root, server);
    const broken = snapshot(root);
    const dry = await json(root, '--fix', '--dry-run');
    expect([dry.status, dry.outcome.changed, dry.outcome.dryRun, dry.outcome.findings]).toEqual([0, true, true, []]);
    expect(dry.outcome.diffs.map((d) => d.path).sort()).toEqual([HOST_FILE, MAIN]);
    expect(dry.outcome.diffs.find((d) => d.path === HOST_FILE)!.diff).toContain('-        "speakerstats";\n');
    expect(snapshot(root)).toEqual(broken);
    const { status, out } = await doctor(root, '--fix');
    expect(status).toBe(0);
    expect(out).toContain(`wrote ${HOST_FILE}\nwrote ${MAIN}\n`);
    const after = snapshot(root);
    // Every byte as in the correct server, but for the room owners setting, which goes after admins.
    if (server === 'debian12') expect(after).toEqual(correct);
    else {
      expect({ ...after, [HOST_FILE]: undefined }).toEqual({ ...correct, [HOST_FILE]: undefined });
      expect(after[HOST_FILE]!.content).toContain('}\ncomponent_admins_as_room_owners = true\n');
    }
    const again = await doctor(root, '--fix');
    expect([again.status, again.out]).toEqual([0, `Nothing to change.\nNo problems found for meet.example.com (Prosody ${VERSION[server]}).\n`]);
  });

  it('the Include line lost: --fix adds it back to the main config', async () => {
    const root = serverTree(server);
    edit(root, MAIN, 'Include "conf.d/*.cfg.lua"\n', '');
    const { status, outcome } = await json(root);
    expect([status, outcome.findings.map((f) => [f.code, f.path])]).toEqual([1, [['include-missing', MAIN]]]);
    expect((await doctor(root, '--fix')).status).toBe(0);
    expect(readFileSync(join(root, MAIN), 'latin1').endsWith('Include "conf.d/*.cfg.lua"\n')).toBe(true);
    expect((await json(root)).outcome.findings).toEqual([]);
  });

  it('a file that does not parse: exit 1 with its position, nothing written', async () => {
    const root = serverTree(server);
    breakServer(root, server);
    edit(root, 'etc/prosody/conf.avail/localhost.cfg.lua', 'VirtualHost "localhost"', 'VirtualHost "localhost" = {');
    const before = snapshot(root);
    const { status, out, err } = await doctor(root, '--fix');
    expect([status, out]).toEqual([1, '']);
    expect(err).toMatch(/^jitsi-confkit: etc\/prosody\/conf\.avail\/localhost\.cfg\.lua:\d+:\d+: /);
    expect(snapshot(root)).toEqual(before);
  });
});

describe('doctor on the bundled example tree (no main config, no Prosody installed)', () => {
  it('reports check’s findings and its own, and says what it could not check', async () => {
    const root = mkdtempSync(join(tmpdir(), 'confkit-doctor-example-'));
    roots.push(root);
    cpSync(join(repoRoot, 'examples/debian-tree'), root, { recursive: true, verbatimSymlinks: true });
    const { status, outcome } = await json(root);
    expect(status).toBe(0);
    expect(outcome.findings.map((f) => [f.severity, f.code, f.path, f.line])).toEqual([['warning', 'deprecated-option', HOST_FILE, 16]]);
    expect(outcome.notes).toEqual([
      'The Include check was left out: Prosody’s main config (prosody.cfg.lua) was not given',
      'The module checks were left out: /usr/lib/prosody/modules was not found (is Prosody installed there?)',
      'The checks of one Prosody version were left out (Prosody 13’s changes, Prosody 13 syntax under 0.12): the installed Prosody’s version is not known',
    ]);
    // Under 13: Jitsi's internal_hashed hosts offer OAUTHBEARER; a missing Jicofo file is check's file-missing.
    unlinkSync(join(root, 'etc/jitsi/jicofo/jicofo.conf'));
    unlinkSync(join(root, 'etc/jitsi/jicofo/sip-communicator.properties'));
    const missing = await json(root, '--prosody-version', '13');
    expect(missing.status).toBe(1);
    expect(missing.outcome.findings.map((f) => [f.code, f.path, f.line])).toEqual([
      ['file-missing', 'etc/jitsi/jicofo/jicofo.conf', undefined],
      ['deprecated-option', HOST_FILE, 16],
      ['sasl-oauthbearer', HOST_FILE, 122],
      ['sasl-oauthbearer', HOST_FILE, 130],
    ]);
  });
});
