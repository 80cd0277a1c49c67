import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import jsesc from 'jsesc';
import { jsString, luaString } from './index.js';
import { random } from './test-support/random.js';

const tricky = [
  'plain',
  "O'Brien",
  'say "hi"',
  'back\\slash\\',
  'line\nbreak\r\n',
  'u2028\u2028u2029\u2029',
  '</script><script>alert(1)</script>',
  "x', alert(1), '",
  'x" ; os.execute("id") --',
  'nul\u0000after',
  'nul\u00001digit',
  'tab\tbell\u0007del\u007f',
  'Grüße ✓',
  '${x} `tick`',
  ']]--[[',
];

describe('jsString', () => {
  it.each(tricky)('round-trips %j through a JS engine in both quote styles', (value) => {
    for (const quote of ["'", '"'] as const) {
      const literal = jsString(value, quote);
      expect(literal.startsWith(quote) && literal.endsWith(quote)).toBe(true);
      expect(vm.runInNewContext(`(${literal})`)).toBe(value);
      // Exactly one string token: no way out of the literal.
      expect(vm.runInNewContext(`[${literal}].length`)).toBe(1);
    }
  });

  it.each([
    ['</script><script>alert(1)</script>', "'<\\/script><script>alert(1)<\\/script>'"],
    ['</SCRIPT >', "'<\\/SCRIPT >'"],
    ['</style>', "'<\\/style>'"],
    ['<!--#exec cmd="id" -->', '\'\\x3C!--#exec cmd="id" -->\''],
    ['a\\</script', "'a\\\\<\\/script'"],
  ])('is safe inside <script> and SSI: %j', (value, expected) => {
    const literal = jsString(value);
    expect(literal).toBe(expected);
    expect(literal).not.toMatch(/<\/script|<\/style|<!--/i);
    expect(vm.runInNewContext(`(${literal})`)).toBe(value);
  });

  it('keeps readable text readable', () => {
    expect(jsString("O'Brien Meet")).toBe("'O\\'Brien Meet'");
    expect(jsString('Grüße', '"')).toBe('"Grüße"');
    expect(jsString('a\u0001b')).toBe("'a\\x01b'");
  });
});

describe('luaString', () => {
  it('escapes delimiters, backslashes, newlines and control bytes', () => {
    expect(luaString('x" ; os.execute("id") --')).toBe('"x\\" ; os.execute(\\"id\\") --"');
    expect(luaString("it's", "'")).toBe("'it\\'s'");
    expect(luaString('a\u00001')).toBe('"a\\0001"');
    expect(luaString('a\r\nb\\')).toBe('"a\\r\\nb\\\\"');
  });

  const lua = (() => {
    try {
      execFileSync('lua5.4', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!lua && process.env.CI === 'true') throw new Error('lua5.4 is required under CI');

  it.skipIf(!lua)('round-trips every tricky value through the real Lua 5.4 lexer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confkit-lua-'));
    // Values as bytes: UTF-8 text is written as its latin1 form, as in a latin1-decoded file.
    const values = tricky.map((v) => Buffer.from(v, 'utf8').toString('latin1'));
    const script = ['local t = {', ...values.map((v) => `  ${luaString(v)},`), '}', 'for i = 1, #t do io.write(#t[i], ":", t[i], "\\n") end'].join('\n');
    const file = join(dir, 't.lua');
    try {
      writeFileSync(file, script, 'latin1');
      const out = execFileSync('lua5.4', [file]).toString('latin1');
      expect(out).toBe(values.map((v) => `${v.length}:${v}\n`).join(''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('jsString on text that needs no escape', () => {
  it('gives what jsesc gives, on every printable ASCII character and on random ASCII strings', () => {
    const viaJsesc = (value: string, quote: "'" | '"'): string => jsesc(value, { quotes: quote === "'" ? 'single' : 'double', wrap: true, minimal: true, isScriptContext: true });
    const rng = random(5);
    const samples = [
      ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
      ...Array.from({ length: 300 }, () => Array.from({ length: rng.int(12) }, () => String.fromCharCode(32 + rng.int(95))).join('')),
    ];
    for (const value of samples) {
      for (const quote of ["'", '"'] as const) expect(jsString(value, quote)).toBe(viaJsesc(value, quote));
    }
    expect(jsString('</script', "'")).toBe("'<\\/script'");
  });
});
