/**
 * End to end on the corpus trees (the BUILT CLI against fake Debian servers, see trees.ts): a
 * recipe is all or nothing across the files it needs, and undo removes only what enable writes.
 *
 * - A mistyped --host (no Prosody host file, no config.js for it) or a config.js removed: exit 1,
 *   not one byte written anywhere, the missing files named with where they were looked for, the
 *   host names found suggested; `check` reports the missing file as an error. Before: Prosody and
 *   Jicofo (with the mistyped login-url) were written, exit 0, and check found "No problems".
 * - The docker tree's guest VirtualHost, which its admin wrote with lobby modules and main_muc:
 *   disable keeps it and says so (in the dry run too); --remove-guest removes it.
 */
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { corpusAvailable } from '../../../test/support/corpus.js';
import { buildTree, debianRel, ERAS, readTree, requireBuiltCli, runCli, snapshot } from './test-support/trees.js';
import type { Era, Tree } from './test-support/trees.js';

const available = corpusAvailable();

beforeAll(() => {
  requireBuiltCli();
});

/** A host name one transposition away from `host` (meet.example.com -> meet.exmaple.com, …). */
function typo(host: string): string {
  const at = host.indexOf('.') + 3;
  return host.slice(0, at) + host[at + 1] + host[at] + host.slice(at + 2);
}

describe.skipIf(!available).each(ERAS)('$name', (era: Era) => {
  let tree: Tree;
  const cli = (...args: string[]) => runCli([...args, '--root', '.'], { cwd: tree.root });

  beforeEach(() => {
    tree = buildTree(era);
  });
  afterEach(() => tree.cleanup());

  it('secure-domain with a mistyped --host: exit 1, nothing written, the close host suggested', () => {
    const wrong = typo(era.host);
    expect(wrong).not.toBe(era.host);
    const before = snapshot(tree.root);
    for (const command of [
      ['secure-domain', 'enable'],
      ['secure-domain', 'disable'],
    ]) {
      const result = cli(...command, '--host', wrong);
      expect([command, result.status, result.stdout]).toEqual([command, 1, '']);
      expect(result.stderr).toContain(`  the Prosody host file (not found at etc/prosody/conf.avail/${wrong}.cfg.lua or etc/prosody/conf.d/${wrong}.cfg.lua)\n`);
      expect(result.stderr).toContain(`  config.js (not found at etc/jitsi/meet/${wrong}-config.js)\n`);
      expect(result.stderr).toContain(`Did you mean --host ${era.host}?`);
      const json = cli(...command, '--host', wrong, '--json');
      expect((JSON.parse(json.stdout) as { error: { hosts: string[] } }).error.hosts[0]).toBe(era.host);
    }
    expect(snapshot(tree.root)).toEqual(before);
    const check = cli('check', '--host', wrong, '--json');
    expect(check.status).toBe(1);
    const findings = (JSON.parse(check.stdout) as { findings: { code: string; file: string; severity: string }[] }).findings;
    expect(findings.filter((f) => f.code === 'file-missing').map((f) => [f.file, f.severity])).toEqual([
      ['prosody', 'error'],
      ['meetConfig', 'error'],
    ]);
  });

  it('secure-domain enable with config.js removed: exit 1 and nothing written; check reports it; --partial applies the rest', () => {
    unlinkSync(join(tree.root, debianRel('meetConfig', era.host)));
    const before = snapshot(tree.root);
    const result = cli('secure-domain', 'enable');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`  config.js (not found at etc/jitsi/meet/${era.host}-config.js)\n`);
    expect(snapshot(tree.root)).toEqual(before);
    const check = cli('check');
    expect(check.status).toBe(1);
    expect(check.stdout).toContain(`error file-missing: The secure domain cannot be checked without config.js (not found at etc/jitsi/meet/${era.host}-config.js)`);
    expect(check.stdout).not.toContain('No problems found');
    expect(cli('secure-domain', 'enable', '--partial').status).toBe(0);
    expect(readTree(tree, debianRel('prosody', era.host))).not.toBe(before[debianRel('prosody', era.host)]?.content);
  });
});

describe.skipIf(!available)('the docker tree: a guest VirtualHost its admin wrote', () => {
  const era = ERAS.find((e) => e.name.startsWith('docker-'))!;
  let tree: Tree;
  const cli = (...args: string[]) => runCli([...args, '--root', '.'], { cwd: tree.root });
  const prosody = (): string => readTree(tree, debianRel('prosody', era.host));

  beforeEach(() => {
    tree = buildTree(era);
    expect(cli('secure-domain', 'enable').status).toBe(0);
  });
  afterEach(() => tree.cleanup());

  const KEPT = `VirtualHost "guest.${era.host}" was kept: it holds allow_anonymous_s2s (line 76), modules_enabled (line 79) and main_muc (line 82), which enabling does not write.`;

  it('disable keeps it, and the dry run and the step list say so', () => {
    const dry = cli('secure-domain', 'disable', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(`VirtualHost "${era.host}": anonymous authentication again; VirtualHost "guest.${era.host}" kept`);
    expect(dry.stderr).toContain(KEPT);
    const result = cli('secure-domain', 'disable', '--json');
    expect(result.status).toBe(0);
    const outcome = JSON.parse(result.stdout) as { steps: { file: string; action: string; status: string }[]; warnings: string[] };
    expect(outcome.steps[0]).toMatchObject({
      file: 'prosody',
      status: 'applied',
      action: `VirtualHost "${era.host}": anonymous authentication again; VirtualHost "guest.${era.host}" kept`,
    });
    expect(outcome.warnings.some((w) => w.startsWith(KEPT))).toBe(true);
    expect(prosody()).toBe(tree.original.prosody);
  });

  it('--remove-guest removes it, and says what went with it', () => {
    const result = cli('secure-domain', 'disable', '--remove-guest');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`VirtualHost "guest.${era.host}" was removed although it holds allow_anonymous_s2s (line 76)`);
    expect(prosody()).not.toContain(`VirtualHost "guest.${era.host}"`);
  });
});
