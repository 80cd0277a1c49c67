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
    const findings = checkDeployment({ prosody, jicofoConf: secure.jicofoConf! });
    expect(findings).toEqual([]);
    const wrongUrl = secure.jicofoConf!.replace('login-url = "meet.example.com"', 'login-url = "auth.meet.example.com"');
    expect(checkDeployment({ prosody, jicofoConf: wrongUrl }).map((f) => f.code)).toEqual(['jicofo-login-url-mismatch']);
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

  it('a main host without an authentication line inherits the global one, or Prosody\'s (password) default', () => {
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
      [
        'guest-requires-encryption',
        'error',
        1,
        'The guest VirtualHost "guest.meet.example.com" requires encryption (c2s_require_encryption = true, set globally)',
      ],
    ]);
  });

  it('an anonymous host that is switched off (enabled = false) is not a guest host', () => {
    const prosody = secure.prosody!.replace('VirtualHost "guest.meet.example.com"\n', 'VirtualHost "guest.meet.example.com"\n    enabled = false\n');
    expect(checkDeployment({ ...secure, prosody }).map((f) => f.code)).toEqual(['guest-host-missing']);
  });

  it('config.js values that are not literals (SSI concatenations) are unknown: no guess, no error', () => {
    const meetConfig = secure.meetConfig!
      .replace("anonymousdomain: 'guest.meet.example.com'", "anonymousdomain: 'guest.' + subdomain + 'meet.example.com'")
      .replace("domain: 'meet.example.com'", "domain: subdomain + 'meet.example.com'");
    expect(meetConfig).toContain("anonymousdomain: 'guest.' + subdomain");
    expect(checkDeployment({ ...secure, meetConfig: `var subdomain = '';\n${meetConfig}` })).toEqual([]);
  });

  it('a main host whose provider is inherited still needs hosts.anonymousdomain for its guests', () => {
    const prosody = secure.prosody!.replace('    authentication = "internal_hashed" -- do not delete me\n', '');
    const findings = checkDeployment({ prosody, meetConfig: CONFIG });
    expect(findings.map((f) => [f.code, f.file, f.line])).toEqual([['anonymousdomain-missing', 'meetConfig', 3]]);
  });
});
