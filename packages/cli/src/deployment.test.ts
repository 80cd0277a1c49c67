/**
 * secure-domain over a copy of the bundled example tree (examples/debian-tree, copied to a temp
 * dir): a file the CLI looked for in the Debian layout and did not find is reported with where it
 * looked, not as "file not given". In-process (sources, not the bundle).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/corpus.js';
import { run } from './index.js';
import type { ErrorReport, Outcome } from './index.js';
import { recorder as record } from './test-support/io.js';
import { snapshot as snapshotOf } from './test-support/trees.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'confkit-deployment-'));
  cpSync(join(repoRoot, 'examples/debian-tree'), root, { recursive: true, verbatimSymlinks: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const recorder = (cwd = root) => record({ cwd });

const JICOFO_ACTION = 'jicofo.authentication { enabled = true, type = XMPP, login-url = "meet.example.com" }';

describe('skipped steps say where the CLI looked', () => {
  it('jicofo.conf absent from the layout: "not found: <path>" with the recipe\'s explanation, human and --json', async () => {
    unlinkSync(join(root, 'etc/jitsi/jicofo/jicofo.conf'));
    const io = recorder();
    expect(await run(['secure-domain', 'enable', '--root', '.', '--dry-run'], io)).toBe(0);
    expect(io.out.split('\n')).toContain(
      `skipped  jicofo.conf: ${JICOFO_ACTION} (not found: etc/jitsi/jicofo/jicofo.conf; Jicofo of 2020 and before has none: sip-communicator.properties carries the setting)`,
    );
    expect(io.out).not.toContain('not given');
    const json = recorder();
    expect(await run(['secure-domain', 'enable', '--root', '.', '--dry-run', '--json'], json)).toBe(0);
    const outcome = JSON.parse(json.out) as Outcome;
    expect(outcome.steps.find((s) => s.file === 'jicofoConf')).toEqual({
      file: 'jicofoConf',
      action: JICOFO_ACTION,
      status: 'skipped',
      reason: 'not found: etc/jitsi/jicofo/jicofo.conf; Jicofo of 2020 and before has none: sip-communicator.properties carries the setting',
    });
  });

  it('the absolute path when the root is outside the working directory', async () => {
    unlinkSync(join(root, 'etc/jitsi/jicofo/sip-communicator.properties'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'confkit-cwd-'));
    const io = recorder(elsewhere);
    try {
      expect(await run(['secure-domain', 'enable', '--root', root, '--dry-run', '--json'], io)).toBe(0);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    const outcome = JSON.parse(io.out) as Outcome;
    expect(outcome.steps.find((s) => s.file === 'sipCommunicator')?.reason).toBe(`not found: ${join(root, 'etc/jitsi/jicofo/sip-communicator.properties')}`);
    // The recipe's warning that an unseen sip-communicator.properties might override jicofo.conf
    // is moot once the CLI has seen that there is none.
    expect(outcome.warnings).toEqual([]);
  });

  it('files named without --root, with --partial: nothing was looked for, so the recipe\'s "file not given" stands', async () => {
    const io = recorder();
    expect(await run(['secure-domain', 'enable', '--prosody', 'etc/prosody/conf.avail/meet.example.com.cfg.lua', '--dry-run', '--json', '--partial'], io)).toBe(0);
    const outcome = JSON.parse(io.out) as Outcome;
    expect(outcome.steps.find((s) => s.file === 'meetConfig')?.reason).toBe('file not given');
  });

  it('the Prosody file is looked for in conf.avail, then conf.d (with --partial: the step says where)', async () => {
    unlinkSync(join(root, 'etc/prosody/conf.avail/meet.example.com.cfg.lua'));
    unlinkSync(join(root, 'etc/prosody/conf.d/meet.example.com.cfg.lua'));
    const io = recorder();
    expect(await run(['secure-domain', 'enable', '--root', '.', '--dry-run', '--json', '--partial'], io)).toBe(0);
    const outcome = JSON.parse(io.out) as Outcome;
    expect(outcome.steps.find((s) => s.file === 'prosody')?.reason).toBe(
      'not found: etc/prosody/conf.avail/meet.example.com.cfg.lua or etc/prosody/conf.d/meet.example.com.cfg.lua',
    );
  });
});

// A recipe is all or nothing across the files it needs: a missing one (config.js removed, a
// mistyped --host) stopped nothing before; Prosody and Jicofo were written and the exit was 0.
describe('a file the recipe needs is missing: exit 1, nothing written, where it looked', () => {
  const refused = async (argv: string[]): Promise<{ io: ReturnType<typeof recorder>; json: ErrorReport }> => {
    const before = snapshotOf(root);
    const io = recorder();
    expect(await run(argv, io)).toBe(1);
    expect(snapshotOf(root)).toEqual(before);
    const asJson = recorder();
    expect(await run([...argv, '--json'], asJson)).toBe(1);
    return { io, json: JSON.parse(asJson.out) as ErrorReport };
  };

  it('config.js removed', async () => {
    unlinkSync(join(root, 'etc/jitsi/meet/meet.example.com-config.js'));
    for (const command of [
      ['secure-domain', 'enable'],
      ['secure-domain', 'disable'],
    ]) {
      const { io, json } = await refused([...command, '--root', '.']);
      expect(io.out).toBe('');
      expect(io.err).toBe(
        `jitsi-confkit: ${command.join(' ')} needs these files for meet.example.com, and did not find them; nothing was written:\n` +
          '  config.js (not found at etc/jitsi/meet/meet.example.com-config.js)\n' +
          'Where a file lives elsewhere, name it (--prosody, --meet-config, --jicofo-conf), or add --partial to work on the files found.\n',
      );
      expect(json.error).toMatchObject({ code: 'E_FILE', status: 1, missing: [{ kind: 'meetConfig', lookedFor: ['etc/jitsi/meet/meet.example.com-config.js'] }] });
      expect(json.error.hosts).toBeUndefined();
    }
  });

  it('a mistyped --host: no Prosody file and no config.js for it; the close host names are suggested', async () => {
    const { io, json } = await refused(['secure-domain', 'enable', '--root', '.', '--host', 'meet.exmaple.com']);
    expect(io.err).toBe(
      'jitsi-confkit: secure-domain enable needs these files for meet.exmaple.com, and did not find them; nothing was written:\n' +
        '  the Prosody host file (not found at etc/prosody/conf.avail/meet.exmaple.com.cfg.lua or etc/prosody/conf.d/meet.exmaple.com.cfg.lua)\n' +
        '  config.js (not found at etc/jitsi/meet/meet.exmaple.com-config.js)\n' +
        'Did you mean --host meet.example.com? (the Jitsi hosts found under . are meet.example.com)\n' +
        'Where a file lives elsewhere, name it (--prosody, --meet-config, --jicofo-conf), or add --partial to work on the files found.\n',
    );
    expect(json.error.hosts).toEqual(['meet.example.com']);
    expect(json.error.missing?.map((m) => m.kind)).toEqual(['prosody', 'meetConfig']);
  });

  it('a --host far from every host found: the hosts are listed', async () => {
    const { io } = await refused(['secure-domain', 'enable', '--root', '.', '--host', 'video.example.org']);
    expect(io.err).toContain('\nIs --host right? The Jitsi hosts found under . are meet.example.com.\n');
  });

  it("the main host's own conf.avail file removed, its conf.d link left: the paths and the broken link are named", async () => {
    unlinkSync(join(root, 'etc/prosody/conf.avail/meet.example.com.cfg.lua'));
    const { io } = await refused(['secure-domain', 'enable', '--root', '.', '--dry-run']);
    expect(io.err).toContain(
      '  the Prosody host file (not found at etc/prosody/conf.avail/meet.example.com.cfg.lua or etc/prosody/conf.d/meet.example.com.cfg.lua)\n' +
        "etc/prosody/conf.d/meet.example.com.cfg.lua is a symlink to ../conf.avail/meet.example.com.cfg.lua, which does not exist: Prosody's Include of conf.d/*.cfg.lua fails on it and Prosody will not start; remove the link or restore its target\n",
    );
  });

  it('--partial works on the files found, and the skipped step says where it looked', async () => {
    unlinkSync(join(root, 'etc/jitsi/meet/meet.example.com-config.js'));
    const io = recorder();
    expect(await run(['secure-domain', 'enable', '--root', '.', '--partial', '--json'], io)).toBe(0);
    const outcome = JSON.parse(io.out) as Outcome;
    expect(outcome.steps.find((s) => s.file === 'meetConfig')).toMatchObject({ status: 'skipped', reason: 'not found: etc/jitsi/meet/meet.example.com-config.js' });
    expect(outcome.files.filter((f) => f.changed).map((f) => f.kind)).toEqual(['prosody', 'jicofoConf']);
  });
});

describe('a wrong --root', () => {
  it.each([
    ['nowhere', '--root nowhere does not exist'],
    ['etc/jitsi/jicofo/jicofo.conf', '--root etc/jitsi/jicofo/jicofo.conf is not a directory'],
  ])('%s: a usage error', async (dir, message) => {
    const io = recorder();
    expect(await run(['check', '--root', dir], io)).toBe(2);
    expect(io.err).toBe(`jitsi-confkit: ${message}\nRun "jitsi-confkit check --help" for usage.\n`);
  });

  it('without --host: a usage error that says where it looked and asks whether --root is right', async () => {
    const io = recorder();
    expect(await run(['secure-domain', 'enable', '--root', 'etc'], io)).toBe(2);
    expect(io.err).toBe(
      'jitsi-confkit: no Jitsi host found under etc: no etc/jitsi/meet/<host>-config.js, no etc/prosody/conf.avail/<host>.cfg.lua (is --root right?); give --host HOST\n' +
        'Run "jitsi-confkit secure-domain enable --help" for usage.\n',
    );
  });

  it('with --host: exit 1 with every path looked at', async () => {
    mkdirSync(join(root, 'empty'));
    const io = recorder();
    expect(await run(['check', '--root', 'empty', '--host', 'meet.example.com'], io)).toBe(1);
    expect(io.err).toBe(
      'jitsi-confkit: no Prosody, config.js or Jicofo file for meet.example.com found under empty (looked for ' +
        'empty/etc/prosody/conf.avail/meet.example.com.cfg.lua, empty/etc/prosody/conf.d/meet.example.com.cfg.lua, ' +
        'empty/etc/jitsi/meet/meet.example.com-config.js, empty/etc/jitsi/jicofo/jicofo.conf, empty/etc/jitsi/jicofo/sip-communicator.properties; is --root right?)\n',
    );
  });
});

describe('a conf.d symlink to a missing file', () => {
  const BROKEN =
    "etc/prosody/conf.d/gone.example.com.cfg.lua is a symlink to ../conf.avail/gone.example.com.cfg.lua, which does not exist: Prosody's Include of conf.d/*.cfg.lua fails on it and Prosody will not start; remove the link or restore its target";

  beforeEach(() => {
    symlinkSync('../conf.avail/gone.example.com.cfg.lua', join(root, 'etc/prosody/conf.d/gone.example.com.cfg.lua'));
  });

  it('is no host candidate, and secure-domain warns about it (and still does its work)', async () => {
    const io = recorder();
    expect(await run(['secure-domain', 'enable', '--root', '.'], io)).toBe(0);
    expect(io.err).toBe(`warning: ${BROKEN}\n`);
    expect(readFileSync(join(root, 'etc/prosody/conf.avail/meet.example.com.cfg.lua'), 'latin1')).toContain('VirtualHost "guest.meet.example.com"');
  });

  it('check reports it as an error (exit 1), human and --json', async () => {
    const io = recorder();
    expect(await run(['check', '--root', '.'], io)).toBe(1);
    expect(io.out.split('\n')).toContain(`etc/prosody/conf.d/gone.example.com.cfg.lua: error broken-symlink: ${BROKEN}`);
    const json = recorder();
    expect(await run(['check', '--root', '.', '--json'], json)).toBe(1);
    const outcome = JSON.parse(json.out) as Outcome;
    expect(outcome.findings?.filter((f) => f.code === 'broken-symlink')).toEqual([
      { severity: 'error', file: 'prosody', code: 'broken-symlink', message: BROKEN, path: 'etc/prosody/conf.d/gone.example.com.cfg.lua' },
    ]);
  });
});

describe("the main host's own conf.avail file removed, its conf.d link left", () => {
  it('with --partial, the Prosody steps are skipped with where it looked, and the broken link is named', async () => {
    unlinkSync(join(root, 'etc/prosody/conf.avail/meet.example.com.cfg.lua'));
    const io = recorder();
    expect(await run(['secure-domain', 'enable', '--root', '.', '--dry-run', '--json', '--partial'], io)).toBe(0);
    const outcome = JSON.parse(io.out) as Outcome;
    expect(outcome.steps.find((s) => s.file === 'prosody')?.reason).toBe(
      'not found: etc/prosody/conf.avail/meet.example.com.cfg.lua or etc/prosody/conf.d/meet.example.com.cfg.lua',
    );
    expect(outcome.warnings).toContain(
      "etc/prosody/conf.d/meet.example.com.cfg.lua is a symlink to ../conf.avail/meet.example.com.cfg.lua, which does not exist: Prosody's Include of conf.d/*.cfg.lua fails on it and Prosody will not start; remove the link or restore its target",
    );
  });
});

describe('a file the command does not use is refused, not ignored', () => {
  it.each([
    [
      ['secure-domain', 'enable', '--file', 'usr/share/jitsi-meet/interface_config.js'],
      '"secure-domain enable" does not use interface_config.js (--file usr/share/jitsi-meet/interface_config.js)',
      'secure-domain enable',
    ],
    [
      ['browsers', 'move', 'firefox', '--to', 'unsupported', '--file', 'etc/prosody/conf.avail/meet.example.com.cfg.lua'],
      '"browsers move" does not use the Prosody host file (--file etc/prosody/conf.avail/meet.example.com.cfg.lua)',
      'browsers move',
    ],
  ])('%j', async (argv, message, command) => {
    const io = recorder();
    expect(await run(argv, io)).toBe(2);
    expect(io.err).toBe(`jitsi-confkit: ${message}\nRun "jitsi-confkit ${command} --help" for usage.\n`);
  });
});

describe('paths as shown', () => {
  it('an absolute <file> without --root is shown whole, wherever the command runs from', async () => {
    const file = join(root, 'etc/jitsi/jicofo/jicofo.conf');
    const io = recorder(join(root, 'etc'));
    expect(await run(['get', file, 'jicofo.nope'], io)).toBe(1);
    expect(io.err).toBe(`jitsi-confkit: jicofo.nope is not set in ${file}\n`);
  });

  // The real root: the Debian paths are shown whole even from a directory above them.
  const looked = [
    '/etc/prosody/conf.avail/meet.example.com.cfg.lua',
    '/etc/prosody/conf.d/meet.example.com.cfg.lua',
    '/etc/jitsi/meet/meet.example.com-config.js',
    '/etc/jitsi/jicofo/jicofo.conf',
    '/etc/jitsi/jicofo/sip-communicator.properties',
  ];
  it.skipIf(looked.some((p) => existsSync(p)))('under / (no Jitsi here), the paths looked at are absolute even from /', async () => {
    const io = recorder('/');
    expect(await run(['check', '--host', 'meet.example.com'], io)).toBe(1);
    expect(io.err).toBe(
      'jitsi-confkit: no Prosody, config.js or Jicofo file for meet.example.com found under / (looked for ' +
        '/etc/prosody/conf.avail/meet.example.com.cfg.lua, /etc/prosody/conf.d/meet.example.com.cfg.lua, ' +
        '/etc/jitsi/meet/meet.example.com-config.js, /etc/jitsi/jicofo/jicofo.conf, /etc/jitsi/jicofo/sip-communicator.properties; is --root right?)\n',
    );
  });
});

describe('check names the files it did not find', () => {
  it('a "not found" line after the files checked, for a file it can do without (Jicofo of 2020 has no jicofo.conf)', async () => {
    unlinkSync(join(root, 'etc/jitsi/jicofo/jicofo.conf'));
    const io = recorder();
    expect(await run(['check', '--root', '.'], io)).toBe(0);
    expect(io.out).toBe(
      [
        'checked etc/prosody/conf.avail/meet.example.com.cfg.lua',
        'checked etc/jitsi/meet/meet.example.com-config.js',
        'checked etc/jitsi/jicofo/sip-communicator.properties',
        'not found etc/jitsi/jicofo/jicofo.conf',
        'No problems found for meet.example.com.',
        '',
      ].join('\n'),
    );
  });

  // config.js missing: check said "No problems found". A file it needs is an error finding.
  it('a file it needs is an error (exit 1), human and --json; --partial checks the files found', async () => {
    unlinkSync(join(root, 'etc/jitsi/meet/meet.example.com-config.js'));
    const io = recorder();
    expect(await run(['check', '--root', '.'], io)).toBe(1);
    expect(io.out).toBe(
      [
        'checked etc/prosody/conf.avail/meet.example.com.cfg.lua',
        'checked etc/jitsi/jicofo/jicofo.conf',
        'checked etc/jitsi/jicofo/sip-communicator.properties',
        'etc/jitsi/meet/meet.example.com-config.js: error file-missing: The secure domain cannot be checked without config.js (not found at etc/jitsi/meet/meet.example.com-config.js)',
        '  fix: Name the file with --meet-config, or check the files found only with --partial',
        '1 error(s), 0 warning(s) for meet.example.com.',
        '',
      ].join('\n'),
    );
    const json = recorder();
    expect(await run(['check', '--root', '.', '--json'], json)).toBe(1);
    expect((JSON.parse(json.out) as Outcome).findings).toEqual([
      {
        severity: 'error',
        file: 'meetConfig',
        code: 'file-missing',
        message: 'The secure domain cannot be checked without config.js (not found at etc/jitsi/meet/meet.example.com-config.js)',
        fix: 'Name the file with --meet-config, or check the files found only with --partial',
        path: 'etc/jitsi/meet/meet.example.com-config.js',
      },
    ]);
    const partial = recorder();
    expect(await run(['check', '--root', '.', '--partial'], partial)).toBe(0);
    expect(partial.out).toContain('not found etc/jitsi/meet/meet.example.com-config.js\nNo problems found for meet.example.com.\n');
  });

  it('a mistyped --host: the files are missing, and the fix suggests the host found', async () => {
    const io = recorder();
    expect(await run(['check', '--root', '.', '--host', 'meet.exmaple.com', '--json'], io)).toBe(1);
    const findings = (JSON.parse(io.out) as Outcome).findings!;
    expect(findings.map((f) => [f.code, f.file, f.path])).toEqual([
      ['file-missing', 'prosody', 'etc/prosody/conf.avail/meet.exmaple.com.cfg.lua'],
      ['file-missing', 'meetConfig', 'etc/jitsi/meet/meet.exmaple.com-config.js'],
    ]);
    expect(findings[1]!.fix).toBe(
      'Did you mean --host meet.example.com? (the Jitsi hosts found under . are meet.example.com) Name the file with --meet-config, or check the files found only with --partial',
    );
  });
});
