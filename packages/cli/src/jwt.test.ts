/**
 * jwt and moderation on a copy of the bundled example tree, in-process: the secret is read from a
 * file or standard input only, and never appears in stdout, stderr, --json or the --dry-run diff;
 * a secret that would break the Lua string or jitsi-meet-tokens' sed is refused with the reason and
 * nothing written; Prosody 13's credential is written through the write path (0600, no final
 * newline, a prosody.service drop-in) and removed again by disable; disable gives back the bytes.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/corpus.js';
import { run } from './index.js';
import type { ErrorReport, Outcome } from './index.js';
import { recorder } from './test-support/io.js';
import { snapshot } from './test-support/trees.js';

const SECRET = 'Zq3xV9mB2kL7pR4tW8yN1cF6hJ0sD5gAb7Ue';
const HOST = 'meet.example.com';
const PROSODY = `etc/prosody/conf.avail/${HOST}.cfg.lua`;

let dir: string;
let root: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'confkit-jwt-'));
  root = join(dir, 'tree');
  cpSync(join(repoRoot, 'examples/debian-tree'), root, { recursive: true, verbatimSymlinks: true });
  writeFileSync(join(dir, 'secret'), `${SECRET}\n`, { mode: 0o600 });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], stdin?: string): Promise<{ status: number; out: string; err: string }> {
  const io = recorder({ cwd: dir, ...(stdin === undefined ? {} : { stdin }) });
  const status = await run(args, io);
  return { status, out: io.out, err: io.err };
}

function expectNoSecret(...outputs: string[]): void {
  for (const o of outputs) expect(o).not.toContain(SECRET);
}

describe('jwt enable with a shared secret', () => {
  it('reads the secret from --secret-file and from --secret-stdin, writes it, and never shows it', async () => {
    const dry = await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp', '--secret-file', 'secret', '--guests', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.out).toContain('+    app_secret = "<secret 2 hidden>"');
    expect(dry.out).toContain('app_secret = <secret, 36 characters>');
    expectNoSecret(dry.out, dry.err);
    const json = await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp', '--secret-stdin', '--guests', '--json'], `${SECRET}\n`);
    expect(json.status).toBe(0);
    expectNoSecret(json.out, json.err);
    const outcome = JSON.parse(json.out) as Outcome;
    expect(outcome.changed).toBe(true);
    expect(outcome.diffs.find((d) => d.path.endsWith('.cfg.lua'))!.diff).toContain('app_secret = "<secret 2 hidden>"');
    const written = readFileSync(join(root, PROSODY), 'latin1');
    // Written without the final newline of the file it was read from.
    expect(written).toContain(`    app_secret = "${SECRET}"\n`);
    expect(json.err).toBe('');
    expect(outcome.warnings).toContain(
      `tree/${PROSODY} holds a secret and every local user may read it (mode 0644): chgrp prosody tree/${PROSODY} && chmod 640 tree/${PROSODY}, or store the JWT secret as a credential (--secret-storage credential, Prosody 13)`,
    );
    // Again: nothing to change, and still nothing shown.
    const again = await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp', '--secret-file', 'secret', '--guests']);
    expect(again.out).toContain('Nothing to change.');
    expectNoSecret(again.out, again.err);
    // check reports nothing wrong with the token deployment.
    const check = await cli(['check', '--root', 'tree']);
    expect(check.out).toContain(`No problems found for ${HOST}.`);
    expectNoSecret(check.out, check.err);
  });

  it('disable gives back the original bytes, and never shows the old secret', async () => {
    const before = snapshot(root);
    expect((await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp', '--secret-file', 'secret', '--guests'])).status).toBe(0);
    const dry = await cli(['jwt', 'disable', '--root', 'tree', '--dry-run', '--json']);
    expectNoSecret(dry.out, dry.err);
    expect((JSON.parse(dry.out) as Outcome).diffs.map((d) => d.diff).join('\n')).toContain('-    app_secret = "<secret 2 hidden>"');
    const undone = await cli(['jwt', 'disable', '--root', 'tree']);
    expect(undone.status).toBe(0);
    expectNoSecret(undone.out, undone.err);
    expect(snapshot(root)).toEqual(before);
  });

  it.each([
    [
      'a quote',
      'abc"def0123456789abcdef0123456789',
      'it holds " at position 4, which jitsi-meet-tokens refuses (it would end the Lua string or the sed expression of its maintainer scripts)',
    ],
    [
      'a slash',
      'abc/def0123456789abcdef0123456789',
      'it holds / at position 4, which jitsi-meet-tokens refuses (it would end the Lua string or the sed expression of its maintainer scripts)',
    ],
    ['an ampersand', 'abc&def0123456789abcdef0123456789', 'it holds & at position 4: sed puts the matched text in its place when jitsi-meet-tokens writes the secret'],
    ['a line break inside', 'abc\ndef0123456789abcdef0123456789', "it holds a line break at position 4: a Prosody string and sed's line-by-line edit both end there"],
  ])('refuses a secret with %s, with the reason and without the secret, writing nothing', async (_, secret, reason) => {
    writeFileSync(join(dir, 'bad'), secret);
    const before = snapshot(root);
    const r = await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp', '--secret-file', 'bad', '--json']);
    expect(r.status).toBe(1);
    const error = (JSON.parse(r.out) as ErrorReport).error;
    expect(error.code).toBe('E_VALIDATION');
    expect(error.message).toBe(`The JWT secret is refused: ${reason}`);
    expect(r.out).not.toContain(secret);
    expect(r.err).not.toContain(secret);
    expect(snapshot(root)).toEqual(before);
  });

  it('takes no secret on the command line, where ps shows it', async () => {
    const r = await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp', `--secret=${SECRET}`]);
    expect(r.status).toBe(2);
    expect(r.err).toContain('unknown option --secret');
    expect(r.err).not.toContain(SECRET);
  });

  it('a token host without a secret and none given: refused, nothing written', async () => {
    const r = await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp']);
    expect(r.status).toBe(1);
    expect(r.err).toBe('jitsi-confkit: VirtualHost "meet.example.com" has no app_secret: give the shared secret\n');
  });
});

describe('jwt enable --secret-storage credential (Prosody 13)', () => {
  beforeEach(() => {
    mkdirSync(join(root, 'usr/lib/prosody'), { recursive: true });
    writeFileSync(join(root, 'usr/lib/prosody/prosody.version'), '13.0.1\n');
  });

  it('writes the credential (0600, no final newline) and the drop-in through the write path; disable removes them', async () => {
    const before = readFileSync(join(root, PROSODY), 'latin1');
    const r = await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp', '--secret-stdin', '--secret-storage', 'credential', '--json'], `${SECRET}\r\n`);
    expect(r.status).toBe(0);
    expectNoSecret(r.out, r.err);
    const outcome = JSON.parse(r.out) as Outcome;
    expect(outcome.files.slice(-2)).toEqual([
      { kind: 'credential', path: 'tree/etc/credstore/jitsi-app-secret', changed: true, created: true },
      { kind: 'systemd-drop-in', path: 'tree/etc/systemd/system/prosody.service.d/jitsi-confkit-jitsi-app-secret.conf', changed: true, created: true },
    ]);
    expect(outcome.diffs.find((d) => d.path.endsWith('jitsi-app-secret'))!.diff).toBe(
      '--- /dev/null\n+++ b/tree/etc/credstore/jitsi-app-secret\n+(the secret, 36 bytes: not shown)\n',
    );
    const credential = join(root, 'etc/credstore/jitsi-app-secret');
    expect(readFileSync(credential, 'latin1')).toBe(SECRET);
    expect(statSync(credential).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'etc/credstore')).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(root, 'etc/systemd/system/prosody.service.d/jitsi-confkit-jitsi-app-secret.conf'), 'utf8')).toBe(
      '# Written by jitsi-confkit: Prosody reads the JWT secret of meet.example.com with Credential("jitsi-app-secret").\n[Service]\nLoadCredential=jitsi-app-secret:/etc/credstore/jitsi-app-secret\n',
    );
    expect(readFileSync(join(root, PROSODY), 'latin1')).toContain('    app_secret = Credential("jitsi-app-secret")\n');
    // A credential that got a wider mode by hand is narrowed when the secret changes, never widened.
    const { chmodSync } = await import('node:fs');
    chmodSync(credential, 0o644);
    expect(
      (await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp', '--secret-stdin', '--secret-storage', 'credential'], 'another-secret-0123456789abcdef01234')).status,
    ).toBe(0);
    expect(statSync(credential).mode & 0o777).toBe(0o600);
    const undone = await cli(['jwt', 'disable', '--root', 'tree', '--json']);
    expect(undone.status).toBe(0);
    expect((JSON.parse(undone.out) as Outcome).files.slice(-2)).toEqual([
      { kind: 'credential', path: 'tree/etc/credstore/jitsi-app-secret', changed: true, removed: true },
      { kind: 'systemd-drop-in', path: 'tree/etc/systemd/system/prosody.service.d/jitsi-confkit-jitsi-app-secret.conf', changed: true, removed: true },
    ]);
    expect(existsSync(credential)).toBe(false);
    expect(existsSync(join(root, 'etc/systemd/system/prosody.service.d/jitsi-confkit-jitsi-app-secret.conf'))).toBe(false);
    expect(readFileSync(join(root, PROSODY), 'latin1')).toBe(before);
  });

  it('is refused on Prosody 0.12, which has no Credential()', async () => {
    writeFileSync(join(root, 'usr/lib/prosody/prosody.version'), '0.12.3\n');
    const r = await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp', '--secret-file', 'secret', '--secret-storage', 'credential']);
    expect(r.status).toBe(1);
    expect(r.err).toContain('Prosody 0.12.3 has no Credential() (it came with Prosody 13)');
    expect(existsSync(join(root, 'etc/credstore'))).toBe(false);
  });
});

describe('jwt enable --issuer', () => {
  it('configures the OIDC variant and the handbook web login, then disable gives the bytes back', async () => {
    const before = snapshot(root);
    const r = await cli(['jwt', 'enable', '--root', 'tree', '--issuer', `https://${HOST}/realms/jitsi-realm`, '--guests']);
    expect(r.status).toBe(0);
    const prosody = readFileSync(join(root, PROSODY), 'latin1');
    expect(prosody).toContain(`    cache_keys_url = "https://${HOST}/realms/jitsi-realm/protocol/openid-connect/certs"\n`);
    expect(prosody).toContain(`    asap_accepted_issuers = { "https://${HOST}/realms/jitsi-realm" }\n`);
    expect(readFileSync(join(root, `etc/jitsi/meet/${HOST}-config.js`), 'utf8')).toContain('tokenAuthInline: true,');
    expect((await cli(['jwt', 'disable', '--root', 'tree'])).status).toBe(0);
    expect(snapshot(root)).toEqual(before);
  });
});

describe('moderation set', () => {
  it('wait for host, the limit and auto owner where their modules read them, and off again gives the bytes back', async () => {
    const before = snapshot(root);
    const r = await cli(['moderation', 'set', '--root', 'tree', '--wait-for-host', 'on', '--authenticated-moderators', 'off', '--max-participants', '20', '--auto-owner', 'off']);
    expect(r.status).toBe(0);
    const prosody = readFileSync(join(root, PROSODY), 'latin1');
    expect(prosody).toContain('    wait_for_host_disable_auto_owners = true\n    muc_max_occupants = 20\n    muc_access_whitelist = { "focus@auth.meet.example.com" }\n');
    expect(readFileSync(join(root, 'etc/jitsi/jicofo/jicofo.conf'), 'utf8')).toMatch(/\n {4}enable-auto-owner[:=] ?false\n/);
    // Wait for host on an anonymous main host: everyone counts as a host.
    const check = await cli(['check', '--root', 'tree']);
    expect(check.status).toBe(1);
    expect(check.out).toContain('error wait-for-host-without-authentication: Wait for host is enabled, but VirtualHost "meet.example.com" is anonymous');
    const off = await cli(['moderation', 'set', '--root', 'tree', '--wait-for-host', 'off', '--max-participants', 'none', '--auto-owner', 'on']);
    expect(off.status).toBe(0);
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses --max-participants that is not a number', async () => {
    const r = await cli(['moderation', 'set', '--root', 'tree', '--max-participants', 'many']);
    expect(r.status).toBe(2);
    expect(r.err).toContain('option --max-participants takes a number of participants, or none (got "many")');
  });
});

describe('--save: the intent in the state file, without the secret; apply and status', () => {
  const STATE = 'etc/jitsi-confkit/state.yaml';

  it('jwt enable --save records the intent and never the secret; apply puts a reverted host back with the secret it has; disable --save removes it', async () => {
    const saved = await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp', '--secret-file', 'secret', '--guests', '--save', '--json']);
    expect(saved.status).toBe(0);
    expectNoSecret(saved.out, saved.err);
    const state = readFileSync(join(root, STATE), 'utf8');
    expect(state).not.toContain(SECRET);
    expect(state).toContain('  - kind: jwt\n    host: meet.example.com\n    appId: myapp\n    guests: true\n');
    expect(statSync(join(root, STATE)).mode & 0o777).toBe(0o600);
    expect((await cli(['status', '--root', 'tree'])).status).toBe(0);

    // The main host anonymous again by hand, the secret left in place: drift, then apply.
    const enabled = readFileSync(join(root, PROSODY), 'latin1');
    writeFileSync(join(root, PROSODY), enabled.replace('authentication = "token" -- do not delete me', 'authentication = "jitsi-anonymous" -- do not delete me'), 'latin1');
    const drift = await cli(['status', '--root', 'tree']);
    expect(drift.status).toBe(3);
    expectNoSecret(drift.out, drift.err);
    const applied = await cli(['apply', '--root', 'tree', '--json']);
    expect(applied.status).toBe(0);
    expectNoSecret(applied.out, applied.err);
    expect(readFileSync(join(root, PROSODY), 'latin1')).toBe(enabled);
    expect((await cli(['status', '--root', 'tree'])).status).toBe(0);

    const undone = await cli(['jwt', 'disable', '--root', 'tree', '--save']);
    expect(undone.status).toBe(0);
    expect(readFileSync(join(root, STATE), 'utf8')).not.toContain('kind: jwt');
  });

  it('with the secret as a credential, apply keeps Credential() and the credential file as they are', async () => {
    mkdirSync(join(root, 'usr/lib/prosody'), { recursive: true });
    writeFileSync(join(root, 'usr/lib/prosody/prosody.version'), '13.0.2\n');
    expect((await cli(['jwt', 'enable', '--root', 'tree', '--app-id', 'myapp', '--secret-file', 'secret', '--secret-storage', 'credential', '--save'])).status).toBe(0);
    expect(readFileSync(join(root, STATE), 'utf8')).toContain('    secretStorage: credential\n');
    const credential = readFileSync(join(root, 'etc/credstore/jitsi-app-secret'));
    const again = await cli(['apply', '--root', 'tree']);
    expect(again.status).toBe(0);
    expect(again.out).toContain('Nothing to change.');
    expect(readFileSync(join(root, 'etc/credstore/jitsi-app-secret'))).toEqual(credential);
  });

  it('moderation set --save records the options given over those recorded before; apply makes them hold again', async () => {
    expect((await cli(['moderation', 'set', '--root', 'tree', '--wait-for-host', 'on', '--save'])).status).toBe(0);
    expect((await cli(['moderation', 'set', '--root', 'tree', '--max-participants', '20', '--auto-owner', 'off', '--save'])).status).toBe(0);
    const state = readFileSync(join(root, STATE), 'utf8');
    expect(state.match(/kind: moderation/g)).toHaveLength(1);
    expect(state).toContain('  - kind: moderation\n    host: meet.example.com\n    waitForHost: true\n    maxParticipants: 20\n    autoOwner: false\n');
    const moderated = readFileSync(join(root, PROSODY), 'latin1');
    writeFileSync(join(root, PROSODY), moderated.replace('    muc_max_occupants = 20\n', '    muc_max_occupants = 200\n'), 'latin1');
    expect((await cli(['status', '--root', 'tree'])).status).toBe(3);
    expect((await cli(['apply', '--root', 'tree'])).status).toBe(0);
    expect(readFileSync(join(root, PROSODY), 'latin1')).toBe(moderated);
    expect((await cli(['moderation', 'set', '--root', 'tree', '--max-participants', 'none', '--save'])).status).toBe(0);
    expect(readFileSync(join(root, STATE), 'utf8')).toContain('    maxParticipants: false\n');
  });
});
