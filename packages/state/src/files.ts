/**
 * The files a `set` or `delete` intent can name, and one path of each through its library: the
 * same verbs for all five languages. Every check of a path or a value is the library's own.
 */
import { parseJicofoConf, parseProperties } from '@jitsi-confkit/jicofo-config';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import type { LuaValue, Scope } from '@jitsi-confkit/prosody-config';
import type { DeploymentFile } from '@jitsi-confkit/recipes';
import { parseInterfaceConfig, parseMeetConfig } from '@jitsi-confkit/web-config';
import type { FileName, JsonValue, ValueTarget } from './types.js';

/** Each file name, with its member of recipes' DeploymentFiles. */
export const FILE_MEMBERS: Readonly<Record<FileName, DeploymentFile>> = {
  'interface_config.js': 'interfaceConfig',
  'config.js': 'meetConfig',
  prosody: 'prosody',
  'jicofo.conf': 'jicofoConf',
  'sip-communicator.properties': 'sipCommunicator',
};

export const FILE_NAMES = Object.keys(FILE_MEMBERS) as FileName[];

/** One path of one file's text. */
export interface ValueSlot {
  set(value: JsonValue): void;
  delete(): void;
  toString(): string;
}

/** The scope as the CLI writes it (`global`, `host:NAME`, `component:NAME`). */
export function scopeText(scope: Scope): string {
  if (scope === 'global') return 'global';
  return 'host' in scope ? `host:${scope.host}` : `component:${scope.component}`;
}

/** The target as the CLI's get/set write it: `hosts.anonymousdomain`, `host:meet.example.com/authentication`. */
export function targetText(target: ValueTarget): string {
  return target.file === 'prosody' ? `${scopeText(target.scope)}/${target.key}` : target.path;
}

/** The keys the target goes through, for telling whether two intents touch the same setting. */
export function targetKeys(target: ValueTarget): string[] {
  if (target.file === 'prosody') return [target.key];
  if (target.file === 'sip-communicator.properties') return [target.path];
  return target.path.split('.');
}

/** Opens the target's path in `text` (a file of the target's kind). */
export function openSlot(target: ValueTarget, text: string): ValueSlot {
  switch (target.file) {
    case 'interface_config.js':
    case 'config.js': {
      const doc = target.file === 'config.js' ? parseMeetConfig(text) : parseInterfaceConfig(text);
      return {
        set: (value) => void doc.set(target.path, value),
        delete: () => void doc.delete(target.path),
        toString: () => doc.toString(),
      };
    }
    case 'prosody': {
      const cfg = parseProsodyConfig(text, { encoding: 'latin1' });
      return {
        // The text is the file's bytes as latin1; values go in as ordinary strings (the library writes their UTF-8).
        set: (value) => void cfg.set(target.scope, target.key, value as LuaValue),
        delete: () => void cfg.delete(target.scope, target.key),
        toString: () => cfg.toString(),
      };
    }
    case 'jicofo.conf': {
      const doc = parseJicofoConf(text);
      return {
        set: (value) => void doc.set(target.path, value as never),
        delete: () => void doc.delete(target.path),
        toString: () => doc.toString(),
      };
    }
    case 'sip-communicator.properties': {
      const doc = parseProperties(text);
      return {
        set: (value) => void doc.set(target.path, value as never),
        delete: () => void doc.delete(target.path),
        toString: () => doc.toString(),
      };
    }
  }
}

/**
 * The smallest text of the target's kind in which the target can be set: where a state file's
 * path and value are checked by the library itself, before any real file is at hand.
 */
export function blankText(target: ValueTarget): string {
  switch (target.file) {
    case 'interface_config.js':
      return 'var interfaceConfig = {\n};\n';
    case 'config.js':
      return 'var config = {\n};\n';
    case 'prosody': {
      const { scope } = target;
      if (scope === 'global') return '';
      return 'host' in scope ? `VirtualHost "${scope.host}"\n` : `Component "${scope.component}"\n`;
    }
    case 'jicofo.conf':
    case 'sip-communicator.properties':
      return '';
  }
}
