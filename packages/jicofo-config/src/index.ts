/**
 * @jitsi-confkit/jicofo-config: lossless edits of Jicofo's configuration files, jicofo.conf
 * (HOCON) and the legacy sip-communicator.properties.
 */
export { HoconDocument, parseJicofoConf } from './hocon/document.js';
export type { HoconInput, HoconPath } from './hocon/format.js';
export { HoconSubstitution } from './hocon/model.js';
export type { HoconValue } from './hocon/model.js';
export { parseProperties, PropertiesDocument } from './properties/document.js';
export { escapePropertyValue, unicodeEscapeCase } from './properties/entries.js';
