import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, ValidationError } from '@jitsi-confkit/core';
import { checkDeployment, secureDomain, type DeploymentFiles } from '@jitsi-confkit/recipes';
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
const CONFIG = "var config = {\n    hosts: {\n        domain: 'meet.example.com',\n    },\n};\n";
const JICOFO = 'jicofo {\n}\n';

const plain: DeploymentFiles = { prosody: PROSODY, meetConfig: CONFIG, jicofoConf: JICOFO };
const secure = secureDomain(plain, { host: 'meet.example.com' }).files;

describe('checkDeployment', () => {
  it('finds nothing on a deployment without a secure domain, nor on one with a complete secure domain', () => {
    expect(checkDeployment(plain)).toEqual([]);
    expect(checkDeployment(secure)).toEqual([]);
  });

  it('derives the host from config.js, else from the Prosody main VirtualHost (not auth., guest., …)', () => {
    const prosody = `VirtualHost "auth.meet.example.com"\n    authentication = "internal_hashed"\n\n${secure.prosody!}`;
    const findings = checkDeployment({ prosody, jicofoConf: secure.jicofoConf! }, { partial: true });
    expect(findings).toEqual([]);
    const wrongUrl = secure.jicofoConf!.replace('login-url = "meet.example.com"', 'login-url = "auth.meet.example.com"');
    expect(checkDeployment({ prosody, jicofoConf: wrongUrl }, { partial: true }).map((f) => f.code)).toEqual(['jicofo-login-url-mismatch']);
  });

  it('needs a host it can trust', () => {
    const none = errorOf(() => checkDeployment({ jicofoConf: JICOFO }));
    expect(none).toBeInstanceOf(ValidationError);
    expect(none.message).toBe('checkDeployment needs the main host: pass options.host, or give config.js (hosts.domain) or the Prosody host file');
    const bad = errorOf(() => checkDeployment(plain, { host: 'meet.example.com"' }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.message).toBe('Invalid host "meet.example.com"": the label "com"" is not made of letters, digits and inner hyphens');
  });

  it('a file that does not parse: ConfigSyntaxError', () => {
    expect(errorOf(() => checkDeployment({ ...secure, meetConfig: 'var config = {\n  hosts: {\n' }))).toBeInstanceOf(ConfigSyntaxError);
  });

  it('a Prosody text decoded as UTF-8 is refused', () => {
    const error = errorOf(() => checkDeployment({ prosody: `-- “x”\n${PROSODY}` }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).position).toEqual({ line: 1, column: 4, offset: 3 });
  });

  it('reports each finding with severity, file, line, code, message and fix', () => {
    const broken = { ...secure, meetConfig: secure.meetConfig!.replace("'guest.meet.example.com'", "'guest.example.com'") };
    expect(checkDeployment(broken)).toEqual([
      {
        severity: 'error',
        file: 'meetConfig',
        line: 4,
        code: 'anonymousdomain-mismatch',
        message: 'hosts.anonymousdomain is "guest.example.com", but the guest VirtualHost is "guest.meet.example.com"',
        fix: "Set hosts.anonymousdomain = 'guest.meet.example.com'",
      },
    ]);
  });

  it("a main host without an authentication line inherits the global one, or Prosody's (password) default", () => {
    const prosody = secure.prosody!.replace('    authentication = "internal_hashed" -- do not delete me\n', '');
    expect(checkDeployment({ ...secure, prosody })).toEqual([]);
    const globalAnonymous = `authentication = "anonymous"\n\n${prosody}`;
    const findings = checkDeployment({ ...secure, prosody: globalAnonymous });
    expect(findings.map((f) => [f.code, f.line])).toEqual([['main-host-anonymous', 1]]);
  });

  it('a guest host that inherits c2s_require_encryption = true from the global section', () => {
    const prosody = `c2s_require_encryption = true\n\n${secure.prosody!.replace(/(VirtualHost "guest[^\n]*\n[^\n]*\n)[^\n]*\n/, '$1')}`;
    const findings = checkDeployment({ ...secure, prosody });
    expect(findings.map((f) => [f.code, f.severity, f.line, f.message])).toEqual([
      ['guest-requires-encryption', 'error', 1, 'The guest VirtualHost "guest.meet.example.com" requires encryption (c2s_require_encryption = true, set globally)'],
    ]);
  });

  it('an anonymous host that is switched off (enabled = false) is not a guest host', () => {
    const prosody = secure.prosody!.replace('VirtualHost "guest.meet.example.com"\n', 'VirtualHost "guest.meet.example.com"\n    enabled = false\n');
    expect(checkDeployment({ ...secure, prosody }).map((f) => f.code)).toEqual(['guest-host-missing']);
  });

  it('config.js values that are not literals (SSI concatenations) are unknown: no guess, no error', () => {
    const meetConfig = secure
      .meetConfig!.replace("anonymousdomain: 'guest.meet.example.com'", "anonymousdomain: 'guest.' + subdomain + 'meet.example.com'")
      .replace("domain: 'meet.example.com'", "domain: subdomain + 'meet.example.com'");
    expect(meetConfig).toContain("anonymousdomain: 'guest.' + subdomain");
    expect(checkDeployment({ ...secure, meetConfig: `var subdomain = '';\n${meetConfig}` })).toEqual([]);
  });

  it('a main host whose provider is inherited still needs hosts.anonymousdomain for its guests', () => {
    const prosody = secure.prosody!.replace('    authentication = "internal_hashed" -- do not delete me\n', '');
    const findings = checkDeployment({ prosody, meetConfig: CONFIG }, { partial: true });
    expect(findings.map((f) => [f.code, f.file, f.line])).toEqual([['anonymousdomain-missing', 'meetConfig', 3]]);
  });

  // A file the check needs and was not given is an error, not "no problems": it cannot tell.
  it('reports each file it needs and was not given, unless partial', () => {
    expect(checkDeployment({ prosody: secure.prosody!, jicofoConf: secure.jicofoConf! }, { host: 'meet.example.com' })).toEqual([
      {
        severity: 'error',
        file: 'meetConfig',
        code: 'file-missing',
        message: 'The secure domain cannot be checked without config.js (not given; on Debian: /etc/jitsi/meet/<host>-config.js)',
        fix: 'Give the file, or check only the files given (partial: true)',
      },
    ]);
    expect(checkDeployment({ meetConfig: secure.meetConfig! }).map((f) => [f.code, f.file])).toEqual([
      ['file-missing', 'prosody'],
      ['file-missing', 'jicofoConf'],
    ]);
    // Jicofo of 2020: sip-communicator.properties alone will do.
    expect(checkDeployment({ prosody: secure.prosody!, meetConfig: secure.meetConfig!, sipCommunicator: `org.jitsi.jicofo.auth.URL=XMPP:meet.example.com\n` })).toEqual([]);
    expect(checkDeployment({ meetConfig: secure.meetConfig! }, { partial: true })).toEqual([]);
  });
});

// A working Debian 2022 secure domain: jicofo.conf says nothing about authentication, the
// legacy sip-communicator.properties line has it right. This was reported as
// legacy-auth-url-mismatch (an error): a silent jicofo.conf is not "off".
describe('jicofo.conf silent, the legacy auth.URL carrying the setting', () => {
  const JICOFO_2022 = 'jicofo {\n  xmpp: {\n    client: {\n      client-proxy: "focus.meet.example.com"\n    }\n  }\n}\n';
  const PROPS = '# legacy\norg.jitsi.jicofo.BRIDGE_MUC=JvbBrewery@internal.auth.meet.example.com\norg.jitsi.jicofo.auth.URL=XMPP:meet.example.com\n';
  const files: DeploymentFiles = { prosody: secure.prosody!, meetConfig: secure.meetConfig!, jicofoConf: JICOFO_2022, sipCommunicator: PROPS };

  it('is no error: an info that suggests moving the setting into jicofo.conf', () => {
    expect(checkDeployment(files)).toEqual([
      {
        severity: 'info',
        file: 'sipCommunicator',
        line: 3,
        code: 'legacy-auth-url-only',
        message: "Jicofo's authentication comes from the legacy org.jitsi.jicofo.auth.URL in sip-communicator.properties; jicofo.conf says nothing about it",
        fix: 'Move it into jicofo.conf (jicofo.authentication { enabled = true, type = XMPP, login-url = "meet.example.com" }) and remove the line',
      },
    ]);
  });

  it('still checks the legacy line itself', () => {
    const other = PROPS.replace('XMPP:meet.example.com', 'XMPP:auth.meet.example.com');
    expect(checkDeployment({ ...files, sipCommunicator: other }).map((f) => [f.severity, f.code])).toEqual([
      ['info', 'legacy-auth-url-only'],
      ['error', 'jicofo-login-url-mismatch'],
    ]);
  });

  it('what jicofo.conf does say can disagree, and is reported', () => {
    for (const [auth, disagrees] of [
      ['authentication { enabled = false }', true],
      ['authentication { type = JWT }', true],
      ['authentication { login-url = "auth.meet.example.com" }', true],
      ['authentication { login-url = "meet.example.com" }', false],
      ['authentication { enabled = true, type = XMPP, login-url = "meet.example.com" }', false],
      ['authentication { authentication-lifetime = 24 hours }', false],
    ] as const) {
      const jicofoConf = JICOFO_2022.replace('jicofo {\n', `jicofo {\n  ${auth}\n`);
      const codes = checkDeployment({ ...files, jicofoConf }).map((f) => f.code);
      expect([auth, codes]).toEqual([auth, disagrees ? ['legacy-auth-url-mismatch'] : []]);
    }
  });
});

// The missed one: a main host on tokens while Jicofo asks for XMPP logins.
describe('a token main host with Jicofo on XMPP authentication', () => {
  const token = secure.prosody!.replace(
    'authentication = "internal_hashed" -- do not delete me',
    'authentication = "token" -- do not delete me\n    app_id = "jitsi"\n    app_secret = "Zq3xV9mB2kL7pR4tW8yN1cF6hJ0sD5gA"',
  );

  it("is an error, on the file that turns Jicofo's XMPP authentication on", () => {
    expect(checkDeployment({ ...secure, prosody: token })).toEqual([
      {
        severity: 'error',
        file: 'jicofoConf',
        line: 4,
        code: 'jicofo-xmpp-auth-with-token',
        message: 'VirtualHost "meet.example.com" uses token authentication, but Jicofo\'s authentication is XMPP: Jicofo asks for a password that token users do not have',
        fix: "Turn Jicofo's authentication off (remove jicofo.authentication, or enabled = false): with tokens, Prosody authenticates the users",
      },
    ]);
    const legacy = { prosody: token, meetConfig: secure.meetConfig!, sipCommunicator: 'org.jitsi.jicofo.auth.URL=XMPP:meet.example.com\n' };
    expect(checkDeployment(legacy).map((f) => [f.code, f.file, f.line, f.fix])).toEqual([
      ['jicofo-xmpp-auth-with-token', 'sipCommunicator', 1, 'Remove the org.jitsi.jicofo.auth.URL line: with tokens, Prosody authenticates the users'],
    ]);
  });

  it("is no finding with Jicofo's authentication off or JWT", () => {
    expect(checkDeployment({ ...secure, prosody: token, jicofoConf: JICOFO })).toEqual([]);
    const jwt = secure.jicofoConf!.replace('type = "XMPP"', 'type = JWT');
    expect(checkDeployment({ ...secure, prosody: token, jicofoConf: jwt })).toEqual([]);
  });
});
