/**
 * Every file of a deployment as core's EditableDocument, through one table (DOCUMENT_KINDS): for
 * each kind, the library it is in and how that library opens a text of the kind. A library is
 * loaded on first use, by a dynamic import: `await openDocument('prosody', text)` loads
 * prosody-config (and luaparse), never Babel. This module imports no library itself, so the CLI
 * loads it at start-up (`@jitsi-confkit/recipes/documents`); `openDocumentSync` (in the package's
 * main entry, which has every library loaded) opens the same kinds without a promise.
 *
 * Texts are in DeploymentFiles' form: the Prosody file decoded as latin1, the others as UTF-8
 * strings.
 */
import { luaString, type EditableDocument } from '@jitsi-confkit/core';
import type * as JicofoConfig from '@jitsi-confkit/jicofo-config';
import type * as ProsodyConfig from '@jitsi-confkit/prosody-config';
import type * as WebConfig from '@jitsi-confkit/web-config';
import type { DeploymentFile } from './deployment.js';

/** The libraries a deployment's files are in, by package name. */
export interface Libraries {
  'web-config': typeof WebConfig;
  'prosody-config': typeof ProsodyConfig;
  'jicofo-config': typeof JicofoConfig;
}

export type LibraryName = keyof Libraries;

/** Each library, loaded on first use (a dynamic import: once loaded, the same module again). */
export const LIBRARIES: { readonly [L in LibraryName]: () => Promise<Libraries[L]> } = {
  'web-config': () => import('@jitsi-confkit/web-config'),
  'prosody-config': () => import('@jitsi-confkit/prosody-config'),
  'jicofo-config': () => import('@jitsi-confkit/jicofo-config'),
};

/** How a file is opened. */
export interface OpenOptions {
  /**
   * For interface_config.js and config.js: the file is an overlay appended to another one
   * (docker's custom-*.js), or not; detected from the text when not given (web-config's
   * DocumentOptions). The other kinds have no overlays and take no option.
   */
  overlay?: boolean;
}

/** A deployment's file as the one document interface: values are plain data (or text, see ValueForm). */
export type DeploymentDocument<K extends DeploymentFile = DeploymentFile> = EditableDocument<unknown, K>;

/** One kind of the table: its library, and how the library opens a text of the kind. */
export interface DocumentKind<K extends DeploymentFile = DeploymentFile, L extends LibraryName = LibraryName> {
  readonly library: L;
  /** Parses `text` (DeploymentFiles' form); throws the library's ConfigSyntaxError. */
  open(library: Libraries[L], text: string, options: OpenOptions): DeploymentDocument<K>;
  /**
   * The smallest text of the kind in which `path` can be set: where a path and a value are checked
   * by the library itself before any real file is at hand (the Prosody scope the path names is in
   * it). PathError for a path not in the kind's syntax.
   */
  blank(library: Libraries[L], path: string): string;
}

function kind<K extends DeploymentFile, L extends LibraryName>(entry: DocumentKind<K, L>): DocumentKind<K, L> {
  return entry;
}

/** The options web-config takes: `overlay` only where it is given (else web-config detects it). */
function webOptions(options: OpenOptions): { overlay?: boolean } {
  return options.overlay === undefined ? {} : { overlay: options.overlay };
}

/** Every file kind of a deployment: adding a kind here (and to DeploymentFile) is all it takes. */
export const DOCUMENT_KINDS: { readonly [K in DeploymentFile]: DocumentKind<K> } = {
  interfaceConfig: kind({
    library: 'web-config',
    open: (web, text, options) => web.parseInterfaceConfig(text, webOptions(options)),
    blank: () => 'var interfaceConfig = {\n};\n',
  }),
  meetConfig: kind({
    library: 'web-config',
    open: (web, text, options) => web.parseMeetConfig(text, webOptions(options)),
    blank: () => 'var config = {\n};\n',
  }),
  prosody: kind({
    library: 'prosody-config',
    // DeploymentFiles.prosody is the file decoded as latin1 (one character per byte).
    open: (prosody, text) => prosody.parseProsodyConfig(text, { encoding: 'latin1' }),
    blank: (prosody, path) => {
      const { scope } = prosody.parseSettingPath(path);
      if (scope === 'global') return '';
      return 'host' in scope ? `VirtualHost ${luaString(scope.host, '"')}\n` : `Component ${luaString(scope.component, '"')}\n`;
    },
  }),
  jicofoConf: kind({
    library: 'jicofo-config',
    open: (jicofo, text) => jicofo.parseJicofoConf(text),
    blank: () => '',
  }),
  sipCommunicator: kind({
    library: 'jicofo-config',
    open: (jicofo, text) => jicofo.parseProperties(text),
    blank: () => '',
  }),
};

/**
 * Opens `text`, a file of `kind`, as an EditableDocument, loading the kind's library on first use
 * (and only it). Throws the library's ConfigSyntaxError when the text does not parse.
 */
export async function openDocument<K extends DeploymentFile>(kind: K, text: string, options: OpenOptions = {}): Promise<DeploymentDocument<K>> {
  const entry: DocumentKind<K> = DOCUMENT_KINDS[kind];
  return entry.open(await LIBRARIES[entry.library](), text, options);
}

/** The smallest text of `kind` in which `path` can be set (see DocumentKind.blank), loading the kind's library on first use. */
export async function blankDocumentText(kind: DeploymentFile, path: string): Promise<string> {
  const entry: DocumentKind = DOCUMENT_KINDS[kind];
  return entry.blank(await LIBRARIES[entry.library](), path);
}
