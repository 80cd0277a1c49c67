/**
 * checkDeployment on token authentication and moderation: each finding on a file broken the way
 * admins break it (a key left out, an option in the section whose module never reads it), with
 * its exact line, in LF and CRLF alike; none on what the jwt and moderation recipes write.
 */
import { describe, expect, it } from 'vitest';
import { checkDeployment, jwt, moderation, type DeploymentFiles, type Finding } from '@jitsi-confkit/recipes';

const PROSODY = [
  'plugin_paths = { "/usr/share/jitsi-meet/prosody-plugins/" }',
  '',
  'VirtualHost "meet.example.com"',
  '\tauthentication = "jitsi-anonymous" -- do not delete me',
  '\tmodules_enabled = {',
  '\t\t"bosh";',
  '\t}',
  '\tmain_muc = "conference.meet.example.com"',
  '',
  'Component "conference.meet.example.com" "muc"',
  '\tmodules_enabled = {',
  '\t\t"muc_meeting_id";',
  '\t}',
  '\tmuc_mapper_domain_base = "meet.example.com"',
  '',
  'VirtualHost "auth.meet.example.com"',
  "\tauthentication = 'internal_hashed'",
  '',
].join('\n');
const CONFIG = "var config = {\n    hosts: {\n        domain: 'meet.example.com',\n    },\n};\n";
const SECRET = 'Zq3xV9mB2kL7pR4tW8yN1cF6hJ0sD5gA';

const token = jwt({ prosody: PROSODY, meetConfig: CONFIG, jicofoConf: 'jicofo {\n}\n' }, { host: 'meet.example.com', appId: 'myapp', secret: SECRET, guests: true });
const full = moderation(token.files, { host: 'meet.example.com', waitForHost: true, maxParticipants: 20, authenticatedModerators: false }).files;
const prosody = full.prosody!;

/** The line (1-based) of the first line of the Prosody file that holds `text`. */
function lineOf(text: string, of: string = prosody): number {
  const at = of.indexOf(text);
  if (at < 0) throw new Error(`not in the file: ${text}`);
  return of.slice(0, at).split('\n').length;
}

/** The findings on the deployment with the Prosody file `text`, in LF; the same in CRLF. */
function found(text: string, meetConfig: string = full.meetConfig!): Finding[] {
  const files: DeploymentFiles = { ...full, prosody: text, meetConfig };
  const lf = checkDeployment(files);
  const crlf = checkDeployment({ ...files, prosody: text.replace(/\n/g, '\r\n'), meetConfig: meetConfig.replace(/\n/g, '\r\n') });
  expect(crlf).toEqual(lf);
  return lf;
}

function edited(from: string, to: string): string {
  expect(prosody).toContain(from);
  return prosody.replace(from, to);
}

describe('checkDeployment on token authentication and moderation', () => {
  it('finds nothing on what the jwt and moderation recipes wrote', () => {
    expect(prosody).toContain('\tapp_secret = "Zq3xV9mB2kL7pR4tW8yN1cF6hJ0sD5gA"\n');
    expect(prosody).toContain('\t\t"muc_wait_for_host";\n');
    expect(found(prosody)).toEqual([]);
  });

  it('a token host without app_id: an error on its authentication line', () => {
    const text = edited('\tapp_id = "myapp"\n', '');
    expect(found(text)).toEqual([
      {
        severity: 'error',
        file: 'prosody',
        line: lineOf('authentication = "token"', text),
        code: 'token-app-id-missing',
        message:
          'VirtualHost "meet.example.com" uses token authentication but has no app_id: Jitsi\'s token module does not start ("\'app_id\' must not be empty") and nobody logs in',
        fix: 'Set app_id on VirtualHost "meet.example.com" (jitsi-confkit jwt enable --app-id ID)',
      },
    ]);
  });

  it("a token host with neither secret nor keys: an error; a global app_secret or an issuer's keys count", () => {
    const text = edited(`\tapp_secret = "${SECRET}"\n`, '');
    expect(found(text).map((f) => [f.severity, f.code, f.line])).toEqual([['error', 'token-key-missing', lineOf('authentication = "token"', text)]]);
    expect(found(`app_secret = "${SECRET}"\n${text}`)).toEqual([]);
    expect(found(edited(`\tapp_secret = "${SECRET}"\n`, "\tcache_keys_url = 'https://sso.example.com/realms/jitsi/protocol/openid-connect/certs'\n"))).toEqual([]);
    // A secret that is not a literal (an environment lookup) is not "missing".
    expect(found(edited(`\tapp_secret = "${SECRET}"\n`, '\tapp_secret = os.getenv("JWT_APP_SECRET")\n'))).toEqual([]);
  });

  it("app_id, the secret or the guest host's encryption given as an expression: set, not judged, never an exception", () => {
    expect(found(edited('\tapp_id = "myapp"\n', '\tapp_id = os.getenv(\'JWT_APP_ID\') or "myapp"\n'))).toEqual([]);
    const guestEncryption = edited('\tc2s_require_encryption = false\n', '\tc2s_require_encryption = os.getenv("GUEST_TLS") == "1"\n');
    expect(found(guestEncryption)).toEqual([]);
  });

  it('app_id on the conference component instead of the main host: placed where it has no effect, and missing where it is read', () => {
    const text = edited('\tapp_id = "myapp"\n', '').replace('\tmuc_max_occupants = 20\n', '\tmuc_max_occupants = 20\n\tapp_id = "myapp" -- moved here\n');
    expect(found(text).map((f) => [f.code, f.line, f.message])).toEqual([
      ['token-app-id-missing', lineOf('authentication = "token"', text), expect.stringContaining('has no app_id')],
      [
        'option-no-effect',
        lineOf('app_id = "myapp" -- moved here', text),
        'app_id is set in Component "conference.meet.example.com", where Jitsi\'s token modules never read it (token_verification reads the main VirtualHost\'s)',
      ],
    ]);
  });

  it('a component setting or module on the main VirtualHost, and a host module on the component: placed where it has no effect', () => {
    const setting = edited('\tlobby_muc = "lobby.meet.example.com"\n', '\tlobby_muc = "lobby.meet.example.com"\n    wait_for_host_disable_auto_owners = true\n');
    expect(found(setting).map((f) => [f.severity, f.code, f.line, f.message, f.fix])).toEqual([
      [
        'warning',
        'option-no-effect',
        lineOf('    wait_for_host_disable_auto_owners', setting),
        'wait_for_host_disable_auto_owners is set in VirtualHost "meet.example.com", where mod_muc_wait_for_host never reads it (it runs on the conference component)',
        'Move wait_for_host_disable_auto_owners to Component "conference.meet.example.com"',
      ],
    ]);
    const module = edited('\t\t"bosh";\n', "\t\t'bosh';\n\t\t'muc_max_occupants'; -- rooms of 20\n");
    expect(found(module).map((f) => [f.code, f.line, f.message])).toEqual([
      [
        'option-no-effect',
        lineOf('\tmodules_enabled = {', module),
        '"muc_max_occupants" is enabled on VirtualHost "meet.example.com", where it has no rooms to act on (it belongs to the conference component)',
      ],
    ]);
    const hostModule = edited('\t\t"muc_meeting_id";\n', '\t\t"muc_meeting_id";\n\t\t"persistent_lobby";\n');
    const conferenceModules = hostModule.indexOf('\tmodules_enabled', hostModule.indexOf('Component "conference.'));
    expect(found(hostModule).map((f) => [f.code, f.line, f.fix])).toEqual([
      ['option-no-effect', hostModule.slice(0, conferenceModules).split('\n').length, 'Move "persistent_lobby" to the modules_enabled of VirtualHost "meet.example.com"'],
    ]);
  });

  it('muc_max_occupants without its module: rooms have no limit', () => {
    const text = edited('\t\t"muc_max_occupants";\n', '');
    expect(found(text).map((f) => [f.code, f.line, f.message])).toEqual([
      [
        'option-no-effect',
        lineOf('\tmuc_max_occupants = 20', text),
        'muc_max_occupants is set on Component "conference.meet.example.com", but its module "muc_max_occupants" is not enabled there: rooms have no limit',
      ],
    ]);
  });

  it('wait for host without what it needs: an error naming each missing piece', () => {
    const text = edited('\t\t"persistent_lobby";\n', '').replace('\tmuc_mapper_domain_base = "meet.example.com"\n', '');
    const conferenceModules = text.indexOf('\tmodules_enabled', text.indexOf('Component "conference.'));
    expect(found(text)).toEqual([
      {
        severity: 'error',
        file: 'prosody',
        line: text.slice(0, conferenceModules).split('\n').length,
        code: 'wait-for-host-incomplete',
        message:
          'Wait for host is enabled on Component "conference.meet.example.com" without "persistent_lobby" in the modules of VirtualHost "meet.example.com", muc_mapper_domain_base (without it the module does not start): guests are not held in a lobby',
        fix: 'jitsi-confkit moderation set --wait-for-host on (it adds the lobby and what wait for host needs)',
      },
    ]);
  });

  it('wait for host with no authenticated way in: an anonymous main host is an error, empty tokens a warning', () => {
    const anonymous = jwt(full, { host: 'meet.example.com', enable: false }).files.prosody!;
    expect(anonymous).toContain('\t\t"muc_wait_for_host";\n');
    expect(found(anonymous, jwt(full, { host: 'meet.example.com', enable: false }).files.meetConfig).map((f) => [f.severity, f.code, f.line])).toEqual([
      ['error', 'wait-for-host-without-authentication', lineOf('authentication = "jitsi-anonymous" -- do not delete me', anonymous)],
    ]);
    const empty = edited('\tallow_empty_token = false\n', '\tallow_empty_token = true\n');
    expect(found(empty).map((f) => [f.severity, f.code, f.line, f.fix])).toEqual([
      [
        'warning',
        'wait-for-host-without-authentication',
        lineOf('authentication = "token"', empty),
        'Set allow_empty_token = false on VirtualHost "meet.example.com" and send guests to a guest host (jitsi-confkit jwt enable --guests)',
      ],
    ]);
  });

  it('enableUserRolesBasedOnToken: a warning when true, a note when false, on its line of config.js', () => {
    const meet = (value: string): string =>
      full.meetConfig!.replace('var config = {\n', `var config = {\n    // roles from the token\n    enableUserRolesBasedOnToken: ${value},\n`);
    expect(found(prosody, meet('true')).map((f) => [f.severity, f.file, f.code, f.line])).toEqual([['warning', 'meetConfig', 'user-roles-based-on-token', 3]]);
    expect(found(prosody, meet('false')).map((f) => [f.severity, f.code, f.line])).toEqual([['info', 'user-roles-based-on-token', 3]]);
    const assigned = `${full.meetConfig!}config.enableUserRolesBasedOnToken = true;\n`;
    expect(found(prosody, assigned).map((f) => [f.severity, f.line])).toEqual([['warning', lineOf('config.enableUserRolesBasedOnToken', assigned)]]);
  });
});

describe('jwt and a plugin_paths the admin wrote as an expression', () => {
  it.each([
    ['LF, spaces', 'plugin_paths = { os.getenv("PLUGINS") }\n\nVirtualHost "meet.example.com"\n    authentication = "anonymous"\n'],
    ['CRLF, tabs, no final newline', 'plugin_paths = { "/opt/plugins/", extra_plugins } -- ours\r\n\r\nVirtualHost "meet.example.com"\r\n\tauthentication = \'anonymous\''],
  ])('%s: kept as it is, the token setup goes ahead', (_, text) => {
    const result = jwt({ prosody: text }, { host: 'meet.example.com', appId: 'myapp', secret: SECRET, partial: true });
    const out = result.files.prosody!;
    expect(out.slice(0, text.indexOf('VirtualHost'))).toBe(text.slice(0, text.indexOf('VirtualHost')));
    expect(out).toMatch(/authentication = ["']token["']/);
    expect(result.steps[0]).toMatchObject({ file: 'prosody', status: 'already' });
  });
});
