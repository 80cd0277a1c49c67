/**
 * Read-only questions about a Prosody host file that the recipes and checks share: which
 * VirtualHost is the main host, which one is the guest host, and how each authenticates.
 */
import { ValidationError } from '@jitsi-confkit/core';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { isSecondaryHost } from './deployment.js';
import { assertLatin1 } from './files.js';
import { didYouMean } from './suggest.js';

export type ProsodyConfig = ReturnType<typeof parseProsodyConfig>;

/**
 * Parses DeploymentFiles.prosody (the latin1 form; anything else is refused). `prosody13`: the
 * caller knows the server runs Prosody 13, so Prosody 13's readers may be written.
 */
export function parseProsody(text: string, prosody13 = false): ProsodyConfig {
  assertLatin1(text);
  return parseProsodyConfig(text, { encoding: 'latin1', prosody: prosody13 ? '13' : '0.12' });
}

/** Authentication providers that let anyone in without an account. */
export const ANONYMOUS_PROVIDERS: ReadonlySet<string> = new Set(['anonymous', 'jitsi-anonymous']);

/** The settings of a host that token authentication (mod_auth_token) reads: jwt writes and removes them, the check finds them where they do nothing. */
export const TOKEN_KEYS = [
  'app_id',
  'app_secret',
  'allow_empty_token',
  'asap_accepted_issuers',
  'asap_accepted_audiences',
  'asap_require_room_claim',
  'cache_keys_url',
  'asap_key_server',
] as const;

export interface HostSection {
  name: string;
  /** 1-based line of the `VirtualHost "…"` header. */
  line: number;
  /** Index among the file's sections (order in the file). */
  index: number;
}

/** The VirtualHosts of the file with a literal name, in file order. */
export function virtualHosts(cfg: ProsodyConfig): HostSection[] {
  const out: HostSection[] = [];
  cfg.sections().forEach((s, index) => {
    if (s.kind === 'VirtualHost' && typeof s.name === 'string') out.push({ name: s.name, line: s.line, index });
  });
  return out;
}

/** The VirtualHosts that Prosody loads (not `enabled = false`). */
export function enabledHosts(cfg: ProsodyConfig): HostSection[] {
  return virtualHosts(cfg).filter((h) => cfg.lookup({ host: h.name }, 'enabled')?.value !== false);
}

/**
 * The main host of a Jitsi host file: the first enabled VirtualHost whose first label is not one
 * of the secondary hosts a Jitsi install adds (deployment.ts: SECONDARY_HOST_LABELS).
 */
export function mainHostOf(cfg: ProsodyConfig): string | undefined {
  return enabledHosts(cfg).find((h) => !isSecondaryHost(h.name))?.name;
}

export interface Authentication {
  /** The provider name, or undefined when the setting is not a string literal. */
  provider: string | undefined;
  /** Where it is set: the host's section, the global section, or nowhere in this file. */
  from: 'section' | 'global' | 'unset';
  /** 1-based line of the setting, when it is in this file. */
  line: number | undefined;
}

/** The effective `authentication` of a VirtualHost (its own, else the global one, else unset). */
export function authenticationOf(cfg: ProsodyConfig, host: string): Authentication {
  const found = cfg.lookup({ host }, 'authentication');
  if (found === undefined) return { provider: undefined, from: 'unset', line: undefined };
  return { provider: typeof found.value === 'string' ? found.value : undefined, from: found.from, line: found.line };
}

/** True when the host lets anyone in without an account. */
export function isAnonymous(cfg: ProsodyConfig, host: string): boolean {
  const { provider } = authenticationOf(cfg, host);
  return provider !== undefined && ANONYMOUS_PROVIDERS.has(provider);
}

/** Enabled VirtualHosts other than `mainHost` that let anyone in: the candidates for the guest host. */
export function anonymousHosts(cfg: ProsodyConfig, mainHost: string): HostSection[] {
  return enabledHosts(cfg).filter((h) => h.name !== mainHost && isAnonymous(cfg, h.name));
}

/** ValidationError when the Prosody file has no `VirtualHost "<host>"`, naming those it has and the close ones. */
export function requireHost(cfg: ProsodyConfig, host: string): void {
  const hosts = virtualHosts(cfg).map((h) => h.name);
  if (hosts.includes(host)) return;
  const list = hosts.length === 0 ? 'it has none' : `its VirtualHosts are ${hosts.join(', ')}`;
  throw new ValidationError(`The Prosody file has no VirtualHost "${host}": ${list}${didYouMean(host, hosts)}`);
}

/** The conference component of a host: `conference.<host>`, or what the main host's `main_muc` names. */
export function conferenceOf(cfg: ProsodyConfig, host: string): string {
  let mainMuc: unknown;
  try {
    mainMuc = cfg.get({ host }, 'main_muc');
  } catch {
    mainMuc = undefined;
  }
  if (typeof mainMuc === 'string' && cfg.has({ component: mainMuc })) return mainMuc;
  return `conference.${host}`;
}

/** The value of `key` in `scope`, or undefined when it is unset or not a literal. */
export function literalOf(cfg: ProsodyConfig, scope: Parameters<ProsodyConfig['get']>[0], key: string): ReturnType<ProsodyConfig['get']> {
  try {
    return cfg.get(scope, key);
  } catch {
    return undefined;
  }
}

/** The string list `key` of `scope` (its own or inherited; for modules_enabled the host's own plus the global one). */
export function listOf(cfg: ProsodyConfig, scope: Parameters<ProsodyConfig['get']>[0], key: string): string[] {
  const own = literalOf(cfg, scope, key);
  const items = Array.isArray(own) ? own.filter((v): v is string => typeof v === 'string') : [];
  if ((key === 'modules_enabled' || key === 'modules_disabled') && scope !== 'global') {
    const global = literalOf(cfg, 'global', key);
    if (Array.isArray(global)) for (const v of global) if (typeof v === 'string' && !items.includes(v)) items.push(v);
  }
  return items;
}
