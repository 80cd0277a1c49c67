/**
 * An edit that does not verify: core's EditVerificationError (an UnsupportedEditError, code
 * E_UNSUPPORTED_EDIT), the document left exactly as it was. (Before the edit session, the same
 * failures were EditConflictError, E_EDIT_CONFLICT.) The planners write text that parses and reads
 * back on every file of the corpus, so a failure is made here: a value written wrongly, and a
 * join of old and new text that would write `</script` into the file.
 */
import { applyEdits, ConfigSyntaxError, EditSession, EditVerificationError, UnsupportedEditError } from '@jitsi-confkit/core';
import { describe, expect, it, vi } from 'vitest';
import { thrown } from '../../../test/support/errors.js';
import { parseMeetConfig } from './index.js';
import { scriptKind } from './kind.js';

/** A value that the mocked serializer writes as text that does not parse, or that reads back as another value. */
const BROKEN = 'write me as an unterminated string';
const WRONG = 'write me as another value';

vi.mock('./serialize.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./serialize.js')>();
  return {
    ...original,
    serializeValue: (...args: Parameters<typeof original.serializeValue>) =>
      args[0] === BROKEN ? "'unterminated" : args[0] === WRONG ? "'another'" : original.serializeValue(...args),
  };
});

const TEXT = "var config = {\n    hosts: {\n        domain: 'meet.example.com',\n    },\n    subject: 'Meet',\n};\n";

describe('an edit that does not verify', () => {
  it.each([
    ['a value replaced', 'subject'],
    ['a key added', 'hosts.extra'],
    ['a new statement', 'zz'],
  ])('%s that would not parse: EditVerificationError (parse) with the syntax error as its cause, nothing changed', (_name, path) => {
    const doc = parseMeetConfig(TEXT).set('hosts.domain', 'meet.example.org');
    const before = { text: doc.toString(), edits: doc.edits };
    const error = thrown(EditVerificationError, () => doc.set(path, BROKEN));
    expect(error).toBeInstanceOf(UnsupportedEditError);
    expect([error.code, error.failure, error.operation]).toEqual(['E_UNSUPPORTED_EDIT', 'parse', `set ${path}`]);
    expect(error.message).toMatch(
      new RegExp(`^Cannot set ${path.replace('.', '\\.')}: the edited config\\.js would not parse \\(Syntax error: Unterminated string constant\\.\\); nothing was changed$`),
    );
    expect(error.cause).toBeInstanceOf(ConfigSyntaxError);
    expect(doc.toString() === before.text).toBe(true);
    expect(doc.edits).toEqual(before.edits);
    expect(doc.changed).toBe(true);
  });

  it('a value that reads back as another: EditVerificationError (read-back), nothing changed, also inside a batch', () => {
    const doc = parseMeetConfig(TEXT);
    const error = thrown(EditVerificationError, () => doc.set('subject', WRONG));
    expect([error.code, error.failure, error.operation]).toEqual(['E_UNSUPPORTED_EDIT', 'read-back', 'set subject']);
    expect(error.message).toBe('Cannot set subject: the edited config.js does not read back as intended; nothing was changed');
    expect(doc.changed).toBe(false);
    // In a batch, the whole batch is undone.
    const batchError = thrown(EditVerificationError, () => doc.batch((d) => d.set('hosts.domain', 'meet.example.org').set('subject', WRONG)));
    expect(batchError.operation).toBe('set subject');
    expect(doc.toString() === TEXT).toBe(true);
  });

  it('a join of old and new text that makes `</script` or `<!--`: the kind refuses the commit', () => {
    // Every string written is escaped for <script> and SSI; the check looks at the joins too.
    const text = 'var config = { a: "<" };\n';
    const session = new EditSession(scriptKind('config'), text);
    const at = text.indexOf('"<"') + 2;
    const error = thrown(EditVerificationError, () => session.commit({ what: 'join', plan: () => [{ offset: at, length: 0, content: '/script>' }] }));
    expect([error.failure, error.detail]).toEqual(['read-back', 'it would write "</script" into the file, which would close its <script> element or start an SSI command']);
    expect(session.toString() === text).toBe(true);
    expect(applyEdits(text, [{ offset: at, length: 0, content: '!--' }])).toContain('<!--');
    expect(thrown(EditVerificationError, () => session.commit({ what: 'join', plan: () => [{ offset: at, length: 0, content: '!--' }] })).detail).toMatch(/^it would write "<!--/);
  });
});
