/**
 * checkDeployment on sets assembled from the real corpus: each failure mode, made by breaking a
 * correctly configured set in exactly one place, is reported with the right file, code and line;
 * the correct sets report nothing; the original wild sets report what is half-done in them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJicofoConf, parseProperties } from '@jitsi-confkit/jicofo-config';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { checkDeployment, secureDomain, type DeploymentFiles, type Finding } from '@jitsi-confkit/recipes';
import { parseMeetConfig } from '@jitsi-confkit/web-config';
import { corpusAvailable } from '../../../test/support/corpus.js';
import { expectGoldenFile } from '../../../test/support/golden.js';
import { applicableSets, debian2020, debian2022, debian2025, dockerOnesol, dockerQkit, dockerShcare, dockerTob123, type CorpusSet } from './test-support/sets.js';

const available = corpusAvailable();

/** 1-based line of the first occurrence of `needle` in `text` (throws when absent, so a wrong needle fails the test). */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, at).split('\n').length;
}

/** 1-based line of the first match of `pattern` after the first occurrence of `anchor`. */
function lineAfter(text: string, anchor: string, pattern: RegExp): number {
  const from = text.indexOf(anchor);
  if (from < 0) throw new Error(`"${anchor}" is not in the text`);
  const m = pattern.exec(text.slice(from));
  if (m === null) throw new Error(`${pattern} does not match after "${anchor}"`);
  return text.slice(0, from + m.index).split('\n').length;
}

/** The findings reduced to what each test pins: code, file, line and severity. */
function pinned(findings: readonly Finding[]): Pick<Finding, 'code' | 'file' | 'line' | 'severity'>[] {
  return findings.map(({ code, file, line, severity }) => ({ code, file, line, severity }));
}

describe.skipIf(!available)('checkDeployment on corpus sets', () => {
  const host = 'meet.example.com';
  const guest = `guest.${host}`;
  // The 2025 Debian set with the secure domain enabled: Prosody, config.js and jicofo.conf.
  const good25 = available ? secureDomain(debian2025().files, { host }).files : {};
  // The 2020 Debian set with the secure domain enabled: Jicofo in sip-communicator.properties only.
  const good20 = available ? secureDomain(debian2020().files, { host }).files : {};

  // The 2020 config.js still sets enableUserRolesBasedOnToken: false, which jitsi-meet dropped on 2020-11-05.
  const deadOption20 = () => ({ code: 'user-roles-based-on-token', file: 'meetConfig', line: lineOf(good20.meetConfig!, 'enableUserRolesBasedOnToken'), severity: 'info' });

  it('reports nothing on the correctly configured sets (but the dead option of the 2020 config.js, as a note)', () => {
    expect(checkDeployment(good25, { host })).toEqual([]);
    expect(pinned(checkDeployment(good20, { host }))).toEqual([deadOption20()]);
    // The host derived from config.js hosts.domain, and from the Prosody main VirtualHost.
    expect(checkDeployment(good25)).toEqual([]);
    expect(checkDeployment({ prosody: good25.prosody!, jicofoConf: good25.jicofoConf! }, { partial: true })).toEqual([]);
  });

  const withProsody = (files: DeploymentFiles, edit: (cfg: ReturnType<typeof parseProsodyConfig>) => void): DeploymentFiles => {
    const cfg = parseProsodyConfig(files.prosody!, { encoding: 'latin1' });
    edit(cfg);
    return { ...files, prosody: cfg.toString() };
  };
  const withMeet = (files: DeploymentFiles, edit: (doc: ReturnType<typeof parseMeetConfig>) => void): DeploymentFiles => {
    const doc = parseMeetConfig(files.meetConfig!);
    edit(doc);
    return { ...files, meetConfig: doc.toString() };
  };
  const withJicofo = (files: DeploymentFiles, edit: (doc: ReturnType<typeof parseJicofoConf>) => void): DeploymentFiles => {
    const doc = parseJicofoConf(files.jicofoConf!);
    edit(doc);
    return { ...files, jicofoConf: doc.toString() };
  };
  const withProperties = (files: DeploymentFiles, edit: (doc: ReturnType<typeof parseProperties>) => void): DeploymentFiles => {
    const doc = parseProperties(files.sipCommunicator!);
    edit(doc);
    return { ...files, sipCommunicator: doc.toString() };
  };

  it('guest-host-missing: the guest VirtualHost removed', () => {
    const files = withProsody(good25, (cfg) => cfg.removeSection({ host: guest }));
    expect(pinned(checkDeployment(files, { host }))).toEqual([
      { code: 'guest-host-missing', file: 'prosody', line: lineOf(files.prosody!, `VirtualHost "${host}"`), severity: 'error' },
    ]);
  });

  it('guest-host-name: a guest host not named guest.<host>', () => {
    const files = secureDomain(debian2025().files, { host, guestHost: 'anon.meet.example.com' }).files;
    const findings = checkDeployment(files, { host });
    expect(pinned(findings)).toEqual([{ code: 'guest-host-name', file: 'prosody', line: lineOf(files.prosody!, 'VirtualHost "anon.meet.example.com"'), severity: 'warning' }]);
    expect(findings[0]!.message).toBe(
      'The guest VirtualHost "anon.meet.example.com" is not named guest.meet.example.com: parts of Jitsi derive the main host from the guest host\'s name',
    );
  });

  it('anonymousdomain-missing: hosts.anonymousdomain removed from config.js', () => {
    const files = withMeet(good25, (doc) => doc.delete('hosts.anonymousdomain'));
    expect(pinned(checkDeployment(files, { host }))).toEqual([
      { code: 'anonymousdomain-missing', file: 'meetConfig', line: lineOf(files.meetConfig!, `domain: '${host}'`), severity: 'error' },
    ]);
  });

  it('anonymousdomain-mismatch: hosts.anonymousdomain names another host', () => {
    const files = withMeet(good25, (doc) => doc.set('hosts.anonymousdomain', 'guest.other.example.com'));
    const findings = checkDeployment(files, { host });
    expect(pinned(findings)).toEqual([
      { code: 'anonymousdomain-mismatch', file: 'meetConfig', line: lineOf(files.meetConfig!, "anonymousdomain: 'guest.other.example.com'"), severity: 'error' },
    ]);
    expect(findings[0]!.fix).toBe("Set hosts.anonymousdomain = 'guest.meet.example.com'");
  });

  it('guest-host-before-main: the guest block moved above the main host', () => {
    const text = good25.prosody!;
    const block = `VirtualHost "${guest}"\n    authentication = "jitsi-anonymous"\n    c2s_require_encryption = false\n\n`;
    expect(text).toContain(block);
    const without = text.replace(block, '');
    const main = without.indexOf(`VirtualHost "${host}"`);
    const files = { ...good25, prosody: without.slice(0, main) + block + without.slice(main) };
    expect(pinned(checkDeployment(files, { host }))).toEqual([
      { code: 'guest-host-before-main', file: 'prosody', line: lineOf(files.prosody, `VirtualHost "${guest}"`), severity: 'warning' },
    ]);
  });

  it('main-host-anonymous: the main host back to jitsi-anonymous while anonymousdomain is set', () => {
    const files = withProsody(good25, (cfg) => cfg.set({ host }, 'authentication', 'jitsi-anonymous'));
    expect(pinned(checkDeployment(files, { host }))).toEqual([
      { code: 'main-host-anonymous', file: 'prosody', line: lineOf(files.prosody!, 'authentication = "jitsi-anonymous" -- do not delete me'), severity: 'error' },
    ]);
  });

  it('jicofo-auth-disabled: jicofo.authentication.enabled = false', () => {
    const files = withJicofo(good25, (doc) => doc.set('jicofo.authentication.enabled', false));
    expect(pinned(checkDeployment(files, { host }))).toEqual([
      { code: 'jicofo-auth-disabled', file: 'jicofoConf', line: lineOf(files.jicofoConf!, 'enabled: false'), severity: 'error' },
    ]);
  });

  it('jicofo-auth-disabled (2020): the auth.URL line removed from sip-communicator.properties', () => {
    const files = withProperties(good20, (doc) => doc.delete('org.jitsi.jicofo.auth.URL'));
    expect(pinned(checkDeployment(files, { host }))).toEqual([{ code: 'jicofo-auth-disabled', file: 'sipCommunicator', line: undefined, severity: 'error' }, deadOption20()]);
  });

  it('jicofo-auth-type: type = JWT with a password main host', () => {
    const files = withJicofo(good25, (doc) => doc.set('jicofo.authentication.type', 'JWT'));
    expect(pinned(checkDeployment(files, { host }))).toEqual([{ code: 'jicofo-auth-type', file: 'jicofoConf', line: lineOf(files.jicofoConf!, 'type: JWT'), severity: 'error' }]);
  });

  it('jicofo-login-url-mismatch: login-url is the auth host', () => {
    const files = withJicofo(good25, (doc) => doc.set('jicofo.authentication.login-url', `auth.${host}`));
    expect(pinned(checkDeployment(files, { host }))).toEqual([
      { code: 'jicofo-login-url-mismatch', file: 'jicofoConf', line: lineOf(files.jicofoConf!, `login-url: "auth.${host}"`), severity: 'error' },
    ]);
  });

  it('jicofo-login-url-mismatch (2020): auth.URL points at the auth host', () => {
    const files = withProperties(good20, (doc) => doc.set('org.jitsi.jicofo.auth.URL', `XMPP:auth.${host}`));
    expect(pinned(checkDeployment(files, { host }))).toEqual([
      { code: 'jicofo-login-url-mismatch', file: 'sipCommunicator', line: lineOf(files.sipCommunicator!, 'org.jitsi.jicofo.auth.URL'), severity: 'error' },
      deadOption20(),
    ]);
  });

  it('legacy-auth-url-mismatch: a leftover auth.URL next to jicofo.conf', () => {
    const files = { ...good25, sipCommunicator: `org.jitsi.jicofo.BRIDGE_MUC=JvbBrewery@internal.auth.${host}\norg.jitsi.jicofo.auth.URL=XMPP:auth.${host}\n` };
    const findings = checkDeployment(files, { host });
    expect(pinned(findings)).toEqual([{ code: 'legacy-auth-url-mismatch', file: 'sipCommunicator', line: 2, severity: 'error' }]);
    expect(findings[0]!.message).toBe(
      'org.jitsi.jicofo.auth.URL (XMPP:auth.meet.example.com) disagrees with jicofo.conf (type XMPP, login-url meet.example.com), and Jicofo reads the legacy line first',
    );
  });

  it('guest-requires-encryption: c2s_require_encryption = true on the guest host (error), or unset (warning)', () => {
    const on = withProsody(good25, (cfg) => cfg.set({ host: guest }, 'c2s_require_encryption', true));
    expect(pinned(checkDeployment(on, { host }))).toEqual([
      { code: 'guest-requires-encryption', file: 'prosody', line: lineOf(on.prosody!, 'c2s_require_encryption = true'), severity: 'error' },
    ]);
    const unset = withProsody(good25, (cfg) => cfg.delete({ host: guest }, 'c2s_require_encryption'));
    expect(pinned(checkDeployment(unset, { host }))).toEqual([
      { code: 'guest-requires-encryption', file: 'prosody', line: lineOf(unset.prosody!, `VirtualHost "${guest}"`), severity: 'warning' },
    ]);
  });

  it('main-host-missing: the Prosody file of another host', () => {
    const findings = checkDeployment({ prosody: good25.prosody! }, { host: 'other.example.com', partial: true });
    expect(pinned(findings)).toEqual([{ code: 'main-host-missing', file: 'prosody', line: undefined, severity: 'error' }]);
    expect(findings[0]!.message).toBe(
      'The Prosody file has no VirtualHost "other.example.com" (its VirtualHosts: meet.example.com, guest.meet.example.com, auth.meet.example.com)',
    );
    expect(checkDeployment({ prosody: good25.prosody! }, { host: 'meet.exmaple.com', partial: true })[0]!.message).toBe(
      'The Prosody file has no VirtualHost "meet.exmaple.com" (its VirtualHosts: meet.example.com, guest.meet.example.com, auth.meet.example.com) (did you mean meet.example.com?)',
    );
  });

  // The docker sets have no config.js in the corpus (their deployments render it): partial.
  it('the original sets, before the recipe: what is half-done in each (golden)', () => {
    const sets: CorpusSet[] = applicableSets();
    for (const set of sets) {
      const findings = checkDeployment(set.files, { host: set.host, partial: true });
      expectGoldenFile(join('golden', 'recipes', set.name, 'check-original.json'), `${JSON.stringify(findings, null, 2)}\n`);
    }
  });

  it('a jicofo.conf whose authentication is ${ENV} substitutions (docker 2025-08): nothing can be said, nothing is reported', () => {
    const files = { prosody: dockerQkit().files.prosody!, jicofoConf: dockerTob123().files.jicofoConf! };
    expect(checkDeployment(files, { host: 'meet.jitsi', partial: true })).toEqual([]);
  });

  it('a token deployment with guests (docker 2023-09) needs no Jicofo authentication', () => {
    const { files, host: h } = dockerShcare();
    const { meetConfig: _unparseable, ...rest } = files;
    expect(checkDeployment(rest, { host: h, partial: true })).toEqual([]);
  });
});

describe.skipIf(!available)('checkDeployment: the same breaks on the 2022 Debian set and the 2026 docker set (assignment-style config.js)', () => {
  const sets = available ? [debian2022(), dockerOnesol()] : [];

  describe.each(sets.map((s) => [s.name, s] as const))('%s', (_name, set) => {
    const host = set.host;
    const guest = `guest.${host}`;
    const good = secureDomain(set.files, { host }).files;
    const prosody = (edit: (cfg: ReturnType<typeof parseProsodyConfig>) => void): DeploymentFiles => {
      const cfg = parseProsodyConfig(good.prosody!, { encoding: 'latin1' });
      edit(cfg);
      return { ...good, prosody: cfg.toString() };
    };

    it('reports nothing on the correct set', () => {
      expect(checkDeployment(good, { host })).toEqual([]);
      expect(checkDeployment(good)).toEqual([]);
    });

    it('guest-host-missing', () => {
      const files = prosody((cfg) => cfg.removeSection({ host: guest }));
      expect(pinned(checkDeployment(files, { host }))).toEqual([
        { code: 'guest-host-missing', file: 'prosody', line: lineOf(files.prosody!, `VirtualHost "${host}"`), severity: 'error' },
      ]);
    });

    it('main-host-anonymous', () => {
      const files = prosody((cfg) => cfg.set({ host }, 'authentication', 'anonymous'));
      expect(pinned(checkDeployment(files, { host }))).toEqual([
        { code: 'main-host-anonymous', file: 'prosody', line: lineAfter(files.prosody!, `VirtualHost "${host}"`, /authentication = "anonymous"/), severity: 'error' },
      ]);
    });

    it('guest-requires-encryption', () => {
      const files = prosody((cfg) => cfg.set({ host: guest }, 'c2s_require_encryption', true));
      expect(pinned(checkDeployment(files, { host }))).toEqual([
        { code: 'guest-requires-encryption', file: 'prosody', line: lineAfter(files.prosody!, `VirtualHost "${guest}"`, /c2s_require_encryption = true/), severity: 'error' },
      ]);
    });

    it('anonymousdomain-mismatch and anonymousdomain-missing', () => {
      const other = parseMeetConfig(good.meetConfig!).set('hosts.anonymousdomain', 'guest.other.example.com').toString();
      expect(pinned(checkDeployment({ ...good, meetConfig: other }, { host }))).toEqual([
        { code: 'anonymousdomain-mismatch', file: 'meetConfig', line: lineOf(other, "'guest.other.example.com'"), severity: 'error' },
      ]);
      const none = parseMeetConfig(good.meetConfig!).delete('hosts.anonymousdomain').toString();
      expect(none).toBe(set.files.meetConfig);
      expect(pinned(checkDeployment({ ...good, meetConfig: none }, { host }))).toEqual([
        { code: 'anonymousdomain-missing', file: 'meetConfig', line: lineAfter(none, 'domain', new RegExp(`'${host.replaceAll('.', '\\.')}'`)), severity: 'error' },
      ]);
    });

    it('jicofo-auth-disabled and jicofo-login-url-mismatch', () => {
      const off = parseJicofoConf(good.jicofoConf!).set('jicofo.authentication.enabled', false).toString();
      expect(pinned(checkDeployment({ ...good, jicofoConf: off }, { host }))).toEqual([
        { code: 'jicofo-auth-disabled', file: 'jicofoConf', line: lineAfter(off, 'authentication', /enabled\s*[:=]\s*false/), severity: 'error' },
      ]);
      const url = parseJicofoConf(good.jicofoConf!).set('jicofo.authentication.login-url', `auth.${host}`).toString();
      expect(pinned(checkDeployment({ ...good, jicofoConf: url }, { host }))).toEqual([
        { code: 'jicofo-login-url-mismatch', file: 'jicofoConf', line: lineOf(url, `"auth.${host}"`), severity: 'error' },
      ]);
    });
  });
});
