/**
 * jicofo.conf as a document kind of core's EditSession: its parse (snapshot.ts), its local
 * verification (local.ts), and the check of what edits write.
 */
import type { CheckResult, DocumentKind, TextEdit } from '@jitsi-confkit/core';
import { reparseLocally } from './local.js';
import { binaryCharacter, parseHocon, parseHoconEdited } from './parse.js';
import { HoconParse } from './snapshot.js';

/**
 * The jicofo.conf kind. `parse` reads a text as Typesafe Config does and refuses what it refuses
 * (ConfigSyntaxError with the position). A text the session made by editing is parsed without the
 * scan for control characters and U+FFFD over the whole text: the text it was made from passed that
 * scan, and `verify` checks what the edits wrote. A commit that replaces one field's literal value
 * by another, or whose edits lie inside one object, is verified locally (local.ts): its parse is
 * built from the previous one, which the session hands over (core's local verification hook).
 */
export const hoconKind: DocumentKind<HoconParse> = {
  name: 'jicofo.conf',
  parse: (text) => HoconParse.of(text, parseHocon(text)),
  reparse(text, change) {
    // The previous parse is taken over, or let go before the whole text is parsed: an edit never
    // holds two trees. It is only an argument of the local re-parse: once that returns, nothing holds it.
    return reparseLocally(text, change.takePrevious(), change.edits) ?? HoconParse.of(text, parseHoconEdited(text));
  },
  verify: (_after, _before, _footprints, edits) => writesNoControl(edits),
};

/** Whether the edits write no character the parse refuses as binary data (see `hoconKind`). */
function writesNoControl(edits: readonly TextEdit[]): CheckResult {
  for (const e of edits) {
    const bad = binaryCharacter(e.content);
    if (bad !== undefined) return bad.reason;
  }
  return true;
}
