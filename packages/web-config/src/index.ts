/**
 * @jitsi-confkit/web-config: lossless, typed edits of Jitsi Meet's interface_config.js and
 * config.js. Parse for positions, splice text, never regenerate.
 */
export { parseInterfaceConfig, InterfaceConfig } from './interface-config.js';
export type { MoveBrowserOptions } from './interface-config.js';
export { parseMeetConfig, MeetConfig } from './meet-config.js';
export type { MeetConfigPaths } from './meet-config.js';
export { ConfigDocument } from './document.js';
export type { DocumentOptions, WebConfigKind } from './document.js';
export { BROWSERS, BrowserListsMissingError, CREATE_KEYS_REMEDY, isBrowser, missingBrowserListsMessage, STOCK_BROWSER_LISTS } from './browsers.js';
export type { Browser, BrowserList, MissingBrowserLists } from './browsers.js';
export { INTERFACE_CONFIG_KINDS } from './interface-keys.js';
export type { InterfaceConfigKey, InterfaceConfigKeys } from './interface-keys.js';
export type { JsValue } from './values.js';
