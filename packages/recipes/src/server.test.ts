/**
 * jwt and moderation against a real Prosody 0.12 (Debian's package) on loopback: the bundled
 * per-host config, edited by the recipes, must pass `prosodyctl check config`, start, and let an
 * XMPP client in where it should. A token login itself needs Jitsi's mod_auth_token (and its Lua
 * JWT libraries), which Debian does not package: the harness puts an empty stub in its place, so
 * what is tested is that the token host no longer lets anyone in without it (no anonymous, no
 * password login falls back), while the guest host takes anonymous logins. Skips with a message
 * when prosody or lua5.4 are missing; under CI=true that fails instead.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwt, moderation } from '@jitsi-confkit/recipes';
import { repoRoot } from '../../../test/support/corpus.js';
import { requireProgram } from '../../prosody-config/src/test-support/evaluate.js';
import { failure, login, startProsody, type ProsodyServer } from '../../prosody-config/src/test-support/prosody-server.js';

const available = requireProgram('prosody') && requireProgram('prosodyctl') && requireProgram('lua5.4');
const HOST = 'meet.example.com';
const GUEST = `guest.${HOST}`;
const SECRET = '3f9c1e7a5b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e';
const bundled = readFileSync(`${repoRoot}/examples/debian-tree/etc/prosody/conf.avail/${HOST}.cfg.lua`, 'latin1');
const jid = (host: string): RegExp => new RegExp(`^[^@]+@${host.replace(/\./g, '\\.')}/`);

/** The bundled file with the shared-secret token setup and a guest host. */
function withToken(): string {
  return jwt({ prosody: bundled }, { host: HOST, appId: 'myapp', secret: SECRET, guests: true, partial: true }).files.prosody!;
}

/** That, with every moderation option as well. */
function edited(): string {
  return moderation({ prosody: withToken() }, { host: HOST, waitForHost: true, authenticatedModerators: false, maxParticipants: 20, partial: true }).files.prosody!;
}

/** What `prosodyctl check config` found, without the temp paths of the files it loaded. */
async function findings(server: ProsodyServer): Promise<{ status: number; output: string }> {
  const { status, output } = await server.checkConfig();
  const found = output.slice(output.indexOf('Checking config...'));
  return { status, output: found.replace(/^ +- +\/.*\n/gm, '') };
}

describe.skipIf(!available)('jwt and moderation on a real Prosody server', () => {
  let before: ProsodyServer | undefined;
  let after: ProsodyServer | undefined;
  let misplaced: ProsodyServer | undefined;
  const text = edited();

  beforeAll(async () => {
    // A global-only option in a host section: what check config reports, to show the comparison can fail.
    const wrong = bundled.replace(`VirtualHost "${HOST}"\n`, `VirtualHost "${HOST}"\n    pidfile = "/tmp/x.pid"\n`);
    [before, after, misplaced] = await Promise.all([startProsody(bundled), startProsody(text), startProsody(wrong)]);
  }, 30000);

  afterAll(async () => {
    await Promise.all([before?.stop(), after?.stop(), misplaced?.stop()]);
  });

  it('the recipes wrote what the test means to run', () => {
    expect(text).toContain('    authentication = "token" -- do not delete me\n');
    expect(text).toContain(`VirtualHost "${GUEST}"\n    authentication = "jitsi-anonymous"\n`);
    expect(text).toContain('    "muc_wait_for_host";\n');
    expect(text).toContain('    muc_max_occupants = 20\n');
  });

  it('prosodyctl check config finds nothing in the edited config that it does not find in the original', async () => {
    const original = await findings(before!);
    // The bundled file's own finding (Debian's template of 2026 still sets cross_domain_bosh).
    expect(original.output).toBe(
      'Checking config...\n    The following configuration files have been loaded:\n\n    You have some obsolete options you can remove from the global section:\n    cross_domain_bosh\nDone.\n\nProblems found, see above.\n',
    );
    expect(await findings(after!)).toEqual(original);
    expect((await findings(misplaced!)).output).not.toBe(original.output);
  });

  it('before: the main host takes anonymous logins', async () => {
    expect(await login(before!.port, HOST, 'ANONYMOUS')).toMatch(jid(HOST));
  });

  it('after: the token host lets nobody in without a token (no anonymous login, no password login falls back)', async () => {
    expect(await failure(login(after!.port, HOST, 'ANONYMOUS'))).toBe('undefined-condition - No stream features to proceed with');
    expect(await failure(login(after!.port, HOST, 'PLAIN', { username: 'alice', password: 'correct horse' }))).toBe('undefined-condition - No stream features to proceed with');
  });

  it('after: the guest host takes anonymous logins', async () => {
    expect(await login(after!.port, GUEST, 'ANONYMOUS')).toMatch(jid(GUEST));
  });

  it('undo gives back the bytes the anonymous server ran with', () => {
    expect(jwt({ prosody: withToken() }, { host: HOST, enable: false, partial: true }).files.prosody).toBe(bundled);
  });
});
