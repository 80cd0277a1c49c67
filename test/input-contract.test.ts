/**
 * One input contract for every parse function: a string read with 'utf8' (offsets in UTF-16 code
 * units), a string read with 'latin1' ({ encoding: 'latin1' }, offsets in bytes), or bytes (offsets
 * in bytes; toBytes() gives every byte back). The same checks on every kind of file, each with an
 * em dash and a ✓ in a comment and in a value, CRLF line endings, a byte that is not UTF-8, and a
 * byte order mark.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, ConfigSyntaxError, type TextEdit } from '@jitsi-confkit/core';
import { parseJicofoConf, parseProperties } from '@jitsi-confkit/jicofo-config';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { parseInterfaceConfig, parseMeetConfig } from '@jitsi-confkit/web-config';
import { thrown } from './support/errors.js';

interface Doc {
  toString(): string;
  toBytes(): Uint8Array;
  readonly edits: TextEdit[];
  readonly changed: boolean;
}

interface Kind {
  parse: (input: string | Uint8Array, options?: { encoding?: 'utf8' | 'latin1' }) => Doc;
  /** The file, as an editor saves it (CRLF). */
  text: string;
  /** A comment line that takes a latin1 é (a byte that is not UTF-8). */
  comment: (s: string) => string;
  edit: (doc: Doc) => void;
  read: (doc: Doc) => unknown;
  /** What read() gives before the edit. */
  value: unknown;
  /** A text that does not parse, with the problem after an em dash on line 1. */
  bad: string;
  /** Whether the kind's reader takes a byte order mark (Prosody's load() does not). */
  bom: boolean;
}

const KINDS: Record<string, Kind> = {
  interfaceConfig: {
    parse: (i, o) => parseInterfaceConfig(i, o),
    text: "// Jitsi — ✓\r\nvar interfaceConfig = {\r\n    APP_NAME: 'Meet — ✓',\r\n    SHOW_BRAND_WATERMARK: false,\r\n};\r\n",
    comment: (s) => `// ${s}\r\n`,
    edit: (d) => void (d as ReturnType<typeof parseInterfaceConfig>).set('SHOW_BRAND_WATERMARK', true),
    read: (d) => (d as ReturnType<typeof parseInterfaceConfig>).get('APP_NAME'),
    value: 'Meet — ✓',
    bad: "var interfaceConfig = { APP_NAME: '— ✓' ) };\n",
    bom: true,
  },
  meetConfig: {
    parse: (i, o) => parseMeetConfig(i, o),
    text: "// — ✓\r\nvar config = {\r\n    // Überschrift ✓\r\n    subject: 'Réunion — ✓',\r\n    requireDisplayName: false,\r\n};\r\n",
    comment: (s) => `// ${s}\r\n`,
    edit: (d) => void (d as ReturnType<typeof parseMeetConfig>).set('requireDisplayName', true),
    read: (d) => (d as ReturnType<typeof parseMeetConfig>).get('subject'),
    value: 'Réunion — ✓',
    bad: "var config = { subject: '— ✓' ) };\n",
    bom: true,
  },
  prosody: {
    parse: (i, o) => parseProsodyConfig(i, o),
    text: '-- Jitsi — ✓\r\nVirtualHost "meet.example.com"\r\n    name = "Meet — ✓"\r\n    authentication = "anonymous"\r\n',
    comment: (s) => `-- ${s}\r\n`,
    edit: (d) => void (d as ReturnType<typeof parseProsodyConfig>).set({ host: 'meet.example.com' }, 'authentication', 'internal_hashed'),
    read: (d) => (d as ReturnType<typeof parseProsodyConfig>).get({ host: 'meet.example.com' }, 'name'),
    value: 'Meet — ✓',
    bad: 'x = "— ✓" )\n',
    bom: false,
  },
  jicofoConf: {
    parse: (i, o) => parseJicofoConf(i, o),
    text: '# — ✓\r\njicofo {\r\n  name = "Jicofo — ✓"\r\n  authentication {\r\n    enabled = false\r\n  }\r\n}\r\n',
    comment: (s) => `# ${s}\r\n`,
    edit: (d) => void (d as ReturnType<typeof parseJicofoConf>).set('jicofo.authentication.enabled', true),
    read: (d) => (d as ReturnType<typeof parseJicofoConf>).get('jicofo.name'),
    value: 'Jicofo — ✓',
    bad: 'jicofo { name = "— ✓" }}\n',
    bom: true,
  },
  sipCommunicator: {
    parse: (i, o) => parseProperties(i, o),
    text: '# — ✓\r\norg.jitsi.jicofo.NAME=Jicofo — ✓\r\norg.jitsi.jicofo.auth.URL=XMPP:meet.example.com\r\n',
    comment: (s) => `# ${s}\r\n`,
    edit: (d) => void (d as ReturnType<typeof parseProperties>).set('org.jitsi.jicofo.auth.URL', 'XMPP:guest.meet.example.com'),
    read: (d) => (d as ReturnType<typeof parseProperties>).get('org.jitsi.jicofo.NAME'),
    value: 'Jicofo — ✓',
    bad: 'a=— ✓ \\u12G4\n',
    bom: true,
  },
};

/** A latin1 string's bytes, and back. */
const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

describe.each(Object.entries(KINDS))('%s', (_, k) => {
  it('a string read with utf8: values, edits in UTF-16 code units, toBytes its UTF-8', () => {
    const doc = k.parse(k.text);
    expect(doc.toString()).toBe(k.text);
    expect(k.read(doc)).toBe(k.value);
    k.edit(doc);
    const out = doc.toString();
    expect(doc.changed).toBe(true);
    expect(applyEdits(k.text, doc.edits)).toBe(out);
    expect(out.includes('\r\n') && !/[^\r]\n/.test(out)).toBe(true);
    expect(Buffer.from(doc.toBytes())).toEqual(Buffer.from(out, 'utf8'));
    expect(k.read(k.parse(out))).toBe(k.value);
  });

  it('bytes, with a byte that is not UTF-8: every byte back, edits in bytes', () => {
    const bytes = Buffer.concat([Buffer.from(k.comment('caf'), 'utf8').subarray(0, -2), Buffer.from([0xe9, 0x0d, 0x0a]), Buffer.from(k.text)]);
    const doc = k.parse(bytes);
    expect(Buffer.from(doc.toBytes())).toEqual(bytes);
    expect(k.read(doc)).toBe(k.value);
    k.edit(doc);
    const out = doc.toBytes();
    expect(applyEdits(latin1(bytes), doc.edits)).toBe(latin1(out));
    // Only what the edit changed differs: the é byte is still there.
    expect(Buffer.from(out).subarray(0, bytes.indexOf(0xe9) + 1)).toEqual(bytes.subarray(0, bytes.indexOf(0xe9) + 1));
    expect(k.read(k.parse(out))).toBe(k.value);
  });

  it('a string read with latin1, with the option: edits in bytes, the text stays latin1', () => {
    const text = Buffer.from(k.text).toString('latin1');
    const doc = k.parse(text, { encoding: 'latin1' });
    expect(k.read(doc)).toBe(k.value);
    k.edit(doc);
    expect(applyEdits(text, doc.edits)).toBe(doc.toString());
    expect(doc.toString()).toBe(latin1(doc.toBytes()));
  });

  it('errors at the same place in each unit: UTF-16 code units for a string, bytes for bytes', () => {
    const inText = thrown(ConfigSyntaxError, () => k.parse(k.bad));
    const inBytes = thrown(ConfigSyntaxError, () => k.parse(Buffer.from(k.bad)));
    expect(inText.line).toBe(1);
    expect(inText.offset).toBeGreaterThan(k.bad.indexOf('✓'));
    expect(inBytes.offset).toBe(Buffer.byteLength(k.bad.slice(0, inText.offset)));
    expect([inBytes.line, inBytes.column]).toEqual([1, inBytes.offset + 1]);
    expect(inText.column).toBe(inText.offset + 1);
    // The position is in the fields only: the message is the same words in both units.
    expect([inText.message, inBytes.message]).toEqual([inText.reason, inText.reason]);
  });

  it('a byte order mark', () => {
    const withBom = `\ufeff${k.text}`;
    if (!k.bom) {
      for (const input of [withBom, Buffer.from(withBom)])
        expect([thrown(ConfigSyntaxError, () => k.parse(input)).line, thrown(ConfigSyntaxError, () => k.parse(input)).column]).toEqual([1, 1]);
      return;
    }
    const doc = k.parse(Buffer.from(withBom));
    k.edit(doc);
    expect(Buffer.from(doc.toBytes()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = k.parse(withBom);
    k.edit(text);
    expect(text.toString().startsWith('\ufeff')).toBe(true);
    // The same place: U+FEFF is one code unit and three bytes (and — one and three, ✓ one and three).
    expect(doc.edits[0]!.offset).toBe(Buffer.byteLength(withBom.slice(0, text.edits[0]!.offset)));
  });
});
