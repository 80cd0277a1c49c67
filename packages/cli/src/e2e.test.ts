/**
 * End to end: the BUILT CLI (dist/cli.cjs) run as a child process against fake Debian servers
 * assembled in temp dirs from the real corpus, one per era. Each run uses `--root .` from the
 * tree's root, so the paths it prints are the same on every machine.
 */
import { positionAt, unifiedDiff } from '@jitsi-confkit/core';
import { appendFileSync, lstatSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { corpusAvailable } from '../../../test/support/corpus.js';
import { expectGoldenFile } from '../../../test/support/golden.js';
import type { FileKind } from './kinds.js';
import { buildTree, ERAS, isRoot, MODES, OWNERS, readTree, requireBuiltCli, runCli, snapshot } from './test-support/trees.js';
import type { Era, Tree } from './test-support/trees.js';

const available = corpusAvailable();

/** latin1 text (one character per byte) as the UTF-8 it encodes, for readable golden diffs. */
const utf8 = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');

/** A zero-context diff of one file of a tree, compared with fixtures/cli/`golden` (diffs only: corpus files are never copied in). */
function expectGoldenDiff(golden: string, rel: string, before: string, after: string): void {
  expectGoldenFile(`cli/${golden}`, unifiedDiff(utf8(before), utf8(after), { path: rel, context: 0 }));
}

/** Where each era's tree gets a syntax error, and the text that makes it. */
const BREAKS: Record<string, { kind: FileKind; append: string; token: string }> = {
  'debian-2020-05-stable-4548': { kind: 'prosody', append: '\nx = = 1\n', token: '= 1' },
  'debian-2022-12-blc': { kind: 'jicofoConf', append: '\nbroken = {\n', token: '{\n' },
  'debian-2025-01-stable-10008': { kind: 'meetConfig', append: '\nvar broken = ;\n', token: ';\n' },
  'docker-wild-2021-03-giovannitorsello': { kind: 'interfaceConfig', append: '\nvar broken = ;\n', token: ';\n' },
};

beforeAll(() => {
  requireBuiltCli();
});

describe.skipIf(!available).each(ERAS)('$name', (era: Era) => {
  let tree: Tree;
  const cli = (...args: string[]) => runCli([...args, '--root', '.'], { cwd: tree.root });

  beforeEach(() => {
    tree = buildTree(era);
  });
  afterEach(() => tree.cleanup());

  it('secure-domain enable: golden diffs, step lines, modes, owners and the conf.d symlink kept', () => {
    const before = snapshot(tree.root);
    const result = cli('secure-domain', 'enable');
    expect(result.status).toBe(0);
    expectGoldenFile(`cli/${era.name}/secure-domain-enable.stdout`, result.stdout);
    expectGoldenFile(`cli/${era.name}/secure-domain-enable.stderr`, result.stderr);
    const after = snapshot(tree.root);
    for (const [kind, rel] of Object.entries(tree.files) as [FileKind, string][]) {
      if (kind === 'interfaceConfig') {
        expect(after[rel]).toEqual(before[rel]);
        continue;
      }
      expectGoldenDiff(`${era.name}/secure-domain-enable/${kind}.diff`, rel, tree.original[kind] ?? '', readTree(tree, rel));
      expect(after[rel]?.mode).toBe(MODES[kind]);
      if (isRoot) expect({ uid: after[rel]?.uid, gid: after[rel]?.gid }).toEqual(OWNERS[kind]);
    }
    expect(after[tree.link]).toEqual(before[tree.link]);
    expect(lstatSync(join(tree.root, tree.link)).isSymbolicLink()).toBe(true);
    // No temporary or backup file left behind: the same entries as before.
    expect(Object.keys(after)).toEqual(Object.keys(before));
  });

  it('a second run reports every step as already done or skipped and changes no byte', () => {
    expect(cli('secure-domain', 'enable').status).toBe(0);
    const once = snapshot(tree.root);
    const again = cli('secure-domain', 'enable', '--json');
    expect(again.status).toBe(0);
    const outcome = JSON.parse(again.stdout) as { changed: boolean; steps: { status: string }[]; diffs: unknown[] };
    expect(outcome.changed).toBe(false);
    expect(outcome.diffs).toEqual([]);
    expect(outcome.steps.length).toBeGreaterThan(0);
    expect(outcome.steps.filter((s) => s.status === 'applied')).toEqual([]);
    expect(snapshot(tree.root)).toEqual(once);
  });

  it('--dry-run prints the diff of every file the real run changes, and writes nothing', () => {
    const real = buildTree(era);
    try {
      expect(runCli(['secure-domain', 'enable', '--root', '.'], { cwd: real.root }).status).toBe(0);
      const before = snapshot(tree.root);
      const dry = cli('secure-domain', 'enable', '--dry-run');
      expect(dry.status).toBe(0);
      expect(snapshot(tree.root)).toEqual(before);
      for (const [kind, rel] of Object.entries(tree.files) as [FileKind, string][]) {
        const diff = unifiedDiff(utf8(tree.original[kind] ?? ''), utf8(readTree(real, rel)), { path: rel });
        if (diff !== '') expect(dry.stdout).toContain(diff);
      }
      expect(dry.stdout.endsWith('Dry run: nothing written.\n\nLeft to do:\n') || dry.stdout.includes('Dry run: nothing written.\n')).toBe(true);
      expect(dry.stdout).not.toContain('\u001b[');
    } finally {
      real.cleanup();
    }
  });

  it('--json prints one object with changed, files, steps, diffs and todo', () => {
    const result = cli('secure-domain', 'enable', '--json');
    expect(result.status).toBe(0);
    const outcome = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(outcome).sort()).toEqual(['changed', 'diffs', 'dryRun', 'files', 'steps', 'todo', 'warnings']);
    expect(outcome.changed).toBe(true);
    const files = outcome.files as { kind: string; path: string; changed: boolean }[];
    expect(files.map((f) => f.path).sort()).toEqual(
      Object.entries(tree.files)
        .filter(([k]) => k !== 'interfaceConfig')
        .map(([, rel]) => rel)
        .sort(),
    );
    expect((outcome.todo as string[]).length).toBeGreaterThan(0);
  });

  // The Debian trees start as the installer leaves them, without a secure domain, so undo gives
  // back every byte. The docker set already had a legacy auth.URL for another host: disable undoes
  // the secure domain, not one run, so the line goes; its guest host, which the admin wrote with
  // lobby modules and main_muc, is kept. That difference is pinned as golden diffs.
  it('secure-domain disable after enable: every byte back on Debian trees, the pinned difference on the docker set', () => {
    const before = snapshot(tree.root);
    expect(cli('secure-domain', 'enable').status).toBe(0);
    expect(cli('secure-domain', 'disable').status).toBe(0);
    if (era.name.startsWith('debian-')) {
      expect(snapshot(tree.root)).toEqual(before);
      return;
    }
    for (const [kind, rel] of Object.entries(tree.files) as [FileKind, string][]) {
      expectGoldenDiff(`${era.name}/undo-vs-original/${kind}.diff`, rel, tree.original[kind] ?? '', readTree(tree, rel));
    }
  });

  it('secure-domain disable twice: the second run changes nothing', () => {
    expect(cli('secure-domain', 'disable').status).toBe(0);
    const once = snapshot(tree.root);
    const again = JSON.parse(cli('secure-domain', 'disable', '--json').stdout) as { changed: boolean; steps: { status: string }[] };
    expect(again.changed).toBe(false);
    expect(again.steps.filter((s) => s.status === 'applied')).toEqual([]);
    expect(snapshot(tree.root)).toEqual(once);
  });

  it('files named on the command line without --root: the host is found in their content', () => {
    const prosody = tree.files.prosody as string;
    const named = ['secure-domain', 'enable', '--prosody', prosody, '--file', tree.files.meetConfig as string, '--json'];
    // Without Jicofo's file the recipe would be half done: refused, nothing written, unless --partial.
    const before = snapshot(tree.root);
    const refused = runCli(named, { cwd: tree.root });
    expect(refused.status).toBe(1);
    expect((JSON.parse(refused.stdout) as { error: { missing: unknown } }).error.missing).toEqual([{ kind: 'jicofoConf', lookedFor: [] }]);
    expect(snapshot(tree.root)).toEqual(before);
    const result = runCli([...named, '--partial'], { cwd: tree.root });
    expect(result.status).toBe(0);
    const outcome = JSON.parse(result.stdout) as { files: { path: string; changed: boolean }[]; steps: { file: string; status: string }[] };
    expect(outcome.files).toEqual([
      { kind: 'prosody', path: prosody, changed: true },
      { kind: 'meetConfig', path: tree.files.meetConfig, changed: true },
    ]);
    expect(outcome.steps.filter((s) => s.file === 'jicofoConf' || s.file === 'sipCommunicator').map((s) => s.status)).toEqual(['skipped', 'skipped']);
  });

  it('check: no error after secure-domain enable', () => {
    expect(cli('secure-domain', 'enable').status).toBe(0);
    const result = cli('check', '--json');
    const outcome = JSON.parse(result.stdout) as { findings: { severity: string; code: string }[] };
    expect(outcome.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.status).toBe(0);
  });

  it.skipIf(era.members.interfaceConfig === undefined)('browsers move firefox --to unsupported: golden diff, the upgrade warning, then already', () => {
    const rel = tree.files.interfaceConfig as string;
    const first = cli('browsers', 'move', 'firefox', '--to', 'unsupported');
    expect(first.status).toBe(0);
    expect(first.stderr).toBe(
      'warning: the next jitsi-meet-web upgrade replaces /usr/share/jitsi-meet/interface_config.js; add --save to have "jitsi-confkit apply" re-apply this edit after upgrades, or run the same command again after upgrading\n' +
        "warning: the browser lists act in the visitor's browser, on desktop only: they are not access control, and a meeting URL parameter can override them\n",
    );
    expectGoldenFile(`cli/${era.name}/browsers-move.stdout`, first.stdout);
    expectGoldenDiff(`${era.name}/browsers-move.diff`, rel, tree.original.interfaceConfig ?? '', readTree(tree, rel));
    const once = snapshot(tree.root);
    const again = cli('browsers', 'move', 'firefox', '--to', 'unsupported');
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(`already  ${rel}: move 'firefox' to UNSUPPORTED_BROWSERS (out of OPTIMAL_BROWSERS)\nNothing to change.\n`);
    expect(snapshot(tree.root)).toEqual(once);
    const back = cli('browsers', 'move', 'firefox', '--to', 'optimal');
    expect(back.status).toBe(0);
  });

  it('a syntax error in one file fails the whole command with its position, and no byte changes', () => {
    const broken = BREAKS[era.name];
    if (broken === undefined) throw new Error(`no break defined for ${era.name}`);
    const rel = tree.files[broken.kind] as string;
    appendFileSync(join(tree.root, rel), broken.append, 'latin1');
    const text = readTree(tree, rel);
    const at = positionAt(text, text.lastIndexOf(broken.token));
    const before = snapshot(tree.root);
    const command = broken.kind === 'interfaceConfig' ? ['browsers', 'move', 'firefox', '--to', 'unsupported'] : ['secure-domain', 'enable'];
    const result = cli(...command);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const [head, ...frame] = result.stderr.split('\n');
    expect(head?.startsWith(`jitsi-confkit: ${rel}:${at.line}:${at.column}: `)).toBe(true);
    expect(frame.some((l) => l.startsWith(`> ${at.line} |`))).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(tree.root)).toEqual(before);
  });
});

describe.skipIf(!available)('one tree, every other path', () => {
  const era = ERAS[0] as Era;
  let tree: Tree;
  const cli = (...args: string[]) => runCli([...args, '--root', '.'], { cwd: tree.root });

  beforeEach(() => {
    tree = buildTree(era);
  });
  afterEach(() => tree.cleanup());

  it.each([
    ['meet.example.com"; os.execute("id', 'Invalid --host "meet.example.com"; os.execute("id": the label "com"; os" is not made of letters, digits and inner hyphens'],
    ['../../etc/passwd', 'Invalid --host "../../etc/passwd": it has an empty label (two dots in a row, or a leading dot)'],
    ['Meet.Example.Com', 'Invalid --host "Meet.Example.Com": it has upper-case letters (write it in lower case)'],
  ])('a hostile --host %j is refused (exit 1) and nothing changes', (host, message) => {
    const before = snapshot(tree.root);
    const result = cli('secure-domain', 'enable', '--host', host);
    expect(result).toEqual({ status: 1, stdout: '', stderr: `jitsi-confkit: ${message}\n` });
    expect(snapshot(tree.root)).toEqual(before);
  });

  it('a hostile --guest is refused by the recipe and nothing changes', () => {
    const before = snapshot(tree.root);
    const result = cli('secure-domain', 'enable', '--guest', 'guest.x"; os.execute("id');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('jitsi-confkit: Invalid guest host "guest.x"; os.execute("id": the label "x"; os" is not made of letters, digits and inner hyphens\n');
    expect(snapshot(tree.root)).toEqual(before);
  });

  it('several hosts: a usage error (exit 2) that lists them', () => {
    writeFileSync(join(tree.root, 'etc/jitsi/meet/other.example.org-config.js'), 'var config = {};\n');
    const result = cli('secure-domain', 'enable');
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'jitsi-confkit: several Jitsi hosts found (meet.example.com, other.example.org); choose one with --host\nRun "jitsi-confkit secure-domain enable --help" for usage.\n',
    });
    expect(cli('secure-domain', 'enable', '--host', 'meet.example.com', '--dry-run').status).toBe(0);
  });

  it('--backup keeps a copy of each written file beside it, same bytes and mode', () => {
    const result = cli('secure-domain', 'enable', '--backup');
    expect(result.status).toBe(0);
    const after = snapshot(tree.root);
    for (const [kind, rel] of Object.entries(tree.files) as [FileKind, string][]) {
      if (kind === 'interfaceConfig') continue;
      const backups = Object.keys(after).filter((p) => p.startsWith(`${rel}.`) && p.endsWith('.bak'));
      expect(backups).toHaveLength(1);
      const backup = after[backups[0] as string];
      expect(backup?.content).toBe(tree.original[kind]);
      expect(backup?.mode).toBe(MODES[kind]);
      expect(result.stdout).toContain(`wrote ${rel} (backup: ${backups[0]})`);
    }
  });

  it('get and set on each kind; set writes through the conf.d symlink and keeps it a link', () => {
    const host = era.host;
    expect(cli('get', `/etc/prosody/conf.d/${host}.cfg.lua`, `host:${host}/authentication`)).toEqual({ status: 0, stdout: '"anonymous"\n', stderr: '' });
    expect(cli('get', '/usr/share/jitsi-meet/interface_config.js', 'UNSUPPORTED_BROWSERS').stdout).toBe('[]\n');
    expect(cli('get', `/etc/jitsi/meet/${host}-config.js`, 'hosts.domain').stdout).toBe(`"${host}"\n`);
    const set = cli('set', `/etc/prosody/conf.d/${host}.cfg.lua`, `host:${host}/c2s_require_encryption`, 'true');
    expect(set.status).toBe(0);
    expect(set.stdout).toBe(`applied  etc/prosody/conf.d/${host}.cfg.lua: set host:${host}/c2s_require_encryption = true\nwrote etc/prosody/conf.d/${host}.cfg.lua\n`);
    expect(lstatSync(join(tree.root, tree.link)).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(tree.root, tree.link))).toBe(`../conf.avail/${host}.cfg.lua`);
    expect(cli('get', `/etc/prosody/conf.avail/${host}.cfg.lua`, `host:${host}/c2s_require_encryption`).stdout).toBe('true\n');
    expect(snapshot(tree.root)[tree.files.prosody as string]?.mode).toBe(MODES.prosody);
    // A value that does not parse as JSON is a string.
    expect(cli('set', `/etc/jitsi/meet/${host}-config.js`, 'hosts.anonymousdomain', `guest.${host}`).status).toBe(0);
    expect(cli('get', `/etc/jitsi/meet/${host}-config.js`, 'hosts.anonymousdomain').stdout).toBe(`"guest.${host}"\n`);
    const missing = cli('get', `/etc/jitsi/meet/${host}-config.js`, 'hosts.nothing');
    expect(missing).toEqual({ status: 1, stdout: '', stderr: `jitsi-confkit: hosts.nothing is not set in etc/jitsi/meet/${host}-config.js\n` });
  });

  it('check finds a half-configured secure domain: exit 1 with file and line', () => {
    expect(cli('secure-domain', 'enable').status).toBe(0);
    const host = era.host;
    expect(cli('set', `/etc/jitsi/meet/${host}-config.js`, 'hosts.anonymousdomain', 'guest.other.example.org').status).toBe(0);
    const result = cli('check');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^etc/jitsi/meet/${host.replaceAll('.', '\\.')}-config\\.js:\\d+: error `, 'm'));
  });

  it('usage errors exit 2 with a pointer to the help', () => {
    expect(cli('browsers', 'move', 'firefox')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'jitsi-confkit: option --to is required\nRun "jitsi-confkit browsers move --help" for usage.\n',
    });
    expect(cli('frobnicate').status).toBe(2);
    expect(cli('check', '--dry-run').status).toBe(2);
  });

  it('an unknown browser is refused with the allowed names (exit 1)', () => {
    const result = cli('browsers', 'move', 'firefx', '--to', 'unsupported');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('jitsi-confkit: Unknown browser "firefx": use one of chrome, chromium, edge, electron, firefox, nwjs, opera, safari, webkit\n');
  });

  it('browsers list shows both lists and each browser', () => {
    const result = cli('browsers', 'list', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      file: 'usr/share/jitsi-meet/interface_config.js',
      optimal: ['chrome', 'chromium', 'firefox', 'nwjs', 'electron', 'safari'],
      unsupported: [],
      browsers: {
        chrome: 'optimal',
        chromium: 'optimal',
        edge: 'suboptimal',
        electron: 'optimal',
        firefox: 'optimal',
        nwjs: 'optimal',
        opera: 'suboptimal',
        safari: 'optimal',
        webkit: 'suboptimal',
      },
    });
  });

  it('a hostile browser name is refused and nothing changes', () => {
    const before = snapshot(tree.root);
    const result = cli('browsers', 'move', "firefox' ], x: alert(1), y: [ '", '--to', 'unsupported');
    expect(result.status).toBe(1);
    expect(result.stderr.startsWith('jitsi-confkit: Unknown browser ')).toBe(true);
    expect(snapshot(tree.root)).toEqual(before);
  });

  it('set writes a hostile string as an escaped literal that reads back exactly; the same set again is already done', () => {
    const hostile = "Meet'; alert(document.cookie); //\u2028\n";
    const rel = '/usr/share/jitsi-meet/interface_config.js';
    const first = cli('set', rel, 'APP_NAME', hostile);
    expect(first.status).toBe(0);
    expect(first.stdout.startsWith('applied  usr/share/jitsi-meet/interface_config.js: set APP_NAME = ')).toBe(true);
    expect(first.stderr).toBe(
      'warning: the next jitsi-meet-web upgrade replaces /usr/share/jitsi-meet/interface_config.js; add --save to have "jitsi-confkit apply" re-apply this edit after upgrades, or run the same command again after upgrading\n',
    );
    expect(JSON.parse(cli('get', rel, 'APP_NAME').stdout)).toBe(hostile);
    const once = snapshot(tree.root);
    const again = cli('set', rel, 'APP_NAME', hostile);
    expect(again.status).toBe(0);
    expect(again.stdout.startsWith('already  usr/share/jitsi-meet/interface_config.js: set APP_NAME = ')).toBe(true);
    expect(snapshot(tree.root)).toEqual(once);
  });

  it('--version prints the version', () => {
    expect(runCli(['--version'], { cwd: tree.root })).toEqual({ status: 0, stdout: '0.1.0\n', stderr: '' });
  });
});
