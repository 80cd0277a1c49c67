/**
 * The libraries, loaded on first use: a command pays for a parser (Babel for JavaScript, luaparse
 * for Lua) only when it touches a file of that language. In the bundle each dynamic import becomes
 * a lazily run module, and the parsers are separate files the loader requires on first use
 * (see loader.cjs).
 */
import type { FileKind } from './kinds.js';

export const loadWebConfig = () => import('@jitsi-confkit/web-config');
export const loadProsodyConfig = () => import('@jitsi-confkit/prosody-config');
export const loadJicofoConfig = () => import('@jitsi-confkit/jicofo-config');
export const loadRecipes = () => import('@jitsi-confkit/recipes');
/** The state package loads every library (it applies intents of every kind): only --save, apply and status need it. */
export const loadState = () => import('@jitsi-confkit/state');

/** Parses `text` as a file of `kind`; throws the library's ConfigSyntaxError when it does not parse. */
export async function parseAs(kind: FileKind, text: string): Promise<void> {
  switch (kind) {
    case 'interfaceConfig':
      (await loadWebConfig()).parseInterfaceConfig(text);
      return;
    case 'meetConfig':
      (await loadWebConfig()).parseMeetConfig(text);
      return;
    case 'prosody':
      // Prosody files are read as latin1 (kinds.ts: encodingOf).
      (await loadProsodyConfig()).parseProsodyConfig(text, { encoding: 'latin1' });
      return;
    case 'jicofoConf':
      (await loadJicofoConfig()).parseJicofoConf(text);
      return;
    case 'sipCommunicator':
      (await loadJicofoConfig()).parseProperties(text);
      return;
  }
}
