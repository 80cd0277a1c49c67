import { basename } from 'node:path';
import type { DeploymentFile } from '@jitsi-confkit/recipes/deployment';

/**
 * The files a command can touch: recipes' DeploymentFile. Their list, Debian paths and names in
 * messages come from '@jitsi-confkit/recipes/deployment' (DEPLOYMENT_FILES, debianPaths,
 * FILE_LABELS), which loads no parser.
 */
export type FileKind = DeploymentFile;

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
