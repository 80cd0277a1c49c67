/**
 * The state file's model: intents (what the admin wants to stay true of the server's files) and
 * what applying or checking them gives.
 */
import type { ConfkitError } from '@jitsi-confkit/core';
import type { AuthProvider, Scope } from '@jitsi-confkit/prosody-config';
import type { DeploymentFile, DeploymentFiles, RecipeStep } from '@jitsi-confkit/recipes';
import type { Browser } from '@jitsi-confkit/web-config';

/** Plain data, as YAML (and JSON) write it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The files a `set` or `delete` intent names, by the names an admin knows them by. `prosody` is the
 * Prosody host file (`/etc/prosody/conf.avail/<host>.cfg.lua`), as in recipes' DeploymentFiles.
 */
export type FileName = 'interface_config.js' | 'config.js' | 'prosody' | 'jicofo.conf' | 'sip-communicator.properties';

/** `browsers move <browser> --to unsupported|optimal`: the browser stays in that interface_config.js list. */
export interface BrowserIntent {
  kind: 'browser';
  browser: Browser;
  list: 'unsupported' | 'optimal';
}

/** `secure-domain enable`: recipes' secureDomain with these options stays applied. */
export interface SecureDomainIntent {
  kind: 'secure-domain';
  host: string;
  /** Default `guest.<host>`. */
  guest?: string;
  /** The main host's Prosody provider; default `internal_hashed`. */
  authentication?: AuthProvider;
}

/** The path of one value: a dotted path, or for the Prosody host file a scope and a key. */
export type ValueTarget = { file: Exclude<FileName, 'prosody'>; path: string } | { file: 'prosody'; scope: Scope; key: string };

/** `set <file> <path> <value>`: the value stays so. */
export type SetIntent = { kind: 'set'; value: JsonValue } & ValueTarget;

/** The value stays unset (`delete`). */
export type DeleteIntent = { kind: 'delete' } & ValueTarget;

/** Every built-in intent kind. */
/**
 * Token authentication stays on. No secret: the state file is no place for one (it is kept in
 * backups and pasted into forums); apply keeps the secret the host has, inline or as a credential.
 */
export interface JwtIntent {
  kind: 'jwt';
  host: string;
  appId?: string;
  /** An OIDC issuer instead of a shared secret. */
  issuer?: string;
  audiences?: string[];
  /** The issuer's JWKS (`cache_keys_url`), or a key server (`asap_key_server`), where not the issuer's default. */
  jwksUrl?: string;
  keyServer?: string;
  /** The OIDC client of the web login (config.js). */
  clientId?: string;
  requireRoomClaim?: boolean;
  /** False: no web login in config.js. */
  webLogin?: boolean;
  tokenAuthUrl?: string;
  guests?: boolean;
  guest?: string;
  allowEmptyToken?: boolean;
  secretStorage?: 'inline' | 'credential';
  credential?: string;
}

/** The lobby, wait for host, the participant limit and Jicofo's auto owner stay as given. */
export interface ModerationIntent {
  kind: 'moderation';
  host: string;
  lobby?: boolean;
  waitForHost?: boolean;
  authenticatedModerators?: boolean;
  /** A number, or false for no limit. */
  maxParticipants?: number | false;
  autoOwner?: boolean;
}

export type Intent = BrowserIntent | SecureDomainIntent | JwtIntent | ModerationIntent | SetIntent | DeleteIntent;

/** The kinds of intent, by name. */
export type IntentKindName = Intent['kind'];

/** An intent as read from a state file: where it is, and a one-line description. */
export interface StateIntent<I extends Intent = Intent> {
  intent: I;
  /** 0-based position in the file's `intents` list. */
  index: number;
  /** 1-based line and column of the intent in the state file (its first key). */
  line: number;
  column: number;
  /** One line, e.g. `browser firefox: unsupported`. */
  summary: string;
}

/** What applying one intent did. */
export interface IntentStep {
  intent: StateIntent;
  /**
   * `applied`: a file changed; `already`: it held; `skipped`: it could not be applied to the files
   * given (`reason` says why: a file not given, a file too old for it); `failed`: only with
   * `partial: true`, the intent could not be applied (`error`) and its changes were left out.
   */
  status: 'applied' | 'already' | 'skipped' | 'failed';
  reason?: string;
  error?: ConfkitError;
  /** The recipe's steps, one per file it looked at. */
  steps: RecipeStep[];
}

/** The outcome of applyState. */
export interface ApplyResult {
  /** Every file given, changed or not; files not given stay absent. */
  files: DeploymentFiles;
  /** One entry per intent, in the state file's order. */
  steps: IntentStep[];
  /** What a person must still do, for the intents that changed something (each line once). */
  todo: string[];
  /** What a person should know, for the intents that changed something (each line once). */
  warnings: string[];
  /** True when at least one file's text differs from the text given. */
  changed: boolean;
}

/** One file where an intent no longer holds. */
export interface Difference {
  file: DeploymentFile;
  /** What applying the intent would do there (the recipe's step). */
  action: string;
  /** What would change: a unified diff with no context lines. */
  diff: string;
}

/** Whether one intent holds in the files. */
export interface IntentCheck {
  intent: StateIntent;
  /**
   * `holds`: applying it would change nothing; `drifted`: applying it would change the files in
   * `differences`; `cannot-apply`: it could not be applied (`reason`, and `error` when a file or a
   * value was refused).
   */
  status: 'holds' | 'drifted' | 'cannot-apply';
  differences?: Difference[];
  reason?: string;
  error?: ConfkitError;
  /** For `cannot-apply` without an error: the recipe's steps, which say the files not given (`skipped`). */
  steps?: RecipeStep[];
}
