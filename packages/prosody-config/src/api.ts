/**
 * Types and constants of the public API that the planners use too: where a setting lives, and the
 * secure domain's options. In a module of their own that imports nothing, like LuaValue in
 * value.ts, so that the published declarations of the entry point never import luaparse's types
 * (a project that compiles against this package with `skipLibCheck: false` needs no
 * `@types/luaparse`).
 */

/** Where a setting lives: the global section, a `VirtualHost`, or a `Component` (by name). */
export type Scope = 'global' | { host: string } | { component: string };

/** Authentication providers a secure domain's main host may use (Prosody's `mod_auth_<name>`). */
export const AUTH_PROVIDERS = ['internal_hashed', 'internal_plain', 'ldap', 'ldap2', 'cyrus', 'sql', 'pam', 'imap', 'dovecot', 'custom_http', 'http_async'] as const;

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

export interface DisableSecureDomainOptions {
  /** Keep the guest host's section (only the main host gets its anonymous flavour back). */
  keepGuestHost?: boolean;
}
