/**
 * DOCUMENT_KINDS without a promise, for the package's main entry, which loads every library
 * anyway (the recipes use them all): `openDocumentSync(kind, text)`.
 */
import * as jicofoConfig from '@jitsi-confkit/jicofo-config';
import * as prosodyConfig from '@jitsi-confkit/prosody-config';
import * as webConfig from '@jitsi-confkit/web-config';
import type { DeploymentFile } from './deployment.js';
import { DOCUMENT_KINDS, type DeploymentDocument, type DocumentKind, type Libraries, type OpenOptions } from './documents.js';

const LOADED: Libraries = { 'web-config': webConfig, 'prosody-config': prosodyConfig, 'jicofo-config': jicofoConfig };

/** openDocument, synchronous: every library is loaded with this module. */
export function openDocumentSync<K extends DeploymentFile>(kind: K, text: string, options: OpenOptions = {}): DeploymentDocument<K> {
  const entry: DocumentKind<K> = DOCUMENT_KINDS[kind];
  return entry.open(LOADED[entry.library], text, options);
}

/** blankDocumentText, synchronous. */
export function blankDocumentTextSync(kind: DeploymentFile, path: string): string {
  const entry: DocumentKind = DOCUMENT_KINDS[kind];
  return entry.blank(LOADED[entry.library], path);
}
