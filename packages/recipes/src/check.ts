/**
 * checkDeployment: every way a secure domain half-works, found by reading the files together.
 * Each finding names the file to change, the line where there is one, a stable code (see the
 * README's table) and a fix.
 */
import { aboutFile, printable, UnsupportedEditError, validateHostname, ValidationError } from '@jitsi-confkit/core';
import { HoconSubstitution, parseJicofoConf, parseProperties } from '@jitsi-confkit/jicofo-config';
import { parseMeetConfig } from '@jitsi-confkit/web-config';
import { debianPath, describeMissing } from './deployment.js';
import { copyFiles, missingFiles } from './files.js';
import { anonymousHosts, authenticationOf, ANONYMOUS_PROVIDERS, mainHostOf, parseProsody, TOKEN_KEYS, virtualHosts, type HostSection, type ProsodyConfig } from './prosody.js';
import { LEGACY_AUTH_URL_KEY } from './secure-domain.js';
import { didYouMean } from './suggest.js';
import type { DeploymentFile, DeploymentFiles, Finding } from './types.js';

export interface CheckOptions {
  /**
   * The main XMPP host. Default: config.js `hosts.domain`, else the Prosody file's main
   * VirtualHost (the first one that is not auth., guest., recorder., jigasi., …).
   */
  host?: string;
  /**
   * Check only what the files given allow. Default `false`: the Prosody host file, config.js or
   * Jicofo's file (jicofo.conf or sip-communicator.properties) not given is an error finding
   * (`file-missing`), since a secure domain cannot be judged without it.
   */
  partial?: boolean;
}

type MeetConfig = ReturnType<typeof parseMeetConfig>;
type JicofoConf = ReturnType<typeof parseJicofoConf>;
type Properties = ReturnType<typeof parseProperties>;

interface Parsed {
  prosody?: ProsodyConfig;
  meet?: MeetConfig;
  jicofo?: JicofoConf;
  props?: Properties;
}

/** Jicofo's authentication as one of its two files configures it. */
interface JicofoAuth {
  /** False for a jicofo.conf that says nothing about authentication (Jicofo's defaults apply). */
  configured: boolean;
  /** Undefined when the value is not a literal (a `${VAR}` substitution): nothing can be said. */
  enabled: boolean | undefined;
  /** Whether `enabled` is written in the file (else it is Jicofo's default, false). */
  enabledSet: boolean;
  /** XMPP, JWT, … (EXT_JWT in the legacy URL counts as JWT); undefined when unset. */
  type: string | undefined;
  host: string | undefined;
  file: DeploymentFile;
  line: number | undefined;
  typeLine: number | undefined;
  hostLine: number | undefined;
}

/**
 * Reads the files given together and returns a finding for each way the secure domain they
 * configure half-works; a correctly configured set (or one with no secure domain at all) gives
 * `[]`. Throws ConfigSyntaxError for a file that does not parse, and ValidationError when the main
 * host is neither given nor derivable from config.js or the Prosody file.
 */
export function checkDeployment(files: DeploymentFiles, options: CheckOptions = {}): Finding[] {
  return checkWithContext(files, options).findings;
}

/** What checkDeployment found, and what it decided on the way: the main host, the guest host (the doctor's fixes need them). */
export interface CheckedDeployment {
  findings: Finding[];
  host: string;
  /** The guest VirtualHost the checks took (hosts.anonymousdomain's, else guest.<host>, else another anonymous one). */
  guestHost: string | undefined;
}

/** checkDeployment, with the hosts it took. */
export function checkWithContext(files: DeploymentFiles, options: CheckOptions = {}): CheckedDeployment {
  const input = copyFiles(files);
  const parsed: Parsed = {};
  const { prosody, meetConfig, jicofoConf, sipCommunicator } = input;
  if (prosody !== undefined) parsed.prosody = aboutFile('prosody', () => parseProsody(prosody));
  if (meetConfig !== undefined) parsed.meet = aboutFile('meetConfig', () => parseMeetConfig(meetConfig));
  if (jicofoConf !== undefined) parsed.jicofo = aboutFile('jicofoConf', () => parseJicofoConf(jicofoConf));
  if (sipCommunicator !== undefined) parsed.props = aboutFile('sipCommunicator', () => parseProperties(sipCommunicator));
  const host = hostOf(options, parsed);
  if (options.partial !== undefined && typeof options.partial !== 'boolean') throw new ValidationError('options.partial must be a boolean');
  const findings: Finding[] = [];
  if (options.partial !== true) {
    for (const file of missingFiles(input)) {
      findings.push({
        severity: 'error',
        file,
        code: 'file-missing',
        message: `The secure domain cannot be checked without ${describeMissing(file)}`,
        fix: 'Give the file, or check only the files given (partial: true)',
      });
    }
  }
  const anonymousdomain = stringAt(parsed.meet, 'hosts.anonymousdomain');
  const jicofoXmpp = jicofoUsesXmpp(parsed);
  const main = checkProsody(parsed, host, anonymousdomain, jicofoXmpp, findings);
  checkJicofo(parsed, host, main, findings);
  if (parsed.prosody !== undefined && virtualHosts(parsed.prosody).some((h) => h.name === host)) checkTokenAndModeration(parsed.prosody, host, findings);
  checkDeadOptions(parsed.meet, findings);
  return { findings, host, guestHost: main.guest };
}

/** Settings of the conference component's modules, and which module reads each. */
const COMPONENT_KEYS: Record<string, string> = {
  muc_max_occupants: 'mod_muc_max_occupants',
  muc_access_whitelist: 'mod_muc_max_occupants',
  wait_for_host_disable_auto_owners: 'mod_muc_wait_for_host',
};
/** Modules loaded where they have no effect: [module, where it belongs]. */
const HOST_MODULES = ['persistent_lobby', 'muc_lobby_rooms'];
const COMPONENT_MODULES = ['muc_wait_for_host', 'muc_max_occupants', 'token_verification'];

function literal(cfg: ProsodyConfig, scope: Parameters<ProsodyConfig['get']>[0], key: string): unknown {
  try {
    return cfg.get(scope, key);
  } catch {
    return null; // not a literal: unknown, never "unset"
  }
}

function ownModules(cfg: ProsodyConfig, scope: Parameters<ProsodyConfig['get']>[0]): string[] {
  const own = cfg.contents(scope).some((c) => c.kind === 'setting' && c.key === 'modules_enabled') ? literal(cfg, scope, 'modules_enabled') : undefined;
  return Array.isArray(own) ? own.filter((m): m is string => typeof m === 'string') : [];
}

function modulesOf(cfg: ProsodyConfig, scope: Parameters<ProsodyConfig['get']>[0]): string[] {
  const global = literal(cfg, 'global', 'modules_enabled');
  return [...ownModules(cfg, scope), ...(Array.isArray(global) ? global.filter((m): m is string => typeof m === 'string') : [])];
}

/** A setting or module placed where nothing reads it. */
function noEffect(line: number | undefined, message: string, fix: string): Finding {
  return { severity: 'warning', file: 'prosody', ...(line === undefined ? {} : { line }), code: 'option-no-effect', message, fix };
}

function settingLine(cfg: ProsodyConfig, scope: Parameters<ProsodyConfig['get']>[0], key: string): number | undefined {
  return cfg.contents(scope).find((c) => c.kind === 'setting' && c.key === key)?.line;
}

/**
 * Token authentication and moderation, as Jitsi's modules read them: a token host without its
 * app id or keys, wait for host without what it needs or with no authenticated way in, and options
 * placed in a section whose modules never read them.
 */
function checkTokenAndModeration(cfg: ProsodyConfig, host: string, findings: Finding[]): void {
  const mainScope = { host };
  const auth = authenticationOf(cfg, host);
  const mainLine = virtualHosts(cfg).find((h) => h.name === host)!.line;
  const authLine = auth.line ?? mainLine;
  const conferenceName = (() => {
    const mainMuc = literal(cfg, mainScope, 'main_muc');
    return typeof mainMuc === 'string' && cfg.has({ component: mainMuc }) ? mainMuc : `conference.${host}`;
  })();
  const conference = { component: conferenceName };
  if (auth.provider === 'token') {
    // Whether set, not its value: an expression (os.getenv(…)) is set too.
    if (cfg.locate(mainScope, 'app_id') === undefined) {
      findings.push({
        severity: 'error',
        file: 'prosody',
        line: authLine,
        code: 'token-app-id-missing',
        message: `VirtualHost "${host}" uses token authentication but has no app_id: Jitsi's token module does not start ("'app_id' must not be empty") and nobody logs in`,
        fix: `Set app_id on VirtualHost "${host}" (jitsi-confkit jwt enable --app-id ID)`,
      });
    }
    const keys = ['app_secret', 'asap_key_server', 'cache_keys_url'].filter((k) => cfg.locate(mainScope, k) !== undefined);
    if (keys.length === 0) {
      findings.push({
        severity: 'error',
        file: 'prosody',
        line: authLine,
        code: 'token-key-missing',
        message: `VirtualHost "${host}" uses token authentication but has neither app_secret nor asap_key_server nor cache_keys_url: no token can be verified`,
        fix: "Give the shared secret (jitsi-confkit jwt enable --secret-file FILE) or the issuer's keys (--issuer URL)",
      });
    }
  }
  // Options where the module that reads them never looks.
  for (const section of cfg.sections()) {
    if (section.kind === 'VirtualHost' && section.name !== undefined) {
      for (const [key, module] of Object.entries(COMPONENT_KEYS)) {
        const line = settingLine(cfg, { host: section.name }, key);
        if (line === undefined) continue;
        findings.push(
          noEffect(
            line,
            `${key} is set in VirtualHost "${section.name}", where ${module} never reads it (it runs on the conference component)`,
            `Move ${key} to Component "${conferenceName}"`,
          ),
        );
      }
      for (const module of COMPONENT_MODULES) {
        if (!ownModules(cfg, { host: section.name }).includes(module)) continue;
        findings.push(
          noEffect(
            settingLine(cfg, { host: section.name }, 'modules_enabled'),
            `"${module}" is enabled on VirtualHost "${section.name}", where it has no rooms to act on (it belongs to the conference component)`,
            `Move "${module}" to the modules_enabled of Component "${conferenceName}"`,
          ),
        );
      }
    }
    if (section.kind === 'Component' && section.name !== undefined) {
      const scope = { component: section.name };
      for (const key of TOKEN_KEYS) {
        const line = settingLine(cfg, scope, key);
        if (line === undefined) continue;
        findings.push(
          noEffect(
            line,
            `${key} is set in Component "${section.name}", where Jitsi's token modules never read it (token_verification reads the main VirtualHost's)`,
            `Move ${key} to VirtualHost "${host}"`,
          ),
        );
      }
      for (const module of HOST_MODULES) {
        if (!ownModules(cfg, scope).includes(module)) continue;
        findings.push(
          noEffect(
            settingLine(cfg, scope, 'modules_enabled'),
            `"${module}" is enabled on Component "${section.name}", where it has no effect (it belongs to the main VirtualHost)`,
            `Move "${module}" to the modules_enabled of VirtualHost "${host}"`,
          ),
        );
      }
    }
  }
  if (!cfg.has(conference)) return;
  const conferenceModules = modulesOf(cfg, conference);
  const maxLine = settingLine(cfg, conference, 'muc_max_occupants');
  if (maxLine !== undefined && !conferenceModules.includes('muc_max_occupants')) {
    findings.push(
      noEffect(
        maxLine,
        `muc_max_occupants is set on Component "${conferenceName}", but its module "muc_max_occupants" is not enabled there: rooms have no limit`,
        `Add "muc_max_occupants" to the modules_enabled of Component "${conferenceName}" (jitsi-confkit moderation set --max-participants N)`,
      ),
    );
  }
  if (!conferenceModules.includes('muc_wait_for_host')) return;
  const waitLine = settingLine(cfg, conference, 'modules_enabled');
  const mainModules = modulesOf(cfg, mainScope);
  const lobbyMuc = literal(cfg, mainScope, 'lobby_muc');
  const missing: string[] = [];
  if (!mainModules.includes('persistent_lobby')) missing.push(`"persistent_lobby" in the modules of VirtualHost "${host}"`);
  if (!mainModules.includes('muc_lobby_rooms')) missing.push(`"muc_lobby_rooms" in the modules of VirtualHost "${host}"`);
  if (lobbyMuc === undefined) missing.push(`lobby_muc on VirtualHost "${host}"`);
  if (literal(cfg, mainScope, 'main_muc') === undefined) missing.push(`main_muc on VirtualHost "${host}"`);
  const lobbyComponent = typeof lobbyMuc === 'string' ? lobbyMuc : `lobby.${host}`;
  if (!cfg.has({ component: lobbyComponent })) missing.push(`Component "${lobbyComponent}" "muc"`);
  if (literal(cfg, conference, 'muc_mapper_domain_base') === undefined) missing.push('muc_mapper_domain_base (without it the module does not start)');
  if (missing.length > 0) {
    findings.push({
      severity: 'error',
      file: 'prosody',
      line: waitLine,
      code: 'wait-for-host-incomplete',
      message: `Wait for host is enabled on Component "${conferenceName}" without ${missing.join(', ')}: guests are not held in a lobby`,
      fix: 'jitsi-confkit moderation set --wait-for-host on (it adds the lobby and what wait for host needs)',
    });
  }
  const anonymousMain = auth.provider !== undefined && ANONYMOUS_PROVIDERS.has(auth.provider);
  const emptyTokens = auth.provider === 'token' && literal(cfg, mainScope, 'allow_empty_token') === true;
  if (anonymousMain || emptyTokens) {
    findings.push({
      severity: anonymousMain ? 'error' : 'warning',
      file: 'prosody',
      line: authLine,
      code: 'wait-for-host-without-authentication',
      message: anonymousMain
        ? `Wait for host is enabled, but VirtualHost "${host}" is anonymous: everyone who joins there counts as a host, so nobody waits`
        : `Wait for host is enabled, but VirtualHost "${host}" allows empty tokens: whoever joins there without a token counts as a host`,
      fix: anonymousMain
        ? `Authenticate the hosts on VirtualHost "${host}" (jitsi-confkit jwt enable, or secure-domain enable) and send guests to a guest host`
        : `Set allow_empty_token = false on VirtualHost "${host}" and send guests to a guest host (jitsi-confkit jwt enable --guests)`,
    });
  }
}

/** config.js options Jitsi Meet no longer reads. */
function checkDeadOptions(meet: MeetConfig | undefined, findings: Finding[]): void {
  if (meet === undefined || !meet.has('enableUserRolesBasedOnToken')) return;
  let value: unknown;
  try {
    value = meet.get('enableUserRolesBasedOnToken');
  } catch {
    value = undefined;
  }
  // Set to true, someone expects roles from tokens that no longer come this way; false is only dead weight.
  findings.push({
    severity: value === true ? 'warning' : 'info',
    file: 'meetConfig',
    line: meetLine(meet, 'enableUserRolesBasedOnToken'),
    code: 'user-roles-based-on-token',
    message: "enableUserRolesBasedOnToken has had no effect since jitsi-meet dropped it on 2020-11-05 (moderator rights come from the token's context and Prosody's modules now)",
    fix: 'Remove enableUserRolesBasedOnToken from config.js',
  });
}

function hostOf(options: CheckOptions, parsed: Parsed): string {
  if (options.host !== undefined) return validateHostname(options.host, 'host');
  const fromMeet = stringAt(parsed.meet, 'hosts.domain');
  if (typeof fromMeet === 'string') return validateHostname(fromMeet, 'config.js hosts.domain');
  const fromProsody = parsed.prosody ? mainHostOf(parsed.prosody) : undefined;
  if (fromProsody !== undefined) return validateHostname(fromProsody, 'main VirtualHost');
  throw new ValidationError('checkDeployment needs the main host: pass options.host, or give config.js (hosts.domain) or the Prosody host file');
}

/**
 * The string at `path` in config.js: undefined when it is not set, null when it is set to
 * something that is not a string literal (a concatenation with SSI variables, say), whose value a
 * check cannot know.
 */
function stringAt(doc: MeetConfig | undefined, path: string): string | null | undefined {
  if (doc === undefined) return undefined;
  try {
    const value = doc.get(path);
    return value === undefined ? undefined : typeof value === 'string' ? value : null;
  } catch (e) {
    if (e instanceof UnsupportedEditError) return null;
    throw e;
  }
}

function meetLine(doc: MeetConfig | undefined, ...paths: string[]): number | undefined {
  for (const p of paths) {
    const at = doc?.locate(p);
    if (at !== undefined) return at.line;
  }
  return undefined;
}

/** How the main host authenticates, as far as the Prosody file tells. */
interface MainHost {
  /**
   * True for a password provider (Jicofo must authenticate too), false for an anonymous one or
   * tokens, undefined when the Prosody file is not given or the setting is not a literal.
   */
  passwordAuth: boolean | undefined;
  /** True when the main host uses `authentication = "token"`, and the line of that setting. */
  token: boolean;
  tokenLine: number | undefined;
  /** The guest VirtualHost the checks took, when there is one. */
  guest?: string;
}

/** The Prosody and config.js checks; returns how the main host authenticates. */
function checkProsody(parsed: Parsed, host: string, anonymousdomain: string | null | undefined, jicofoXmpp: boolean, findings: Finding[]): MainHost {
  const { prosody, meet } = parsed;
  const unknown: MainHost = { passwordAuth: undefined, token: false, tokenLine: undefined };
  if (prosody === undefined) return unknown;
  const main = virtualHosts(prosody).find((h) => h.name === host);
  if (main === undefined) {
    const hosts = virtualHosts(prosody).map((h) => h.name);
    findings.push({
      severity: 'error',
      file: 'prosody',
      code: 'main-host-missing',
      message: `The Prosody file has no VirtualHost "${host}"${hosts.length === 0 ? '' : ` (its VirtualHosts: ${hosts.join(', ')})`}${didYouMean(host, hosts)}`,
      fix: `Check the host name, and that this is the host file of ${host} (${debianPath('prosody', host)})`,
    });
    return unknown;
  }
  const auth = authenticationOf(prosody, host);
  const mainAnonymous = auth.provider !== undefined && ANONYMOUS_PROVIDERS.has(auth.provider);
  // Unset in this file means the global or Prosody's default provider: not anonymous.
  const mainKnown = auth.from === 'unset' || auth.provider !== undefined;
  const authLine = auth.from === 'unset' ? main.line : auth.line;
  const candidates = anonymousHosts(prosody, host);
  const preferred = candidates.find((h) => h.name === `guest.${host}`) ?? candidates[0];
  let guest: HostSection | undefined;
  if (typeof anonymousdomain === 'string') {
    guest = candidates.find((h) => h.name === anonymousdomain);
    if (guest === undefined && preferred === undefined) {
      findings.push({
        severity: 'error',
        file: 'prosody',
        line: main.line,
        code: 'guest-host-missing',
        message: `config.js sends guests to "${printable(anonymousdomain)}", but the Prosody file has no anonymous VirtualHost for them`,
        fix: `Add after VirtualHost "${host}": VirtualHost "guest.${host}" with authentication = "jitsi-anonymous" and c2s_require_encryption = false (secureDomain does this)`,
      });
    } else if (guest === undefined && preferred !== undefined) {
      findings.push({
        severity: 'error',
        file: 'meetConfig',
        line: meetLine(meet, 'hosts.anonymousdomain'),
        code: 'anonymousdomain-mismatch',
        message: `hosts.anonymousdomain is "${printable(anonymousdomain)}", but the guest VirtualHost is "${preferred.name}"`,
        fix: `Set hosts.anonymousdomain = '${preferred.name}'`,
      });
      guest = preferred;
    }
  } else {
    guest = preferred;
    if (anonymousdomain === undefined && guest !== undefined && meet !== undefined && mainKnown && !mainAnonymous) {
      findings.push({
        severity: 'error',
        file: 'meetConfig',
        line: meetLine(meet, 'hosts.domain', 'hosts'),
        code: 'anonymousdomain-missing',
        message: `Prosody has the guest VirtualHost "${guest.name}", but config.js does not set hosts.anonymousdomain: guests get a login prompt`,
        fix: `Set hosts.anonymousdomain = '${guest.name}'`,
      });
    }
  }
  if (mainAnonymous && (anonymousdomain !== undefined || jicofoXmpp)) {
    const why = anonymousdomain !== undefined ? 'config.js sets hosts.anonymousdomain' : "Jicofo's XMPP authentication is on";
    findings.push({
      severity: 'error',
      file: 'prosody',
      line: authLine,
      code: 'main-host-anonymous',
      message: `VirtualHost "${host}" is still anonymous (authentication = "${auth.provider}") while ${why}: anyone can open rooms`,
      fix: `Set authentication = "internal_hashed" on VirtualHost "${host}"`,
    });
  }
  if (guest !== undefined) checkGuest(prosody, host, main, guest, findings);
  const token = auth.provider === 'token';
  const result: MainHost = { passwordAuth: mainKnown ? !mainAnonymous && !token : undefined, token, tokenLine: token ? authLine : undefined };
  if (guest !== undefined) result.guest = guest.name;
  else if (typeof anonymousdomain === 'string') result.guest = anonymousdomain;
  return result;
}

function checkGuest(prosody: ProsodyConfig, host: string, main: HostSection, guest: HostSection, findings: Finding[]): void {
  if (guest.name !== `guest.${host}`) {
    findings.push({
      severity: 'warning',
      file: 'prosody',
      line: guest.line,
      code: 'guest-host-name',
      message: `The guest VirtualHost "${guest.name}" is not named guest.${host}: parts of Jitsi derive the main host from the guest host's name`,
      fix: `Rename it to guest.${host} (and hosts.anonymousdomain with it)`,
    });
  }
  if (guest.index < main.index) {
    findings.push({
      severity: 'warning',
      file: 'prosody',
      line: guest.line,
      code: 'guest-host-before-main',
      message: `The guest VirtualHost "${guest.name}" comes before VirtualHost "${host}"`,
      fix: `Move the VirtualHost "${guest.name}" block after the VirtualHost "${host}" block`,
    });
  }
  // An expression (os.getenv(…) == "1") cannot be judged: no finding.
  const enc = literal(prosody, { host: guest.name }, 'c2s_require_encryption') === null ? null : prosody.lookup({ host: guest.name }, 'c2s_require_encryption');
  if (enc !== null && (enc === undefined || enc.value === true)) {
    findings.push({
      severity: enc === undefined ? 'warning' : 'error',
      file: 'prosody',
      line: enc === undefined ? guest.line : enc.line,
      code: 'guest-requires-encryption',
      message:
        enc === undefined
          ? `The guest VirtualHost "${guest.name}" does not set c2s_require_encryption, and Prosody's default requires encryption`
          : `The guest VirtualHost "${guest.name}" requires encryption (c2s_require_encryption = true${enc.from === 'global' ? ', set globally' : ''})`,
      fix: `Set c2s_require_encryption = false in VirtualHost "${guest.name}"`,
    });
  }
}

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', 'on']);

function isTrue(value: unknown): boolean | undefined {
  if (value instanceof HoconSubstitution) return undefined;
  return value === true || (typeof value === 'string' && TRUE_WORDS.has(value));
}

/** Jicofo's authentication from `org.jitsi.jicofo.auth.URL` (`XMPP:<host>`, `EXT_JWT:<host>`). */
function legacyAuth(props: Properties | undefined): JicofoAuth | undefined {
  const url = props?.get(LEGACY_AUTH_URL_KEY);
  if (typeof url !== 'string') return undefined;
  const colon = url.indexOf(':');
  const prefix = colon < 0 ? url : url.slice(0, colon);
  const line = props?.locate(LEGACY_AUTH_URL_KEY)?.line;
  return {
    configured: true,
    enabled: true,
    enabledSet: true,
    type: prefix === 'EXT_JWT' ? 'JWT' : prefix,
    host: colon < 0 ? undefined : url.slice(colon + 1),
    file: 'sipCommunicator',
    line,
    typeLine: line,
    hostLine: line,
  };
}

const AUTH = 'jicofo.authentication';

function confAuth(doc: JicofoConf): JicofoAuth {
  const at = (path: string): number | undefined => doc.locate(path)?.line;
  const type = doc.get(`${AUTH}.type`);
  const loginUrl = doc.get(`${AUTH}.login-url`);
  return {
    configured: doc.has(AUTH),
    enabled: isTrue(doc.get(`${AUTH}.enabled`)),
    enabledSet: doc.has(`${AUTH}.enabled`),
    type: typeof type === 'string' ? type : undefined,
    host: typeof loginUrl === 'string' ? loginUrl : undefined,
    file: 'jicofoConf',
    line: at(`${AUTH}.enabled`) ?? at(AUTH) ?? at('jicofo'),
    typeLine: at(`${AUTH}.type`) ?? at(`${AUTH}.enabled`) ?? at(AUTH),
    hostLine: at(`${AUTH}.login-url`) ?? at(`${AUTH}.enabled`) ?? at(AUTH),
  };
}

/** Whether Jicofo, as configured (the legacy URL first), asks users to log in over XMPP. */
function jicofoUsesXmpp(parsed: Parsed): boolean {
  const effective = legacyAuth(parsed.props) ?? (parsed.jicofo ? confAuth(parsed.jicofo) : undefined);
  return effective !== undefined && effective.enabled === true && effective.type === 'XMPP';
}

function checkJicofo(parsed: Parsed, host: string, main: MainHost, findings: Finding[]): void {
  const { passwordAuth } = main;
  const legacy = legacyAuth(parsed.props);
  const conf = parsed.jicofo ? confAuth(parsed.jicofo) : undefined;
  // A jicofo.conf that says nothing about authentication is not "off": Jicofo takes the legacy line.
  if (legacy !== undefined && conf !== undefined && !conf.configured) {
    findings.push({
      severity: 'info',
      file: 'sipCommunicator',
      line: legacy.line,
      code: 'legacy-auth-url-only',
      message: `Jicofo's authentication comes from the legacy ${LEGACY_AUTH_URL_KEY} in sip-communicator.properties; jicofo.conf says nothing about it`,
      fix: `Move it into jicofo.conf (jicofo.authentication { enabled = true, type = ${legacy.type ?? 'XMPP'}, login-url = "${legacy.host ?? host}" }) and remove the line`,
    });
  }
  // Only what jicofo.conf does say can disagree with the legacy line (which Jicofo reads first).
  const disagrees = (c: JicofoAuth, l: JicofoAuth): boolean =>
    (c.enabledSet && c.enabled === false) || (c.type !== undefined && c.type !== l.type) || (c.host !== undefined && c.host !== l.host);
  if (legacy !== undefined && conf !== undefined && conf.configured && disagrees(conf, legacy)) {
    const confSays = conf.enabled ? `type ${conf.type ?? '(unset)'}, login-url ${conf.host ?? '(unset)'}` : 'authentication off';
    findings.push({
      severity: 'error',
      file: 'sipCommunicator',
      line: legacy.line,
      code: 'legacy-auth-url-mismatch',
      message: `${LEGACY_AUTH_URL_KEY} (${legacy.type}:${legacy.host ?? ''}) disagrees with jicofo.conf (${confSays}), and Jicofo reads the legacy line first`,
      fix: `Remove the ${LEGACY_AUTH_URL_KEY} line and configure jicofo.authentication in jicofo.conf only`,
    });
    return; // the legacy line is what Jicofo uses; this finding's fix covers it
  }
  // The legacy URL, where present, is what Jicofo uses; else jicofo.conf; a lone properties file means "off".
  const effective: JicofoAuth | undefined =
    legacy ??
    conf ??
    (parsed.props !== undefined
      ? {
          configured: false,
          enabled: false,
          enabledSet: false,
          type: undefined,
          host: undefined,
          file: 'sipCommunicator',
          line: undefined,
          typeLine: undefined,
          hostLine: undefined,
        }
      : undefined);
  if (effective === undefined) return;
  if (passwordAuth === true && effective.enabled === false) {
    findings.push({
      severity: 'error',
      file: effective.file,
      line: effective.line,
      code: 'jicofo-auth-disabled',
      message: `VirtualHost "${host}" requires authentication, but Jicofo's authentication is off: rooms cannot be opened by logging in`,
      fix:
        effective.file === 'jicofoConf'
          ? `Set jicofo.authentication { enabled = true, type = XMPP, login-url = "${host}" } in jicofo.conf`
          : `Add ${LEGACY_AUTH_URL_KEY}=XMPP:${host} to sip-communicator.properties`,
    });
    return;
  }
  if (effective.enabled !== true) return;
  if (main.token && effective.type === 'XMPP') {
    findings.push({
      severity: 'error',
      file: effective.file,
      line: effective.typeLine,
      code: 'jicofo-xmpp-auth-with-token',
      message: `VirtualHost "${host}" uses token authentication, but Jicofo's authentication is XMPP: Jicofo asks for a password that token users do not have`,
      fix:
        effective.file === 'jicofoConf'
          ? "Turn Jicofo's authentication off (remove jicofo.authentication, or enabled = false): with tokens, Prosody authenticates the users"
          : `Remove the ${LEGACY_AUTH_URL_KEY} line: with tokens, Prosody authenticates the users`,
    });
    return;
  }
  if (passwordAuth === true && effective.type !== 'XMPP') {
    findings.push({
      severity: 'error',
      file: effective.file,
      line: effective.typeLine,
      code: 'jicofo-auth-type',
      message: `VirtualHost "${host}" authenticates with passwords, but Jicofo's authentication type is ${effective.type ?? "unset (Jicofo's default is not XMPP)"}`,
      fix: effective.file === 'jicofoConf' ? 'Set jicofo.authentication.type = XMPP' : `Set ${LEGACY_AUTH_URL_KEY}=XMPP:${host}`,
    });
  }
  if (effective.type === 'XMPP' && effective.host !== host) {
    findings.push({
      severity: 'error',
      file: effective.file,
      line: effective.hostLine,
      code: 'jicofo-login-url-mismatch',
      message: `Jicofo authenticates users on "${printable(effective.host ?? '(unset)')}", not on the main host "${host}"`,
      fix: effective.file === 'jicofoConf' ? `Set jicofo.authentication.login-url = "${host}"` : `Set ${LEGACY_AUTH_URL_KEY}=XMPP:${host}`,
    });
  }
}
