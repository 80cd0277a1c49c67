/**
 * checkDeployment's findings as the doctor reports them: why each matters, and the edits that fix
 * it where the files say what they should be (the same edits the secure-domain recipe makes). A
 * code another check adds later is reported as it is, with no automatic fix, until it gets one here.
 */
import { LEGACY_AUTH_URL_KEY } from '../secure-domain.js';
import type { Finding, FindingCode } from '../types.js';
import type { Fix } from './workbench.js';

export interface CheckContext {
  host: string;
  guestHost: string | undefined;
  /** The anonymous flavour a new guest host gets: jitsi-anonymous where its module is installed. */
  guestAuthentication: 'anonymous' | 'jitsi-anonymous';
}

const AUTH = 'jicofo.authentication';

interface Known {
  why: string;
  fix?: (f: Finding, c: CheckContext) => Fix | undefined;
}

/** Jicofo's authentication in the file the finding is about: jicofo.conf's block or the legacy line. */
function jicofoXmpp(f: Finding, c: CheckContext): Fix {
  return (bench) => {
    if (f.file === 'sipCommunicator') {
      bench.sipCommunicator().set(LEGACY_AUTH_URL_KEY, `XMPP:${c.host}`);
      return;
    }
    const doc = bench.jicofoConf();
    for (const [path, value] of [
      [`${AUTH}.enabled`, true],
      [`${AUTH}.type`, 'XMPP'],
      [`${AUTH}.login-url`, c.host],
    ] as const) {
      if (doc.get(path) !== value) doc.set(path, value);
    }
  };
}

function anonymousdomain(c: CheckContext): Fix | undefined {
  const guest = c.guestHost;
  return guest === undefined ? undefined : (bench) => void bench.meetConfig().set('hosts.anonymousdomain', guest);
}

export const CHECK_FINDINGS: Readonly<Record<FindingCode, Known>> = {
  'file-missing': { why: 'The secure domain spans Prosody, config.js and Jicofo: it cannot be judged without all three' },
  'main-host-missing': { why: 'Every other check hangs on the main host: a wrong host name or the wrong file says nothing true about the deployment' },
  'guest-host-missing': {
    why: 'config.js sends guests to a host Prosody does not serve: guests cannot join at all',
    fix: (_, c) => {
      const guest = c.guestHost;
      if (guest === undefined) return undefined;
      return (bench) => void bench.prosody('prosody').addVirtualHost(guest, { authentication: c.guestAuthentication, c2s_require_encryption: false }, { after: { host: c.host } });
    },
  },
  'guest-host-name': { why: 'Parts of Jitsi derive the main host from the guest host’s name (guest.<host>) and fail with another one' },
  'guest-host-before-main': { why: 'The Jitsi templates and tools expect the guest host after the main host; some edits by hand and by script go wrong otherwise' },
  'guest-requires-encryption': {
    why: 'Jitsi’s guests connect over BOSH or WebSocket behind nginx, unencrypted towards Prosody: a guest host that requires encryption turns them all away',
    fix: (_, c) => (c.guestHost === undefined ? undefined : (bench) => void bench.prosody('prosody').set({ host: c.guestHost! }, 'c2s_require_encryption', false)),
  },
  'main-host-anonymous': {
    why: 'While the main host is anonymous anyone can open rooms, whatever config.js and Jicofo say',
    fix: (_, c) => (bench) => void bench.prosody('prosody').set({ host: c.host }, 'authentication', 'internal_hashed'),
  },
  'anonymousdomain-missing': { why: 'Without hosts.anonymousdomain the web app asks every guest for a password', fix: (_, c) => anonymousdomain(c) },
  'anonymousdomain-mismatch': { why: 'The web app sends guests to a host that is not the guest host: they cannot join', fix: (_, c) => anonymousdomain(c) },
  'jicofo-auth-disabled': { why: 'Jicofo lets nobody open a room by logging in, so nobody can start a meeting on a host that requires authentication', fix: jicofoXmpp },
  'jicofo-auth-type': { why: 'Jicofo authenticates with another method than the accounts Prosody holds: nobody can open rooms', fix: jicofoXmpp },
  'jicofo-login-url-mismatch': { why: 'Jicofo checks logins against another host than the one users have accounts on', fix: jicofoXmpp },
  'jicofo-xmpp-auth-with-token': {
    why: 'With tokens, Prosody authenticates the users; Jicofo’s XMPP authentication asks them for a password they do not have',
    fix: (f) => (bench) => {
      if (f.file === 'sipCommunicator') bench.sipCommunicator().delete(LEGACY_AUTH_URL_KEY);
      else bench.jicofoConf().delete(AUTH);
    },
  },
  'legacy-auth-url-mismatch': {
    why: 'Jicofo reads the legacy line first: what jicofo.conf says about authentication is ignored',
    fix: () => (bench) => void bench.sipCommunicator().delete(LEGACY_AUTH_URL_KEY),
  },
  'token-app-id-missing': { why: 'Jitsi’s token module does not start without app_id: nobody can log in to the main host' },
  'token-key-missing': { why: 'Without a secret or a key server the token module cannot check any token: nobody can log in to the main host' },
  'wait-for-host-incomplete': { why: 'Wait for host needs the lobby and the main room set up with it: without them guests are not held until a moderator comes' },
  'wait-for-host-without-authentication': { why: 'Wait for host waits for an authenticated user: on an anonymous main host everyone counts as one, so nobody waits' },
  'option-no-effect': { why: 'The module that reads this option runs in another section: the setting does nothing where it is' },
  'user-roles-based-on-token': { why: 'jitsi-meet dropped enableUserRolesBasedOnToken in 2020: the setting does nothing' },
  'legacy-auth-url-only': {
    why: 'It works; but the legacy file is from Jicofo of 2020, and a jicofo.conf edited later is silently overridden by it',
    fix: (f, c) => (bench) => {
      const url = bench.sipCommunicator().get(LEGACY_AUTH_URL_KEY);
      if (typeof url !== 'string' || !url.startsWith('XMPP:')) throw new Error('only an XMPP legacy line is moved');
      jicofoXmpp({ ...f, file: 'jicofoConf' }, { ...c, host: url.slice('XMPP:'.length) })(bench);
      bench.sipCommunicator().delete(LEGACY_AUTH_URL_KEY);
    },
  },
};
