/**
 * The Prosody config as a document kind of core's EditSession: its parse is the model (Lua 5.4
 * parsed by the vendored luaparse, then Prosody's sections); a text that does not parse is a
 * ConfigSyntaxError with its position.
 */
import type { DocumentKind, TextChange } from '@jitsi-confkit/core';
import { reparseLocally } from './local.js';
import { buildModel, type Model, type ProsodyVersion } from './model.js';

/**
 * The edited text: a literal replaced by a literal, or lines of settings and headers inserted
 * between statements, are verified by parsing only their new text (local.ts), taking the previous
 * model over; anything else is parsed whole, after the previous model is let go, so that an edit
 * never holds two trees.
 */
function reparse(this: DocumentKind<Model>, text: string, change: TextChange<Model>): Model {
  // The previous model is only an argument of the local re-parse: once it returns, nothing holds it.
  return reparseLocally(change.takePrevious(), text, change.edits) ?? this.parse(text);
}

/** The kind for a config of that Prosody (which the model carries: it decides what edits may write). */
export function prosodyKindFor(prosody: ProsodyVersion): DocumentKind<Model> {
  return prosody === '13' ? prosody13Kind : prosodyKind;
}

/** A config for Prosody 0.12 (the default). */
export const prosodyKind: DocumentKind<Model> = {
  name: 'Prosody config',
  parse: (text) => buildModel(text),
  reparse,
};

const prosody13Kind: DocumentKind<Model> = {
  name: 'Prosody config',
  parse: (text) => buildModel(text, '13'),
  reparse,
};
