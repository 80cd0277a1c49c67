/**
 * The XMPP login matrix of the secure domain against real Prosody 13 (the Debian stage): Debian
 * 13's prosody package, run inside a Debian 13 root filesystem (test/rootfs) on free loopback
 * ports by the same harness as the Prosody 0.12 tests (startProsody with `rootfs`), and logged in
 * to from here with an XMPP client. The bundled per-host file, with the secure domain enabled by
 * the recipe: anonymous logins refused on the main host and taken on the guest host, a user
 * registered with `prosodyctl register` logs in with PLAIN, a wrong password is refused.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secureDomain } from '@jitsi-confkit/recipes';
import { repoRoot } from '../../../test/support/corpus.js';
import { Rootfs } from '../../../test/rootfs/rootfs.js';
import { failure, login, startProsody, type ProsodyServer } from '../../prosody-config/src/test-support/prosody-server.js';

const HOST = 'meet.example.com';
const GUEST = `guest.${HOST}`;
const bundled = readFileSync(`${repoRoot}/examples/debian-tree/etc/prosody/conf.avail/${HOST}.cfg.lua`, 'latin1');
const text = secureDomain({ prosody: bundled }, { host: HOST, partial: true }).files.prosody!;

let fs: Rootfs | undefined;
let before: ProsodyServer | undefined;
let after: ProsodyServer | undefined;

beforeAll(async () => {
  fs = Rootfs.create({ suite: 'trixie', packages: ['prosody', 'lua5.4'] });
  [before, after] = await Promise.all([startProsody(bundled, { rootfs: fs }), startProsody(text, { rootfs: fs })]);
});
afterAll(async () => {
  await Promise.all([before?.stop(), after?.stop()]);
  fs?.dispose();
});

describe('the secure domain on a real Prosody 13 (Debian 13)', () => {
  it('runs Debian 13’s Prosody 13 with the file the recipe wrote', () => {
    expect(readFileSync(fs!.path('/usr/lib/prosody/prosody.version'), 'utf8')).toMatch(/^13\.0\.\d+/);
    expect(text).toBe(
      bundled
        .replace('    authentication = "jitsi-anonymous" -- do not delete me\n', '    authentication = "internal_hashed" -- do not delete me\n')
        .replace('\nComponent "conference.', `\nVirtualHost "${GUEST}"\n    authentication = "jitsi-anonymous"\n    c2s_require_encryption = false\n\nComponent "conference.`),
    );
  });

  it('before: the main host takes anonymous logins, and there is no guest host', async () => {
    expect(await login(before!.port, HOST, 'ANONYMOUS')).toMatch(new RegExp(`^[\\w-]{24}@${HOST.replaceAll('.', '\\.')}/[\\w-]+$`));
    expect(await failure(login(before!.port, GUEST, 'ANONYMOUS'))).toBe(`host-unknown - This server does not serve ${GUEST}`);
  });

  it('after: the main host refuses anonymous logins (not offered), the guest host takes them', async () => {
    expect(await failure(login(after!.port, HOST, 'ANONYMOUS'))).toBe('ANONYMOUS not offered (offered: PLAIN,SCRAM-SHA-1)');
    expect(await login(after!.port, GUEST, 'ANONYMOUS')).toMatch(new RegExp(`^[\\w-]{24}@${GUEST.replaceAll('.', '\\.')}/[\\w-]+$`));
  });

  it('after: a user registered with prosodyctl register logs in with PLAIN; a wrong password, or an unknown user, is refused', async () => {
    await after!.register('alice', HOST, 'correct horse');
    expect(await login(after!.port, HOST, 'PLAIN', { username: 'alice', password: 'correct horse' })).toMatch(new RegExp(`^alice@${HOST.replaceAll('.', '\\.')}/[\\w-]+$`));
    expect(await failure(login(after!.port, HOST, 'PLAIN', { username: 'alice', password: 'wrong' }))).toBe(
      "not-authorized - Unable to authorize you with the authentication credentials you've sent.",
    );
    expect(await failure(login(after!.port, HOST, 'PLAIN', { username: 'bob', password: 'correct horse' }))).toBe(
      "not-authorized - Unable to authorize you with the authentication credentials you've sent.",
    );
  });
});
