import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { MissingFilesError, secureDomain, type DeploymentFiles, type SecureDomainOptions } from '@jitsi-confkit/recipes';
import { errorOf } from '../../../test/support/errors.js';

const PROSODY = [
  'VirtualHost "meet.example.com"',
  '    authentication = "jitsi-anonymous" -- do not delete me',
  '    c2s_require_encryption = false',
  '',
  'VirtualHost "auth.meet.example.com"',
  '    authentication = "internal_hashed"',
  '',
].join('\n');

const CONFIG = "var config = {\n    hosts: {\n        domain: 'meet.example.com',\n        muc: 'conference.meet.example.com',\n    },\n};\n";

const JICOFO = 'jicofo {\n  bridge {\n    brewery-jid = "JvbBrewery@internal.auth.meet.example.com"\n  }\n}\n';

const files: DeploymentFiles = { prosody: PROSODY, meetConfig: CONFIG, jicofoConf: JICOFO };

describe('secureDomain options', () => {
  it.each([
    [{ host: 'Meet.example.com' }, 'Invalid host "Meet.example.com": it has upper-case letters (write it in lower case)'],
    [{ host: 'x" ; os.execute("id") --' }, 'Invalid host "x" ; os.execute("id") --": the label "x" ; os" is not made of letters, digits and inner hyphens'],
    [
      { host: 'meet.example.com', guestHost: "guest'.meet.example.com" },
      'Invalid guest host "guest\'.meet.example.com": the label "guest\'" is not made of letters, digits and inner hyphens',
    ],
    [{ host: 'meet.example.com', guestHost: 'meet.example.com' }, 'The guest host must differ from the main host "meet.example.com"'],
    [
      { host: 'meet.example.com', authentication: 'jitsi-anonymous' },
      'authentication "jitsi-anonymous" lets anyone in: the secure domain\'s main host needs accounts (e.g. internal_hashed)',
    ],
    [
      { host: 'meet.example.com', authentication: 'token' },
      'authentication "token" is not the secure-domain recipe: with tokens Jicofo must not use XMPP authentication (see the token-authentication guide)',
    ],
    [
      { host: 'meet.example.com', authentication: 'internal_hashed"; os.execute("id") --' },
      'Unknown authentication provider "internal_hashed"; os.execute("id") --": use one of internal_hashed, internal_plain, ldap, ldap2, cyrus, sql, pam, imap, dovecot, custom_http, http_async',
    ],
  ])('%j is refused', (options, message) => {
    const error = errorOf(() => secureDomain(files, options));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(message);
  });

  it('needs options.host', () => {
    const error = errorOf(() => secureDomain(files, {} as { host: string }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('secureDomain needs options.host (the main XMPP host, e.g. meet.example.com)');
  });
});

describe('secureDomain', () => {
  it('edits each file and reports each step', () => {
    const result = secureDomain(files, { host: 'meet.example.com' });
    expect(result.steps.map((s) => [s.file, s.status, s.reason])).toEqual([
      ['prosody', 'applied', undefined],
      ['meetConfig', 'applied', undefined],
      ['jicofoConf', 'applied', undefined],
      ['sipCommunicator', 'skipped', 'file not given'],
    ]);
    expect(result.files.meetConfig).toBe(
      "var config = {\n    hosts: {\n        anonymousdomain: 'guest.meet.example.com',\n        domain: 'meet.example.com',\n        muc: 'conference.meet.example.com',\n    },\n};\n",
    );
    expect(result.files.jicofoConf).toBe(
      'jicofo {\n  bridge {\n    brewery-jid = "JvbBrewery@internal.auth.meet.example.com"\n  }\n  authentication {\n    enabled = true\n    type = "XMPP"\n    login-url = "meet.example.com"\n  }\n}\n',
    );
    expect(result.files.prosody).toBe(
      [
        'VirtualHost "meet.example.com"',
        '    authentication = "internal_hashed" -- do not delete me',
        '    c2s_require_encryption = false',
        '',
        'VirtualHost "guest.meet.example.com"',
        '    authentication = "jitsi-anonymous"',
        '    c2s_require_encryption = false',
        '',
        'VirtualHost "auth.meet.example.com"',
        '    authentication = "internal_hashed"',
        '',
      ].join('\n'),
    );
    expect(result.todo).toEqual([
      'Register each user who may open rooms: sudo prosodyctl register <user> meet.example.com <password>',
      'Restart the services: systemctl restart prosody jicofo jitsi-videobridge2',
    ]);
    expect(result.warnings).toEqual([
      'sip-communicator.properties was not given: a legacy org.jitsi.jicofo.auth.URL line there overrides jicofo.conf; check that it is absent or says XMPP:meet.example.com',
    ]);
    expect(result.changed).toBe(true);
  });

  it('does not touch the object it was given, and returns every file given', () => {
    const input: DeploymentFiles = { ...files, interfaceConfig: 'var interfaceConfig = {};\n' };
    const copy = { ...input };
    const result = secureDomain(input, { host: 'meet.example.com' });
    expect(input).toEqual(copy);
    expect(result.files).not.toBe(input);
    expect(result.files.interfaceConfig).toBe(input.interfaceConfig);
    expect(Object.keys(result.files).sort()).toEqual(Object.keys(input).sort());
  });

  it('with partial: true, skips the files not given, and says what is left to do by hand', () => {
    const result = secureDomain({ meetConfig: CONFIG }, { host: 'meet.example.com', partial: true });
    expect(result.steps.map((s) => [s.file, s.status])).toEqual([
      ['prosody', 'skipped'],
      ['meetConfig', 'applied'],
      ['jicofoConf', 'skipped'],
      ['sipCommunicator', 'skipped'],
    ]);
    expect(result.todo).toEqual([
      'Edit /etc/prosody/conf.avail/meet.example.com.cfg.lua by hand: VirtualHost "meet.example.com": authentication = "internal_hashed"; anonymous VirtualHost "guest.meet.example.com" after it, with c2s_require_encryption = false',
      'Turn on Jicofo\'s authentication by hand: jicofo.authentication { enabled = true, type = XMPP, login-url = "meet.example.com" } in /etc/jitsi/jicofo/jicofo.conf',
      'Register each user who may open rooms: sudo prosodyctl register <user> meet.example.com <password>',
      'Restart the services: systemctl restart prosody jicofo jitsi-videobridge2',
    ]);
    expect(Object.keys(result.files)).toEqual(['meetConfig']);
  });

  it('with partial: true and an empty set changes nothing and says so', () => {
    const result = secureDomain({}, { host: 'meet.example.com', partial: true });
    expect(result.changed).toBe(false);
    expect(result.files).toEqual({});
    expect(result.steps.every((s) => s.status === 'skipped' && s.reason === 'file not given')).toBe(true);
  });

  it('sets a legacy auth.URL that points elsewhere, and leaves a properties file without one alone when jicofo.conf is given', () => {
    const props = 'org.jitsi.jicofo.BRIDGE_MUC=JvbBrewery@internal.auth.meet.example.com\norg.jitsi.jicofo.auth.URL=XMPP:auth.meet.example.com\n';
    const result = secureDomain({ ...files, sipCommunicator: props }, { host: 'meet.example.com' });
    expect(result.files.sipCommunicator).toBe('org.jitsi.jicofo.BRIDGE_MUC=JvbBrewery@internal.auth.meet.example.com\norg.jitsi.jicofo.auth.URL=XMPP:meet.example.com\n');
    const without = secureDomain({ ...files, sipCommunicator: 'org.jitsi.jicofo.BRIDGE_MUC=x@y\n' }, { host: 'meet.example.com' });
    expect(without.steps[3]).toEqual({
      file: 'sipCommunicator',
      action: 'org.jitsi.jicofo.auth.URL=XMPP:meet.example.com',
      status: 'skipped',
      reason: "no legacy org.jitsi.jicofo.auth.URL here: jicofo.conf carries Jicofo's authentication",
    });
    expect(without.files.sipCommunicator).toBe('org.jitsi.jicofo.BRIDGE_MUC=x@y\n');
  });

  it('warns about a guest host not named guest.<host>', () => {
    const result = secureDomain(files, { host: 'meet.example.com', guestHost: 'visitors.example.org' });
    expect(result.warnings[0]).toBe(
      'The guest host "visitors.example.org" is not guest.meet.example.com: parts of Jitsi derive the main host from the guest host\'s name and may fail',
    );
  });
});

describe('secureDomain and a config.js built from SSI variables', () => {
  it('a hosts.domain that is not a literal cannot be checked: the edit goes ahead, with a warning', () => {
    const meetConfig =
      'var subdomain = \'<!--# echo var="subdomain" default="" -->\';\nvar config = {\n    hosts: {\n        domain: subdomain + \'meet.example.com\',\n    },\n};\n';
    const result = secureDomain({ meetConfig }, { host: 'meet.example.com', partial: true });
    expect(result.steps[1]!.status).toBe('applied');
    expect(result.files.meetConfig).toContain("anonymousdomain: 'guest.meet.example.com',");
    expect(result.warnings).toEqual(['config.js hosts.domain is not a literal, so it could not be checked to be "meet.example.com"']);
  });
});

describe('secureDomain refuses rather than half-applies', () => {
  it('a jicofo.conf that does not parse: ConfigSyntaxError with its line, nothing returned', () => {
    const error = errorOf(() => secureDomain({ ...files, jicofoConf: 'jicofo {\n  bridge {\n' }, { host: 'meet.example.com' }));
    expect(error).toBeInstanceOf(ConfigSyntaxError);
  });

  it('a config.js for another host', () => {
    const error = errorOf(() => secureDomain({ ...files, meetConfig: CONFIG.replace("domain: 'meet.example.com'", "domain: 'other.example.com'") }, { host: 'meet.example.com' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('config.js is for hosts.domain "other.example.com", not "meet.example.com"');
  });

  it('a Prosody file without the main host, with the close names it has', () => {
    const error = errorOf(() => secureDomain(files, { host: 'other.example.com' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('The Prosody file has no VirtualHost "other.example.com": its VirtualHosts are meet.example.com, auth.meet.example.com');
    expect((error as ValidationError).file).toBe('prosody');
    for (const [typo, hint] of [
      ['meet.exmaple.com', ' (did you mean meet.example.com?)'],
      ['met.example.com', ' (did you mean meet.example.com?)'],
      ['auth.meet.example.org', ' (did you mean auth.meet.example.com?)'],
    ]) {
      const e = errorOf(() => secureDomain(files, { host: typo!, enable: typo !== 'met.example.com' }));
      expect([typo, e.message]).toEqual([typo, `The Prosody file has no VirtualHost "${typo!}": its VirtualHosts are meet.example.com, auth.meet.example.com${hint!}`]);
    }
  });

  // A recipe is all or nothing across its files: a missing one refuses the whole recipe (it
  // used to skip it and write the others, with the login-url of a mistyped host).
  it.each<[string, DeploymentFiles, string]>([
    ['config.js', { prosody: PROSODY, jicofoConf: JICOFO }, 'config.js (not given; on Debian: /etc/jitsi/meet/<host>-config.js)'],
    [
      'the Prosody host file',
      { meetConfig: CONFIG, jicofoConf: JICOFO },
      'the Prosody host file (not given; on Debian: /etc/prosody/conf.avail/<host>.cfg.lua or /etc/prosody/conf.d/<host>.cfg.lua)',
    ],
    [
      "Jicofo's file",
      { prosody: PROSODY, meetConfig: CONFIG },
      'jicofo.conf or, for Jicofo of 2020 and before, sip-communicator.properties (not given; on Debian: /etc/jitsi/jicofo/jicofo.conf or /etc/jitsi/jicofo/sip-communicator.properties)',
    ],
    [
      'all of them',
      { interfaceConfig: 'var interfaceConfig = {};\n' },
      'the Prosody host file (not given; on Debian: /etc/prosody/conf.avail/<host>.cfg.lua or /etc/prosody/conf.d/<host>.cfg.lua), config.js (not given; on Debian: /etc/jitsi/meet/<host>-config.js) and jicofo.conf or, for Jicofo of 2020 and before, sip-communicator.properties (not given; on Debian: /etc/jitsi/jicofo/jicofo.conf or /etc/jitsi/jicofo/sip-communicator.properties)',
    ],
  ])('%s not given: MissingFilesError, whether enabling or undoing', (_name, given, list) => {
    for (const enable of [true, false]) {
      const error = errorOf(() => secureDomain(given, { host: 'meet.example.com', enable }));
      expect(error).toBeInstanceOf(MissingFilesError);
      expect(error.message).toBe(`The secure domain cannot be applied without ${list}: nothing was changed (partial: true applies the steps of the files given)`);
      expect((error as MissingFilesError).code).toBe('E_NOT_FOUND');
    }
  });

  it("Jicofo of 2020: sip-communicator.properties alone is Jicofo's file", () => {
    const result = secureDomain({ prosody: PROSODY, meetConfig: CONFIG, sipCommunicator: '# legacy\n' }, { host: 'meet.example.com' });
    expect(result.files.sipCommunicator).toBe('# legacy\norg.jitsi.jicofo.auth.URL=XMPP:meet.example.com\n');
  });

  it('an authentication setting that is not a literal', () => {
    const prosody = PROSODY.replace('"jitsi-anonymous" -- do not delete me', 'os.getenv("AUTH")');
    const error = errorOf(() => secureDomain({ ...files, prosody }, { host: 'meet.example.com' }));
    expect(error).toBeInstanceOf(UnsupportedEditError);
  });
});

describe('Prosody text is the latin1 form of the file', () => {
  const bytes = Buffer.from('-- Räume öffnen nur Lehrkräfte — „Sicherheit“\n' + PROSODY, 'utf8');

  it('every byte of a UTF-8 comment survives (read and written as latin1)', () => {
    const result = secureDomain({ prosody: bytes.toString('latin1') }, { host: 'meet.example.com', partial: true });
    const written = Buffer.from(result.files.prosody!, 'latin1');
    expect(written.subarray(0, 60).equals(bytes.subarray(0, 60))).toBe(true);
    expect(written.toString('utf8').startsWith('-- Räume öffnen nur Lehrkräfte — „Sicherheit“\nVirtualHost "meet.example.com"\n')).toBe(true);
  });

  it('the UTF-8-decoded text is refused with the position of the first character above U+00FF', () => {
    const error = errorOf(() => secureDomain({ prosody: bytes.toString('utf8') }, { host: 'meet.example.com', partial: true }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(
      "DeploymentFiles.prosody must be the file decoded as latin1 (one character per byte), but it holds U+2014 at 1:32: read it with readFileSync(path, 'latin1') and write the result back the same way",
    );
    expect((error as ValidationError).position).toEqual({ line: 1, column: 32, offset: 31 });
  });
});

describe('undo (enable: false)', () => {
  const enabled = secureDomain(files, { host: 'meet.example.com' }).files;

  it('gives back the original bytes, and says "already" when applied again', () => {
    const undone = secureDomain(enabled, { host: 'meet.example.com', enable: false });
    expect(undone.files).toEqual(files);
    expect(undone.steps.map((s) => s.status)).toEqual(['applied', 'applied', 'applied', 'skipped']);
    expect(undone.todo).toEqual([
      "Users registered on meet.example.com stay in Prosody's storage: remove those who should go with sudo prosodyctl unregister <user> meet.example.com",
      'Restart the services: systemctl restart prosody jicofo jitsi-videobridge2',
    ]);
    const again = secureDomain(undone.files, { host: 'meet.example.com', enable: false });
    expect(again.changed).toBe(false);
    expect(again.steps.map((s) => s.status)).toEqual(['already', 'already', 'already', 'skipped']);
    // Nothing was undone this time: nothing is left to do.
    expect(again.todo).toEqual([]);
  });

  it("leaves values that are not the secure domain's, and says why", () => {
    const jwt = enabled.jicofoConf!.replace('type = "XMPP"', 'type = JWT');
    const other = enabled.meetConfig!.replace("'guest.meet.example.com'", "'anon.example.org'");
    const result = secureDomain({ ...enabled, jicofoConf: jwt, meetConfig: other }, { host: 'meet.example.com', enable: false });
    expect(result.files.jicofoConf).toBe(jwt);
    expect(result.files.meetConfig).toBe(other);
    expect(result.steps.map((s) => [s.file, s.status, s.reason])).toEqual([
      ['prosody', 'applied', undefined],
      ['meetConfig', 'skipped', 'hosts.anonymousdomain is "anon.example.org", not the guest host "guest.meet.example.com": left as it is'],
      ['jicofoConf', 'skipped', 'jicofo.authentication.type is "JWT", not XMPP: not the secure domain\'s, left as it is'],
      ['sipCommunicator', 'skipped', 'file not given'],
    ]);
  });

  it('keeps authentication settings it did not write (the object stays, without the three keys)', () => {
    const extra = enabled.jicofoConf!.replace('    login-url = "meet.example.com"\n', '    login-url = "meet.example.com"\n    enable-auto-login = false\n');
    const result = secureDomain({ jicofoConf: extra }, { host: 'meet.example.com', enable: false, partial: true });
    expect(result.files.jicofoConf).toBe(
      'jicofo {\n  bridge {\n    brewery-jid = "JvbBrewery@internal.auth.meet.example.com"\n  }\n  authentication {\n    enable-auto-login = false\n  }\n}\n',
    );
  });
});

// Undo used to remove the guest VirtualHost whatever it held: an admin's own guest host (lobby
// modules, main_muc) went without a word. It removes only a guest host that holds what enabling
// writes; one that holds more is kept, and the step and a warning say so.
describe('undo and a guest host that holds more than enabling writes', () => {
  const MAIN = 'VirtualHost "meet.example.com"\n    authentication = "internal_hashed"\n';
  const undo = (prosody: string, extra: Partial<SecureDomainOptions> = {}) => secureDomain({ ...files, prosody }, { host: 'meet.example.com', enable: false, ...extra });

  it.each([
    ['the two settings enabling writes', '\nVirtualHost "guest.meet.example.com"\n    authentication = "anonymous"\n    c2s_require_encryption = false\n'],
    ['in single quotes, tabs and CRLF', "\r\nVirtualHost 'guest.meet.example.com'\r\n\tc2s_require_encryption = false\r\n\tauthentication = 'jitsi-anonymous'\r\n"],
    [
      'with enabled = true, which enabling may write',
      '\nVirtualHost "guest.meet.example.com"\n    enabled = true\n    authentication = "anonymous"\n    c2s_require_encryption = false',
    ],
  ])('%s: removed', (_name, guest) => {
    const result = undo(MAIN + guest);
    expect(result.files.prosody).not.toContain('guest.meet.example.com');
    expect(result.steps[0]!.action).toBe('VirtualHost "meet.example.com": anonymous authentication again; remove VirtualHost "guest.meet.example.com"');
    expect(result.warnings.some((w) => w.includes('guest.meet.example.com'))).toBe(false);
  });

  it.each([
    ['lobby modules and main_muc', '    modules_enabled = { "muc_lobby_rooms" }\n    main_muc = "conference.meet.example.com"\n', 'modules_enabled (line 7) and main_muc (line 8)'],
    ['a comment', '    -- guests land here\n', 'a comment (line 7)'],
    ['c2s_require_encryption = true (not what enabling writes)', '', 'c2s_require_encryption (line 6)'],
    ['a call', '    Include "guest-extra.cfg.lua"\n', 'a statement (line 7)'],
  ])('%s: kept', (name, more, described) => {
    let guest = '\nVirtualHost "guest.meet.example.com"\n    authentication = "anonymous"\n    c2s_require_encryption = false\n' + more;
    if (name.startsWith('c2s')) guest = guest.replace('= false', '= true');
    const prosody = MAIN + guest;
    const result = undo(prosody);
    expect(result.files.prosody).toBe(prosody.replace('"internal_hashed"', '"anonymous"'));
    expect(result.steps[0]).toEqual({
      file: 'prosody',
      action: 'VirtualHost "meet.example.com": anonymous authentication again; VirtualHost "guest.meet.example.com" kept',
      status: 'applied',
    });
    expect(result.warnings).toContain(
      `VirtualHost "guest.meet.example.com" was kept: it holds ${described}, which enabling does not write. Remove it by hand if it should go, or undo with the option to remove the guest host (removeGuestHost, --remove-guest)`,
    );
    // Applied again: nothing to do, the guest host still there.
    expect(undo(result.files.prosody!).changed).toBe(false);
    // removeGuestHost removes it anyway, and says what went with it.
    const removed = undo(prosody, { removeGuestHost: true });
    // (An Include runs the same in any section: removing a section keeps it, see prosody-config.)
    const kept = name === 'a call' ? '\n    Include "guest-extra.cfg.lua"\n' : '';
    expect(removed.files.prosody).toBe(MAIN.replace('"internal_hashed"', '"anonymous"') + kept);
    expect(removed.warnings).toContain(`VirtualHost "guest.meet.example.com" was removed although it holds ${described}, which enabling does not write`);
  });

  it('enable, then undo, on a deployment whose admin wrote the guest host: the original bytes', () => {
    const prosody =
      MAIN.replace('"internal_hashed"', '"jitsi-anonymous"') +
      '\nVirtualHost "guest.meet.example.com"\n    authentication = "jitsi-anonymous"\n    c2s_require_encryption = false\n    main_muc = "conference.meet.example.com"\n';
    const enabled = secureDomain({ ...files, prosody }, { host: 'meet.example.com' });
    expect(enabled.steps[0]!.status).toBe('applied');
    const undone = secureDomain(enabled.files, { host: 'meet.example.com', enable: false });
    expect(undone.files).toEqual({ ...files, prosody });
  });

  it('removeGuestHost must be a boolean', () => {
    const error = errorOf(() => secureDomain(files, { host: 'meet.example.com', enable: false, removeGuestHost: 'yes' as never }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('options.removeGuestHost must be a boolean');
  });
});
