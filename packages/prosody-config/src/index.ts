/**
 * @jitsi-confkit/prosody-config: Prosody's Lua configuration as sections, edited losslessly.
 * Texts are files decoded as latin1 (one character per byte): read with `'latin1'`, write back
 * with `'latin1'`.
 */
export { parseProsodyConfig, ProsodyConfig } from './config.js';
export type { AddVirtualHostOptions, Location, Lookup, Scope, SectionContent, SectionInfo } from './config.js';
export { credential, FILE_READERS, FileReference } from './value.js';
export type { FileReader, LuaValue } from './value.js';
export { AUTH_PROVIDERS, GUEST_EXTRAS } from './secure-domain.js';
export type { AnonymousProvider, AuthProvider, DisableSecureDomainOptions, GuestExtra, SecureDomainOptions } from './secure-domain.js';
export { decodeLatin1, encodeLatin1, latin1ToUtf8, utf8ToLatin1 } from './latin1.js';
