/**
 * The secure domain against a real Prosody 0.12 (Debian's package) on loopback: the bundled
 * per-host config before and after enableSecureDomain, logged in to with an XMPP client.
 * Skips with a message when prosody or lua5.4 are missing; under CI=true that fails instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { repoRoot } from '../../../test/support/corpus.js';
import { requireProgram } from './test-support/evaluate.js';
import { failure, login, startProsody, type ProsodyServer } from './test-support/prosody-server.js';

const available = requireProgram('prosody') && requireProgram('prosodyctl') && requireProgram('lua5.4');
const HOST = 'meet.example.com';
const GUEST = `guest.${HOST}`;
const bundled = `${repoRoot}/examples/debian-tree/etc/prosody/conf.avail/${HOST}.cfg.lua`;

describe.skipIf(!available)('a real Prosody server', () => {
  let before: ProsodyServer | undefined;
  let after: ProsodyServer | undefined;

  beforeAll(async () => {
    const text = readFileSync(bundled, 'latin1');
    const edited = parseProsodyConfig(text, { encoding: 'latin1' }).enableSecureDomain(HOST).toString();
    [before, after] = await Promise.all([startProsody(text), startProsody(edited)]);
  }, 30000);

  afterAll(async () => {
    await Promise.all([before?.stop(), after?.stop()]);
  });

  it('before: ANONYMOUS works on the main host, and there is no guest host', async () => {
    expect(await login(before!.port, HOST, 'ANONYMOUS')).toMatch(new RegExp(`^[^@]+@${HOST.replace(/\./g, '\\.')}/`));
    expect(await failure(login(before!.port, GUEST, 'ANONYMOUS'))).toBe(`host-unknown - This server does not serve ${GUEST}`);
  });

  it('after: ANONYMOUS is refused on the main host and works on the guest host', async () => {
    expect(await failure(login(after!.port, HOST, 'ANONYMOUS'))).toBe('ANONYMOUS not offered (offered: PLAIN,SCRAM-SHA-1)');
    expect(await login(after!.port, GUEST, 'ANONYMOUS')).toMatch(new RegExp(`^[^@]+@${GUEST.replace(/\./g, '\\.')}/`));
  });

  it('after: a registered user logs in with PLAIN on the main host; a wrong password is refused', async () => {
    await after!.register('alice', HOST, 'correct horse');
    expect(await login(after!.port, HOST, 'PLAIN', { username: 'alice', password: 'correct horse' })).toMatch(new RegExp(`^alice@${HOST.replace(/\./g, '\\.')}/`));
    expect(await failure(login(after!.port, HOST, 'PLAIN', { username: 'alice', password: 'wrong' }))).toMatch(/^not-authorized/);
  });

  it('stops its own process and removes its temp dir', async () => {
    const server = await startProsody(readFileSync(bundled, 'latin1'));
    expect(existsSync(server.dir)).toBe(true);
    await server.stop();
    expect(existsSync(server.dir)).toBe(false);
    expect(() => process.kill(server.pid, 0)).toThrow(/ESRCH/);
  });
});
