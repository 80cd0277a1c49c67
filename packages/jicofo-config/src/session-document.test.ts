/**
 * What both documents share (session-document.ts): they are core's EditableDocument, and every
 * method, the shared ones included (batch()), gives errors, edits and text in the caller's units.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedEditError, type EditableDocument } from '@jitsi-confkit/core';
import { thrown } from '../../../test/support/errors.js';
import { parseJicofoConf, parseProperties } from './index.js';

describe('EditableDocument', () => {
  it('is what both documents are: kind, get, has, set, delete, changed, edits, toString', () => {
    const edit = (doc: EditableDocument<unknown>, path: string, value: unknown): unknown[] => {
      doc.set(path, value);
      const seen = [doc.kind, doc.get(path), doc.has(path), doc.changed, doc.edits.length];
      doc.delete(path);
      return [...seen, doc.has(path), doc.changed, doc.edits, doc.toString()];
    };
    const conf = 'jicofo {\r\n  a = 1\r\n}';
    const properties = 'org.jitsi.a=1\n';
    expect(edit(parseJicofoConf(conf), 'jicofo.b', 'x')).toEqual(['jicofoConf', 'x', true, true, 1, false, false, [], conf]);
    expect(edit(parseProperties(properties), 'org.jitsi.b', 'x')).toEqual(['sipCommunicator', 'x', true, true, 1, false, false, [], properties]);
  });
});

describe("the caller's units in every method", () => {
  // A refusal after a multi-byte character: its column counts bytes for bytes and a latin1 string,
  // UTF-16 code units for a utf8 string; the same in a batch, after a pending step.
  const conf = 'x = "— ✓"\njicofo { a = "— ✓", b = ${X}, c = 1 }\n';
  const at = conf.indexOf('1 }');
  const refused = conf.indexOf('${X}');
  const utf8 = { column: 25, refused, offset: at };
  const bytes = { column: 29, refused: Buffer.byteLength(conf.slice(0, refused)), offset: Buffer.byteLength(conf.slice(0, at)) };
  it.each([
    ['a utf8 string', conf, undefined, utf8],
    ['bytes', Buffer.from(conf, 'utf8'), undefined, bytes],
    ['a latin1 string', Buffer.from(conf, 'utf8').toString('latin1'), { encoding: 'latin1' as const }, bytes],
  ])('%s: set, and set in a batch after another step', (_name, input, options, expected) => {
    const alone = thrown(UnsupportedEditError, () => parseJicofoConf(input, options).set('jicofo.b', 2));
    const doc = parseJicofoConf(input, options);
    const batched = thrown(UnsupportedEditError, () => doc.batch((d) => d.set('jicofo.c', 2).set('jicofo.b', 2)));
    expect([alone.position, batched.position]).toEqual([
      { line: 2, column: expected.column, offset: expected.refused },
      { line: 2, column: expected.column, offset: expected.refused },
    ]);
    expect([doc.changed, doc.edits]).toEqual([false, []]);
    expect(doc.set('jicofo.c', 2).edits).toEqual([{ offset: expected.offset, length: 1, content: '2' }]);
  });
});
