/**
 * Seeded generators of Lua texts for differential tests against lua5.4: small programs over the
 * whole grammar (with the lexical corner cases: strings that look like symbols, escapes, numerals,
 * long brackets, labels, attributes) mutated a token at a time; nestings of every construct around
 * Lua's depth limit; and programs around the register, local and upvalue limits. Each takes a
 * seeded generator (test/support/random.ts).
 */

type Rnd = () => number;
const pick = <T>(rnd: Rnd, a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
const int = (rnd: Rnd, a: number, b: number): number => a + Math.floor(rnd() * (b - a + 1));
const list = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

const STRINGS = [
  '""',
  "''",
  '","',
  '";"',
  '"}"',
  '")"',
  '"="',
  '"end"',
  '"then"',
  '"("',
  '"{"',
  '"["',
  '"."',
  '":"',
  '"::"',
  '"..."',
  '"x"',
  '[[]]',
  '[==[a]==]',
  '[=[ ]]',
  "'\\65'",
  '"\\z  x"',
  '"\\x41"',
  '"\\u{48}"',
  '"\\u{7FFFFFFF}"',
  '"\\u{80000000}"',
  '"\\u{D800}"',
  '"\\400"',
  '"\\255"',
  '"a\\\nb"',
  '"\\q"',
  '"\\x4"',
  '"\\u{}"',
  '"abc',
  "'\\z\n  '",
  '"\\\r\n"',
  '"\\9"',
  '[==[\r\nx]==]',
];
const NUMBERS = [
  '1',
  '0',
  '-0',
  '-0.0',
  '0x10',
  '1.5',
  '1e3',
  '0x1p4',
  '3.',
  '.5',
  '9223372036854775807',
  '9223372036854775808',
  '0xffffffffffffffffff',
  '1e999',
  '0x.8',
  '0x',
  '1e',
  '1e+',
  '1..2',
  '0X1p',
  '0xA.8p1',
  '08',
  '0b1',
  '3e2e',
  '0x1.',
  '0x.p1',
  '1.e5',
  '1e3end',
];
const NAMES = ['x', 'y', 'f', 'a', 'b'];
const BINARY = ['+', '-', '*', '/', '//', '%', '^', '..', '==', '~=', '<', '<=', '>', '>=', 'and', 'or', '&', '|', '~', '<<', '>>'];
const SMALL = [
  'goto l',
  '::l::',
  'break',
  ';',
  'goto continue',
  '::l:: ::l::',
  'goto l; local z; ::l::',
  'do goto l end ::l::',
  'while x do goto continue; local q; ::continue:: end',
  'repeat local q; goto l; ::l:: until q',
  'do ::l:: end goto l',
  '--[==[ x ]==]',
  '--[[ unterminated',
  '--[=[ x ]]',
  '-- x\r',
  '::end::',
  'goto goto',
  '#!x',
];
const MUTATIONS = ['x', 'end', '=', ',', ';', '(', ')', '{', '}', '[', ']', '""', '","', '.', '..', 'local', '<', '>', 'const', '--[[x]]', '\n', '"', "'", '[[', ']]', '--'];

function expression(rnd: Rnd, d: number): string {
  const r = rnd();
  if (d > 3 || r < 0.3) return pick(rnd, [...STRINGS, ...NUMBERS, ...NAMES, 'nil', 'true', 'false', '...']);
  if (r < 0.45) return `${expression(rnd, d + 1)} ${pick(rnd, BINARY)} ${expression(rnd, d + 1)}`;
  if (r < 0.5) return `${pick(rnd, ['-', 'not ', '#', '~'])}${expression(rnd, d + 1)}`;
  if (r < 0.65) {
    const fields = list(int(rnd, 0, 3), () =>
      pick(rnd, [() => expression(rnd, d + 1), () => `${pick(rnd, NAMES)} = ${expression(rnd, d + 1)}`, () => `[${expression(rnd, d + 1)}] = ${expression(rnd, d + 1)}`])(),
    );
    return `{ ${fields.join(pick(rnd, [', ', '; ', ' ']))}${pick(rnd, ['', ',', ';'])} }`;
  }
  if (r < 0.72) return `function(${pick(rnd, ['', 'a', 'a, b', '...', 'a, ...'])}) ${block(rnd, d + 1)} end`;
  if (r < 0.85) return `${pick(rnd, NAMES)}${pick(rnd, [`(${expression(rnd, d + 1)})`, pick(rnd, STRINGS), '{}', '.y', ':m()', `[${expression(rnd, d + 1)}]`, '()'])}`;
  return `(${expression(rnd, d + 1)})`;
}

function statement(rnd: Rnd, d: number): string {
  const r = rnd();
  const e = (): string => expression(rnd, d);
  if (r < 0.25) return `${pick(rnd, NAMES)}${pick(rnd, ['', '.y', '[1]'])}${pick(rnd, ['', `, ${pick(rnd, NAMES)}`])} = ${e()}${pick(rnd, ['', `, ${e()}`])}`;
  if (r < 0.35) {
    const attribute = (): string => pick(rnd, ['', ' <const>', ' <close>', ' <other>', ' < const >', ' --[[c]] <const>']);
    return `local ${pick(rnd, NAMES)}${attribute()}${pick(rnd, ['', `, ${pick(rnd, NAMES)}${attribute()}`])}${pick(rnd, ['', ` = ${e()}`])}`;
  }
  if (r < 0.45) return `${pick(rnd, NAMES)}${pick(rnd, [`(${e()})`, pick(rnd, STRINGS), `{ ${e()} }`, `:m${pick(rnd, STRINGS)}`])}`;
  if (d > 2) return `${pick(rnd, NAMES)} = 1`;
  const b = (): string => block(rnd, d + 1);
  if (r < 0.5) return `do ${b()} end`;
  if (r < 0.55) return `while ${e()} do ${b()} end`;
  if (r < 0.6) return `if ${e()} then ${b()}${pick(rnd, ['', ` else ${b()}`, ` elseif ${e()} then ${b()}`])} end`;
  if (r < 0.65) return `for i = ${e()}, ${e()}${pick(rnd, ['', ', 2'])} do ${b()} end`;
  if (r < 0.7) return `for k, v in ${e()} do ${b()} end`;
  if (r < 0.75) return `repeat ${b()} until ${e()}`;
  if (r < 0.8) return `${pick(rnd, ['', 'local '])}function ${pick(rnd, NAMES)}${pick(rnd, ['', '.z', ':m'])}(${pick(rnd, ['', 'a', '...'])}) ${b()} end`;
  if (r < 0.85) return pick(rnd, SMALL);
  return `return${pick(rnd, ['', ` ${e()}`, ' ;', ` ${e()};`])}`;
}

function block(rnd: Rnd, d: number): string {
  return list(int(rnd, 0, 2), () => statement(rnd, d)).join(pick(rnd, [' ', '\n', '; ']));
}

/** A small program of three statements, mutated (a token removed, inserted, replaced or doubled) half the time. */
export function program(rnd: Rnd): string {
  const text = list(3, () => statement(rnd, 0)).join('\n');
  if (rnd() < 0.5) return text;
  const tokens = text.split(/(\s+)/);
  for (let k = int(rnd, 1, 2); k > 0; k--) {
    const at = Math.floor(rnd() * tokens.length);
    const r = rnd();
    if (r < 0.3) tokens.splice(at, 1);
    else if (r < 0.6) tokens.splice(at, 0, pick(rnd, MUTATIONS), ' ');
    else if (r < 0.8) tokens[at] = pick(rnd, MUTATIONS);
    else tokens.splice(at, 0, tokens[at] ?? '');
  }
  return tokens.join('');
}

/**
 * A nesting of `depth` levels built from randomly chosen constructs (tables, parentheses, unary and
 * right-associative operators, calls, indexes, function bodies, blocks, conditions, assignment
 * targets), with a setting before and after it.
 */
export function nesting(rnd: Rnd, depth: number): string {
  let inner = pick(rnd, ['1', 'x', '"s"', '{}']);
  const layers: ((s: string) => string)[] = [
    (s) => `{ ${s} }`,
    (s) => `{ k = ${s} }`,
    (s) => `{ [${s}] = 1 }`,
    (s) => `(${s})`,
    (s) => `- ${s}`,
    (s) => `not ${s}`,
    (s) => `"a" .. ${s}`,
    (s) => `2 ^ ${s}`,
    (s) => `f(${s})`,
    (s) => `f(1, ${s})`,
    (s) => `o:m(${s})`,
    (s) => `t[${s}]`,
    (s) => `1 + (${s})`,
    (s) => `function() return ${s} end`,
    (s) => `function() local v = ${s} end`,
    (s) => `function() do y = ${s} end end`,
    (s) => `function() if ${s} then end end`,
    (s) => `function() while ${s} do end end`,
    (s) => `function() for i = 1, ${s} do end end`,
    (s) => `function() repeat until ${s} end`,
    (s) => `function() a, b = 1, ${s} end`,
  ];
  for (let i = 0; i < depth; i++) inner = pick(rnd, layers)(inner);
  return `before = 1\nx = ${inner}\nafter = 2\n`;
}

/** Around Lua's limits of 254 registers, 200 locals and 255 upvalues in a function. */
export function limits(rnd: Rnd): string {
  const locals = int(rnd, 0, 200);
  const n = int(rnd, Math.max(0, 230 - locals), 262 - locals);
  const args = (k: number, f: () => string): string => list(k, f).join(', ');
  const value = (): string => pick(rnd, ['1', 'x', '"s"', 'a.b', '{}', 'g()']);
  const expr = (k: number): string =>
    pick(rnd, [
      () => `f(${args(k, value)})`,
      () => `{ ${list(k, (i) => pick(rnd, ['1', 'x', 'g()', `k${i} = 1`, `[${i}] = x`])).join(', ')} }`,
      () => list(k, () => pick(rnd, ['x', '"a"', 'g()'])).join(' .. '),
      () => `o:m(${args(k, () => '1')})`,
      () => `f(${args(k >> 1, () => '1')}, g(${args(k - (k >> 1), () => '2')}))`,
    ])();
  const decl = locals > 0 ? `local ${list(locals, (i) => `l${i}`).join(', ')}\n` : '';
  const body = pick(rnd, [
    () => `x = ${expr(n)}`,
    () => `return ${args(n, () => '1')}`,
    () => `local ${list(Math.max(1, Math.min(n, 201 - locals)), (i) => `m${i}`).join(', ')} = ${args(n, () => '1')}`,
    () => `${list(Math.min(n, 150), (i) => `t.k${i}`).join(', ')} = ${args(Math.min(n, 150), () => '1')}`,
    () => `for k, v in pairs(t) do y = ${expr(n - 5)} end`,
    () => `function q(${args(Math.min(n, 100), () => `p${int(rnd, 0, 1e6)}`)}) return ${expr(n)} end`,
    // Upvalues: a function that reads the main function's locals and about enough of its own
    // parent's to make 255.
    () => {
      const k = Math.max(0, Math.min(100, 255 - locals + int(rnd, -3, 3)));
      const read = list(locals, (i) => `l${i}`).concat(list(k, (i) => `u${i}`));
      return `function q() local ${list(100, (i) => `u${i}`).join(', ')}\n  return function() return ${read.join(' + ') || '1'} end end`;
    },
  ])();
  return `${decl}${body}\n`;
}
