import { reportInInputUnits, validateHostname, ValidationError, type ConfigInput } from '@jitsi-confkit/core';
import { ConfigDocument, type DocumentOptions } from './document.js';
import type { JsValue } from './values.js';

/** The config.js paths this package knows the types of; every other path is reachable too. */
export interface MeetConfigPaths {
  'hosts.domain': string;
  'hosts.anonymousdomain': string;
  'hosts.authdomain': string;
  'hosts.muc': string;
  'hosts.focus': string;
  bosh: string;
  websocket: string;
  enableWelcomePage: boolean;
  requireDisplayName: boolean;
  prejoinPageEnabled: boolean;
  startAudioMuted: number;
  startVideoMuted: number;
  resolution: number;
}

/** Paths whose value is a host name: validated as RFC 1123 before anything is written. */
const HOST_PATHS = new Set(['hosts.domain', 'hosts.anonymousdomain', 'hosts.authdomain', 'hosts.muc', 'hosts.focus', 'hosts.visitors']);

/**
 * config.js: `var config = {…}` with an object literal, docker's `config.a.b = …;` assignment
 * style, or both (the last writer of a path wins).
 */
export class MeetConfig extends ConfigDocument {
  readonly kind = 'meetConfig';

  constructor(input: ConfigInput, options: DocumentOptions = {}) {
    super(input, 'config', options, 'parseMeetConfig');
  }

  static {
    reportInInputUnits(this, (doc) => doc.inputState());
  }

  override get<P extends keyof MeetConfigPaths>(path: P): MeetConfigPaths[P] | undefined;
  override get(path: string): JsValue | undefined;
  override get(path: string): JsValue | undefined {
    return super.get(path);
  }

  override set<P extends keyof MeetConfigPaths>(path: P, value: MeetConfigPaths[P]): this;
  override set(path: string, value: JsValue): this;
  override set(path: string, value: JsValue): this {
    return super.set(path, value);
  }

  protected override validate(keys: readonly string[], value: JsValue, what: 'value' | 'item', isSet: boolean): void {
    const path = keys.join('.');
    if (HOST_PATHS.has(path)) {
      if (typeof value !== 'string' || what === 'item') throw new ValidationError(`${path} takes a host name (a string)`);
      validateHostname(value, path);
    }
    if (path === 'hosts' && what === 'value' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) this.validate(['hosts', k], v, 'value', isSet);
    }
  }
}

/**
 * Parses config.js (or docker's custom-config.js overlay: see DocumentOptions). Throws
 * ConfigSyntaxError (with line and column) when it does not parse.
 */
export function parseMeetConfig(input: ConfigInput, options: DocumentOptions = {}): MeetConfig {
  return new MeetConfig(input, options);
}
