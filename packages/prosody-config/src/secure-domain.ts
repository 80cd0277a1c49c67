/**
 * The Jitsi "secure domain": only authenticated users may create rooms, guests join anonymously
 * on a separate VirtualHost (jitsi/handbook docs/devops-guide/secure-domain.md, 2020-2025).
 */
import { printable, validateHostname, ValidationError } from '@jitsi-confkit/core';
import type { WritableValue } from './value.js';
import type { ProsodyConfig } from './config.js';

/** Authentication providers a secure domain's main host may use (Prosody's `mod_auth_<name>`). */
export const AUTH_PROVIDERS = [
  'internal_hashed',
  'internal_plain',
  'ldap',
  'ldap2',
  'cyrus',
  'sql',
  'pam',
  'imap',
  'dovecot',
  'custom_http',
  'http_async',
] as const;

export type AuthProvider = (typeof AUTH_PROVIDERS)[number];

/** The anonymous flavours: Prosody's own, and Jitsi's with session resumption (templates since 2022-07). */
export type AnonymousProvider = 'anonymous' | 'jitsi-anonymous';

/** Settings the main host may hold that newer deployments repeat on the guest host. */
export const GUEST_EXTRAS = ['main_muc', 'lobby_muc', 'breakout_rooms_muc'] as const;
export type GuestExtra = (typeof GUEST_EXTRAS)[number];

export interface SecureDomainOptions {
  /** The main host's provider. Default `internal_hashed`. */
  authentication?: AuthProvider;
  /**
   * The guest host's provider. Default: `jitsi-anonymous` when the main host uses it (or the
   * existing guest host does), else `anonymous`.
   */
  guestAuthentication?: AnonymousProvider;
  /**
   * Copy these settings from the main host's own section to the guest host (those the main host
   * does not set are skipped); `true` means all of main_muc, lobby_muc, breakout_rooms_muc.
   */
  guestExtras?: boolean | readonly GuestExtra[];
}

const ANONYMOUS: readonly string[] = ['anonymous', 'jitsi-anonymous'];

function isAnonymous(v: unknown): v is AnonymousProvider {
  return typeof v === 'string' && ANONYMOUS.includes(v);
}

function checkHosts(cfg: ProsodyConfig, host: string, guestHost: string): void {
  validateHostname(host);
  validateHostname(guestHost, 'guest host name');
  if (guestHost === host) throw new ValidationError(`The guest host must differ from the main host "${host}"`);
  if (!cfg.has({ host })) {
    const hosts = cfg.hosts();
    const list = hosts.length > 0 ? `its VirtualHosts are: ${hosts.join(', ')}` : 'it has no VirtualHost';
    throw new ValidationError(`VirtualHost "${host}" is not in this file; ${list}`);
  }
  if (cfg.has({ component: guestHost })) {
    throw new ValidationError(`"${guestHost}" is a Component in this file; it cannot be the guest VirtualHost`);
  }
}

function guestExtrasOf(option: SecureDomainOptions['guestExtras']): readonly GuestExtra[] {
  if (option === undefined || option === false) return [];
  if (option === true) return GUEST_EXTRAS;
  if (!Array.isArray(option)) throw new ValidationError('guestExtras must be true, false or a list of setting names');
  for (const k of option) {
    if (!(GUEST_EXTRAS as readonly string[]).includes(k)) {
      throw new ValidationError(`Unknown guest extra "${printable(String(k))}": use ${GUEST_EXTRAS.join(', ')}`);
    }
  }
  return option;
}

/** Applies the secure domain to `cfg` (see ProsodyConfig.enableSecureDomain). */
export function enableSecureDomain(cfg: ProsodyConfig, host: string, guestHost: string, options: SecureDomainOptions): void {
  checkHosts(cfg, host, guestHost);
  const authentication = options.authentication ?? 'internal_hashed';
  if (!(AUTH_PROVIDERS as readonly string[]).includes(authentication)) {
    throw new ValidationError(`Unknown authentication provider "${printable(String(authentication))}": use one of ${AUTH_PROVIDERS.join(', ')}`);
  }
  if (options.guestAuthentication !== undefined && !isAnonymous(options.guestAuthentication)) {
    throw new ValidationError(`Invalid guest authentication "${printable(String(options.guestAuthentication))}": use anonymous or jitsi-anonymous`);
  }
  const extras = guestExtrasOf(options.guestExtras);
  const enabled = cfg.lookup({ host }, 'enabled');
  if (enabled?.value === false) {
    const where = enabled.from === 'global' ? `the global section, line ${enabled.line}` : `line ${enabled.line}`;
    throw new ValidationError(`VirtualHost "${host}" is disabled (enabled = false, ${where}): enable it before making it a secure domain`);
  }
  const mainAuth = cfg.get({ host }, 'authentication');
  const guestAuth = cfg.has({ host: guestHost }) ? cfg.get({ host: guestHost }, 'authentication') : undefined;
  const flavour: AnonymousProvider =
    options.guestAuthentication ?? (isAnonymous(mainAuth) ? mainAuth : isAnonymous(guestAuth) ? guestAuth : 'anonymous');

  const guestSettings: Record<string, WritableValue> = { authentication: flavour, c2s_require_encryption: false };
  for (const k of extras) {
    const own = cfg.lookup({ host }, k);
    if (own?.from === 'section') guestSettings[k] = own.value;
  }
  cfg.set({ host }, 'authentication', authentication);
  cfg.addVirtualHost(guestHost, guestSettings, { after: { host } });
  // A guest host that exists but is switched off would turn every guest away.
  if (cfg.has({ host: guestHost }) && cfg.lookup({ host: guestHost }, 'enabled')?.value === false) cfg.set({ host: guestHost }, 'enabled', true);
}

/** The line of the host's effective `authentication =` (by its number: offsets depend on the input's units). */
function authenticationLine(cfg: ProsodyConfig, host: string): string {
  const at = cfg.locate({ host }, 'authentication');
  return at ? (cfg.toString().split(/\r\n|\n|\r/)[at.line - 1] ?? '') : '';
}

export interface DisableSecureDomainOptions {
  /** Keep the guest host's section (only the main host gets its anonymous flavour back). */
  keepGuestHost?: boolean;
}

/** Undoes the secure domain (see ProsodyConfig.disableSecureDomain). */
export function disableSecureDomain(cfg: ProsodyConfig, host: string, guestHost: string, options: DisableSecureDomainOptions = {}): void {
  checkHosts(cfg, host, guestHost);
  const mainAuth = cfg.get({ host }, 'authentication');
  const guestAuth = cfg.has({ host: guestHost }) ? cfg.get({ host: guestHost }, 'authentication') : undefined;
  let flavour: AnonymousProvider;
  if (isAnonymous(guestAuth)) flavour = guestAuth;
  else if (isAnonymous(mainAuth)) flavour = mainAuth;
  else {
    // Without a guest host to tell: the `-- do not delete me` marker came with jitsi-anonymous (2022-07).
    flavour = /--\s*do not delete me/.test(authenticationLine(cfg, host)) ? 'jitsi-anonymous' : 'anonymous';
  }
  const own = cfg.lookup({ host }, 'authentication');
  const global = cfg.get('global', 'authentication');
  const line = own?.from === 'section' ? authenticationLine(cfg, host) : '';
  if (own?.from === 'section' && global === flavour && !line.includes('--')) {
    // The host inherits the flavour from the global section (enable added the host's line).
    cfg.delete({ host }, 'authentication');
  } else {
    cfg.set({ host }, 'authentication', flavour);
  }
  if (options.keepGuestHost !== true) cfg.removeSection({ host: guestHost });
}
