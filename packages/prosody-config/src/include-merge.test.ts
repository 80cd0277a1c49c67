/**
 * Two edits the doctor's fixes make: addInclude (the `Include "conf.d/*.cfg.lua"` that an upgrade
 * from prosody.im's packages drops) and mergeAppends (a list built by Prosody 13 appends written as
 * one list, so that Prosody 0.12 reads the same value). Exact bytes in several layouts, idempotent,
 * read back; lua5.4 compiles each result.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { thrown } from '../../../test/support/errors.js';
import { luacCheck, requireProgram } from './test-support/evaluate.js';

const hasLuac = requireProgram('luac5.4');

const LAYOUTS: [string, (t: string) => string][] = [
  ['LF', (t) => t],
  ['CRLF', (t) => t.replace(/\n/g, '\r\n')],
  ['tabs', (t) => t.replace(/^ {8}/gm, '\t\t').replace(/^ {4}/gm, '\t')],
  ['single quotes', (t) => t.replace(/"/g, "'")],
];

const MAIN = ['admins = { }', 'modules_enabled = { "roster"; "saslauth" }', '', 'VirtualHost "localhost"', '    -- the end of the file'].join('\n');

describe.each(LAYOUTS)('addInclude (%s)', (_, layout) => {
  it('adds the line at the end of a file that ends with a newline, in its quotes', () => {
    const text = layout(`${MAIN}\n`);
    const cfg = parseProsodyConfig(text).addInclude('conf.d/*.cfg.lua');
    expect(cfg.toString()).toBe(layout(`${MAIN}\nInclude "conf.d/*.cfg.lua"\n`));
    expect(cfg.includes().map((i) => [i.keyword, i.path, i.line])).toEqual([['Include', 'conf.d/*.cfg.lua', 6]]);
    if (hasLuac) expect(luacCheck(cfg.toString())).toBeUndefined();
    expect(parseProsodyConfig(cfg.toString()).addInclude('conf.d/*.cfg.lua').edits).toEqual([]);
  });

  it('starts a line of its own after a file without a final newline', () => {
    const cfg = parseProsodyConfig(layout(MAIN)).addInclude('conf.d/*.cfg.lua');
    expect(cfg.toString()).toBe(layout(`${MAIN}\nInclude "conf.d/*.cfg.lua"`));
  });
});

describe('addInclude', () => {
  it('changes nothing where an Include of that path is already there (lower-case include too is not the same statement)', () => {
    const text = 'Include "conf.d/*.cfg.lua"\nVirtualHost "localhost"\n';
    expect(parseProsodyConfig(text).addInclude('conf.d/*.cfg.lua').edits).toEqual([]);
    expect(parseProsodyConfig(text).addInclude('/etc/prosody/conf.d/*.cfg.lua').toString()).toBe(`${text}Include "/etc/prosody/conf.d/*.cfg.lua"\n`);
  });

  it('an empty file gets the line alone', () => {
    expect(parseProsodyConfig('').addInclude('conf.d/*.cfg.lua').toString()).toBe('Include "conf.d/*.cfg.lua"\n');
  });

  it('escapes what a path holds, and refuses a path on several lines or empty, the file untouched', () => {
    const cfg = parseProsodyConfig('-- x\n').addInclude('conf.d/"a"\\b.cfg.lua');
    expect(cfg.toString()).toBe('-- x\nInclude "conf.d/\\"a\\"\\\\b.cfg.lua"\n');
    expect(cfg.includes()[0]?.path).toBe('conf.d/"a"\\b.cfg.lua');
    for (const bad of ['', 'a\nb', 'a\rb', 'a\0b']) {
      const doc = parseProsodyConfig('-- x\n');
      thrown(ValidationError, () => doc.addInclude(bad));
      expect(doc.toString()).toBe('-- x\n');
    }
  });
});

const APPENDS = [
  'modules_enabled = {',
  '    "bosh";',
  '    "ping"; -- keep-alive',
  '}',
  'modules_enabled:append { "muc_lobby_rooms" }',
  'VirtualHost "meet.example.com"',
  '    modules_enabled = { "a" }',
  '    modules_enabled { "b" } { "c" }',
  '',
].join('\n');

describe.each(LAYOUTS)('mergeAppends (%s)', (_, layout) => {
  it('writes the list as its assignment (its comments kept), the appends gone, with the value Prosody 13 read', () => {
    const text = layout(APPENDS);
    const global = parseProsodyConfig(text).mergeAppends('global', 'modules_enabled');
    expect(global.toString()).toBe(
      layout(APPENDS.replace('    "ping"; -- keep-alive\n}\nmodules_enabled:append { "muc_lobby_rooms" }\n', '    "ping"; -- keep-alive\n    "muc_lobby_rooms";\n}\n')),
    );
    expect(global.get('global', 'modules_enabled')).toEqual(['bosh', 'ping', 'muc_lobby_rooms']);
    const host = global.mergeAppends({ host: 'meet.example.com' }, 'modules_enabled');
    expect(host.toString()).toBe(
      layout(
        APPENDS.replace('    "ping"; -- keep-alive\n}\nmodules_enabled:append { "muc_lobby_rooms" }\n', '    "ping"; -- keep-alive\n    "muc_lobby_rooms";\n}\n').replace(
          '    modules_enabled = { "a" }\n    modules_enabled { "b" } { "c" }\n',
          '    modules_enabled = { "a"; "b"; "c" }\n',
        ),
      ),
    );
    expect(host.get({ host: 'meet.example.com' }, 'modules_enabled')).toEqual(['a', 'b', 'c']);
    expect(host.syntax13()).toEqual([]);
    if (hasLuac) expect(luacCheck(host.toString())).toBeUndefined();
    expect(parseProsodyConfig(host.toString()).mergeAppends('global', 'modules_enabled').edits).toEqual([]);
  });
});

describe('mergeAppends', () => {
  it('a no-op where the section does not append to the key', () => {
    expect(parseProsodyConfig('modules_enabled = { "a" }\n').mergeAppends('global', 'modules_enabled').edits).toEqual([]);
    expect(parseProsodyConfig('x = 1\n').mergeAppends('global', 'modules_enabled').edits).toEqual([]);
  });

  it('refused where the file does not hold the list it appends to (it is set in another file)', () => {
    const doc = parseProsodyConfig('modules_enabled:append { "a" }\n');
    thrown(UnsupportedEditError, () => doc.mergeAppends('global', 'modules_enabled'));
    expect(doc.toString()).toBe('modules_enabled:append { "a" }\n');
  });
});
