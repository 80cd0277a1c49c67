/**
 * The file's literal style (literalStyle) reads the votes the parser counts as it builds the tree
 * (vendor/luaparse.cjs, `styleVotes`): on every corpus file and on samples of every place a string
 * or a table field can be, they are the votes a walk over the tree counts (the quote of every
 * string literal; the separator after every table field, the first significant character after
 * it), and the style is what core's majority makes of those.
 */
import type { Node } from 'luaparse';
import { describe, expect, it } from 'vitest';
import { detectQuote, majority } from '@jitsi-confkit/core';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { rangeOf } from './lua.js';
import { buildModel } from './model.js';
import { literalStyle, styleVotes } from './style.js';
import { nextSignificant } from './text.js';
import { walk } from './walk.js';

const SAMPLES: [string, string][] = [
  ['none', 'x = 1\n'],
  ['a tie of quotes and of separators', 'a = { "x", \'y\'; 1 }\n'],
  ['single quotes win', "a = 'x'\nb = 'y'\nc = \"z\"\n"],
  ['commas win', 'a = { 1, 2, 3; 4 }\n'],
  [
    'strings and fields everywhere',
    [
      'VirtualHost \'h\' { k = "v"; [\'q\'] = [[long]] --[[ "c", ]] , }',
      'local t <const> = { { "a" --[=[ ; ]=] ; "b" }, f"x", g{ \'y\', }, [ [==[z]==] ] = 2 }',
      'function f(...) return "r", { ... ; } end',
      'Component "c" "muc" -- "comment", \'quoted\';',
      'x = "a" .. \'b\' .. [[c]]',
      '',
    ].join('\r\n'),
  ],
];

describe('the style’s votes', () => {
  const files: [string, string][] = [...SAMPLES];
  if (corpusAvailable()) for (const rel of corpusFiles('prosody', ['.cfg.lua'])) files.push([rel, readCorpusLatin1(rel)]);

  it.each(files)('%s: what a walk over the tree counts', (_name, text) => {
    const model = buildModel(text);
    const raws: string[] = [];
    const separators: (',' | ';')[] = [];
    walk(model.chunk, (node: Node) => {
      if (node.type === 'StringLiteral') raws.push(node.raw);
      else if (node.type === 'TableConstructorExpression') {
        for (const f of node.fields) {
          const c = text[nextSignificant(text, rangeOf(f)[1])];
          if (c === ',' || c === ';') separators.push(c);
        }
      }
    });
    const count = <T>(votes: T[], value: T): number => votes.filter((v) => v === value).length;
    expect(styleVotes(model.chunk)).toEqual({
      double: count(
        raws.map((r) => r[0]),
        '"',
      ),
      single: count(
        raws.map((r) => r[0]),
        "'",
      ),
      comma: count(separators, ','),
      semicolon: count(separators, ';'),
    });
    const style = literalStyle(model);
    expect([style.quote, style.separator]).toEqual([detectQuote(raws, '"'), majority(separators, ';')]);
  });

  it('the samples vote as written', () => {
    expect(SAMPLES.map(([, text]) => styleVotes(buildModel(text).chunk))).toEqual([
      { double: 0, single: 0, comma: 0, semicolon: 0 },
      { double: 1, single: 1, comma: 1, semicolon: 1 },
      { double: 1, single: 2, comma: 0, semicolon: 0 },
      { double: 0, single: 0, comma: 2, semicolon: 1 },
      { double: 8, single: 4, comma: 5, semicolon: 3 },
    ]);
    expect(
      SAMPLES.map(([, text]) =>
        Object.values(literalStyle(buildModel(text)))
          .slice(0, 2)
          .join(''),
      ),
    ).toEqual(['";', '";', "';", '",', '",']);
  });
});
