/**
 * Token (JWT) authentication, the way the Jitsi handbook describes it in 2026: the main host
 * authenticates with Jitsi's `token` provider, either with a shared secret (HS256, what the Debian
 * package jitsi-meet-tokens sets up) or with the keys of an OpenID Connect issuer (the Keycloak
 * page, `docs/devops-guide/authentication.md`); guests join anonymously on a guest host when asked;
 * Jicofo's own authentication is off. See the README for exactly what each file gets and what undo
 * restores.
 */
import { aboutFile, printable, UnsupportedEditError, validateHostname, ValidationError } from '@jitsi-confkit/core';
import { HoconSubstitution, parseJicofoConf, parseProperties } from '@jitsi-confkit/jicofo-config';
import { credential, FileReference, type LuaValue } from '@jitsi-confkit/prosody-config';
import { debianPath, JITSI_PLUGIN_PATH } from './deployment.js';
import { copyFiles, FILE_NOT_GIVEN, FILE_ORDER, MissingFilesError, missingFiles } from './files.js';
import { ANONYMOUS_PROVIDERS, authenticationOf, conferenceOf, listOf, literalOf, parseProsody, requireHost, TOKEN_KEYS, type ProsodyConfig } from './prosody.js';
import { describeSecret, maskFiles, validateSecret, weakSecretWarning, withoutSecrets } from './secrets.js';
import { checkedMeetConfig, describeContents, notWrittenByEnable, LEGACY_AUTH_URL_KEY } from './secure-domain.js';
import type { DeploymentFile, DeploymentFiles, ExtraFile, RecipeResult, RecipeStep } from './types.js';

/** Where the JWT secret goes: a string in the Prosody host file, or a systemd credential (Prosody 13's Credential()). */
export type SecretStorage = 'inline' | 'credential';

export interface JwtOptions {
  /** The main XMPP host (config.js `hosts.domain`, the Prosody `VirtualHost`). */
  host: string;
  /** `false` undoes the recipe. Default `true`. */
  enable?: boolean;
  /** `app_id`: the issuer (`iss`) the shared-secret tokens carry; `jitsi` for an OIDC issuer unless given. */
  appId?: string;
  /**
   * The shared secret (HS256). Checked (see secretProblem) and never shown: steps, warnings,
   * errors and `masked` leave it out. Without it, the secret already configured is kept.
   */
  secret?: string;
  /** `inline` (default): `app_secret = "…"`; `credential`: `app_secret = Credential("<credentialName>")`, Prosody 13 only. */
  secretStorage?: SecretStorage;
  /** The systemd credential's name. Default `jitsi-app-secret`. */
  credentialName?: string;
  /** The Prosody version (`0.12.3`, `13.0.1`), where known: a credential is refused below 13. */
  prosodyVersion?: string;
  /** The OIDC issuer (`https://meet.example.com/realms/jitsi-realm`): the OIDC variant instead of a shared secret. */
  issuer?: string;
  /** `asap_accepted_audiences`. Default `["account"]` (Keycloak's access tokens). */
  audiences?: string[];
  /** `cache_keys_url`, the issuer's JWKS. Default `<issuer>/protocol/openid-connect/certs` (Keycloak's). */
  jwksUrl?: string;
  /** `asap_key_server` instead of cache_keys_url: a base URL serving `<sha256(kid)>.pem` public keys. */
  keyServer?: string;
  /** The OIDC client of the web login (config.js). Default `jitsi`. */
  clientId?: string;
  /** `asap_require_room_claim`. OIDC default `false` (Keycloak's tokens have no room claim); shared secret: Jitsi's default (true) unless given. */
  requireRoomClaim?: boolean;
  /** OIDC: config.js `tokenAuthUrl`, `tokenLogoutUrl`, `tokenAuthInline`, `sso` for the handbook's web login. Default `true`. */
  webLogin?: boolean;
  /** config.js `tokenAuthUrl`: where the web app sends a user to get a token (shared secret: your own login page). */
  tokenAuthUrl?: string;
  /** A guest host for anonymous participants: `true` creates it (and config.js `hosts.anonymousdomain`). Default: an existing one is kept, none is made. */
  guests?: boolean;
  /** The guest host. Default `guest.<host>`. */
  guestHost?: string;
  /** `allow_empty_token`. Default `false`. */
  allowEmptyToken?: boolean;
  /** Apply the steps of the files given even when one is missing. Default `false`: MissingFilesError. */
  partial?: boolean;
  /** Undo: remove the guest host even when it holds more than enabling writes. */
  removeGuestHost?: boolean;
}

/** The default name of the systemd credential that holds the secret. */
export const DEFAULT_CREDENTIAL_NAME = 'jitsi-app-secret';

/** Where the credential file and the drop-in go (systemd's credential store, and prosody.service's drop-in directory). */
export const CREDSTORE_DIR = '/etc/credstore';
export const PROSODY_DROP_IN_DIR = '/etc/systemd/system/prosody.service.d';

const OIDC_ONLY = ['asap_accepted_issuers', 'asap_accepted_audiences', 'cache_keys_url', 'asap_key_server'] as const;

/** config.js keys of the web login. */
const WEB_LOGIN_KEYS = ['tokenAuthUrl', 'tokenLogoutUrl', 'tokenAuthInline', 'sso'] as const;

interface Oidc {
  issuer: string;
  audiences: string[];
  jwksUrl: string | undefined;
  keyServer: string | undefined;
  clientId: string;
  webLogin: boolean;
}

interface Settings {
  host: string;
  enable: boolean;
  appId: string | undefined;
  secret: string | undefined;
  storage: SecretStorage;
  credentialName: string;
  prosodyMajor: number | undefined;
  oidc: Oidc | undefined;
  requireRoomClaim: boolean | undefined;
  tokenAuthUrl: string | undefined;
  guests: boolean | undefined;
  guestHost: string;
  allowEmptyToken: boolean;
  partial: boolean;
  removeGuestHost: boolean;
}

/** The result of one file's part: its steps, new text, and what to say. */
interface Part {
  steps: RecipeStep[];
  text?: string;
  warnings: string[];
  extraFiles: ExtraFile[];
}

/**
 * Turns token authentication on (or, with `enable: false`, off) in every file given. Pure and all
 * or nothing: bad options, a missing file (unless `partial`), a file that does not parse or holds
 * a value that is not a literal where the recipe must read or write throw before anything is
 * returned. No secret is ever in a step, warning, error or `masked`.
 */
export function jwt(files: DeploymentFiles, options: JwtOptions): RecipeResult {
  const s = settingsOf(options);
  const input = copyFiles(files);
  return withoutSecrets(input, () => {
    const missing = missingFiles(input);
    if (missing.length > 0 && !s.partial) throw new MissingFilesError('Token authentication', missing);
    if (input.prosody !== undefined) aboutFile('prosody', () => requireHost(parseProsody(input.prosody!), s.host));
    const parts: [DeploymentFile, () => Part][] = s.enable
      ? [
          ['prosody', () => enableProsody(input, s)],
          ['meetConfig', () => enableMeetConfig(input, s)],
          ['jicofoConf', () => jicofoOff(input, s)],
          ['sipCommunicator', () => legacyUrlOff(input, s)],
        ]
      : [
          ['prosody', () => disableProsody(input, s)],
          ['meetConfig', () => disableMeetConfig(input, s)],
          ['jicofoConf', () => part([step('jicofoConf', "Jicofo's authentication stays off", 'skipped', 'the anonymous main host needs none')])],
          ['sipCommunicator', () => part([])],
        ];
    const output: DeploymentFiles = { ...input };
    const steps: RecipeStep[] = [];
    const warnings: string[] = [];
    const extraFiles: ExtraFile[] = [];
    for (const [file, fn] of parts) {
      const p = aboutFile(file, fn);
      steps.push(...p.steps);
      warnings.push(...p.warnings);
      extraFiles.push(...p.extraFiles);
      if (p.text !== undefined) output[file] = p.text;
    }
    const changed = FILE_ORDER.some((k) => output[k] !== input[k]);
    const result: RecipeResult = { files: output, steps, todo: todoOf(s, input, changed, extraFiles), warnings, changed, masked: maskFiles(input, output) };
    if (extraFiles.length > 0) result.extraFiles = extraFiles;
    return result;
  });
}

// ---------------------------------------------------------------- options

function settingsOf(options: JwtOptions): Settings {
  if (options === null || typeof options !== 'object') throw new ValidationError('jwt needs options: { host }');
  if (options.host === undefined) throw new ValidationError('jwt needs options.host (the main XMPP host, e.g. meet.example.com)');
  const host = validateHostname(options.host, 'host');
  const guestHost = validateHostname(options.guestHost ?? `guest.${host}`, 'guest host');
  if (guestHost === host) throw new ValidationError(`The guest host must differ from the main host "${host}"`);
  for (const flag of ['enable', 'guests', 'allowEmptyToken', 'partial', 'removeGuestHost', 'webLogin', 'requireRoomClaim'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') throw new ValidationError(`options.${flag} must be a boolean`);
  }
  const enable = options.enable ?? true;
  const storage = options.secretStorage ?? 'inline';
  if (storage !== 'inline' && storage !== 'credential') throw new ValidationError(`options.secretStorage must be inline or credential, not "${printable(String(storage))}"`);
  const credentialName = options.credentialName ?? DEFAULT_CREDENTIAL_NAME;
  try {
    credential(credentialName);
  } catch (error) {
    throw new ValidationError(`Invalid credential name "${printable(String(credentialName))}": ${(error as Error).message.replace(/^[^:]*: /, '')}`);
  }
  const appId = options.appId === undefined ? undefined : validateWord(options.appId, 'The app id (app_id)');
  const secret = options.secret === undefined ? undefined : validateSecret(options.secret);
  const oidc = options.issuer === undefined ? undefined : oidcOf(options);
  if (oidc !== undefined && (options.secret !== undefined || options.secretStorage !== undefined)) {
    throw new ValidationError('An OIDC issuer signs its tokens with its own keys: give either the issuer or a shared secret, not both');
  }
  if (oidc === undefined) {
    for (const k of ['audiences', 'jwksUrl', 'keyServer', 'clientId', 'webLogin'] as const) {
      if (options[k] !== undefined) throw new ValidationError(`options.${k} belongs to the OIDC variant: give options.issuer too`);
    }
  }
  const tokenAuthUrl = options.tokenAuthUrl === undefined ? undefined : validateUrl(options.tokenAuthUrl, 'tokenAuthUrl', false);
  const prosodyMajor = options.prosodyVersion === undefined ? undefined : majorOf(options.prosodyVersion);
  if (enable && storage === 'credential' && prosodyMajor !== undefined && prosodyMajor < 13) {
    throw new ValidationError(
      `Prosody ${printable(options.prosodyVersion!)} has no Credential() (it came with Prosody 13): a config that calls it does not load. Keep the secret inline (the file's mode then matters: 0640 root:prosody)`,
    );
  }
  return {
    host,
    enable,
    appId,
    secret,
    storage,
    credentialName,
    prosodyMajor,
    oidc,
    requireRoomClaim: options.requireRoomClaim ?? (oidc !== undefined ? false : undefined),
    tokenAuthUrl,
    guests: options.guests,
    guestHost,
    allowEmptyToken: options.allowEmptyToken ?? false,
    partial: options.partial ?? false,
    removeGuestHost: options.removeGuestHost ?? false,
  };
}

function majorOf(version: string): number {
  const m = /^(\d+)\.\d+/.exec(String(version));
  if (m === null) throw new ValidationError(`options.prosodyVersion "${printable(String(version))}" is not a Prosody version such as 0.12.3 or 13.0.1`);
  const major = Number(m[1]);
  return major === 0 ? Number(/^0\.(\d+)/.exec(version)![1]) / 100 : major;
}

/** An app id, a client id, an audience: printable ASCII without quotes, backslashes, slashes or spaces. */
function validateWord(value: unknown, what: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9._:@+~-]{1,200}$/.test(value)) {
    throw new ValidationError(`${what} must be 1 to 200 letters, digits and . _ : @ + ~ - (got "${printable(String(value), 60)}")`);
  }
  return value;
}

/** An https URL (http allowed where `httpOk`), printable, no quotes or spaces; returned without a trailing slash where `trim`. */
function validateUrl(value: unknown, what: string, trim: boolean, httpOk = false): string {
  const text = typeof value === 'string' ? value : '';
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const scheme = httpOk ? /^https?:$/ : /^https:$/;
  if (url === undefined || !scheme.test(url.protocol) || !/^[\x21-\x7e]+$/.test(text) || /["'`\\<>]/.test(text) || url.username !== '' || url.password !== '') {
    throw new ValidationError(`${what} must be an ${httpOk ? 'http(s)' : 'https'} URL without quotes, spaces or credentials (got "${printable(text, 80)}")`);
  }
  return trim ? text.replace(/\/+$/, '') : text;
}

function oidcOf(options: JwtOptions): Oidc {
  const issuer = validateUrl(options.issuer, 'The OIDC issuer', true);
  if (new URL(issuer).search !== '' || new URL(issuer).hash !== '') throw new ValidationError('The OIDC issuer is a URL without ? or #');
  const audiences = options.audiences ?? ['account'];
  if (!Array.isArray(audiences) || audiences.length === 0) throw new ValidationError('options.audiences must be a non-empty list');
  audiences.forEach((a) => validateWord(a, 'An audience'));
  if (options.jwksUrl !== undefined && options.keyServer !== undefined)
    throw new ValidationError("Give the issuer's keys as jwksUrl (cache_keys_url) or keyServer (asap_key_server), not both");
  return {
    issuer,
    audiences: [...audiences],
    jwksUrl:
      options.keyServer !== undefined ? undefined : options.jwksUrl === undefined ? `${issuer}/protocol/openid-connect/certs` : validateUrl(options.jwksUrl, 'jwksUrl', false),
    keyServer: options.keyServer === undefined ? undefined : validateUrl(options.keyServer, 'keyServer', false, true),
    clientId: options.clientId === undefined ? 'jitsi' : validateWord(options.clientId, 'The client id'),
    webLogin: options.webLogin ?? true,
  };
}

// ---------------------------------------------------------------- helpers

function step(file: DeploymentFile, action: string, status: RecipeStep['status'], reason?: string): RecipeStep {
  return reason === undefined ? { file, action, status } : { file, action, status, reason };
}

function part(steps: RecipeStep[], text?: string, warnings: string[] = [], extraFiles: ExtraFile[] = []): Part {
  return text === undefined ? { steps, warnings, extraFiles } : { steps, text, warnings, extraFiles };
}

/** Runs one change on a document and reports it as applied or already. */
function change(cfg: { toString(): string }, file: DeploymentFile, action: string, fn: () => void): RecipeStep {
  const before = cfg.toString();
  fn();
  return step(file, action, cfg.toString() === before ? 'already' : 'applied');
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof FileReference || b instanceof FileReference) return a instanceof FileReference && b instanceof FileReference && a.reader === b.reader && a.name === b.name;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Sets `key` on the host unless its effective value (its own or the global one) is already `value`. */
function ensure(cfg: ProsodyConfig, host: string, key: string, value: LuaValue): void {
  if (same(literalOf(cfg, { host }, key), value) && !hasNonLiteral(cfg, { host }, key)) return;
  cfg.set({ host }, key, value);
}

function hasNonLiteral(cfg: ProsodyConfig, scope: Parameters<ProsodyConfig['get']>[0], key: string): boolean {
  try {
    cfg.get(scope, key);
    return false;
  } catch (error) {
    if (error instanceof UnsupportedEditError) return true;
    throw error;
  }
}

function quoted(value: LuaValue): string {
  if (value instanceof FileReference) return value.toString();
  return JSON.stringify(value);
}

/** The secret the main host has now: a string, a Credential(), or undefined. A value that is not a literal is refused without quoting it. */
function currentSecret(cfg: ProsodyConfig, host: string): string | FileReference | undefined {
  let value: unknown;
  try {
    value = cfg.get({ host }, 'app_secret');
  } catch (error) {
    if (!(error instanceof UnsupportedEditError)) throw error;
    const line = error.position?.line;
    throw new UnsupportedEditError(
      `app_secret of VirtualHost "${host}" is not a string literal${line === undefined ? '' : ` (line ${line})`}: the recipe cannot tell the secret it holds; write it as a string, or give the secret`,
    );
  }
  if (value === undefined || typeof value === 'string' || value instanceof FileReference) return value;
  throw new UnsupportedEditError(`app_secret of VirtualHost "${host}" is not a string: the recipe cannot tell the secret it holds; give the secret`);
}

// ---------------------------------------------------------------- extra files

function credentialPath(name: string): string {
  return `${CREDSTORE_DIR}/${name}`;
}

function dropInPath(name: string): string {
  return `${PROSODY_DROP_IN_DIR}/jitsi-confkit-${name}.conf`;
}

/** The credential file: the secret without a final newline (Credential() reads the file whole, a newline would be part of the HMAC key). */
function credentialFile(name: string, secret: string | null): ExtraFile {
  return {
    path: credentialPath(name),
    kind: 'credential',
    content: secret,
    mode: 0o600,
    owner: 'root',
    group: 'root',
    secret: true,
    action: secret === null ? `remove the credential ${credentialPath(name)}` : `${credentialPath(name)}: the secret, without a final newline (0600 root:root)`,
    directoryMode: 0o700,
  };
}

function dropInFile(name: string, host: string, present: boolean): ExtraFile {
  const content = present
    ? `# Written by jitsi-confkit: Prosody reads the JWT secret of ${host} with Credential("${name}").\n[Service]\nLoadCredential=${name}:${credentialPath(name)}\n`
    : null;
  return {
    path: dropInPath(name),
    kind: 'systemd-drop-in',
    content,
    mode: 0o644,
    owner: 'root',
    group: 'root',
    secret: false,
    action: present ? `${dropInPath(name)}: LoadCredential=${name}:${credentialPath(name)} for prosody.service` : `remove the drop-in ${dropInPath(name)}`,
    directoryMode: 0o755,
  };
}

// ---------------------------------------------------------------- Prosody

function enableProsody(files: DeploymentFiles, s: Settings): Part {
  const text = files.prosody;
  if (text === undefined) return part([step('prosody', `VirtualHost "${s.host}": authentication = "token"`, 'skipped', FILE_NOT_GIVEN)]);
  // A secret kept as a systemd credential is written Credential("…"): the caller says the server runs Prosody 13.
  const cfg = parseProsody(text, s.storage === 'credential' || (s.prosodyMajor ?? 0) >= 13);
  const host = s.host;
  const steps: RecipeStep[] = [];
  const warnings: string[] = [];
  const extraFiles: ExtraFile[] = [];
  const scope = { host };
  const before = authenticationOf(cfg, host);
  const hadMarker = before.line !== undefined && /--\s*do not delete me/.test(lineOf(text, before.line));

  // plugin_paths: mod_auth_token and mod_token_verification are Jitsi's. Templates before 2020 have
  // it commented out (jitsi-meet-tokens' postinst uncomments it); a file that has one (docker's
  // /prosody-plugins/) holds Jitsi's plugins already.
  steps.push(
    change(cfg, 'prosody', `plugin_paths = { "${JITSI_PLUGIN_PATH}" } (Jitsi's token modules), unless the file has plugin_paths`, () => {
      if (cfg.locate(scope, 'plugin_paths') !== undefined) return; // set, as a literal or an expression
      cfg.set('global', 'plugin_paths', [JITSI_PLUGIN_PATH]);
    }),
  );

  // The main host's settings.
  const appId = s.appId ?? (typeof literalOf(cfg, scope, 'app_id') === 'string' ? (literalOf(cfg, scope, 'app_id') as string) : s.oidc !== undefined ? 'jitsi' : undefined);
  if (appId === undefined) throw new ValidationError(`VirtualHost "${host}" has no app_id: give the app id (the issuer, iss, your tokens carry)`);
  const settings: [string, LuaValue, string][] = [
    ['authentication', 'token', '"token"'],
    ['app_id', appId, JSON.stringify(appId)],
  ];
  const secretNow = currentSecret(cfg, host);
  if (s.oidc === undefined) {
    const stored = secretFor(s, secretNow, host, warnings, extraFiles);
    settings.push(['app_secret', stored.value, stored.shown]);
  }
  settings.push(['allow_empty_token', s.allowEmptyToken, String(s.allowEmptyToken)]);
  if (s.oidc !== undefined) {
    if (s.oidc.jwksUrl !== undefined) settings.push(['cache_keys_url', s.oidc.jwksUrl, JSON.stringify(s.oidc.jwksUrl)]);
    if (s.oidc.keyServer !== undefined) settings.push(['asap_key_server', s.oidc.keyServer, JSON.stringify(s.oidc.keyServer)]);
    settings.push(['asap_accepted_issuers', [s.oidc.issuer], `{ ${JSON.stringify(s.oidc.issuer)} }`]);
    settings.push(['asap_accepted_audiences', s.oidc.audiences, `{ ${s.oidc.audiences.map((a) => JSON.stringify(a)).join(', ')} }`]);
  }
  if (s.requireRoomClaim !== undefined) settings.push(['asap_require_room_claim', s.requireRoomClaim, String(s.requireRoomClaim)]);
  const action = `VirtualHost "${host}": ${settings.map(([k, , shown]) => `${k} = ${shown}`).join(', ')}`;
  steps.push(
    change(cfg, 'prosody', action, () => {
      for (const [key, value] of settings) ensure(cfg, host, key, value);
      // The other variant's settings: a key server or JWKS wins over app_secret in Jitsi's token module.
      const stale = s.oidc === undefined ? OIDC_ONLY : (['app_secret'] as const);
      for (const key of stale) cfg.delete(scope, key);
    }),
  );
  if (s.oidc !== undefined && secretNow instanceof FileReference) extraFiles.push(credentialFile(secretNow.name, null), dropInFile(secretNow.name, host, false));

  // token_verification checks a token's room claim on the conference component (jitsi-meet-tokens' postinst uncomments it).
  if (s.oidc === undefined) {
    const conference = conferenceOf(cfg, host);
    if (cfg.has({ component: conference })) {
      steps.push(
        change(cfg, 'prosody', `Component "${conference}": "token_verification" in modules_enabled`, () =>
          cfg.addToList({ component: conference }, 'modules_enabled', 'token_verification'),
        ),
      );
    } else {
      steps.push(step('prosody', `Component "${conference}": "token_verification" in modules_enabled`, 'skipped', `the file has no Component "${conference}"`));
    }
  }

  // The guest host.
  if (s.guests === true) {
    const flavour = before.provider === 'anonymous' || (before.provider !== 'jitsi-anonymous' && !hadMarker) ? 'anonymous' : 'jitsi-anonymous';
    const guestSettings: Record<string, LuaValue> = { authentication: flavour, c2s_require_encryption: false };
    if (listOf(cfg, scope, 'modules_enabled').includes('smacks')) guestSettings.modules_enabled = ['smacks'];
    steps.push(
      change(cfg, 'prosody', `anonymous VirtualHost "${s.guestHost}" after VirtualHost "${host}", with c2s_require_encryption = false`, () => {
        if (cfg.has({ host: s.guestHost })) {
          const auth = literalOf(cfg, { host: s.guestHost }, 'authentication');
          if (typeof auth !== 'string' || !ANONYMOUS_PROVIDERS.has(auth)) cfg.set({ host: s.guestHost }, 'authentication', flavour);
          if (literalOf(cfg, { host: s.guestHost }, 'c2s_require_encryption') !== false) cfg.set({ host: s.guestHost }, 'c2s_require_encryption', false);
          if (literalOf(cfg, { host: s.guestHost }, 'enabled') === false) cfg.set({ host: s.guestHost }, 'enabled', true);
        } else {
          cfg.addVirtualHost(s.guestHost, guestSettings, { after: scope });
        }
      }),
    );
  }
  if (s.allowEmptyToken && !cfg.has({ host: s.guestHost })) {
    warnings.push(`allow_empty_token = true lets anyone connect to ${host} without a token, and wait for host takes everyone there for a host`);
  }
  return part(steps, cfg.toString() === text ? undefined : cfg.toString(), warnings, extraFiles);
}

/** app_secret as it must be written, and how a step shows it; the credential files it needs. */
function secretFor(s: Settings, now: string | FileReference | undefined, host: string, warnings: string[], extraFiles: ExtraFile[]): { value: LuaValue; shown: string } {
  const secret = s.secret ?? (typeof now === 'string' ? now : undefined);
  if (s.secret !== undefined) {
    const weak = weakSecretWarning(s.secret);
    if (weak !== undefined) warnings.push(weak);
  }
  if (s.storage === 'inline') {
    if (secret === undefined) {
      if (now instanceof FileReference) throw new ValidationError(`VirtualHost "${host}" reads its secret with ${now.toString()}: give the secret to store it inline`);
      throw new ValidationError(`VirtualHost "${host}" has no app_secret: give the shared secret`);
    }
    if (now instanceof FileReference && now.reader === 'Credential') extraFiles.push(credentialFile(now.name, null), dropInFile(now.name, host, false));
    return { value: secret, shown: describeSecret(secret) };
  }
  // A credential: the file holds the secret, the host file only its name.
  if (s.prosodyMajor === undefined) warnings.push('The Prosody version is not known: Credential() needs Prosody 13 (0.12 does not load a config that calls it)');
  const ref = credential(s.credentialName);
  if (secret !== undefined) extraFiles.push(credentialFile(s.credentialName, secret));
  else if (!(now instanceof FileReference && same(now, ref))) {
    throw new ValidationError(`VirtualHost "${host}" has no secret the recipe can move into the credential ${s.credentialName}: give the shared secret`);
  }
  extraFiles.push(dropInFile(s.credentialName, host, true));
  if (now instanceof FileReference && now.reader === 'Credential' && now.name !== s.credentialName)
    extraFiles.push(credentialFile(now.name, null), dropInFile(now.name, host, false));
  return { value: ref, shown: quoted(ref) };
}

function lineOf(text: string, line: number): string {
  return text.split(/\r\n|\n|\r/)[line - 1] ?? '';
}

function disableProsody(files: DeploymentFiles, s: Settings): Part {
  const text = files.prosody;
  const host = s.host;
  if (text === undefined) return part([step('prosody', `VirtualHost "${host}": anonymous authentication again`, 'skipped', FILE_NOT_GIVEN)]);
  const cfg = parseProsody(text);
  const scope = { host };
  const steps: RecipeStep[] = [];
  const warnings: string[] = [];
  const extraFiles: ExtraFile[] = [];
  const auth = authenticationOf(cfg, host);
  const marker = auth.line !== undefined && /--\s*do not delete me/.test(lineOf(text, auth.line));
  const guestAuth = literalOf(cfg, { host: s.guestHost }, 'authentication');
  const flavour = typeof guestAuth === 'string' && ANONYMOUS_PROVIDERS.has(guestAuth) ? guestAuth : marker ? 'jitsi-anonymous' : 'anonymous';
  const secretNow = literalOrReference(cfg, host);
  steps.push(
    change(cfg, 'prosody', `VirtualHost "${host}": authentication = "${flavour}"; no ${TOKEN_KEYS.join(', ')}`, () => {
      if (auth.provider === 'token') {
        const global = literalOf(cfg, 'global', 'authentication');
        if (auth.from === 'section' && global === flavour && !marker) cfg.delete(scope, 'authentication');
        else cfg.set(scope, 'authentication', flavour);
      }
      for (const key of TOKEN_KEYS) cfg.delete(scope, key);
    }),
  );
  if (secretNow instanceof FileReference && secretNow.reader === 'Credential') extraFiles.push(credentialFile(secretNow.name, null), dropInFile(secretNow.name, host, false));
  const conference = conferenceOf(cfg, host);
  if (cfg.has({ component: conference })) {
    steps.push(
      change(cfg, 'prosody', `Component "${conference}": no "token_verification" in modules_enabled`, () =>
        cfg.removeFromList({ component: conference }, 'modules_enabled', 'token_verification'),
      ),
    );
  }
  if (cfg.has({ host: s.guestHost })) {
    const extras = notWrittenByEnable(cfg, s.guestHost, (key, value) => key === 'modules_enabled' && same(value, ['smacks']));
    if (extras.length === 0 || s.removeGuestHost) {
      steps.push(change(cfg, 'prosody', `remove VirtualHost "${s.guestHost}"`, () => cfg.removeSection({ host: s.guestHost })));
      if (extras.length > 0) warnings.push(`VirtualHost "${s.guestHost}" was removed although it holds ${describeContents(extras)}, which enabling does not write`);
    } else {
      steps.push(
        step(
          'prosody',
          `remove VirtualHost "${s.guestHost}"`,
          'skipped',
          `it holds ${describeContents(extras)}, which enabling does not write: kept (removeGuestHost, --remove-guest, removes it)`,
        ),
      );
    }
  }
  return part(steps, cfg.toString() === text ? undefined : cfg.toString(), warnings, extraFiles);
}

function literalOrReference(cfg: ProsodyConfig, host: string): unknown {
  return literalOf(cfg, { host }, 'app_secret');
}

// ---------------------------------------------------------------- config.js

function enableMeetConfig(files: DeploymentFiles, s: Settings): Part {
  const text = files.meetConfig;
  const wanted: [string, unknown][] = [];
  if (s.guests === true) wanted.push(['hosts.anonymousdomain', s.guestHost]);
  if (s.oidc !== undefined && s.oidc.webLogin) {
    const site = `https://${s.host}`;
    const service = `${s.oidc.issuer.replace(/^https:\/\//, '')}/protocol/openid-connect`;
    wanted.push(
      [
        'tokenAuthUrl',
        `${s.oidc.issuer}/protocol/openid-connect/auth?client_id=${s.oidc.clientId}&response_type=code&scope=openid&state={state}&redirect_uri=${site}/static/sso.html&code_challenge={code_challenge}&code_challenge_method=S256`,
      ],
      ['tokenLogoutUrl', `${s.oidc.issuer}/protocol/openid-connect/logout?post_logout_redirect_uri=${site}/static/logout.html`],
      ['tokenAuthInline', true],
      ['sso', { ssoService: s.host, tokenService: service, clientId: s.oidc.clientId }],
    );
  }
  if (s.tokenAuthUrl !== undefined) wanted.push(['tokenAuthUrl', s.tokenAuthUrl]);
  if (wanted.length === 0) return part([]);
  const action = wanted.map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join('; ');
  if (text === undefined) return part([step('meetConfig', action, 'skipped', FILE_NOT_GIVEN)]);
  const { doc, warning } = checkedMeetConfig(text, s);
  const warnings = warning === undefined ? [] : [warning];
  const steps: RecipeStep[] = [];
  for (const [path, value] of wanted) {
    let now: unknown;
    try {
      now = doc.get(path);
    } catch (error) {
      if (!(error instanceof UnsupportedEditError)) throw error;
      steps.push(step('meetConfig', `${path} = ${JSON.stringify(value)}`, 'skipped', `${path} is an expression (as the handbook writes it): left as it is`));
      continue;
    }
    steps.push(
      change(doc, 'meetConfig', `${path} = ${JSON.stringify(value)}`, () => {
        if (JSON.stringify(now) !== JSON.stringify(value)) doc.set(path, value as never);
      }),
    );
  }
  return part(steps, doc.toString() === text ? undefined : doc.toString(), warnings);
}

function disableMeetConfig(files: DeploymentFiles, s: Settings): Part {
  const text = files.meetConfig;
  if (text === undefined) return part([step('meetConfig', `remove ${WEB_LOGIN_KEYS.join(', ')}`, 'skipped', FILE_NOT_GIVEN)]);
  const { doc } = checkedMeetConfig(text, s);
  const steps: RecipeStep[] = [];
  for (const key of WEB_LOGIN_KEYS) {
    if (!doc.has(key)) continue;
    try {
      steps.push(change(doc, 'meetConfig', `remove ${key}`, () => doc.delete(key)));
    } catch (error) {
      if (!(error instanceof UnsupportedEditError)) throw error;
      steps.push(step('meetConfig', `remove ${key}`, 'skipped', `${error.reason}: remove it by hand`));
    }
  }
  let anonymousdomain: unknown;
  try {
    anonymousdomain = doc.get('hosts.anonymousdomain');
  } catch {
    anonymousdomain = undefined;
  }
  const prosody = files.prosody === undefined ? undefined : parseProsody(files.prosody);
  const guestKept =
    prosody !== undefined &&
    prosody.has({ host: s.guestHost }) &&
    notWrittenByEnable(prosody, s.guestHost, (key, value) => key === 'modules_enabled' && same(value, ['smacks'])).length > 0 &&
    !s.removeGuestHost;
  if (anonymousdomain === s.guestHost && !guestKept) steps.push(change(doc, 'meetConfig', 'remove hosts.anonymousdomain', () => doc.delete('hosts.anonymousdomain')));
  return part(steps, doc.toString() === text ? undefined : doc.toString());
}

// ---------------------------------------------------------------- Jicofo

const AUTH = 'jicofo.authentication';
const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', 'on']);

/** jicofo.conf: authentication off ("must be disabled in jicofo.conf when the token authentication is active"). */
function jicofoOff(files: DeploymentFiles, s: Settings): Part {
  const action = "Jicofo's authentication off: no jicofo.authentication { enabled, type, login-url }";
  const text = files.jicofoConf;
  if (text === undefined) {
    return part([step('jicofoConf', action, 'skipped', files.sipCommunicator === undefined ? FILE_NOT_GIVEN : `${FILE_NOT_GIVEN} (Jicofo of 2020 and before has none)`)]);
  }
  const doc = parseJicofoConf(text);
  const enabled = doc.get(`${AUTH}.enabled`);
  if (enabled instanceof HoconSubstitution) {
    throw new UnsupportedEditError(`jicofo.authentication.enabled is ${enabled.source}: Jicofo's authentication must be off with tokens; set it to false by hand`);
  }
  const on = enabled === true || (typeof enabled === 'string' && TRUE_WORDS.has(enabled));
  const st = change(doc, 'jicofoConf', action, () => {
    if (!on) return;
    for (const key of ['enabled', 'type', 'login-url']) if (doc.has(`${AUTH}.${key}`)) doc.delete(`${AUTH}.${key}`);
    const left = doc.get(AUTH);
    if (left !== null && typeof left === 'object' && !Array.isArray(left) && !(left instanceof HoconSubstitution) && Object.keys(left).length === 0) doc.delete(AUTH);
  });
  void s;
  return part([st], doc.toString() === text ? undefined : doc.toString());
}

/** sip-communicator.properties: a legacy org.jitsi.jicofo.auth.URL turns Jicofo's authentication on, over jicofo.conf. */
function legacyUrlOff(files: DeploymentFiles, s: Settings): Part {
  const action = `no ${LEGACY_AUTH_URL_KEY} (Jicofo reads it before jicofo.conf)`;
  const text = files.sipCommunicator;
  if (text === undefined) return part([step('sipCommunicator', action, 'skipped', FILE_NOT_GIVEN)]);
  const doc = parseProperties(text);
  void s;
  return part([change(doc, 'sipCommunicator', action, () => doc.delete(LEGACY_AUTH_URL_KEY))], doc.toString() === text ? undefined : doc.toString());
}

// ---------------------------------------------------------------- todo

function todoOf(s: Settings, files: DeploymentFiles, changed: boolean, extraFiles: readonly ExtraFile[]): string[] {
  const todo: string[] = [];
  const missing = (file: DeploymentFile): boolean => files[file] === undefined;
  if (s.enable && missing('prosody')) todo.push(`Edit ${debianPath('prosody', s.host)} by hand: VirtualHost "${s.host}" authentication = "token" with app_id and the keys`);
  if (s.enable && s.oidc !== undefined) {
    todo.push(
      `Proxy the issuer's paths in nginx if it runs behind ${s.host} (the handbook's location ~ ^/realms/(.*) for Keycloak), and register ${`https://${s.host}/static/sso.html`} as the client's redirect URI`,
    );
  }
  if (s.enable && s.oidc === undefined) todo.push(`Give your token generator the same app id and secret: tokens signed with HS256, iss = the app id, room = the room or *`);
  if (extraFiles.some((f) => f.kind === 'systemd-drop-in')) todo.push('Reload systemd so that prosody.service gets its credential: systemctl daemon-reload');
  if (changed || extraFiles.length > 0) todo.push('Restart the services: systemctl restart prosody jicofo');
  return todo;
}
