/**
 * Every operation of HoconDocument and PropertiesDocument is all or nothing: when it throws, the
 * text, the edit list and `changed` are exactly what they were before the call (here: after an
 * earlier edit that succeeded, so that there is state to keep). One failing case per operation,
 * and the document still works afterwards.
 */
import { describe, expect, it } from 'vitest';
import { EditVerificationError, UnsupportedEditError, ValidationError, type TextEdit } from '@jitsi-confkit/core';
import { placed, thrown } from '../../../test/support/errors.js';
import { parseJicofoConf, parseProperties, type HoconDocument, type PropertiesDocument } from './index.js';

interface Snapshot {
  text: string;
  edits: TextEdit[];
  changed: boolean;
}

function snapshot(doc: HoconDocument | PropertiesDocument): Snapshot {
  return { text: doc.toString(), edits: doc.edits, changed: doc.changed };
}

/** `operation` on a document with an edit made fails with `type` and `message`, and leaves it as it was. */
function expectFailureKeeps<D extends HoconDocument | PropertiesDocument>(doc: D, operation: (doc: D) => unknown, type: new (...args: never[]) => Error, message: string): void {
  const before = snapshot(doc);
  expect(before.changed).toBe(true);
  expect(placed(thrown(type, () => operation(doc)))).toBe(message);
  expect(snapshot(doc)).toEqual(before);
}

const CONF = 'jicofo {\n  authentication {\n    enabled = ${JICOFO_AUTH}\n  }\n  xmpp {\n    client {\n      port = 5222\n    }\n  }\n}\n';

describe('HoconDocument: a failed operation leaves the document as it was', () => {
  const prepared = (): HoconDocument => parseJicofoConf(CONF).set('jicofo.xmpp.client.port', 5223);

  it.each<[string, (doc: HoconDocument) => unknown, new (...args: never[]) => Error, string]>([
    [
      'set of a value that is a substitution',
      (doc) => doc.set('jicofo.authentication.enabled', true),
      UnsupportedEditError,
      'jicofo.authentication.enabled is not a literal value (${JICOFO_AUTH}); edit it by hand (3:15)',
    ],
    [
      // Before: the keys before the one that failed stayed written, and changed was true.
      'set of an object whose last key is a substitution',
      (doc) => doc.set('jicofo.authentication', { type: 'XMPP', 'login-url': 'meet.example.com', enabled: true }),
      UnsupportedEditError,
      'jicofo.authentication.enabled is not a literal value (${JICOFO_AUTH}); edit it by hand (3:15)',
    ],
    [
      'set of a nested object whose inner key cannot be written',
      (doc) => doc.set('jicofo', { bridge: { 'brewery-jid': 'x@y' }, xmpp: { client: { port: 1 } }, authentication: { enabled: false } }),
      UnsupportedEditError,
      'jicofo.authentication.enabled is not a literal value (${JICOFO_AUTH}); edit it by hand (3:15)',
    ],
    [
      'set through a value that is not an object',
      (doc) => doc.set('jicofo.xmpp.client.port.x', 1),
      UnsupportedEditError,
      'jicofo.xmpp.client.port is not an object, so jicofo.xmpp.client.port.x cannot be set inside it (7:14)',
    ],
    ['set of an object over a value', (doc) => doc.set('jicofo.xmpp', 5), UnsupportedEditError, 'jicofo.xmpp is an object; set its keys instead (5:8)'],
    [
      'set of a value that is not a HOCON value',
      (doc) => doc.set('jicofo.a', { ok: 1, bad: Number.NaN }),
      ValidationError,
      'Invalid value for jicofo.a.bad: NaN is not a finite number',
    ],
    ['delete with an invalid path', (doc) => doc.delete('jicofo..x'), ValidationError, 'Invalid path "jicofo..x": each key must be letters, digits, _ and - (found "")'],
    [
      'a batch whose last operation cannot be written',
      (doc) => doc.batch((d) => d.set('jicofo.xmpp.client.port', 1).delete('jicofo.xmpp.client.x').set('jicofo.a.b', 'c').set('jicofo.authentication.enabled', true)),
      UnsupportedEditError,
      'jicofo.authentication.enabled is not a literal value (${JICOFO_AUTH}); edit it by hand (3:15)',
    ],
    [
      'a batch whose function throws after its operations',
      (doc) =>
        doc.batch((d) => {
          d.set('jicofo.xmpp.client.port', 1).set('jicofo.bridge', { 'brewery-jid': 'x@y' });
          throw new ValidationError('stop');
        }),
      ValidationError,
      'stop',
    ],
  ])('%s', (_name, operation, type, message) => {
    const doc = prepared();
    expectFailureKeeps(doc, operation, type, message);
    // Still usable: the next operation starts from the kept state.
    doc.set('jicofo.xmpp.client.port', 5222);
    expect(doc.toString()).toBe(CONF);
    expect(doc.edits).toEqual([]);
    expect(doc.changed).toBe(false);
  });

  it('an object whose keys can all be written is written whole', () => {
    const doc = parseJicofoConf('jicofo {\n  authentication {\n    enabled = false\n  }\n}\n').set('jicofo.authentication', {
      enabled: true,
      type: 'XMPP',
      'login-url': 'meet.example.com',
    });
    expect(doc.toString()).toBe('jicofo {\n  authentication {\n    enabled = true\n    type = "XMPP"\n    login-url = "meet.example.com"\n  }\n}\n');
  });
});

describe('PropertiesDocument: a failed operation leaves the document as it was', () => {
  // A lone backslash on the last line is the empty key to java.util.Properties: a line added
  // after it would change that key's value, so appending is refused.
  const TEXT = 'org.jitsi.jicofo.BRIDGE_MUC=JvbBrewery@internal.auth.meet.example.com\n\\\n';
  const prepared = (): PropertiesDocument => parseProperties(TEXT).set('org.jitsi.jicofo.BRIDGE_MUC', 'x@y');

  it.each<[string, (doc: PropertiesDocument) => unknown, new (...args: never[]) => Error, string]>([
    // An edit that does not read back: EditVerificationError (an UnsupportedEditError, E_UNSUPPORTED_EDIT).
    [
      'set that would change another key',
      (doc) => doc.set('org.jitsi.jicofo.auth.URL', 'XMPP:meet.example.com'),
      EditVerificationError,
      'Editing org.jitsi.jicofo.auth.URL would change the value of "" too; the file was left unchanged',
    ],
    ['set with an invalid key', (doc) => doc.set('a b', 'x'), ValidationError, "Invalid property key \"a b\": use letters, digits, '.', '_' and '-'"],
    ['set of a value that is not a string', (doc) => doc.set('a', 5 as never), ValidationError, 'Invalid value for a: expected a string'],
    ['delete with an invalid key', (doc) => doc.delete('a=b'), ValidationError, "Invalid property key \"a=b\": use letters, digits, '.', '_' and '-'"],
    [
      'a batch whose last operation changes another key',
      (doc) => doc.batch((d) => d.set('org.jitsi.jicofo.BRIDGE_MUC', 'z@y').delete('a').set('org.jitsi.jicofo.auth.URL', 'XMPP:meet.example.com')),
      EditVerificationError,
      'Editing org.jitsi.jicofo.BRIDGE_MUC, org.jitsi.jicofo.auth.URL would change the value of "" too; the file was left unchanged',
    ],
    [
      'a batch with an invalid key',
      (doc) => doc.batch((d) => d.set('org.jitsi.jicofo.BRIDGE_MUC', 'z@y').set('a b', 'x')),
      ValidationError,
      "Invalid property key \"a b\": use letters, digits, '.', '_' and '-'",
    ],
  ])('%s', (_name, operation, type, message) => {
    const doc = prepared();
    expectFailureKeeps(doc, operation, type, message);
    doc.set('org.jitsi.jicofo.BRIDGE_MUC', 'JvbBrewery@internal.auth.meet.example.com');
    expect(doc.toString()).toBe(TEXT);
    expect(doc.changed).toBe(false);
  });
});
