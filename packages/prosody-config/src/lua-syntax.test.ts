/**
 * What Lua 5.4 refuses, the library refuses; what it accepts, the library accepts. The judge is
 * lua5.4 itself, loading each text as Prosody loads a config its main config includes
 * (test-support/load-check.lua). Fixed cases of each class found by differential testing, then
 * seeded generated programs, nestings and limit cases, compared one by one.
 */
import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, UnsupportedEditError } from '@jitsi-confkit/core';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { placed, thrown } from '../../../test/support/errors.js';
import { seeded } from '../../../test/support/random.js';
import { evaluate, loadCheckMany, requireProgram } from './test-support/evaluate.js';
import { limits, nesting, program } from './test-support/lua-gen.js';

const lua = requireProgram('lua5.4');

/** The library's verdict: undefined when it parses, else the ConfigSyntaxError (anything else fails the test). */
function verdict(text: string): ConfigSyntaxError | undefined {
  try {
    parseProsodyConfig(text, { encoding: 'latin1' });
    return undefined;
  } catch (e) {
    if (e instanceof ConfigSyntaxError) return e;
    throw e;
  }
}

/** Refused with this message (without its position) at this line and column. */
function expectRefused(text: string, message: string, line: number, column: number): void {
  const e = verdict(text);
  expect(e, JSON.stringify(text)).toBeInstanceOf(ConfigSyntaxError);
  expect(placed(e)).toBe(`${message} (${line}:${column})`);
  expect([e!.line, e!.column]).toEqual([line, column]);
}

describe.skipIf(!lua)('luaparse’s gaps, refused or accepted as Lua 5.4 does', () => {
  it('a list missing a separator before an empty or symbol-like string', () => {
    const refused: [string, string, number, number][] = [
      ['modules_enabled = { "bosh" "" }\n', `Lua syntax error: '}' expected near '""'`, 1, 28],
      ['modules_enabled = {\n    "bosh";\n    "ping" ""\n}\n', `Lua syntax error: '}' expected near '""'`, 3, 12],
      ["modules_enabled = { 'bosh' '' }\r\n", `Lua syntax error: '}' expected near ''''`, 1, 28],
      ['modules_enabled = { "bosh" [[]] }', `Lua syntax error: '}' expected near '[[]]'`, 1, 28],
      ['modules_enabled = { "bosh" ";" "ping" }\n', `Lua syntax error: '}' expected near '";"'`, 1, 28],
      ['modules_enabled = {\t"bosh" --[[ c ]] ","\t"ping" }\n', `Lua syntax error: '}' expected near '","'`, 1, 38],
      ['VirtualHost "x" { a = 1 "}"\n', `Lua syntax error: '}' expected near '"}"'`, 1, 25],
      ['local x "=" 1\n', `Lua syntax error: unexpected string '"="' near '1'`, 1, 9],
      ['x = 1 ";"\n', `Lua syntax error: unexpected string '";"' near '<eof>'`, 1, 7],
      // `x "then"` is a call, as for Lua: the `then` is missing before `end`.
      ['if x "then" end\n', `Lua syntax error: 'then' expected near 'end'`, 1, 13],
    ];
    for (const [text, message, line, column] of refused) expectRefused(text, message, line, column);
    expect(loadCheckMany(refused.map(([t]) => t)).every((r) => r !== undefined)).toBe(true);
  });

  it('strings that look like keywords or symbols where Lua takes them as values', () => {
    const accepted = ['return "end"\n', 'x = { b"=" }\n', 'do return; end\n', 'x = { "a"; "," }\n', 'f(";")\n'];
    expect(loadCheckMany(accepted)).toEqual(accepted.map(() => undefined));
    for (const text of accepted) expect(verdict(text), text).toBeUndefined();
    expect(parseProsodyConfig('x = { b"=" }\ny = { "a"; "," }\n').get('global', 'y')).toEqual(['a', ',']);
  });

  it('numerals as Lua reads them', () => {
    expectRefused('x = 1e3end\n', "Lua syntax error: malformed number near '1e3en'", 1, 10);
    expectRefused('x = 3..2\n', "Lua syntax error: malformed number near '3..2'", 1, 9);
    expectRefused('x = 0x\n', "Lua syntax error: malformed number near '0x'", 1, 7);
    const cfg = parseProsodyConfig('a = 0x.8\nb = 0xA.8p1\nc = 0xffffffffffffffff\nd = 9223372036854775807\ne = 1e999\n');
    expect([cfg.get('global', 'a'), cfg.get('global', 'b'), cfg.get('global', 'c'), cfg.get('global', 'e')]).toEqual([0.5, 21, -1, Infinity]);
    // An integer a JavaScript number cannot hold exactly is refused, not rounded.
    expect(placed(thrown(UnsupportedEditError, () => cfg.get('global', 'd')))).toBe(
      'The value of d is an integer that a JavaScript number cannot hold exactly (9223372036854775807): edit it by hand (4:5)',
    );
    expect(evaluate('a = 0x.8\nb = 0xA.8p1\nc = 0xffffffffffffffff\n').global).toEqual({ a: 0.5, b: 21, c: -1 });
  });

  it('negative zero: `-0` is Lua’s integer 0, `-0.0` the float -0, and -0 is written as -0.0', () => {
    const text = 'a = -0\nb = -0.0\nc = 0\n';
    const cfg = parseProsodyConfig(text);
    expect(Object.is(cfg.get('global', 'a'), 0)).toBe(true);
    expect(Object.is(cfg.get('global', 'b'), -0)).toBe(true);
    const real = evaluate(text).global;
    expect([Object.is(real.a, 0), Object.is(real.b, -0)]).toEqual([true, true]);
    // -0 written where the value is 0 (integer or -0 as written), 0 where it is -0.0; the same value is a no-op.
    const edited = parseProsodyConfig(text).set('global', 'a', -0).set('global', 'b', 0).set('global', 'c', -0).set('global', 'd', -0);
    expect(edited.toString()).toBe('a = -0.0\nb = 0\nc = -0.0\nd = -0.0\n');
    expect(parseProsodyConfig(edited.toString()).set('global', 'a', -0).set('global', 'b', 0).edits).toEqual([]);
    const back = evaluate(edited.toString()).global;
    expect([Object.is(back.a, -0), Object.is(back.b, 0), Object.is(back.c, -0), Object.is(back.d, -0)]).toEqual([true, true, true, true]);
    expect(parseProsodyConfig('x = { -0, 1 }\n').set('global', 'x', [-0, 1]).toString()).toBe('x = { -0.0, 1 }\n');
  });

  it('Lua 5.4’s \\u{} escapes up to 7FFFFFFF, and long strings read with \\n line breaks', () => {
    expect(verdict('x = "\\u{7FFFFFFF}"\n')).toBeUndefined();
    expectRefused('x = "\\u{80000000}"\n', "Lua syntax error: UTF-8 value too large near '\\u{80000000'", 1, 17);
    const crlf = 'x = [[a\r\nb]]\r\ny = [==[\r\nc\rd\n\re]==]\r\n';
    const cfg = parseProsodyConfig(crlf);
    expect([cfg.get('global', 'x'), cfg.get('global', 'y')]).toEqual(['a\nb', 'c\nd\ne']);
    expect(evaluate(crlf).global).toEqual({ x: 'a\nb', y: 'c\nd\ne' });
  });

  it('a first line starting with # (load() does not skip it, unlike luac)', () => {
    expectRefused('#!/usr/bin/lua\nx = 1\n', "Lua syntax error: unexpected symbol '!' near '#'", 1, 2);
    expect(loadCheckMany(['#!/usr/bin/lua\nx = 1\n'])[0]).toBe("input:1: unexpected symbol near '#'");
  });

  it('Lua 5.4 labels: a name visible from an enclosing block cannot be used again', () => {
    expectRefused('::l::\ndo ::l:: end\n', "Lua syntax error: label 'l' already defined on line 1", 2, 6);
    expect(verdict('do ::l:: end\ndo ::l:: end\n')).toBeUndefined();
  });
});

describe.skipIf(!lua)('Lua 5.4 attributes: local x <const>, <close>', () => {
  it('are accepted, with the settings around them read and edited as usual', () => {
    const text = 'local domain <const> = "meet.example.com"\nlocal f <close> = nil\nVirtualHost "meet.example.com"\n    authentication = "anonymous"\n';
    expect(loadCheckMany([text])).toEqual([undefined]);
    const cfg = parseProsodyConfig(text).set({ host: 'meet.example.com' }, 'authentication', 'internal_hashed');
    expect(cfg.toString()).toBe(text.replace('"anonymous"', '"internal_hashed"'));
    expect(loadCheckMany([cfg.toString()])).toEqual([undefined]);
  });

  it('refuse an assignment to a read-only variable, an unknown attribute, two to-be-closed variables', () => {
    const cases: [string, string, number, number][] = [
      ['local x <const> = 1\nx = 2\n', "Lua syntax error: attempt to assign to const variable 'x'", 2, 1],
      ['local x <close> = nil\nfunction g() x = 2 end\n', "Lua syntax error: attempt to assign to const variable 'x'", 2, 14],
      ['local x <const> = 1\nfunction x() end\n', "Lua syntax error: attempt to assign to const variable 'x'", 2, 10],
      ['local x < const > = 1\ny, x = 1, 2\n', "Lua syntax error: attempt to assign to const variable 'x'", 2, 4],
      ['local x <constant> = 1\n', "Lua syntax error: unknown attribute 'constant'", 1, 10],
      ['local a <close>, b <close> = nil\n', 'Lua syntax error: multiple to-be-closed variables in local list', 1, 21],
    ];
    for (const [text, message, line, column] of cases) expectRefused(text, message, line, column);
    expect(loadCheckMany(cases.map(([t]) => t)).every((r) => r !== undefined)).toBe(true);
    // Shadowed, or a field of it: allowed.
    const fine = ['local x <const> = 1\ndo local x = 2; x = 3 end\n', 'local t <const> = {}\nt.a = 1\n', 'local x <const> = 1\nfunction f(x) x = 2 end\n'];
    expect(loadCheckMany(fine)).toEqual(fine.map(() => undefined));
    for (const text of fine) expect(verdict(text), text).toBeUndefined();
  });
});

describe.skipIf(!lua)('nesting: a typed error at Lua’s limit, never a RangeError', () => {
  it('3,000 levels give a ConfigSyntaxError naming the limit where it is passed', () => {
    expectRefused(`x = ${'{'.repeat(3000)}${'}'.repeat(3000)}\n`, "Lua syntax error: the file nests blocks and expressions more than 196 levels deep near '{'", 1, 200);
    expectRefused(`x = ${'('.repeat(3000)}1${')'.repeat(3000)}\n`, "Lua syntax error: the file nests blocks and expressions more than 196 levels deep near '('", 1, 200);
    expectRefused(`${'do '.repeat(3000)}${'end '.repeat(3000)}`, "Lua syntax error: the file nests blocks and expressions more than 196 levels deep near 'do'", 1, 589);
    expectRefused(`x = ${"'a' .. ".repeat(10000)}'a'\n`, "Lua syntax error: the file nests blocks and expressions more than 196 levels deep near ''a''", 1, 1370);
    expectRefused(`x = ${'- '.repeat(10000)}1\n`, "Lua syntax error: the file nests blocks and expressions more than 196 levels deep near '-'", 1, 395);
  });

  it('the boundary of each construct is Lua’s, as Prosody includes a file', () => {
    // Each shape at the depths around the limit: the library refuses exactly what Lua refuses.
    const shapes: ((n: number) => string)[] = [
      (n) => `x = ${'{'.repeat(n)}${'}'.repeat(n)}\n`,
      (n) => `x = ${'('.repeat(n)}1${')'.repeat(n)}\n`,
      (n) => `x = ${'not '.repeat(n)}1\n`,
      (n) => `x = ${'2 ^ '.repeat(n)}2\n`,
      (n) => `${'do '.repeat(n)}${'end '.repeat(n)}\n`,
      (n) => `${'if x then '.repeat(n)}${'end '.repeat(n)}\n`,
      (n) => `x = ${'function() return '.repeat(n)}1${' end'.repeat(n)}\n`,
      (n) => `x = ${'f('.repeat(n)}1${')'.repeat(n)}\n`,
      (n) => `x = a${'[a'.repeat(n)}${']'.repeat(n)}\n`,
      (n) => `x = ${'{a='.repeat(n)}1${'}'.repeat(n)}\n`,
      (n) => `${Array.from({ length: n }, (_, i) => `v${i}`).join(', ')} = 1\n`,
    ];
    const texts = shapes.flatMap((shape) => [92, 93, 94, 95, 96, 97, 98, 99, 193, 194, 195, 196, 197, 198, 199].map(shape));
    const real = loadCheckMany(texts);
    texts.forEach((text, i) => expect(verdict(text) === undefined, `${text.slice(0, 40)}… (${text.length} bytes)`).toBe(real[i] === undefined));
    expect(real.filter((r) => r !== undefined).length).toBeGreaterThan(40);
  });

  it('600 random nestings of mixed constructs around the limit agree with Lua', () => {
    const rnd = seeded(196);
    const texts = Array.from({ length: 600 }, () => nesting(rnd, 80 + Math.floor(rnd() * 120)));
    const real = loadCheckMany(texts);
    texts.forEach((text, i) => expect(verdict(text) === undefined, text.slice(0, 300)).toBe(real[i] === undefined));
    const refused = real.filter((r) => r !== undefined).length;
    expect(refused).toBeGreaterThan(100);
    expect(refused).toBeLessThan(500);
  });
});

describe.skipIf(!lua)('generated programs: the library’s verdict is Lua’s', () => {
  it('6,000 small programs over the whole grammar, half of them mutated', () => {
    const rnd = seeded(54);
    const texts = Array.from({ length: 6000 }, () => program(rnd));
    const real = loadCheckMany(texts);
    let accepted = 0;
    texts.forEach((text, i) => {
      const ours = verdict(text);
      expect(ours === undefined, `${JSON.stringify(text)}: lua says ${real[i] ?? 'ok'}, we say ${ours?.message ?? 'ok'}`).toBe(real[i] === undefined);
      if (ours === undefined) accepted++;
    });
    expect(accepted).toBeGreaterThan(300);
  });

  it('1,500 programs around the limits of 254 registers, 200 locals and 255 upvalues', () => {
    const rnd = seeded(254);
    const texts = Array.from({ length: 1500 }, () => limits(rnd));
    const real = loadCheckMany(texts);
    const kinds = new Set<string>();
    texts.forEach((text, i) => {
      expect(verdict(text) === undefined, `${text.slice(-200)}: lua says ${real[i] ?? 'ok'}`).toBe(real[i] === undefined);
      if (real[i] !== undefined) kinds.add(real[i].replace(/^input:\d+: /, '').replace(/ near .*| in .*|\(.*/, ''));
    });
    expect([...kinds].sort()).toEqual(['C stack overflow', 'function or expression needs too many registers', 'too many local variables ', 'too many upvalues ']);
  });
});
