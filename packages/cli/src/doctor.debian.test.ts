/**
 * The doctor against real Prosody 13 (the Debian stage): a Debian 13 root filesystem with Debian's
 * prosody package, its /etc/prosody replaced by the doctor's Debian 13 deployment (fixtures/doctor,
 * per-host file in conf.avail, linked from conf.d) and Jitsi's module files laid out where
 * jitsi-meet-prosody installs them. Broken in the ways upgrades break servers, Prosody 13's own
 * `prosodyctl check config` complains; `jitsi-confkit doctor --fix --root <that filesystem>`
 * (the built CLI) fixes it, and then `prosodyctl check config` passes and the doctor finds nothing.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/corpus.js';
import { Rootfs } from '../../../test/rootfs/rootfs.js';
import { runCli } from './test-support/trees.js';

const FIXTURE = join(repoRoot, 'fixtures/doctor/debian13');
const HOST_FILE = '/etc/prosody/conf.avail/meet.example.com.cfg.lua';
const MAIN = '/etc/prosody/prosody.cfg.lua';

let fs: Rootfs;

beforeAll(() => {
  fs = Rootfs.create({ suite: 'trixie', packages: ['prosody', 'lua5.4'] });
  rmSync(fs.path('/etc/prosody'), { recursive: true, force: true });
  cpSync(join(FIXTURE, 'etc/prosody'), fs.path('/etc/prosody'), { recursive: true, verbatimSymlinks: true });
  cpSync(join(FIXTURE, 'etc/jitsi'), fs.path('/etc/jitsi'), { recursive: true });
  for (const rel of readFileSync(join(repoRoot, 'fixtures/doctor/modules/jitsi-meet-prosody-2026.txt'), 'utf8').split('\n')) {
    if (rel === '') continue;
    const path = fs.path(`/usr/share/jitsi-meet/prosody-plugins/${rel}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
  }
});
afterAll(() => fs?.dispose());

function edit(inner: string, from: string, to: string): void {
  const text = readFileSync(fs.path(inner), 'latin1');
  expect(text.includes(from), `${inner} holds ${JSON.stringify(from)}`).toBe(true);
  writeFileSync(fs.path(inner), text.replace(from, to), 'latin1');
}

function checkConfig(): { status: number | null; out: string } {
  const r = fs.run(['prosodyctl', 'check', 'config']);
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('doctor --fix on Debian 13 with Prosody 13', () => {
  it('the correct deployment: prosodyctl check config passes, the doctor finds nothing', () => {
    const version = readFileSync(fs.path('/usr/lib/prosody/prosody.version'), 'utf8').trim();
    expect(version).toMatch(/^13\./);
    const check = checkConfig();
    expect(check.status, check.out).toBe(0);
    const doctor = runCli(['doctor', '--root', fs.path('/'), '--json'], { cwd: repoRoot });
    expect(doctor.status, doctor.stdout + doctor.stderr).toBe(0);
    const outcome = JSON.parse(doctor.stdout) as { findings: unknown[]; notes: string[]; prosodyVersion: string };
    expect([outcome.findings, outcome.notes, outcome.prosodyVersion]).toEqual([[], [], version]);
  });

  it('broken by an upgrade: check config complains; after doctor --fix it passes and the doctor finds nothing', () => {
    const correct = { host: readFileSync(fs.path(HOST_FILE), 'latin1'), main: readFileSync(fs.path(MAIN), 'latin1') };
    // Jitsi's template of 2024 (cross_domain_bosh), an old main config (daemonize, mod_posix), the
    // room owners setting missing, a module Jitsi removed in 2026.
    edit(HOST_FILE, 'consider_bosh_secure = true;\n', 'cross_domain_bosh = false;\nconsider_bosh_secure = true;\n');
    edit(HOST_FILE, '-- We need this for prosody 13.0\ncomponent_admins_as_room_owners = true\n\n', '');
    edit(HOST_FILE, '        "conference_duration";\n', '        "conference_duration";\n        "speakerstats";\n');
    edit(MAIN, 'pidfile = "/run/prosody/prosody.pid";\n', 'pidfile = "/run/prosody/prosody.pid";\ndaemonize = true\n');
    edit(
      MAIN,
      '		"admin_shell"; -- Allow secure administration via \'prosodyctl shell\'\n',
      '		"admin_shell"; -- Allow secure administration via \'prosodyctl shell\'\n		"posix"; -- POSIX functionality\n',
    );
    const before = checkConfig();
    expect(before.status).not.toBe(0);
    for (const said of ['cross_domain_bosh', 'daemonize', 'posix']) expect(before.out).toContain(said);

    const report = runCli(['doctor', '--root', fs.path('/'), '--json'], { cwd: repoRoot });
    expect(report.status).toBe(1);
    const codes = (JSON.parse(report.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code).sort();
    expect(codes).toEqual(['component-admins-not-owners', 'deprecated-option', 'deprecated-option', 'mod-posix-deprecated', 'module-removed']);

    const fixed = runCli(['doctor', '--fix', '--root', fs.path('/')], { cwd: repoRoot });
    expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0);
    const after = checkConfig();
    expect(after.status, after.out).toBe(0);
    // The main config is the correct one again, byte for byte; the host file too, but for the room
    // owners setting, which goes back after `admins` (its comment is not recreated).
    expect(readFileSync(fs.path(MAIN), 'latin1')).toBe(correct.main);
    expect(readFileSync(fs.path(HOST_FILE), 'latin1')).toBe(
      correct.host
        .replace('-- We need this for prosody 13.0\ncomponent_admins_as_room_owners = true\n\n', '')
        .replace('}\n\nVirtualHost "meet.example.com"', '}\ncomponent_admins_as_room_owners = true\n\nVirtualHost "meet.example.com"'),
    );
    const again = runCli(['doctor', '--root', fs.path('/'), '--json'], { cwd: repoRoot });
    expect([again.status, (JSON.parse(again.stdout) as { findings: unknown[] }).findings]).toEqual([0, []]);
  });
});
