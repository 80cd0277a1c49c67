import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { secureDomain, type DeploymentFiles } from '@jitsi-confkit/recipes';
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
    [{ host: 'meet.example.com', guestHost: "guest'.meet.example.com" }, 'Invalid guest host "guest\'.meet.example.com": the label "guest\'" is not made of letters, digits and inner hyphens'],
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

  it('skips the files not given, and says what is left to do by hand', () => {
    const result = secureDomain({ meetConfig: CONFIG }, { host: 'meet.example.com' });
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

  it('with an empty set changes nothing and says so', () => {
    const result = secureDomain({}, { host: 'meet.example.com' });
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
    const meetConfig = "var subdomain = '<!--# echo var=\"subdomain\" default=\"\" -->';\nvar config = {\n    hosts: {\n        domain: subdomain + 'meet.example.com',\n    },\n};\n";
    const result = secureDomain({ meetConfig }, { host: 'meet.example.com' });
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

  it('a Prosody file without the main host', () => {
    const error = errorOf(() => secureDomain(files, { host: 'other.example.com' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('VirtualHost "other.example.com" is not in this file; its VirtualHosts are: meet.example.com, auth.meet.example.com');
  });

  it('an authentication setting that is not a literal', () => {
    const prosody = PROSODY.replace('"jitsi-anonymous" -- do not delete me', 'os.getenv("AUTH")');
    const error = errorOf(() => secureDomain({ prosody }, { host: 'meet.example.com' }));
    expect(error).toBeInstanceOf(UnsupportedEditError);
  });
});

describe('Prosody text is the latin1 form of the file', () => {
  const bytes = Buffer.from('-- Räume öffnen nur Lehrkräfte — „Sicherheit“\n' + PROSODY, 'utf8');

  it('every byte of a UTF-8 comment survives (read and written as latin1)', () => {
    const result = secureDomain({ prosody: bytes.toString('latin1') }, { host: 'meet.example.com' });
    const written = Buffer.from(result.files.prosody!, 'latin1');
    expect(written.subarray(0, 60).equals(bytes.subarray(0, 60))).toBe(true);
    expect(written.toString('utf8').startsWith('-- Räume öffnen nur Lehrkräfte — „Sicherheit“\nVirtualHost "meet.example.com"\n')).toBe(true);
  });

  it('the UTF-8-decoded text is refused with the position of the first character above U+00FF', () => {
    const error = errorOf(() => secureDomain({ prosody: bytes.toString('utf8') }, { host: 'meet.example.com' }));
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

  it('leaves values that are not the secure domain\'s, and says why', () => {
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
    const result = secureDomain({ jicofoConf: extra }, { host: 'meet.example.com', enable: false });
    expect(result.files.jicofoConf).toBe(
      'jicofo {\n  bridge {\n    brewery-jid = "JvbBrewery@internal.auth.meet.example.com"\n  }\n  authentication {\n    enable-auto-login = false\n  }\n}\n',
    );
  });
});
