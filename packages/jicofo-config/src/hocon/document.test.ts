import { describe, expect, it } from 'vitest';
import { EditVerificationError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { expectEditInvariants } from '../../../../test/support/edits.js';
import { parseJicofoConf, type HoconDocument, type HoconInput } from '../index.js';
import { errorOf, placed, thrown } from '../../../../test/support/errors.js';

const BASE =
  'jicofo {\n  authentication {\n    enabled = false\n    type = NONE\n  }\n  conference {\n    max-ssrcs-per-user = 20\n    max-ssrc-groups-per-user = ${jicofo.conference.max-ssrcs-per-user}\n  }\n}\n';

function checked(doc: HoconDocument, input: string): string {
  const out = doc.toString();
  expectEditInvariants(input, doc.edits, out);
  return out;
}

describe('set', () => {
  it('replaces the effective value only, with one small edit', () => {
    const doc = parseJicofoConf(BASE).set('jicofo.authentication.enabled', true);
    expect(doc.edits).toEqual([{ offset: 42, length: 5, content: 'true' }]);
    expect(doc.changed).toBe(true);
    checked(doc, BASE);
  });

  it('returns no edits for a value that is already set, and for a change undone', () => {
    expect(parseJicofoConf(BASE).set('jicofo.authentication.type', 'NONE').edits).toEqual([]);
    const doc = parseJicofoConf(BASE).set('jicofo.authentication.type', 'XMPP').set('jicofo.authentication.type', 'NONE');
    expect(doc.edits).toEqual([]);
    expect(doc.changed).toBe(false);
    expect(doc.toString()).toBe(BASE);
  });

  it('keeps one minimal edit list against the original across several operations', () => {
    const doc = parseJicofoConf(BASE)
      .set('jicofo.authentication.enabled', true)
      .set('jicofo.authentication.login-url', 'meet.example.com')
      .set('jicofo.authentication.login-url', 'other.example.com');
    expect(doc.edits).toEqual([
      { offset: 42, length: 5, content: 'true' },
      { offset: 64, length: 0, content: '    login-url = "other.example.com"\n' },
    ]);
    checked(doc, BASE);
  });

  it('writes numbers, booleans, arrays and objects', () => {
    const doc = parseJicofoConf(BASE)
      .set('jicofo.conference.max-ssrcs-per-user', 40)
      .set('jicofo.xmpp.trusted-domains', ['recorder.meet.example.com'])
      .set('jicofo.authentication', { 'enable-auto-login': false, 'authentication-lifetime': '1 hour' });
    expect(doc.get('jicofo.conference.max-ssrcs-per-user')).toBe(40);
    expect(doc.get('jicofo.xmpp')).toEqual({ 'trusted-domains': ['recorder.meet.example.com'] });
    expect(doc.get('jicofo.authentication')).toEqual({ enabled: false, type: 'NONE', 'enable-auto-login': false, 'authentication-lifetime': '1 hour' });
    expect(checked(doc, BASE)).toBe(
      'jicofo {\n  authentication {\n    enabled = false\n    type = NONE\n    enable-auto-login = false\n    authentication-lifetime = "1 hour"\n  }\n' +
        '  conference {\n    max-ssrcs-per-user = 40\n    max-ssrc-groups-per-user = ${jicofo.conference.max-ssrcs-per-user}\n  }\n' +
        '  xmpp {\n    trusted-domains = ["recorder.meet.example.com"]\n  }\n}\n',
    );
  });

  it('refuses to edit a substitution, with its position, and leaves the text alone', () => {
    const doc = parseJicofoConf(BASE);
    const error = errorOf(() => doc.set('jicofo.conference.max-ssrc-groups-per-user', 5));
    expect(error).toBeInstanceOf(UnsupportedEditError);
    expect(placed(error)).toBe('jicofo.conference.max-ssrc-groups-per-user is not a literal value (${jicofo.conference.max-ssrcs-per-user}); edit it by hand (8:32)');
    expect((error as UnsupportedEditError).position).toEqual({ line: 8, column: 32, offset: 142 });
    expect(doc.toString()).toBe(BASE);
    expect(doc.edits).toEqual([]);
  });

  it('refuses to go through a value that is not an object, or to replace an object with a value', () => {
    const doc = parseJicofoConf(BASE);
    expect(placed(errorOf(() => doc.set('jicofo.authentication.type.x', 1)))).toBe(
      'jicofo.authentication.type is not an object, so jicofo.authentication.type.x cannot be set inside it (4:12)',
    );
    expect(placed(errorOf(() => doc.set('jicofo.authentication', 'off')))).toBe('jicofo.authentication is an object; set its keys instead (2:18)');
    expect(doc.toString()).toBe(BASE);
  });

  it('validates paths and values', () => {
    const doc = parseJicofoConf(BASE);
    for (const path of ['', 'a..b', 'a.b c', 'a."b"', 'a.${X}']) {
      expect(errorOf(() => doc.set(path, 1))).toBeInstanceOf(ValidationError);
    }
    expect(errorOf(() => doc.set('a', Number.NaN)).message).toBe('Invalid value for a: NaN is not a finite number');
    expect(errorOf(() => doc.set('a', (() => 1) as never)).message).toBe('Invalid value for a: expected a string, number, boolean, array or plain object');
    expect(errorOf(() => doc.set('a', [new Date()] as never)).message).toBe('Invalid value for a[0]: expected a string, number, boolean, array or plain object');
    expect(doc.toString()).toBe(BASE);
  });

  it('takes a path as an array of keys, for keys that are not plain', () => {
    const input = '"quoted.key" { x = 1 }\n';
    const doc = parseJicofoConf(input).set(['quoted.key', 'y'], 2).set(['new key', 'a"b'], 'v');
    expect(checked(doc, input)).toBe('"quoted.key" { x = 1, y = 2 }\n"new key" {\n  "a\\"b" = "v"\n}\n');
    expect(doc.get(['quoted.key'])).toEqual({ x: 1, y: 2 });
    expect(doc.get(['new key', 'a"b'])).toBe('v');
    expect(errorOf(() => doc.set([], 1))).toBeInstanceOf(ValidationError);
    expect(errorOf(() => doc.set(['a', 5 as never], 1))).toBeInstanceOf(ValidationError);
    expect(doc.delete(['quoted.key', 'x']).get(['quoted.key'])).toEqual({ y: 2 });
  });

  // keys() returns what the file holds, empty keys and keys with control characters included
  // ("" = 1, "a\n" = 2, a key with a tab in it): each must be addressable as an array path.
  it('takes every key keys() can return, quoting and escaping it when written', () => {
    const input = '"" = 1\n"a\\nb" = 2\nc\td = 3\n';
    const doc = parseJicofoConf(input);
    expect(doc.keys()).toEqual(['', 'a\nb', 'c\td']);
    expect(doc.keys().map((k) => doc.get([k]))).toEqual([1, 2, 3]);
    doc.set([''], 4).set(['a\nb'], 5).set(['c\td'], 6).set(['x', '', 'y\u0001'], 7);
    expect(checked(doc, input)).toBe('"" = 4\n"a\\nb" = 5\nc\td = 6\nx {\n  "" {\n    "y\\u0001" = 7\n  }\n}\n');
    expect(doc.get(['x', '', 'y\u0001'])).toBe(7);
    expect(doc.delete(['a\nb']).keys()).toEqual(['', 'c\td', 'x']);
  });

  it('writes numbers that JavaScript prints with an exponent, and reads them back', () => {
    for (const n of [1e21, -1e21, 1.5e300, 1e-7, 5e-324]) {
      const doc = parseJicofoConf('a = 1\n').set('a', n);
      expect(doc.get('a')).toBe(n);
      expect(doc.toString()).toBe(`a = ${String(n)}\n`);
    }
  });

  // HOCON numbers have no negative zero: Typesafe Config and ruby-hocon read -0 and -0.0 as the
  // integer 0. The file says what was given, and get() reads what they read.
  it('writes -0 as -0, and reads it as the readers do', () => {
    const input = 'a = 1\nz = 0\n';
    const doc = parseJicofoConf(input).set('a', -0).set('b', -0).set('c', [-0, 0]);
    expect(checked(doc, input)).toBe('a = -0\nz = 0\nb = -0\nc = [-0, 0]\n');
    expect([doc.get('a'), doc.get('b'), doc.get('c')]).toEqual([0, 0, [0, 0]]);
    expect(Object.is(doc.get('a'), 0)).toBe(true);
    // The sign decides between 0 and -0; nothing else changes.
    expect(parseJicofoConf(doc.toString()).set('a', -0).edits).toEqual([]);
    expect(parseJicofoConf('a = -0.0\n').set('a', -0).edits).toEqual([]);
    expect(parseJicofoConf('a = -0\n').set('a', 0).toString()).toBe('a = 0\n');
    expect(parseJicofoConf('a = 0\n').set('a', -0).toString()).toBe('a = -0\n');
    expect(parseJicofoConf('a = 0.0\n').set('a', 0).edits).toEqual([]);
  });

  // Beyond a long, Typesafe Config reads digits without a `.` or an exponent as a string.
  it('writes whole numbers beyond a long so that they read back as numbers', () => {
    for (const [n, text] of [
      [1e19, '10000000000000000000.0'],
      [-1e19, '-10000000000000000000.0'],
      [2 ** 63, '9223372036854776000.0'],
      [2 ** 62, '4611686018427388000'],
    ] as const) {
      const doc = parseJicofoConf('a = 1\n').set('a', n);
      expect([n, doc.toString()]).toEqual([n, `a = ${text}\n`]);
      expect(doc.get('a')).toBe(n);
    }
  });

  it('writes a duration unquoted where it replaces an unquoted string', () => {
    const input = 'a = PT15S\nb = "15 seconds"\n';
    expect(parseJicofoConf(input).set('a', '20 seconds').set('b', '20 seconds').toString()).toBe('a = 20 seconds\nb = "20 seconds"\n');
  });

  it('keeps an unquoted duration unquoted, so setting it and back gives the original bytes', () => {
    const input = 'jicofo {\n  conference {\n    initial-timeout = 15 seconds\n  }\n}\n';
    const path = 'jicofo.conference.initial-timeout';
    const cases: [string, string][] = [
      ['20 seconds', '20 seconds'],
      ['1.5 minutes', '1.5 minutes'],
      ['15 seconds-x', '15 seconds-x'],
      ['PT20S', 'PT20S'],
      ['20', '"20"'],
      ['20  seconds', '"20  seconds"'],
      ['20 seconds // x', '"20 seconds // x"'],
      ['5. s', '"5. s"'],
      ['true', '"true"'],
    ];
    for (const [value, written] of cases) {
      const doc = parseJicofoConf(input).set(path, value);
      expect(checked(doc, input)).toBe(input.replace('15 seconds', written));
      expect(doc.get(path)).toBe(value);
      if (!written.startsWith('"')) expect(parseJicofoConf(doc.toString()).set(path, '15 seconds').toString()).toBe(input);
    }
  });

  it('quotes what HOCON would read differently unquoted', () => {
    const doc = parseJicofoConf('a = x\nb = y\n');
    for (const value of ['true', 'null', '10', '1.5', '-x', 'a b', 'x.', 'a//b', 'include', '', 'Yes']) {
      doc.set('a', value);
      expect(doc.get('a')).toBe(value);
      expect(doc.toString()).toBe(`a = ${JSON.stringify(value)}\nb = y\n`);
    }
    doc.set('a', 'meet.example.com').set('c', 'XMPP').set('d', 'meet.example.com');
    expect(doc.toString()).toBe('a = "meet.example.com"\nb = y\nc = XMPP\nd = "meet.example.com"\n');
    expect(parseJicofoConf('a = x\n').set('a', 'meet.example.com').toString()).toBe('a = meet.example.com\n');
  });
});

describe('hostile values cannot change the structure', () => {
  const hostile = [
    'x" }\njicofo { authentication { enabled = false } }\n#',
    '${HOME}',
    'a } b = c',
    'line\nbreak\r\n',
    'back\\slash\\',
    '\u0000\u0007\u001b[31m',
    '\u007f\u0085\u2028\u2029',
    '"""',
    '// not a comment # nor this',
  ];

  it.each(hostile)('%j', (value) => {
    const input = 'jicofo {\n  authentication {\n    login-url = "meet.example.com"\n  }\n}\n';
    const doc = parseJicofoConf(input).set('jicofo.authentication.login-url', value).set('jicofo.authentication.new', value);
    const out = checked(doc, input);
    const again = parseJicofoConf(out);
    expect(again.get('jicofo')).toEqual({ authentication: { 'login-url': value, new: value } });
    expect(out.split('\n').length).toBe(input.split('\n').length + 1);
  });
});

describe('keys HOCON reads as keywords', () => {
  it('quotes a key named include, which Typesafe Config and ruby-hocon would take for an include statement', () => {
    const input = 'a = 1\n';
    expect(checked(parseJicofoConf(input).set(['include'], 2), input)).toBe('a = 1\n"include" = 2\n');
    expect(checked(parseJicofoConf(input).set(['include', 'x'], 2), input)).toBe('a = 1\n"include" {\n  x = 2\n}\n');
    expect(checked(parseJicofoConf(input).set(['b', 'include'], 'x'), input)).toBe('a = 1\nb {\n  "include" = "x"\n}\n');
    expect(parseJicofoConf(input).set(['include', 'x'], 2).get(['include', 'x'])).toBe(2);
  });
});

describe('style with little to copy', () => {
  it('takes the colon of `key: {` when the file has no simple field', () => {
    const input = 'jicofo: {\n}\n';
    expect(checked(parseJicofoConf(input).set('jicofo.authentication.type', 'XMPP'), input)).toBe('jicofo: {\n  authentication: {\n    type: "XMPP"\n  }\n}\n');
    const equals = 'jicofo = {\n}\n';
    expect(checked(parseJicofoConf(equals).set('jicofo.a', 1), equals)).toBe('jicofo = {\n  a = 1\n}\n');
  });

  it('writes into a file that holds only a byte order mark without a blank line', () => {
    const doc = parseJicofoConf('\ufeff').set('jicofo.a', 1);
    expect(checked(doc, '\ufeff')).toBe('\ufeffjicofo {\n  a = 1\n}\n');
  });
});

// A file may indent its levels differently (docker's template: jicofo's members by four spaces,
// theirs by two): a new object takes the step of the objects next to it, else the file's unit.
describe('new objects are indented as the objects next to them', () => {
  it.each([
    [
      'a top-level block by its top-level neighbour (four), one in jicofo by its neighbours (two)',
      'jicofo {\n    bridge {\n      x = 1\n    }\n}\n',
      [
        ['tracing.enabled', false],
        ['jicofo.auth.enabled', true],
      ],
      'jicofo {\n    bridge {\n      x = 1\n    }\n    auth {\n      enabled = true\n    }\n}\ntracing {\n    enabled = false\n}\n',
    ],
    [
      'the same in CRLF, without a final line break',
      'jicofo {\r\n    bridge {\r\n      x = 1\r\n    }\r\n}',
      [
        ['tracing.enabled', false],
        ['jicofo.auth.enabled', true],
      ],
      'jicofo {\r\n    bridge {\r\n      x = 1\r\n    }\r\n    auth {\r\n      enabled = true\r\n    }\r\n}\r\ntracing {\r\n    enabled = false\r\n}',
    ],
    ['tabs, a comment before the first member', 'a {\n\t# c\n\tb = 1\n}\n', [['x.y', 1]], 'a {\n\t# c\n\tb = 1\n}\nx {\n\ty = 1\n}\n'],
    [
      'one level deeper at every level of the new object',
      'j {\n  k {\n      a = 1\n  }\n}\n',
      [['j.x.y.z', 1]],
      'j {\n  k {\n      a = 1\n  }\n  x {\n      y {\n          z = 1\n      }\n  }\n}\n',
    ],
    [
      'not by a one-line object or one whose key follows another field on its line',
      'a { b = 1 }\nc = 1, d {\n      e = 1\n}\nf {\n   g = 1\n}\nh {\n      i = 1\n}\n',
      [['x.y', 1]],
      'a { b = 1 }\nc = 1, d {\n      e = 1\n}\nf {\n   g = 1\n}\nh {\n      i = 1\n}\nx {\n   y = 1\n}\n',
    ],
    ['the Allman style', 'a\n{\n    b = 1\n}\n', [['x.y', 1]], 'a\n{\n    b = 1\n}\nx\n{\n    y = 1\n}\n'],
    [
      'an object next to a dotted key, by the objects of its block',
      'j {\n  a.x = 1\n  k {\n      b = 1\n  }\n}\n',
      [['j.a.y', { z: 1 }]],
      'j {\n  a.x = 1\n  a.y {\n      z = 1\n  }\n  k {\n      b = 1\n  }\n}\n',
    ],
    ["no object next to it: the file's unit", 'j {\n  k {\n    a = 1\n  }\n}\nb = 1\n', [['j.k.x.y', 1]], 'j {\n  k {\n    a = 1\n    x {\n      y = 1\n    }\n  }\n}\nb = 1\n'],
  ] as [string, string, [string, HoconInput][], string][])('%s', (_name, input, sets, output) => {
    const doc = sets.reduce((d, [path, value]) => d.set(path, value), parseJicofoConf(input));
    expect(checked(doc, input)).toBe(output);
    for (const [path, value] of sets) expect(doc.get(path)).toEqual(value);
  });
});

describe('dotted keys in one-line blocks', () => {
  it.each([
    ['j { a.x = 1 }\n', 'j.a.y', 'j { a.x = 1, a.y = 2 }\n'],
    ['j { a.x = 1, b = 2 }\n', 'j.a.y', 'j { a.x = 1, b = 2, a.y = 2 }\n'],
    ['j {\n  a.x = 1 }\n', 'j.a.y', 'j {\n  a.x = 1\n  a.y = 2 }\n'],
    ['j { a.x { y = 1 } }\n', 'j.a.z', 'j { a.x { y = 1 }, a.z = 2 }\n'],
    ['a.x = 1, b {\n  c = 1\n}\n', 'a.y', 'a.x = 1, b {\n  c = 1\n}\na {\n  y = 2\n}\n'],
    ['j {\n  a.x = 1, b = 2\n}\n', 'j.a.y', 'j {\n  a.x = 1, b = 2\n  a.y = 2\n}\n'],
  ])('%j: set %s', (input, path, output) => {
    const doc = parseJicofoConf(input).set(path, 2);
    expect(checked(doc, input)).toBe(output);
    expect(doc.get(path)).toBe(2);
  });
});

describe('fields split over lines', () => {
  it('inserts objects in the Allman style of the file (brace on its own line)', () => {
    const input = 'jicofo\n{\n  xmpp\n  {\n    client\n    {\n      port = 5222\n    }\n  }\n}\n';
    const doc = parseJicofoConf(input).set('jicofo.authentication.enabled', true).set('jicofo.xmpp.client.use-tls', false);
    expect(checked(doc, input)).toBe(
      'jicofo\n{\n  xmpp\n  {\n    client\n    {\n      port = 5222\n      use-tls = false\n    }\n  }\n' + '  authentication\n  {\n    enabled = true\n  }\n}\n',
    );
    expect(doc.get('jicofo')).toEqual({ xmpp: { client: { port: 5222, 'use-tls': false } }, authentication: { enabled: true } });
    const crlf = 'a\r\n{\r\n  b\r\n  {\r\n    c = 1\r\n  }\r\n  d { e = 1 }\r\n}\r\n';
    expect(checked(parseJicofoConf(crlf).set('a.x.y', 2), crlf)).toBe('a\r\n{\r\n  b\r\n  {\r\n    c = 1\r\n  }\r\n  d { e = 1 }\r\n  x\r\n  {\r\n    y = 2\r\n  }\r\n}\r\n');
  });

  it('replaces and deletes a value written on the line after its key', () => {
    const input = 'x {\n  a =\n    1\n  b = 2\n}\n';
    expect(checked(parseJicofoConf(input).set('x.a', 3), input)).toBe('x {\n  a =\n    3\n  b = 2\n}\n');
    expect(checked(parseJicofoConf(input).delete('x.a'), input)).toBe('x {\n  b = 2\n}\n');
  });

  it('takes the separator of one-line fields for new keys', () => {
    const input = 'x {\n  a =\n    1\n  b: 2\n}\n';
    expect(checked(parseJicofoConf(input).set('x.c', 3), input)).toBe('x {\n  a =\n    1\n  b: 2\n  c: 3\n}\n');
    const dotted = 'x.a =\n  1\n';
    expect(checked(parseJicofoConf(dotted).set('x.b', 2), dotted)).toBe('x.a =\n  1\nx.b = 2\n');
  });
});

describe('delete', () => {
  it('removes every occurrence, so no earlier one shows through', () => {
    const input = 'jicofo {\n  authentication {\n    type = JWT\n  }\n}\njicofo.authentication.type = XMPP\njicofo { authentication { type = NONE, enabled = true } }\n';
    const doc = parseJicofoConf(input).delete('jicofo.authentication.type');
    expect(checked(doc, input)).toBe('jicofo {\n  authentication {\n  }\n}\njicofo { authentication { enabled = true } }\n');
    expect(doc.has('jicofo.authentication.type')).toBe(false);
    expect(doc.get('jicofo.authentication')).toEqual({ enabled: true });
  });

  it('removes a whole object, and is a no-op for a missing path', () => {
    const doc = parseJicofoConf(BASE).delete('jicofo.conference');
    expect(doc.toString()).toBe('jicofo {\n  authentication {\n    enabled = false\n    type = NONE\n  }\n}\n');
    expect(parseJicofoConf(BASE).delete('jicofo.nothing').edits).toEqual([]);
    expect(parseJicofoConf(BASE).delete('jicofo.authentication.type.x').edits).toEqual([]);
  });

  it('removes a key repeated on one line', () => {
    for (const [input, path, output] of [
      ['a { x = 1, x = 2 }\n', 'a.x', 'a { }\n'],
      ['a { b = 0, x = 1, x = [1, 2] }\n', 'a.x', 'a { b = 0 }\n'],
      ['x = 1, x = 2, y = 3\n', 'x', 'y = 3\n'],
      ['a { x = 1, y = 2, x = 3 }\n', 'a.x', 'a { y = 2 }\n'],
    ]) {
      const doc = parseJicofoConf(input!).delete(path!);
      expect(checked(doc, input!)).toBe(output);
      expect(doc.has(path!)).toBe(false);
    }
  });

  // HOCON separates fields by a comma at the start of the next line too: deleting the field takes
  // that comma, which would otherwise follow an opening brace or another comma.
  it('removes the comma on a later line that separates the field', () => {
    for (const [input, path, output] of [
      ['a.b = 1 # c\n,', 'a.b', ''],
      ['a {\n  x = 1\n  , y = 2\n}\n', 'a.x', 'a {\n  y = 2\n}\n'],
      ['a { x = 1\n, y = 2 }\n', 'a.x', 'a {\ny = 2 }\n'],
      ['w = 0,\nx = 1 // one\n\n  # between\n,\ny = 2\n', 'x', 'w = 0,\n\n  # between\ny = 2\n'],
      ['x = 1\r\n, y = 2\r\n', 'x', 'y = 2\r\n'],
    ]) {
      const doc = parseJicofoConf(input!).delete(path!);
      expect([input, checked(doc, input!)]).toEqual([input, output]);
      expect(doc.has(path!)).toBe(false);
    }
  });

  // delete() removes what its path names and nothing around it: an object it leaves empty stays
  // (the file may have had it so). To undo a set() that created objects, delete the first of them.
  it('leaves an object it empties, and undoes a set that created objects when given the first new key', () => {
    const input = 'jicofo {\n  codec {\n    video {\n    }\n  }\n}\n';
    const set = parseJicofoConf(input).set('jicofo.codec.video.x', 1).toString();
    expect(set).toBe('jicofo {\n  codec {\n    video {\n      x = 1\n    }\n  }\n}\n');
    expect(parseJicofoConf(set).delete('jicofo.codec.video.x').toString()).toBe(input);
    const created = parseJicofoConf(input).set('jicofo.authentication.enabled', true).toString();
    expect(parseJicofoConf(created).delete('jicofo.authentication.enabled').toString()).toBe('jicofo {\n  codec {\n    video {\n    }\n  }\n  authentication {\n  }\n}\n');
    expect(parseJicofoConf(created).delete('jicofo.authentication').toString()).toBe(input);
  });

  it('removes the last line of a file without a final newline', () => {
    const doc = parseJicofoConf('a = 1\r\nb = 2').delete('b');
    expect(doc.toString()).toBe('a = 1');
  });
});

// Typesafe Config and ruby-hocon both read a carriage return that is not before a line feed as a
// space (a comment runs on past it); editors, and the line model the edits are planned with, end a
// line there. Where the two disagree about an edit, the edited text does not read back: the edit is
// refused, nothing changed.
describe('a carriage return alone', () => {
  it('reads as the real readers read it, replaces in place, and refuses a line added after it', () => {
    const text = 'a = 1\r';
    const doc = parseJicofoConf(text);
    expect(doc.get('a')).toBe(1);
    const error = thrown(EditVerificationError, () => doc.set('b', 2));
    expect([error.code, error.failure, error.operation, error.message]).toEqual([
      'E_UNSUPPORTED_EDIT',
      'parse',
      'set b',
      "Cannot set b: the edited jicofo.conf would not parse (Unexpected '='); nothing was changed",
    ]);
    expect([doc.toString(), doc.edits, doc.changed]).toEqual([text, [], false]);
    expect(checked(doc.set('a', 2), text)).toBe('a = 2\r');
  });
});

describe('batch', () => {
  it('runs several operations as one, verified together', () => {
    const doc = parseJicofoConf(BASE).batch((d) =>
      d.set('jicofo.authentication.enabled', true).set('jicofo.conference.max-ssrcs-per-user', 40).delete('jicofo.authentication.type'),
    );
    expect(checked(doc, BASE)).toBe(BASE.replace('false', 'true').replace('20', '40').replace('    type = NONE\n', ''));
    expect(doc.kind).toBe('jicofoConf');
  });
});
