/**
 * Each doctor finding, shown by breaking a correct deployment in one place (fixtures/doctor: a
 * Jitsi server on Debian 12 with Prosody 0.12, one on Debian 13 with Prosody 13), on each server
 * where it applies: the doctor reports exactly that finding (its code, severity, file and line, its
 * words and edits: a golden report), and fixDeployment makes it go away and changes nothing else:
 * the correct deployment comes back byte for byte, or, where the fix cannot know the original
 * place, the change is exactly the golden diff. Fixing its own output changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '@jitsi-confkit/core';
import { doctor, fixDeployment, type DoctorFiles, type DoctorFinding } from '@jitsi-confkit/recipes';
import { expectGoldenFile } from '../../../test/support/golden.js';
import { serverFiles, serverOptions, type Server } from './test-support/doctor.js';

type FileKey = 'prosody' | 'prosodyMain' | 'meetConfig' | 'jicofoConf';

interface Break {
  name: string;
  servers: readonly Server[];
  file: FileKey;
  /** The break: text replaced in the file (each must be found). */
  replace: readonly [string, string][];
  /** Module files the server has besides those of the fixture. */
  extraModules?: readonly string[];
  prosodyVersion?: string;
  expect: Expected;
  /** Where a server's finding or fix differs (another file holds the setting to fix, the list is built by appends). */
  on?: Partial<Record<Server, Partial<Expected> & { fixed?: Break['fixed'] }>>;
  /** `original`: the fix gives the correct deployment back byte for byte; `diff`: a golden diff; `remains`: no automatic fix. */
  fixed: 'original' | 'diff' | 'remains';
}

type Expected = Pick<DoctorFinding, 'code' | 'severity' | 'file'> & { line?: number };

const BOTH = ['debian12', 'debian13'] as const;
const AFTER_DURATION: [string, string] = ['        "conference_duration";\n', '        "conference_duration";\n        "speakerstats";\n'];

const BREAKS: Break[] = [
  {
    name: 'a module Jitsi removed (speakerstats), gone from the server',
    servers: BOTH,
    file: 'prosody',
    replace: [AFTER_DURATION],
    expect: { code: 'module-removed', severity: 'error', file: 'prosody', line: 32 },
    on: { debian13: { line: 37 } },
    fixed: 'original',
  },
  {
    name: 'a module Jitsi removed, still on a server not yet upgraded',
    servers: BOTH,
    file: 'prosody',
    replace: [AFTER_DURATION],
    extraModules: ['/usr/share/jitsi-meet/prosody-plugins/mod_speakerstats.lua'],
    expect: { code: 'module-deprecated', severity: 'warning', file: 'prosody', line: 32 },
    on: { debian13: { line: 37 } },
    fixed: 'original',
  },
  {
    name: 'the conference duration component Jitsi removed',
    servers: BOTH,
    file: 'prosody',
    replace: [
      [
        '    main_muc = "conference.meet.example.com"\n',
        '    main_muc = "conference.meet.example.com"\n    conference_duration_component = "conferenceduration.meet.example.com"\n',
      ],
      [
        'Component "focus.meet.example.com"',
        'Component "conferenceduration.meet.example.com" "conference_duration_component"\n    muc_component = "conference.meet.example.com"\n\nComponent "focus.meet.example.com"',
      ],
    ],
    expect: { code: 'module-removed', severity: 'error', file: 'prosody', line: 71 },
    on: { debian13: { line: 99 } },
    fixed: 'original',
  },
  {
    name: 'a module in no plugin path',
    servers: BOTH,
    file: 'prosody',
    replace: [['        "features_identity";\n', '        "features_identity";\n        "turncredentials";\n']],
    expect: { code: 'module-not-found', severity: 'error', file: 'prosody', line: 31 },
    on: { debian13: { line: 36 } },
    fixed: 'original',
  },
  {
    name: 'a module written with its mod_ prefix',
    servers: BOTH,
    file: 'prosody',
    replace: [['"ping"; -- Enable mod_ping', '"mod_ping"; -- Enable mod_ping']],
    expect: { code: 'module-prefix', severity: 'warning', file: 'prosody', line: 28 },
    // Renamed in place; in Debian 13's host file the list is built by appends: out, and in at its end.
    on: { debian13: { line: 33, fixed: 'diff' } },
    fixed: 'original',
  },
  {
    name: 'an authentication provider in modules_enabled',
    servers: BOTH,
    file: 'prosody',
    replace: [['        "bosh";\n', '        "bosh";\n        "auth_cyrus";\n']],
    expect: { code: 'auth-module-enabled', severity: 'warning', file: 'prosody', line: 26 },
    on: { debian13: { line: 31 } },
    fixed: 'original',
  },
  {
    name: 'plugin_paths without Jitsi’s modules',
    servers: BOTH,
    file: 'prosody',
    replace: [['plugin_paths = {', '-- plugin_paths = {']],
    expect: { code: 'plugin-path-missing', severity: 'error', file: 'prosody' },
    // Debian 13's main config sets plugin_paths last: Jitsi's folder goes there.
    on: { debian13: { file: 'prosodyMain', line: 10 } },
    fixed: 'diff',
  },
  {
    name: 'the Include line lost (Prosody upgraded from prosody.im)',
    servers: BOTH,
    file: 'prosodyMain',
    replace: [['Include "conf.d/*.cfg.lua"\n', '']],
    expect: { code: 'include-missing', severity: 'error', file: 'prosodyMain' },
    fixed: 'diff',
  },
  {
    name: 'cross_domain_bosh, still in Jitsi’s template',
    servers: BOTH,
    file: 'prosody',
    replace: [['consider_bosh_secure = true;\n', 'cross_domain_bosh = false;\nconsider_bosh_secure = true;\n']],
    expect: { code: 'deprecated-option', severity: 'warning', file: 'prosody', line: 15 },
    fixed: 'original',
  },
  {
    name: 'daemonize in the main config',
    servers: BOTH,
    file: 'prosodyMain',
    replace: [['pidfile = "/run/prosody/prosody.pid";\n', 'pidfile = "/run/prosody/prosody.pid";\ndaemonize = true\n']],
    expect: { code: 'deprecated-option', severity: 'warning', file: 'prosodyMain', line: 21 },
    on: { debian13: { line: 27 } },
    fixed: 'original',
  },
  {
    name: 'mod_posix on Prosody 13',
    servers: ['debian13'],
    file: 'prosodyMain',
    replace: [
      [
        '		"admin_shell"; -- Allow secure administration via \'prosodyctl shell\'\n',
        '		"admin_shell"; -- Allow secure administration via \'prosodyctl shell\'\n		"posix"; -- POSIX functionality\n',
      ],
    ],
    expect: { code: 'mod-posix-deprecated', severity: 'warning', file: 'prosodyMain', line: 20 },
    fixed: 'original',
  },
  {
    name: 'component_admins_as_room_owners missing on Prosody 13',
    servers: ['debian13'],
    file: 'prosody',
    replace: [['-- We need this for prosody 13.0\ncomponent_admins_as_room_owners = true\n\n', '']],
    expect: { code: 'component-admins-not-owners', severity: 'error', file: 'prosody' },
    fixed: 'diff',
  },
  {
    name: 'OAUTHBEARER offered on the internal_hashed auth host (Prosody 13)',
    servers: ['debian13'],
    file: 'prosody',
    replace: [['    authentication = "internal_hashed"\n    disable_sasl_mechanisms = { "DIGEST-MD5", "OAUTHBEARER" }\n', '    authentication = "internal_hashed"\n']],
    expect: { code: 'sasl-oauthbearer', severity: 'warning', file: 'prosody', line: 90 },
    fixed: 'diff',
  },
  {
    name: 'a component named with "_" on Prosody 13.0.3 and later',
    servers: ['debian13'],
    file: 'prosody',
    replace: [['Component "polls.meet.example.com"', 'Component "polls_x.meet.example.com"']],
    prosodyVersion: '13.0.4',
    expect: { code: 'host-underscore', severity: 'error', file: 'prosody', line: 121 },
    fixed: 'remains',
  },
  {
    name: 'Prosody 13 syntax on a server that runs 0.12',
    servers: ['debian12'],
    file: 'prosody',
    replace: [['        "muc_lobby_rooms";\n        "muc_breakout_rooms";\n    }\n', '    }\n    modules_enabled:append { "muc_lobby_rooms", "muc_breakout_rooms" }\n']],
    expect: { code: 'prosody13-syntax', severity: 'error', file: 'prosody', line: 33 },
    fixed: 'original',
  },
  {
    name: 'config.js sends guests elsewhere (check)',
    servers: ['debian13'],
    file: 'meetConfig',
    replace: [["anonymousdomain: 'guest.meet.example.com'", "anonymousdomain: 'guest.example.com'"]],
    expect: { code: 'anonymousdomain-mismatch', severity: 'error', file: 'meetConfig', line: 7 },
    fixed: 'original',
  },
  {
    name: 'the guest host requires encryption (check)',
    servers: ['debian13'],
    file: 'prosody',
    replace: [['    authentication = "jitsi-anonymous"\n    c2s_require_encryption = false\n', '    authentication = "jitsi-anonymous"\n']],
    expect: { code: 'guest-requires-encryption', severity: 'warning', file: 'prosody', line: 50 },
    fixed: 'original',
  },
  {
    name: 'the guest host missing (check)',
    servers: ['debian13'],
    file: 'prosody',
    replace: [['VirtualHost "guest.meet.example.com"\n    authentication = "jitsi-anonymous"\n    c2s_require_encryption = false\n\n', '']],
    expect: { code: 'guest-host-missing', severity: 'error', file: 'prosody', line: 23 },
    fixed: 'original',
  },
  {
    name: 'the main host anonymous again (check)',
    servers: ['debian13'],
    file: 'prosody',
    replace: [['authentication = "internal_hashed" -- do not delete me', 'authentication = "jitsi-anonymous" -- do not delete me']],
    expect: { code: 'main-host-anonymous', severity: 'error', file: 'prosody', line: 24 },
    fixed: 'original',
  },
  {
    name: 'Jicofo’s authentication off (check)',
    servers: ['debian13'],
    file: 'jicofoConf',
    replace: [['    enabled: true\n', '    enabled: false\n']],
    expect: { code: 'jicofo-auth-disabled', severity: 'error', file: 'jicofoConf', line: 5 },
    fixed: 'original',
  },
  {
    name: 'Jicofo checks logins on another host (check)',
    servers: ['debian13'],
    file: 'jicofoConf',
    replace: [['login-url: meet.example.com', 'login-url: auth.meet.example.com']],
    expect: { code: 'jicofo-login-url-mismatch', severity: 'error', file: 'jicofoConf', line: 7 },
    fixed: 'diff',
  },
];

function broken(server: Server, b: Break): DoctorFiles {
  const files = serverFiles(server);
  let text = files[b.file]!;
  for (const [from, to] of b.replace) {
    expect(text.includes(from), `${b.name}: the fixture holds ${JSON.stringify(from)}`).toBe(true);
    text = text.replace(from, to);
  }
  return { ...files, [b.file]: text };
}

function options(server: Server, b: Break) {
  const o = serverOptions(server, b.extraModules);
  if (b.prosodyVersion !== undefined) o.environment!.prosodyVersion = b.prosodyVersion;
  return o;
}

const KEYS = ['prosody', 'prosodyMain', 'meetConfig', 'jicofoConf'] as const;

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

describe.each(BOTH)('the correct deployment on %s', (server) => {
  it('gives no finding and no note', () => {
    expect(doctor(serverFiles(server), serverOptions(server))).toEqual({ findings: [], notes: [] });
  });

  it('has nothing to fix', () => {
    const result = fixDeployment(serverFiles(server), serverOptions(server));
    expect([result.changed, result.fixed, result.remaining]).toEqual([false, [], []]);
  });
});

const CASES = BREAKS.flatMap((b) => b.servers.map((server) => [server, b.name, b] as const));

describe.each(CASES)('%s: %s', (server, _, b) => {
  const files = broken(server, b);
  const report = doctor(files, options(server, b));
  const { fixed: fixedOn, ...differs } = b.on?.[server] ?? {};
  const want: Expected = { ...b.expect, ...differs };
  const fixed = fixedOn ?? b.fixed;

  it('reports exactly that finding (golden report)', () => {
    expect(report.findings.map((f) => ({ code: f.code, severity: f.severity, file: f.file, ...(want.line === undefined ? {} : { line: f.line }) }))).toEqual([want]);
    expect(report.notes).toEqual([]);
    expectGoldenFile(`golden/doctor/${server}/${slug(b.name)}.json`, `${JSON.stringify(report.findings, null, 2)}\n`);
  });

  it('--fix makes it go away and changes nothing else', () => {
    const result = fixDeployment(files, options(server, b));
    const correct = serverFiles(server);
    if (fixed === 'remains') {
      expect(result.changed).toBe(false);
      expect(result.remaining.map((f) => f.code)).toEqual([want.code]);
      expect(report.findings[0]!.edits).toBeUndefined();
      return;
    }
    expect(result.remaining).toEqual([]);
    expect(result.fixed.map((f) => f.code)).toEqual([want.code]);
    expect(result.changed).toBe(true);
    for (const key of KEYS) {
      if (key !== want.file) expect(result.files[key], key).toBe(files[key]);
    }
    const fixedText = result.files[want.file as FileKey]!;
    if (fixed === 'original') {
      expect(fixedText).toBe(correct[want.file as FileKey]);
    } else {
      expectGoldenFile(`golden/doctor/${server}/${slug(b.name)}.diff`, unifiedDiff(files[want.file as FileKey]!, fixedText, { path: want.file, context: 0 }));
    }
    // The finding's own edits are the same change.
    const alone = report.findings[0]!.edits!;
    expect(alone.map((e) => e.file)).toEqual([want.file]);
    // A second run has nothing left to do.
    const again = fixDeployment(result.files, options(server, b));
    expect([again.changed, again.fixed]).toEqual([false, []]);
  });
});

describe('a Prosody 13 check on a server that runs 0.12 (and the reverse) finds nothing', () => {
  it.each(BREAKS.filter((b) => b.servers.length === 1 && b.file !== 'meetConfig' && b.file !== 'jicofoConf'))('%s', (b) => {
    const other: Server = b.servers[0] === 'debian12' ? 'debian13' : 'debian12';
    const files = serverFiles(other);
    let text = files[b.file]!;
    for (const [from, to] of b.replace) text = text.replace(from, to);
    if (text === files[b.file]) return; // the break has no place in the other server's files
    const codes = doctor({ ...files, [b.file]: text }, serverOptions(other)).findings.map((f) => f.code);
    expect(codes).not.toContain(b.expect.code);
  });
});
