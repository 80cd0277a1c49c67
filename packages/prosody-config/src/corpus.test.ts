/**
 * The real corpus (../shared/fixtures/real/prosody, wild/ included): every file round-trips, and
 * enableSecureDomain on every per-host Jitsi config is checked by a golden diff, by lua5.4 (the
 * effective per-host settings before and after), by luac5.4 -p, by a second application and by
 * disableSecureDomain.
 */
import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, ValidationError } from '@jitsi-confkit/core';
import { AUTH_PROVIDERS, parseProsodyConfig, type Scope } from '@jitsi-confkit/prosody-config';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { expectGoldenDiff } from '../../../test/support/golden.js';
import { evaluate, evaluateMany, luacCheck, luacCheckMany, requireProgram, type Evaluated } from './test-support/evaluate.js';

const available = corpusAvailable();
const hasLua = requireProgram('lua5.4') && requireProgram('luac5.4');

/** Every per-host Jitsi config of the corpus with its main VirtualHost. */
const JITSI_HOSTS: Record<string, string> = {
  'prosody/jitsi-meet-doc-multidomain-example-2021-01-a9bb8e5.cfg.lua': 'jitsi.example.com',
  'prosody/jitsi-meet-doc-prosody-main-example-2017-12-3ac41bb.cfg.lua': 'jitsi.example.com',
  'prosody/jitsi-meet-doc-prosody-main-example-2021-01-a9bb8e5.cfg.lua': 'jitsi.example.com',
  'prosody/jitsi-meet-doc-scalable-host-example-2021-01-a9bb8e5.cfg.lua': 'meet.example.com',
  'prosody/jitsi-meet-jvb-example-2014-09-0680df5.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2016-02-stable-830.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2018-04-stable-2988.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2020-03-stable-4335.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2020-05-stable-4548.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2020-07-stable-4857.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2021-01-stable-5390.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2021-04-stable-5765.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2021-10-stable-6433.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2022-01-stable-6865.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2022-06-stable-7439.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2022-08-stable-7648.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2023-06-stable-8719.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2024-06-stable-9584.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2025-01-stable-10008.cfg.lua': 'jitmeet.example.com',
  'prosody/jitsi-meet-jvb-example-2026-07-master-abf901a.cfg.lua': 'jitmeet.example.com',
  'prosody/wild/broadcast-docker-2020-09-mixed-tabs.cfg.lua': 'meet.jitsi',
  'prosody/wild/giovannitorsello-docker-2021-03-guest-trailing-ws.cfg.lua': 'meet.local',
  'prosody/wild/gkleinereva-debian-2022-01-jwt-token-guest-commented.cfg.lua': 'meet.example.com',
  'prosody/wild/mundi-debian-2020-07-host-auth-commented.cfg.lua': 'webrtc01.mundi-tv.tk',
  'prosody/wild/onesol-docker-2026-02-jitsi-anonymous.cfg.lua': 'video.onesolutions.net',
  'prosody/wild/qkit-docker-2023-06-internal_hashed.cfg.lua': 'meet.jitsi',
  'prosody/wild/shcare-docker-2023-09-token-guest.cfg.lua': 'meet.jitsi',
  'prosody/wild/telkomdev-vagrant-2020-04-host-custom_http.cfg.lua': 'meet.example.com',
  'prosody/wild/telkomdev-vagrant-2020-04-host-ldap2.cfg.lua': 'meet.example.com',
  'prosody/wild/telkomdev-vagrant-2020-05-host-token-asap.cfg.lua': 'meet.example.com',
};

/**
 * Files where the secure domain does not apply, with the documented error for
 * enableSecureDomain('meet.example.com'): Prosody's own main configs, snippets, a docker file
 * without the main host, and configs of other roles (JaaS jigasi host, visitor node, test rig).
 */
const NOT_APPLICABLE: Record<string, string> = {
  'prosody/debian-bookworm-prosody-0.12.3-1+deb12u1-conf.avail-example.com.cfg.lua': 'its VirtualHosts are: example.com',
  'prosody/debian-bookworm-prosody-0.12.3-1+deb12u1-conf.avail-localhost.cfg.lua': 'its VirtualHosts are: localhost',
  'prosody/debian-bookworm-prosody-0.12.3-1+deb12u1-migrator.cfg.lua': 'it has no VirtualHost',
  'prosody/debian-bookworm-prosody-0.12.3-1+deb12u1-prosody.cfg.lua': 'its VirtualHosts are: localhost',
  'prosody/jitsi-meet-doc-scalable-main-example-2021-01-32fb08c.cfg.lua': 'its VirtualHosts are: localhost',
  'prosody/jitsi-meet-jaas-2022-09-fce15b4.cfg.lua': 'its VirtualHosts are: jigasi.meet.jitsi',
  'prosody/jitsi-meet-tests-docker-prosody-2026-07-master-abf901a.cfg.lua':
    'its VirtualHosts are: localhost, auth.localhost, recorder.localhost, hs256.localhost, jitsi-anonymous.localhost, shared-secret.localhost, whitelist.localhost',
  'prosody/jitsi-meet-visitor-template-2026-07-master-abf901a.cfg.lua': 'its VirtualHosts are: vx.meet.jitsi, auth.meet.jitsi',
  'prosody/prosody-upstream-0.10.3-dist.cfg.lua': 'its VirtualHosts are: localhost',
  'prosody/prosody-upstream-0.11.14-dist.cfg.lua': 'its VirtualHosts are: localhost',
  'prosody/prosody-upstream-0.12.5-dist.cfg.lua': 'its VirtualHosts are: localhost',
  'prosody/prosody-upstream-0.9.14-dist.cfg.lua': 'its VirtualHosts are: localhost, example.com',
  'prosody/prosody-upstream-13.0.1-dist.cfg.lua': 'its VirtualHosts are: localhost',
  'prosody/wild/mundi-debian-2020-07-main-prosody-tabs.cfg.lua': 'it has no VirtualHost',
  'prosody/wild/onesol-2026-02-ldap2-table.cfg.lua': 'it has no VirtualHost',
  'prosody/wild/telkomdev-vagrant-2020-04-ldap-include-no-eol.cfg.lua': 'it has no VirtualHost',
  'prosody/wild/telkomdev-vagrant-2020-05-main-prosody-include.cfg.lua': 'it has no VirtualHost',
  'prosody/wild/tob123-docker-2022-02-conf.d-odd-indent.cfg.lua': 'its VirtualHosts are: auth.meet.jitsi, recorder.meet.jitsi',
};

const files = available ? corpusFiles('prosody', ['.cfg.lua']) : [];
const goldenName = (rel: string): string =>
  `prosody/${rel
    .replace(/^prosody\//, '')
    .replace(/\//g, '__')
    .replace(/\.cfg\.lua$/, '')}.secure-domain.diff`;

describe.skipIf(!available)('corpus round trip', () => {
  it('covers every .cfg.lua and classifies each one', () => {
    expect(files.length).toBe(48);
    for (const f of files) expect(f in JITSI_HOSTS || f in NOT_APPLICABLE, f).toBe(true);
  });

  it.each(files)('%s parses and an unedited toString() is byte-identical', (rel) => {
    const text = readCorpusLatin1(rel);
    const cfg = parseProsodyConfig(text, { encoding: 'latin1' });
    expect(cfg.toString()).toBe(text);
    expect(cfg.changed).toBe(false);
    expect(cfg.edits).toEqual([]);
  });

  it.each(files)('%s cut short: parses or gives a ConfigSyntaxError, nothing else', (rel) => {
    const text = readCorpusLatin1(rel);
    for (const fraction of [0.25, 0.5, 0.75]) {
      const cut = text.slice(0, Math.floor(text.length * fraction));
      try {
        expect(parseProsodyConfig(cut, { encoding: 'latin1' }).toString()).toBe(cut);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigSyntaxError);
        const { line, column } = e as ConfigSyntaxError;
        expect(line).toBeGreaterThan(0);
        expect(column).toBeGreaterThan(0);
      }
    }
  });
});

/** The effective settings of `after` must equal those of `before` but for these hosts. */
function withoutHosts(e: Evaluated, ...names: string[]): Evaluated['hosts'] {
  const out = { ...e.hosts };
  for (const n of names) delete out[n];
  return out;
}

describe.skipIf(!available)('enableSecureDomain on every per-host Jitsi config', () => {
  it.each(Object.entries(JITSI_HOSTS))('%s (%s)', (rel, host) => {
    const guest = `guest.${host}`;
    const before = readCorpusLatin1(rel);
    const original = parseProsodyConfig(before, { encoding: 'latin1' });
    const mainAuth = original.get({ host }, 'authentication');
    const hadGuest = original.has({ host: guest });
    const flavour = mainAuth === 'jitsi-anonymous' || (hadGuest && original.get({ host: guest }, 'authentication') === 'jitsi-anonymous') ? 'jitsi-anonymous' : 'anonymous';

    const cfg = parseProsodyConfig(before, { encoding: 'latin1' }).enableSecureDomain(host);
    const after = cfg.toString();
    expectEditInvariants(before, cfg.edits, after);
    expectGoldenDiff(goldenName(rel), rel, before, after);
    expect(cfg.get({ host }, 'authentication')).toBe('internal_hashed');
    expect(cfg.lookup({ host: guest }, 'authentication')).toMatchObject({ value: flavour, from: 'section' });
    expect(cfg.get({ host: guest }, 'c2s_require_encryption')).toBe(false);
    expect(cfg.hosts().filter((h) => h === guest)).toEqual([guest]);
    if (!hadGuest) {
      // Directly after the main host's section.
      const names = cfg.sections().map((s) => s.name);
      expect(names[names.indexOf(host) + 1]).toBe(guest);
    }

    // A second application changes nothing.
    const again = parseProsodyConfig(after, { encoding: 'latin1' }).enableSecureDomain(host);
    expect(again.edits).toEqual([]);
    expect(again.changed).toBe(false);

    if (hasLua) {
      expect(luacCheck(after)).toBeUndefined();
      const b = evaluate(before);
      const a = evaluate(after);
      expect(a.warnings).toEqual(b.warnings);
      expect(a.global).toEqual(b.global);
      expect(withoutHosts(a, host, guest)).toEqual(withoutHosts(b, host, guest));
      expect(a.hosts[host]).toEqual({ ...b.hosts[host], settings: { ...b.hosts[host]!.settings, authentication: 'internal_hashed' } });
      const guestBase = hadGuest ? b.hosts[guest]!.settings : b.global;
      expect(a.hosts[guest]).toEqual({
        kind: 'VirtualHost',
        settings: { ...guestBase, authentication: flavour, c2s_require_encryption: false },
      });
    }

    // disableSecureDomain: the main host's anonymous flavour comes back and the guest host goes.
    const disabled = parseProsodyConfig(after, { encoding: 'latin1' }).disableSecureDomain(host);
    expectEditInvariants(after, disabled.edits, disabled.toString());
    expect(disabled.has({ host: guest })).toBe(false);
    expect(disabled.get({ host }, 'authentication')).toBe(flavour);
    if (hasLua) expect(luacCheck(disabled.toString())).toBeUndefined();
    if (hasLua && !hadGuest && (mainAuth === 'anonymous' || mainAuth === 'jitsi-anonymous')) {
      expect(evaluate(disabled.toString())).toEqual(evaluate(before));
    }
    if (!hadGuest && mainAuth === flavour) expect(disabled.toString()).toBe(before);
  });
});

describe.skipIf(!available)('files where the secure domain does not apply', () => {
  it.each(Object.entries(NOT_APPLICABLE))('%s: ValidationError listing the hosts', (rel, hosts) => {
    const text = readCorpusLatin1(rel);
    const cfg = parseProsodyConfig(text, { encoding: 'latin1' });
    const host = rel.includes('tob123') ? 'meet.jitsi' : 'meet.example.com';
    let error: unknown;
    try {
      cfg.enableSecureDomain(host);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(`VirtualHost "${host}" is not in this file; ${hosts}`);
    expect(cfg.toString()).toBe(text);
    expect(cfg.edits).toEqual([]);
  });
});

describe.skipIf(!available)("Prosody's main config (Debian's prosody.cfg.lua)", () => {
  const rel = 'prosody/debian-bookworm-prosody-0.12.3-1+deb12u1-prosody.cfg.lua';

  it('takes global module and setting edits in its own layout', () => {
    const before = readCorpusLatin1(rel);
    const cfg = parseProsodyConfig(before, { encoding: 'latin1' })
      .addToList('global', 'modules_enabled', 'bosh')
      .removeFromList('global', 'modules_enabled', 'register')
      .set('global', 'consider_bosh_secure', true);
    const after = cfg.toString();
    expectEditInvariants(before, cfg.edits, after);
    expectGoldenDiff('prosody/debian-bookworm-prosody-0.12.3-1+deb12u1-prosody.global-edits.diff', rel, before, after);
    expect(cfg.lookup({ host: 'localhost' }, 'consider_bosh_secure')).toMatchObject({ value: true, from: 'global' });
    if (hasLua) {
      expect(luacCheck(after)).toBeUndefined();
      const b = evaluate(before);
      const a = evaluate(after);
      const modules = (b.global.modules_enabled as string[]).filter((m) => m !== 'register').concat('bosh');
      expect(a.global).toEqual({ ...b.global, modules_enabled: modules, consider_bosh_secure: true });
      expect(a.warnings).toEqual(b.warnings);
    }
  });
});

describe.skipIf(!available)('every section of every corpus file', () => {
  const scopes = (rel: string) =>
    parseProsodyConfig(readCorpusLatin1(rel), { encoding: 'latin1' })
      .sections()
      .filter((sec) => sec.kind === 'global' || sec.name !== undefined)
      .map((sec): Scope => (sec.kind === 'global' ? 'global' : sec.kind === 'VirtualHost' ? { host: sec.name! } : { component: sec.name! }));

  it.each(files)('%s: set then delete, add then remove, give the original text back', (rel) => {
    const text = readCorpusLatin1(rel);
    for (const scope of scopes(rel)) {
      const cfg = parseProsodyConfig(text, { encoding: 'latin1' }).set(scope, 'confkit_probe', 'x" --');
      expect(cfg.get(scope, 'confkit_probe')).toBe('x" --');
      expectEditInvariants(text, cfg.edits, cfg.toString());
      cfg.delete(scope, 'confkit_probe');
      expect(cfg.toString()).toBe(text);
      expect(cfg.edits).toEqual([]);

      const own = parseProsodyConfig(text, { encoding: 'latin1' }).lookup(scope, 'modules_enabled');
      if (own?.from === 'section' && Array.isArray(own.value)) {
        const listed = parseProsodyConfig(text, { encoding: 'latin1' }).addToList(scope, 'modules_enabled', 'confkit_probe');
        expect(listed.get(scope, 'modules_enabled')).toEqual([...own.value, 'confkit_probe']);
        expectEditInvariants(text, listed.edits, listed.toString());
        listed.removeFromList(scope, 'modules_enabled', 'confkit_probe');
        expect(listed.toString()).toBe(text);
      }
    }
  });
});

describe.skipIf(!available)("removing the localhost VirtualHost from Prosody's main config", () => {
  it.each(['prosody/debian-bookworm-prosody-0.12.3-1+deb12u1-prosody.cfg.lua', 'prosody/jitsi-meet-doc-scalable-main-example-2021-01-32fb08c.cfg.lua'])(
    '%s keeps Include "conf.d/*.cfg.lua" (which loads every Jitsi host)',
    (rel) => {
      const before = readCorpusLatin1(rel);
      const cfg = parseProsodyConfig(before, { encoding: 'latin1' }).removeSection({ host: 'localhost' });
      const after = cfg.toString();
      expectEditInvariants(before, cfg.edits, after);
      expect(after).toContain('\nInclude "conf.d/*.cfg.lua"\n');
      expect(cfg.hosts()).toEqual([]);
      if (hasLua) {
        expect(luacCheck(after)).toBeUndefined();
        const b = evaluate(before);
        const a = evaluate(after);
        expect(a.includes).toEqual(['conf.d/*.cfg.lua']);
        expect(a.includes).toEqual(b.includes);
        expect(a.global).toEqual(b.global);
        expect(Object.entries(a.hosts)).toEqual(Object.entries(withoutHosts(b, 'localhost'))); // none left: Lua prints {} as []
      }
    },
  );
});

describe.skipIf(!available)('enableSecureDomain with each authentication provider', () => {
  it.each([...AUTH_PROVIDERS])('%s on every per-host Jitsi config: set, idempotent, undone by disable', (provider) => {
    const outputs: string[] = [];
    for (const [rel, host] of Object.entries(JITSI_HOSTS)) {
      const before = readCorpusLatin1(rel);
      const cfg = parseProsodyConfig(before, { encoding: 'latin1' }).enableSecureDomain(host, undefined, { authentication: provider });
      expectEditInvariants(before, cfg.edits, cfg.toString());
      expect(cfg.get({ host }, 'authentication'), rel).toBe(provider);
      expect(parseProsodyConfig(cfg.toString(), { encoding: 'latin1' }).enableSecureDomain(host, undefined, { authentication: provider }).edits, rel).toEqual([]);
      const plain = parseProsodyConfig(before, { encoding: 'latin1' }).enableSecureDomain(host);
      // Only the main host's provider differs from the default secure domain.
      expect(parseProsodyConfig(cfg.toString(), { encoding: 'latin1' }).set({ host }, 'authentication', 'internal_hashed').toString(), rel).toBe(plain.toString());
      outputs.push(cfg.toString());
    }
    if (hasLua) {
      const failures = luacCheckMany(outputs);
      expect([...failures.values()]).toEqual([]);
      for (const [i, e] of evaluateMany(outputs).entries()) {
        const host = Object.values(JITSI_HOSTS)[i]!;
        expect('error' in e ? e.error : e.hosts[host]!.settings.authentication).toBe(provider);
      }
    }
  });
});
