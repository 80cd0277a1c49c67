/**
 * The input contract: a Prosody config is given as read with 'utf8' (offsets count UTF-16 code
 * units), as read with 'latin1' (`{ encoding: 'latin1' }`, offsets count bytes), or as bytes
 * (offsets count bytes; toBytes() gives every byte back, UTF-8 or not). Comments and values with
 * ✓ and an em dash, CRLF, a byte that is not UTF-8.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, ConfigSyntaxError, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { placed, thrown } from '../../../test/support/errors.js';
import { evaluate, requireProgram } from './test-support/evaluate.js';

const lua = requireProgram('lua5.4');
const HOST = { host: 'meet.example.com' };
/** As an editor saves it: UTF-8, CRLF, ✓ and — in comments and in a value. */
const TEXT = [
  '-- Jitsi — secure domain ✓',
  'VirtualHost "meet.example.com"',
  '    name = "Meet — ✓ für alle" -- the title ✓',
  '    authentication = "anonymous" -- — do not delete me',
  '',
].join('\r\n');

describe('a string read with utf8', () => {
  it('parses, reads values and edits, with offsets in UTF-16 code units', () => {
    const cfg = parseProsodyConfig(TEXT);
    expect(cfg.get(HOST, 'name')).toBe('Meet — ✓ für alle');
    const edited = cfg.set(HOST, 'authentication', 'internal_hashed').set(HOST, 'name', 'Réunion ✓ — 😀');
    const out = edited.toString();
    expect(out).toBe(TEXT.replace('"anonymous"', '"internal_hashed"').replace('"Meet — ✓ für alle"', '"Réunion ✓ — 😀"'));
    expect(edited.edits).toEqual([
      { offset: TEXT.indexOf('"Meet'), length: '"Meet — ✓ für alle"'.length, content: '"Réunion ✓ — 😀"' },
      { offset: TEXT.indexOf('"anonymous"'), length: '"anonymous"'.length, content: '"internal_hashed"' },
    ]);
    expect(applyEdits(TEXT, edited.edits)).toBe(out);
    expect(Buffer.from(edited.toBytes())).toEqual(Buffer.from(out, 'utf8'));
    expect(edited.locate(HOST, 'authentication')).toEqual({ line: 4, column: 5, offset: out.indexOf('authentication') });
    expect(parseProsodyConfig(out).get(HOST, 'name')).toBe('Réunion ✓ — 😀');
  });

  it('gives errors at positions in UTF-16 code units, with the line shown as text', () => {
    const bad = 'x = "— ✓" )\n';
    const e = thrown(ConfigSyntaxError, () => parseProsodyConfig(bad));
    expect([e.line, e.column, e.offset]).toEqual([1, 11, bad.indexOf(')')]);
    expect(placed(e)).toBe("Lua syntax error: unexpected symbol ')' near '<eof>' (1:11)");
    expect(e.frame).toBe('> 1 | x = "— ✓" )\n    |           ^\n  2 |');
    const call = 'motd = "— ✓"\nVirtualHost "meet.example.com"\n    name = "ü" .. f()\n';
    const u = thrown(UnsupportedEditError, () => parseProsodyConfig(call).get(HOST, 'name'));
    expect(u.position).toEqual({ line: 3, column: 12, offset: call.indexOf('"ü" ..') });
    expect(placed(u)).toBe('The value of name is not a literal ("ü" .. f()): edit it by hand (3:12)');
  });

  it('refuses a lone surrogate, which no file can hold', () => {
    const e = thrown(ValidationError, () => parseProsodyConfig('x = "\ud800"\n'));
    expect(e.message).toBe("parseProsodyConfig: the text holds a lone surrogate U+D800 at 1:6, which no UTF-8 file can hold: pass the file's bytes (a Buffer) instead");
  });
});

describe('bytes', () => {
  /** A file with a latin1 é (not UTF-8) in a comment, and UTF-8 elsewhere. */
  const bytes = Buffer.concat([Buffer.from('-- caf'), Buffer.from([0xe9]), Buffer.from(' ✓\nVirtualHost "meet.example.com"\n    authentication = "anonymous"\n')]);

  it('round-trip byte for byte, bytes that are not UTF-8 included, with offsets in bytes', () => {
    const cfg = parseProsodyConfig(bytes);
    expect(Buffer.from(cfg.toBytes())).toEqual(bytes);
    cfg.set(HOST, 'authentication', 'internal_hashed').set(HOST, 'motd', 'Grüße ✓');
    const out = Buffer.from(cfg.toBytes());
    expect(out).toEqual(Buffer.concat([bytes.subarray(0, bytes.indexOf('"anonymous"')), Buffer.from('"internal_hashed"\n    motd = "Grüße ✓"\n')]));
    // Edits count bytes and carry bytes (one character per byte).
    expect(Buffer.from(applyEdits(bytes.toString('latin1'), cfg.edits), 'latin1')).toEqual(out);
    expect(cfg.edits[0]).toEqual({ offset: bytes.indexOf('"anonymous"'), length: 11, content: '"internal_hashed"' });
    expect(cfg.toString()).toBe(new TextDecoder().decode(out));
    expect(cfg.locate(HOST, 'authentication')!.offset).toBe(bytes.indexOf('authentication'));
    if (lua) expect(evaluate(out.toString('latin1')).hosts['meet.example.com']!.settings).toEqual({ authentication: 'internal_hashed', motd: 'Grüße ✓' });
  });

  it('give errors in bytes', () => {
    const bad = Buffer.from('x = "— ✓" )\n');
    const e = thrown(ConfigSyntaxError, () => parseProsodyConfig(bad));
    expect([e.line, e.column, e.offset]).toEqual([1, 15, bad.indexOf(')')]);
  });
});

describe('a string read with latin1, as before', () => {
  it('keeps working with { encoding: "latin1" }: offsets count bytes, the text stays latin1', () => {
    const latin1 = Buffer.from(TEXT).toString('latin1');
    const cfg = parseProsodyConfig(latin1, { encoding: 'latin1' }).set(HOST, 'authentication', 'internal_hashed');
    expect(cfg.get(HOST, 'name')).toBe('Meet — ✓ für alle');
    expect(cfg.toString()).toBe(latin1.replace('"anonymous"', '"internal_hashed"'));
    expect(cfg.edits).toEqual([{ offset: latin1.indexOf('"anonymous"'), length: 11, content: '"internal_hashed"' }]);
  });

  it('without the option is read as a utf8 string: the same bytes back, but values as the characters given', () => {
    // What a caller of the old contract gets without the option: nothing lost, "Ã¼" read as is.
    const latin1 = Buffer.from('name = "für"\n').toString('latin1');
    const cfg = parseProsodyConfig(latin1);
    expect(cfg.get('global', 'name')).toBe('fÃ¼r');
    expect(cfg.set('global', 'x', 1).toString()).toBe(`${latin1}x = 1\n`);
  });

  it('refuses a string that cannot be a latin1 reading', () => {
    const e = thrown(ValidationError, () => parseProsodyConfig('x = "✓"\n', { encoding: 'latin1' }));
    expect(e.message).toBe(
      "parseProsodyConfig: the text holds U+2713 at 1:6, so it is not a 'latin1' reading (one character per byte): pass the string as read with 'utf8', without the encoding option",
    );
  });
});
