import { basename } from 'node:path';

/** The files a command can touch, named as in recipes' DeploymentFiles. */
export type FileKind = 'interfaceConfig' | 'meetConfig' | 'prosody' | 'jicofoConf' | 'sipCommunicator';

export const KINDS: readonly FileKind[] = ['interfaceConfig', 'meetConfig', 'prosody', 'jicofoConf', 'sipCommunicator'];

/** How each kind is named in messages. */
export const KIND_LABEL: Record<FileKind, string> = {
  interfaceConfig: 'interface_config.js',
  meetConfig: 'config.js',
  prosody: 'Prosody config',
  jicofoConf: 'jicofo.conf',
  sipCommunicator: 'sip-communicator.properties',
};

/**
 * Prosody's files are read as latin1 (one character per byte, so every byte round-trips and the
 * parser's offsets are byte offsets); the others as UTF-8, refused at write time if they are not.
 */
export function encodingOf(kind: FileKind): 'utf8' | 'latin1' {
  return kind === 'prosody' ? 'latin1' : 'utf8';
}

/** The kind a file name implies, if any (`custom-interface_config.js`, `<host>-config.js`, …). */
export function kindFromName(path: string): FileKind | undefined {
  const name = basename(path).toLowerCase();
  if (name.endsWith('interface_config.js')) return 'interfaceConfig';
  if (name.endsWith('config.js')) return 'meetConfig';
  if (name.endsWith('.lua')) return 'prosody';
  if (name.endsWith('.conf')) return 'jicofoConf';
  if (name.endsWith('.properties')) return 'sipCommunicator';
  return undefined;
}

/** The kind a file's text implies, if any: for names that say nothing (`custom.js`, `config`). */
export function kindFromContent(text: string): FileKind | undefined {
  if (/\binterfaceConfig\s*=/.test(text)) return 'interfaceConfig';
  if (/\bvar\s+config\s*=|^\s*config(\.\w+)+\s*=/m.test(text)) return 'meetConfig';
  if (/^\s*(VirtualHost|Component)\s*["']|^\s*modules_enabled\s*=/m.test(text)) return 'prosody';
  if (/^\s*org\.jitsi\.[\w.-]+\s*[=:]/m.test(text)) return 'sipCommunicator';
  if (/^\s*jicofo\s*[{.:=]/m.test(text)) return 'jicofoConf';
  return undefined;
}
