/**
 * The Jitsi "secure domain": only authenticated users may create rooms, guests join anonymously
 * on a separate VirtualHost (jitsi/handbook docs/devops-guide/secure-domain.md, 2020-2025).
 * Each of enable and disable is one step: planned as one list of edits on one snapshot (the main
 * host's authentication and the guest host together), verified by one re-parse.
 */
import { lineEnd, lineStart, positionAt, printable, validateHostname, ValidationError, type EditStep, type TextEdit } from '@jitsi-confkit/core';
import { AUTH_PROVIDERS, GUEST_EXTRAS, type AnonymousProvider, type AuthProvider, type DisableSecureDomainOptions, type GuestExtra, type SecureDomainOptions } from './api.js';
import { sameValue } from './lua.js';
import type { Model } from './model.js';
import { effectiveState, effectiveValue, ownValue, stateStart, valueOf } from './read.js';
import { hostsOf, sectionsIn } from './scope.js';
import { planAddSection, planRemoveSection } from './sections.js';
import { planDelete, planSet, type ProsodySnapshot } from './settings.js';
import type { WritableValue } from './value.js';

const ANONYMOUS: readonly string[] = ['anonymous', 'jitsi-anonymous'];

function isAnonymous(v: unknown): v is AnonymousProvider {
  return typeof v === 'string' && ANONYMOUS.includes(v);
}

function checkHosts(model: Model, host: string, guestHost: string): void {
  validateHostname(host);
  validateHostname(guestHost, 'guest host name');
  if (guestHost === host) throw new ValidationError(`The guest host must differ from the main host "${host}"`);
  if (sectionsIn(model, { host }).length === 0) {
    const hosts = hostsOf(model);
    const list = hosts.length > 0 ? `its VirtualHosts are: ${hosts.join(', ')}` : 'it has no VirtualHost';
    throw new ValidationError(`VirtualHost "${host}" is not in this file; ${list}`);
  }
  if (sectionsIn(model, { component: guestHost }).length > 0) {
    throw new ValidationError(`"${guestHost}" is a Component in this file; it cannot be the guest VirtualHost`);
  }
}

/** The options of enableSecureDomain, checked: ValidationError for an unknown provider or extra. */
function enableOptions(options: SecureDomainOptions): { authentication: AuthProvider; guestAuthentication?: AnonymousProvider; extras: readonly GuestExtra[] } {
  const authentication = options.authentication ?? 'internal_hashed';
  if (!(AUTH_PROVIDERS as readonly string[]).includes(authentication)) {
    throw new ValidationError(`Unknown authentication provider "${printable(String(authentication))}": use one of ${AUTH_PROVIDERS.join(', ')}`);
  }
  if (options.guestAuthentication !== undefined && !isAnonymous(options.guestAuthentication)) {
    throw new ValidationError(`Invalid guest authentication "${printable(String(options.guestAuthentication))}": use anonymous or jitsi-anonymous`);
  }
  const option = options.guestExtras;
  let extras: readonly GuestExtra[] = [];
  if (option === true) extras = GUEST_EXTRAS;
  else if (option !== undefined && option !== false) {
    if (!Array.isArray(option)) throw new ValidationError('guestExtras must be true, false or a list of setting names');
    // Callers in JavaScript may pass anything: each item is checked, not trusted to be a name.
    const names: readonly unknown[] = option;
    for (const k of names) {
      if (!isGuestExtra(k)) throw new ValidationError(`Unknown guest extra "${printable(String(k))}": use ${GUEST_EXTRAS.join(', ')}`);
    }
    extras = [...new Set(names.filter(isGuestExtra))];
  }
  return options.guestAuthentication === undefined ? { authentication, extras } : { authentication, guestAuthentication: options.guestAuthentication, extras };
}

/**
 * The edits that make `host` a secure domain (see ProsodyConfig.enableSecureDomain): the main
 * host's authentication, and the guest host added after it or, when the file has it, brought to
 * its settings where it is. [] when both are as they should be.
 */
export function planEnableSecureDomain(snapshot: ProsodySnapshot, host: string, guestHost: string, options: SecureDomainOptions): TextEdit[] {
  const model = snapshot.parsed;
  checkHosts(model, host, guestHost);
  const { authentication, guestAuthentication, extras } = enableOptions(options);
  const enabled = effectiveState(model, { host }, 'enabled');
  if (enabled !== undefined && valueOf(enabled.state, 'enabled') === false) {
    const line = positionAt(model.text, stateStart(enabled.state)).line;
    const where = enabled.from === 'global' ? `the global section, line ${line}` : `line ${line}`;
    throw new ValidationError(`VirtualHost "${host}" is disabled (enabled = false, ${where}): enable it before making it a secure domain`);
  }
  const mainAuth = effectiveValue(model, { host }, 'authentication');
  const guestExists = sectionsIn(model, { host: guestHost }).length > 0;
  const guestAuth = guestExists ? effectiveValue(model, { host: guestHost }, 'authentication') : undefined;
  const flavour: AnonymousProvider = guestAuthentication ?? (isAnonymous(mainAuth) ? mainAuth : isAnonymous(guestAuth) ? guestAuth : 'anonymous');
  const guest: [string, WritableValue][] = [
    ['authentication', flavour],
    ['c2s_require_encryption', false],
  ];
  for (const k of extras) {
    const found = effectiveState(model, { host }, k);
    if (found?.from === 'section') guest.push([k, valueOf(found.state, k)]);
  }
  // A guest host switched off (its own `enabled = false` or the global one) would turn every guest away.
  const guestEnabled = guestExists ? effectiveValue(model, { host: guestHost }, 'enabled') : effectiveValue(model, 'global', 'enabled');
  if (guestEnabled === false) guest.push(['enabled', true]);
  return [...planSet(snapshot, { host }, [['authentication', authentication]]), ...planAddSection(snapshot, { host: guestHost }, guest, { host })];
}

/** Whether `after` holds the secure domain: the main host's own provider, the guest host anonymous, unencrypted, enabled, with the extras. */
export function holdsSecureDomain(after: ProsodySnapshot, host: string, guestHost: string, options: SecureDomainOptions): boolean {
  const model = after.parsed;
  const { authentication, guestAuthentication, extras } = enableOptions(options);
  const guest = { host: guestHost };
  const guestAuth = ownValue(model, guest, 'authentication');
  return (
    ownValue(model, { host }, 'authentication') === authentication &&
    sectionsIn(model, guest).length > 0 &&
    (guestAuthentication === undefined ? isAnonymous(guestAuth) : guestAuth === guestAuthentication) &&
    ownValue(model, guest, 'c2s_require_encryption') === false &&
    effectiveValue(model, guest, 'enabled') !== false &&
    extras.every((k) => {
      const main = ownValue(model, { host }, k);
      return main === undefined || sameValue(ownValue(model, guest, k), main);
    })
  );
}

/**
 * The edits that undo the secure domain (see ProsodyConfig.disableSecureDomain): the main host's
 * anonymous flavour back (its own line deleted when the global section gives it that flavour and
 * the line carries no comment), and the guest host removed unless `keepGuestHost`.
 */
export function planDisableSecureDomain(snapshot: ProsodySnapshot, host: string, guestHost: string, options: DisableSecureDomainOptions): TextEdit[] {
  const model = snapshot.parsed;
  checkHosts(model, host, guestHost);
  const mainAuth = effectiveValue(model, { host }, 'authentication');
  const guestAuth = sectionsIn(model, { host: guestHost }).length > 0 ? effectiveValue(model, { host: guestHost }, 'authentication') : undefined;
  const found = effectiveState(model, { host }, 'authentication');
  const line = found === undefined ? '' : lineOf(model.text, stateStart(found.state));
  let flavour: AnonymousProvider;
  if (isAnonymous(guestAuth)) flavour = guestAuth;
  else if (isAnonymous(mainAuth)) flavour = mainAuth;
  // Without a guest host to tell: the `-- do not delete me` marker came with jitsi-anonymous (2022-07).
  else flavour = /--\s*do not delete me/.test(line) ? 'jitsi-anonymous' : 'anonymous';
  const global = effectiveValue(model, 'global', 'authentication');
  // The host inherits the flavour from the global section (enable added the host's line): delete it.
  const inherits = found?.from === 'section' && global === flavour && !line.includes('--');
  const main = inherits ? planDelete(snapshot, { host }, 'authentication') : planSet(snapshot, { host }, [['authentication', flavour]]);
  return options.keepGuestHost === true ? main : [...main, ...planRemoveSection(snapshot, { host: guestHost })];
}

/** Whether `after` has the main host anonymous again, and the guest host gone unless kept. */
export function holdsNoSecureDomain(after: ProsodySnapshot, host: string, guestHost: string, options: DisableSecureDomainOptions): boolean {
  return isAnonymous(effectiveValue(after.parsed, { host }, 'authentication')) && (options.keepGuestHost === true || sectionsIn(after.parsed, { host: guestHost }).length === 0);
}

/** The line holding `offset`, without its break. */
function lineOf(text: string, offset: number): string {
  return text.slice(lineStart(text, offset), lineEnd(text, offset));
}

/** The step of enableSecureDomain: it reads the whole file (no footprint). */
export function enableSecureDomainStep(host: string, guestHost: string, options: SecureDomainOptions): EditStep<Model> {
  return {
    what: `enable the secure domain of ${printable(String(host))} with guest host ${printable(String(guestHost))}`,
    plan: (s) => planEnableSecureDomain(s, host, guestHost, options),
    check: (after) => holdsSecureDomain(after, host, guestHost, options),
  };
}

/** The step of disableSecureDomain: it reads the whole file (no footprint). */
export function disableSecureDomainStep(host: string, guestHost: string, options: DisableSecureDomainOptions): EditStep<Model> {
  return {
    what: `disable the secure domain of ${printable(String(host))}`,
    plan: (s) => planDisableSecureDomain(s, host, guestHost, options),
    check: (after) => holdsNoSecureDomain(after, host, guestHost, options),
  };
}

function isGuestExtra(name: unknown): name is GuestExtra {
  return (GUEST_EXTRAS as readonly unknown[]).includes(name);
}
