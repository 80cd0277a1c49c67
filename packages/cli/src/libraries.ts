/**
 * The libraries, loaded on first use: a command pays for a parser (Babel for JavaScript, luaparse
 * for Lua) only when it touches a file of that language. In the bundle each dynamic import becomes
 * a lazily run module, and the parsers are separate files the loader requires on first use
 * (see loader.cjs).
 */
import { LIBRARIES, openDocument } from '@jitsi-confkit/recipes/documents';
import type { FileKind } from './kinds.js';

export const loadWebConfig = LIBRARIES['web-config'];
export const loadProsodyConfig = LIBRARIES['prosody-config'];
export const loadJicofoConfig = LIBRARIES['jicofo-config'];
export const loadRecipes = () => import('@jitsi-confkit/recipes');
/** The state package loads every library (it applies intents of every kind): only --save, apply and status need it. */
export const loadState = () => import('@jitsi-confkit/state');

/** Parses `text` as a file of `kind` (its library loaded on first use); throws the library's ConfigSyntaxError when it does not parse. */
export async function parseAs(kind: FileKind, text: string): Promise<void> {
  await openDocument(kind, text);
}
