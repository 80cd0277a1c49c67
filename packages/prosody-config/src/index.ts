/**
 * @jitsi-confkit/prosody-config: Prosody's Lua configuration as sections, edited losslessly.
 * Texts are files decoded as latin1 (one character per byte): read with `'latin1'`, write back
 * with `'latin1'`.
 */
export { parseProsodyConfig, ProsodyConfig } from './config.js';
export { parseProsodyPath, parseSettingPath } from './paths.js';
export type { ProsodyPath } from './paths.js';
export type {
  AddVirtualHostOptions,
  IncludeInfo,
  ListEntryInfo,
  LoadWarningInfo,
  Location,
  Lookup,
  ProsodyOptions,
  Scope,
  SectionContent,
  SectionInfo,
  Syntax13Use,
} from './config.js';
export type { ConfigValue, FileReader, HelperKind, LuaValue, OpaqueKind, WritableValue } from './value.js';
export { credential, FILE_READERS, FileReference, HELPER_KINDS, helperValue, OpaqueValue } from './value.js';
export { AUTH_PROVIDERS, GUEST_EXTRAS } from './api.js';
export type { AnonymousProvider, AuthProvider, DisableSecureDomainOptions, GuestExtra, SecureDomainOptions } from './api.js';
export { decodeLatin1, encodeLatin1, latin1ToUtf8, utf8ToLatin1 } from './latin1.js';
