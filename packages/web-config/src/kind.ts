/**
 * The document kind of interface_config.js and config.js for core's edit session.
 */
import type { DocumentKind } from '@jitsi-confkit/core';
import { reparseLocally } from './local.js';
import { type Root, ScriptModel } from './model.js';
import { newScriptCloser } from './serialize.js';

/**
 * The document kind of interface_config.js or config.js: parsed by @babel/parser as a classic
 * script; every commit is checked for a `</script`, `</style` or `<!--` that new text makes
 * together with the text around it (jitsi-meet's index.html inlines these files in a `<script>`
 * element through nginx SSI).
 */
export function scriptKind(root: Root): DocumentKind<ScriptModel> {
  return {
    name: root === 'config' ? 'config.js' : 'interface_config.js',
    parse: (text) => new ScriptModel(text, root),
    // The edited text: verified locally where the edits only change literal values (local.ts),
    // else parsed whole. The previous model is taken over (its AST becomes the new one) or let go
    // before the whole parse, so that an edit never holds two trees.
    reparse(text, change) {
      // The previous model is only an argument of the local attempt: once it returns, nothing holds it.
      return reparseLocally(change.takePrevious(), text, change.edits) ?? new ScriptModel(text, root);
    },
    verify(after, before, _footprints, edits) {
      const closer = newScriptCloser(before.text, edits);
      if (closer === undefined) return true;
      return `it would write "${after.text.slice(closer, closer + 8)}" into the file, which would close its <script> element or start an SSI command`;
    },
  };
}
