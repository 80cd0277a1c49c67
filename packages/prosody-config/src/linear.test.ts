/**
 * Parsing and editing stay linear in the size of the file, whatever its shape: the work (array
 * elements touched, test/support/work.ts; never the clock) of a text four times as large is at
 * most about four times as much. Each shape is one a hostile or generated file can take.
 */
import { describe, expect, it } from 'vitest';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { arrayWork } from '../../../test/support/work.js';

const HOST = 'meet.example.com';

/** Each shape: the text for a size, and the operations run on it after the parse. */
const SHAPES: [string, (n: number) => string, (text: string) => void][] = [
  ["chained string calls f''''…", (n) => `f${"''".repeat(n)}\nx = 1\n`, (t) => parseProsodyConfig(t).set('global', 'x', 2).get('global', 'x')],
  [
    'a Component header with a long argument chain',
    (n) => `Component "c.example" "muc"${' ""'.repeat(n)}\n    a = 1\n`,
    (t) => parseProsodyConfig(t).set({ component: 'c.example' }, 'a', 2).sections(),
  ],
  [
    'many VirtualHost sections',
    (n) => Array.from({ length: n }, (_, i) => `VirtualHost "h${i}.example"\n    authentication = "anonymous" -- c\n`).join('\n'),
    (t) => parseProsodyConfig(t).set({ host: 'h0.example' }, 'a', 1).addToList({ host: 'h1.example' }, 'modules_enabled', 'm').hosts(),
  ],
  [
    'a long list, one item a line, with comments',
    (n) => `VirtualHost "${HOST}"\n    modules_enabled = {\n${Array.from({ length: n }, (_, i) => `        "m${i}"; -- c\n`).join('')}    }\n`,
    (t) => parseProsodyConfig(t).addToList({ host: HOST }, 'modules_enabled', 'new').removeFromList({ host: HOST }, 'modules_enabled', 'm1').get({ host: HOST }, 'modules_enabled'),
  ],
  [
    'many comment lines and settings',
    (n) => `${'-- comment\n'.repeat(n)}${Array.from({ length: n }, (_, i) => `s${i} = ${i} --[[ a\nb ]]\n`).join('')}VirtualHost "${HOST}"\n`,
    (t) => parseProsodyConfig(t).set('global', 's1', 'x').delete('global', 's2').set({ host: HOST }, 'a', 1).toString(),
  ],
  ['one long line', (n) => `x = "${'a'.repeat(n * 10)}"\n`, (t) => parseProsodyConfig(t).set('global', 'x', 'b').get('global', 'x')],
  ['a long left-associative sum', (n) => `x = 1${' + 1'.repeat(n)}\ny = 2\n`, (t) => parseProsodyConfig(t).set('global', 'y', 3).get('global', 'y')],
  ['a long table', (n) => `x = { ${Array.from({ length: n }, (_, i) => `k${i} = ${i}`).join(', ')} }\n`, (t) => parseProsodyConfig(t).get('global', 'x')],
];

describe('work grows linearly with the size of the file', () => {
  it.each(SHAPES)('%s', (_, make, run) => {
    const n = 5000;
    const small = make(n);
    const large = make(4 * n);
    const work = (text: string): number => arrayWork(() => run(text));
    const ws = work(small);
    const wl = work(large);
    // Linear: four times the text, at most about four times the work (quadratic would be sixteen).
    expect(wl / ws, `${ws} -> ${wl}`).toBeLessThan(4.6);
    // And a bounded amount of work per byte.
    expect(wl / large.length, `${wl} for ${large.length} bytes`).toBeLessThan(20);
  });
});
