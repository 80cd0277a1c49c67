/**
 * The secure domain ("only registered users open rooms, guests join anonymously") across the
 * three places that must agree: Prosody, config.js and Jicofo. See the README for exactly what
 * enabling writes and what disabling restores.
 */
import { aboutFile, printable, printableValue, UnsupportedEditError, validateHostname, ValidationError } from '@jitsi-confkit/core';
import { HoconSubstitution, parseJicofoConf, parseProperties } from '@jitsi-confkit/jicofo-config';
import { AUTH_PROVIDERS, type AuthProvider } from '@jitsi-confkit/prosody-config';
import { parseMeetConfig } from '@jitsi-confkit/web-config';
import { DEBIAN_PATHS, debianPath } from './deployment.js';
import { copyFiles, FILE_NOT_GIVEN, FILE_ORDER, MissingFilesError, missingFiles, PROPERTIES_NOT_GIVEN_WARNING } from './files.js';
import { ANONYMOUS_PROVIDERS, parseProsody, requireHost, type ProsodyConfig } from './prosody.js';
import type { DeploymentFile, DeploymentFiles, RecipeResult, RecipeStep } from './types.js';

export interface SecureDomainOptions {
  /** The main XMPP host (config.js `hosts.domain`, the Prosody `VirtualHost`), e.g. `meet.example.com`. */
  host: string;
  /** The anonymous host for guests. Default `guest.<host>` (the name Jitsi's code expects). */
  guestHost?: string;
  /**
   * The main host's Prosody authentication provider, one of prosody-config's AUTH_PROVIDERS
   * (internal_hashed, internal_plain, ldap2, cyrus, …). Default `internal_hashed`.
   */
  authentication?: string;
  /** `false` undoes the recipe. Default `true`. */
  enable?: boolean;
  /**
   * Apply the steps of the files given even when the Prosody host file, config.js or Jicofo's
   * file is missing (for layouts where a file lives elsewhere); their steps are `skipped`.
   * Default `false`: a missing file is a MissingFilesError and nothing is changed.
   */
  partial?: boolean;
  /**
   * Undo only: remove the guest VirtualHost even when it holds more than enabling writes (other
   * settings, statements, comments). Default `false`: such a guest host is kept.
   */
  removeGuestHost?: boolean;
}

/** The legacy Jicofo key that turns authentication on and, when present, overrides jicofo.conf. */
export const LEGACY_AUTH_URL_KEY = 'org.jitsi.jicofo.auth.URL';

const DEFAULT_AUTHENTICATION: AuthProvider = 'internal_hashed';

interface Settings {
  host: string;
  guestHost: string;
  authentication: AuthProvider;
  enable: boolean;
  partial: boolean;
  removeGuestHost: boolean;
}

/** What one file's step produced: the step, and the new text when the file changed. */
interface StepOutcome {
  step: RecipeStep;
  text?: string;
  /** Something the person should know about this file's step. */
  warning?: string;
}

type StepFn = (files: DeploymentFiles, s: Settings) => StepOutcome;

/**
 * Enables (or with `enable: false` undoes) the secure domain in every file given: Prosody's main
 * host requires `authentication` and an anonymous guest host follows it; config.js gets
 * `hosts.anonymousdomain`; Jicofo gets `jicofo.authentication { enabled = true, type = XMPP,
 * login-url = "<host>" }` in jicofo.conf and `org.jitsi.jicofo.auth.URL=XMPP:<host>` in
 * sip-communicator.properties where that legacy key is present (it overrides jicofo.conf), or where
 * no jicofo.conf is given (Jicofo of 2020 and before).
 *
 * Pure and all-or-nothing: it throws (MissingFilesError when the Prosody host file, config.js or
 * Jicofo's file is not given, unless `partial`; ValidationError for bad options or files that do
 * not fit the host, such as a Prosody file without `VirtualHost "<host>"`; ConfigSyntaxError,
 * UnsupportedEditError from the libraries) before returning anything, so a result never holds a
 * half-applied recipe. Applying it to its own output changes nothing.
 */
export function secureDomain(files: DeploymentFiles, options: SecureDomainOptions): RecipeResult {
  const s = settingsOf(options);
  const input = copyFiles(files);
  const missing = missingFiles(input);
  if (missing.length > 0 && !s.partial) throw new MissingFilesError('The secure domain', missing);
  if (input.prosody !== undefined) aboutFile('prosody', () => requireHost(parseProsody(input.prosody!), s.host));
  const output: DeploymentFiles = { ...input };
  const steps: RecipeStep[] = [];
  const warnings = warningsOf(s, input);
  const fns: [DeploymentFile, StepFn][] = s.enable
    ? [
        ['prosody', enableProsody],
        ['meetConfig', enableMeetConfig],
        ['jicofoConf', enableJicofoConf],
        ['sipCommunicator', enableSipCommunicator],
      ]
    : [
        ['prosody', disableProsody],
        ['meetConfig', disableMeetConfig],
        ['jicofoConf', disableJicofoConf],
        ['sipCommunicator', disableSipCommunicator],
      ];
  for (const [file, fn] of fns) {
    const outcome = aboutFile(file, () => fn(input, s));
    steps.push(outcome.step);
    if (outcome.text !== undefined) output[file] = outcome.text;
    if (outcome.warning !== undefined) warnings.push(outcome.warning);
  }
  const changed = FILE_ORDER.some((k) => output[k] !== input[k]);
  return { files: output, steps, todo: todoOf(s, input, changed), warnings, changed };
}

function settingsOf(options: SecureDomainOptions): Settings {
  if (options === null || typeof options !== 'object') throw new ValidationError('secureDomain needs options: { host }');
  if (options.host === undefined) throw new ValidationError('secureDomain needs options.host (the main XMPP host, e.g. meet.example.com)');
  const host = validateHostname(options.host, 'host');
  const guestHost = validateHostname(options.guestHost ?? `guest.${host}`, 'guest host');
  if (guestHost === host) throw new ValidationError(`The guest host must differ from the main host "${host}"`);
  const authentication = options.authentication ?? DEFAULT_AUTHENTICATION;
  if (typeof authentication === 'string' && ANONYMOUS_PROVIDERS.has(authentication)) {
    throw new ValidationError(`authentication "${authentication}" lets anyone in: the secure domain's main host needs accounts (e.g. internal_hashed)`);
  }
  if (authentication === 'token') {
    throw new ValidationError('authentication "token" is not the secure-domain recipe: with tokens Jicofo must not use XMPP authentication (see the token-authentication guide)');
  }
  if (!isAuthProvider(authentication)) {
    throw new ValidationError(`Unknown authentication provider "${printable(String(authentication))}": use one of ${AUTH_PROVIDERS.join(', ')}`);
  }
  for (const flag of ['enable', 'partial', 'removeGuestHost'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') throw new ValidationError(`options.${flag} must be a boolean`);
  }
  return { host, guestHost, authentication, enable: options.enable ?? true, partial: options.partial ?? false, removeGuestHost: options.removeGuestHost ?? false };
}

function isAuthProvider(value: unknown): value is AuthProvider {
  return (AUTH_PROVIDERS as readonly unknown[]).includes(value);
}

function skipped(file: DeploymentFile, action: string, reason = FILE_NOT_GIVEN): StepOutcome {
  return { step: { file, action, status: 'skipped', reason } };
}

function outcome(file: DeploymentFile, action: string, before: string, after: string): StepOutcome {
  if (after === before) return { step: { file, action, status: 'already' } };
  return { step: { file, action, status: 'applied' }, text: after };
}

// ---------------------------------------------------------------- Prosody

function prosodyAction(s: Settings): string {
  return s.enable
    ? `VirtualHost "${s.host}": authentication = "${s.authentication}"; anonymous VirtualHost "${s.guestHost}" after it, with c2s_require_encryption = false`
    : `VirtualHost "${s.host}": anonymous authentication again; remove VirtualHost "${s.guestHost}"`;
}

function enableProsody(files: DeploymentFiles, s: Settings): StepOutcome {
  const text = files.prosody;
  if (text === undefined) return skipped('prosody', prosodyAction(s));
  const cfg = parseProsody(text);
  cfg.enableSecureDomain(s.host, s.guestHost, { authentication: s.authentication });
  return outcome('prosody', prosodyAction(s), text, cfg.toString());
}

/**
 * Undo removes the guest host only when it holds nothing but what enabling writes
 * (`authentication` anonymous, `c2s_require_encryption = false`, `enabled = true`): a guest host
 * the admin wrote with more (lobby modules, `main_muc`, comments) is kept, unless removeGuestHost.
 */
function disableProsody(files: DeploymentFiles, s: Settings): StepOutcome {
  const text = files.prosody;
  if (text === undefined) return skipped('prosody', prosodyAction(s));
  const cfg = parseProsody(text);
  const extras = cfg.has({ host: s.guestHost }) ? notWrittenByEnable(cfg, s.guestHost) : [];
  const keep = extras.length > 0 && !s.removeGuestHost;
  cfg.disableSecureDomain(s.host, s.guestHost, { keepGuestHost: keep });
  if (extras.length === 0) return outcome('prosody', prosodyAction(s), text, cfg.toString());
  const holds = `it holds ${describeContents(extras)}, which enabling does not write`;
  if (!keep) {
    return { ...outcome('prosody', prosodyAction(s), text, cfg.toString()), warning: `VirtualHost "${s.guestHost}" was removed although ${holds}` };
  }
  const action = `VirtualHost "${s.host}": anonymous authentication again; VirtualHost "${s.guestHost}" kept`;
  return {
    ...outcome('prosody', action, text, cfg.toString()),
    warning: `VirtualHost "${s.guestHost}" was kept: ${holds}. Remove it by hand if it should go, or undo with the option to remove the guest host (removeGuestHost, --remove-guest)`,
  };
}

export type Content = ReturnType<ProsodyConfig['contents']>[number];

/** What the guest host's section holds beyond what enableSecureDomain writes there. */
export function notWrittenByEnable(cfg: ProsodyConfig, guestHost: string, alsoOurs: (key: string, value: unknown) => boolean = () => false): Content[] {
  const scope = { host: guestHost };
  const ours = (key: string): boolean => {
    let value: unknown;
    try {
      value = cfg.get(scope, key);
    } catch {
      return false; // not a literal: not what enabling writes
    }
    if (key === 'authentication') return typeof value === 'string' && ANONYMOUS_PROVIDERS.has(value);
    if (key === 'c2s_require_encryption') return value === false;
    if (key === 'enabled') return value === true;
    return alsoOurs(key, value);
  };
  return cfg.contents(scope).filter((c) => !(c.kind === 'setting' && ours(c.key!)));
}

/** `main_muc (line 12), modules_enabled (line 10) and a comment (line 9)`. */
export function describeContents(contents: readonly Content[]): string {
  const parts = contents.map((c) => (c.kind === 'setting' ? `${c.key!} (line ${c.line})` : `a ${c.kind} (line ${c.line})`));
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

// ---------------------------------------------------------------- config.js

function meetAction(s: Settings): string {
  return s.enable ? `hosts.anonymousdomain = '${s.guestHost}'` : `remove hosts.anonymousdomain`;
}

/**
 * config.js, refused when its hosts.domain is another host. A hosts.domain that is not a literal
 * (built from SSI variables) cannot be checked: the edit goes ahead with a warning.
 */
export function checkedMeetConfig(text: string, s: { host: string }): { doc: ReturnType<typeof parseMeetConfig>; warning?: string } {
  const doc = parseMeetConfig(text);
  let domain: unknown;
  try {
    domain = doc.get('hosts.domain');
  } catch (e) {
    if (!(e instanceof UnsupportedEditError)) throw e;
    return { doc, warning: `config.js hosts.domain is not a literal, so it could not be checked to be "${s.host}"` };
  }
  if (typeof domain === 'string' && domain !== s.host) {
    throw new ValidationError(`config.js is for hosts.domain "${printable(domain)}", not "${s.host}"`);
  }
  return { doc };
}

function enableMeetConfig(files: DeploymentFiles, s: Settings): StepOutcome {
  const text = files.meetConfig;
  if (text === undefined) return skipped('meetConfig', meetAction(s));
  const { doc, warning } = checkedMeetConfig(text, s);
  if (doc.get('hosts.anonymousdomain') !== s.guestHost) doc.set('hosts.anonymousdomain', s.guestHost);
  return { ...outcome('meetConfig', meetAction(s), text, doc.toString()), ...(warning === undefined ? {} : { warning }) };
}

function disableMeetConfig(files: DeploymentFiles, s: Settings): StepOutcome {
  const text = files.meetConfig;
  if (text === undefined) return skipped('meetConfig', meetAction(s));
  const { doc } = checkedMeetConfig(text, s);
  const current = doc.get('hosts.anonymousdomain');
  if (current !== undefined && current !== s.guestHost) {
    return skipped('meetConfig', meetAction(s), `hosts.anonymousdomain is ${describe(current)}, not the guest host "${s.guestHost}": left as it is`);
  }
  if (current !== undefined) doc.delete('hosts.anonymousdomain');
  return outcome('meetConfig', meetAction(s), text, doc.toString());
}

// ---------------------------------------------------------------- jicofo.conf

const AUTH = 'jicofo.authentication';

function jicofoAction(s: Settings): string {
  return s.enable
    ? `jicofo.authentication { enabled = true, type = XMPP, login-url = "${s.host}" }`
    : `remove jicofo.authentication { enabled = true, type = XMPP, login-url = "${s.host}" }`;
}

function enableJicofoConf(files: DeploymentFiles, s: Settings): StepOutcome {
  const text = files.jicofoConf;
  if (text === undefined) {
    const reason = files.sipCommunicator === undefined ? FILE_NOT_GIVEN : `${FILE_NOT_GIVEN} (Jicofo of 2020 and before has none: sip-communicator.properties carries the setting)`;
    return skipped('jicofoConf', jicofoAction(s), reason);
  }
  const doc = parseJicofoConf(text);
  const wanted: [string, boolean | string][] = [
    [`${AUTH}.enabled`, true],
    [`${AUTH}.type`, 'XMPP'],
    [`${AUTH}.login-url`, s.host],
  ];
  for (const [path, value] of wanted) {
    if (doc.get(path) !== value) doc.set(path, value);
  }
  return outcome('jicofoConf', jicofoAction(s), text, doc.toString());
}

/**
 * Undo removes the three settings where they still hold the values enabling writes (`enabled =
 * true` only while the type is XMPP or unset), then the `authentication` object if that leaves it
 * empty. Other values (a JWT setup, another login-url) are not the secure domain's: left as they are.
 */
function disableJicofoConf(files: DeploymentFiles, s: Settings): StepOutcome {
  const text = files.jicofoConf;
  if (text === undefined) return skipped('jicofoConf', jicofoAction(s));
  const doc = parseJicofoConf(text);
  const type = doc.get(`${AUTH}.type`);
  if (type !== undefined && type !== 'XMPP') {
    return skipped('jicofoConf', jicofoAction(s), `jicofo.authentication.type is ${describe(type)}, not XMPP: not the secure domain's, left as it is`);
  }
  const ours: [string, boolean | string][] = [
    [`${AUTH}.login-url`, s.host],
    [`${AUTH}.type`, 'XMPP'],
    [`${AUTH}.enabled`, true],
  ];
  for (const [path, value] of ours) {
    if (doc.get(path) === value) doc.delete(path);
  }
  const rest = doc.get(AUTH);
  if (doc.changed && rest !== null && typeof rest === 'object' && Object.keys(rest).length === 0) doc.delete(AUTH);
  return outcome('jicofoConf', jicofoAction(s), text, doc.toString());
}

// ---------------------------------------------------------------- sip-communicator.properties

function sipAction(s: Settings): string {
  return s.enable ? `${LEGACY_AUTH_URL_KEY}=XMPP:${s.host}` : `remove ${LEGACY_AUTH_URL_KEY}=XMPP:${s.host}`;
}

function enableSipCommunicator(files: DeploymentFiles, s: Settings): StepOutcome {
  const text = files.sipCommunicator;
  if (text === undefined) return skipped('sipCommunicator', sipAction(s));
  const doc = parseProperties(text);
  const current = doc.get(LEGACY_AUTH_URL_KEY);
  if (current === undefined && files.jicofoConf !== undefined) {
    return skipped('sipCommunicator', sipAction(s), `no legacy ${LEGACY_AUTH_URL_KEY} here: jicofo.conf carries Jicofo's authentication`);
  }
  if (current !== `XMPP:${s.host}`) doc.set(LEGACY_AUTH_URL_KEY, `XMPP:${s.host}`);
  return outcome('sipCommunicator', sipAction(s), text, doc.toString());
}

function disableSipCommunicator(files: DeploymentFiles, s: Settings): StepOutcome {
  const text = files.sipCommunicator;
  if (text === undefined) return skipped('sipCommunicator', sipAction(s));
  const doc = parseProperties(text);
  const current = doc.get(LEGACY_AUTH_URL_KEY);
  if (current !== undefined && current !== `XMPP:${s.host}`) {
    return skipped('sipCommunicator', sipAction(s), `${LEGACY_AUTH_URL_KEY} is ${describe(current)}, not XMPP:${s.host}: left as it is`);
  }
  if (current !== undefined) doc.delete(LEGACY_AUTH_URL_KEY);
  return outcome('sipCommunicator', sipAction(s), text, doc.toString());
}

// ---------------------------------------------------------------- todo and warnings

const RESTART = 'Restart the services: systemctl restart prosody jicofo jitsi-videobridge2';

function todoOf(s: Settings, files: DeploymentFiles, changed: boolean): string[] {
  const todo: string[] = [];
  const missing = (file: DeploymentFile): boolean => files[file] === undefined;
  if (s.enable) {
    if (missing('prosody')) todo.push(`Edit ${debianPath('prosody', s.host)} by hand: ${prosodyAction(s)}`);
    if (missing('meetConfig')) todo.push(`Edit ${debianPath('meetConfig', s.host)} by hand: ${meetAction(s)}`);
    if (missing('jicofoConf') && missing('sipCommunicator')) todo.push(`Turn on Jicofo's authentication by hand: ${jicofoAction(s)} in ${DEBIAN_PATHS.jicofoConf}`);
    todo.push(`Register each user who may open rooms: sudo prosodyctl register <user> ${s.host} <password>`);
  } else if (changed) {
    todo.push(`Users registered on ${s.host} stay in Prosody's storage: remove those who should go with sudo prosodyctl unregister <user> ${s.host}`);
  }
  if (changed) todo.push(RESTART);
  return todo;
}

function warningsOf(s: Settings, files: DeploymentFiles): string[] {
  const warnings: string[] = [];
  if (s.enable && s.guestHost !== `guest.${s.host}`) {
    warnings.push(`The guest host "${s.guestHost}" is not guest.${s.host}: parts of Jitsi derive the main host from the guest host's name and may fail`);
  }
  if (s.enable && files.jicofoConf !== undefined && files.sipCommunicator === undefined) {
    warnings.push(`${PROPERTIES_NOT_GIVEN_WARNING} a legacy ${LEGACY_AUTH_URL_KEY} line there overrides jicofo.conf; check that it is absent or says XMPP:${s.host}`);
  }
  return warnings;
}

export function describe(value: unknown): string {
  if (value instanceof HoconSubstitution) return printable(value.source);
  return typeof value === 'string' ? `"${printable(value)}"` : printableValue(value);
}
