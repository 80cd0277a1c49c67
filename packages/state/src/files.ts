/**
 * The files a `set` or `delete` intent can name, and one path of each through its document: the
 * one document interface of every kind (core's EditableDocument, opened through recipes'
 * DOCUMENT_KINDS), so nothing here depends on the kind. Every check of a path or a value is the
 * library's own.
 */
import { blankDocumentTextSync, openDocumentSync } from '@jitsi-confkit/recipes';
import type { DeploymentFile } from '@jitsi-confkit/recipes';
import type { Scope } from '@jitsi-confkit/prosody-config';
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

/** Each member of DeploymentFiles, with its file name. */
export const FILE_NAME_OF = Object.fromEntries(Object.entries(FILE_MEMBERS).map(([name, member]) => [member, name])) as Readonly<Record<DeploymentFile, FileName>>;

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

/**
 * The target as a path of its document, as the CLI's get/set write it: `hosts.anonymousdomain`,
 * `host:meet.example.com/authentication` (a target given as scope and key).
 */
export function targetText(target: ValueTarget): string {
  return 'scope' in target ? `${scopeText(target.scope)}/${target.key}` : target.path;
}

/** Opens the target's path in `text` (a file of the target's kind). */
export function openSlot(target: ValueTarget, text: string): ValueSlot {
  const doc = openDocumentSync(FILE_MEMBERS[target.file], text);
  const path = targetText(target);
  return {
    set: (value) => void doc.set(path, value),
    delete: () => void doc.delete(path),
    toString: () => doc.toString(),
  };
}

/**
 * The smallest text of the target's kind in which the target can be set: where a state file's
 * path and value are checked by the library itself, before any real file is at hand.
 */
export function blankText(target: ValueTarget): string {
  return blankDocumentTextSync(FILE_MEMBERS[target.file], targetText(target));
}
