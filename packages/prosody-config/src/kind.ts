/**
 * The Prosody config as a document kind of core's EditSession: its parse is the model (Lua 5.4
 * parsed by the vendored luaparse, then Prosody's sections); a text that does not parse is a
 * ConfigSyntaxError with its position.
 */
import type { DocumentKind } from '@jitsi-confkit/core';
import { buildModel, type Model, type ProsodyVersion } from './model.js';

/** The kind for a config of that Prosody (which the model carries: it decides what edits may write). */
export function prosodyKindFor(prosody: ProsodyVersion): DocumentKind<Model> {
  return prosody === '13' ? prosody13Kind : prosodyKind;
}

/** A config for Prosody 0.12 (the default). */
export const prosodyKind: DocumentKind<Model> = {
  name: 'Prosody config',
  parse: (text) => buildModel(text),
};

const prosody13Kind: DocumentKind<Model> = {
  name: 'Prosody config',
  parse: (text) => buildModel(text, '13'),
};
