/**
 * The planners, called directly on snapshots made here (text and model): each returns the edits
 * against the snapshot's text, reads nothing else, and changes nothing. Texts vary the file's
 * style: quotes, indentation (spaces, tabs), separators, CRLF, no final newline, comments.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, UnsupportedEditError, ValidationError, type TextEdit } from '@jitsi-confkit/core';
import { placed, thrown } from '../../../test/support/errors.js';
import type { Scope } from './api.js';
import { addToListFootprint, originalSettings, originalSettingsOf, planAddToList, planRemoveFromList } from './lists.js';
import type { TableConstructorExpression } from 'luaparse';
import { buildModel, type Model } from './model.js';
import { ownSetting } from './read.js';
import { parsePath, sectionsIn } from './scope.js';
import { addSectionFootprint, holdsSection, planAddSection, planRemoveSection } from './sections.js';
import { planDisableSecureDomain, planEnableSecureDomain } from './secure-domain.js';
import { planDelete, planMergeAppends, planSet, setFootprint, type ProsodySnapshot } from './settings.js';
import { planInsertLines, planRemoveStatement, tailStart } from './statements.js';
import { bodyIndent, fileBodyIndent, lineBreakOf, literalStyle, tableLayout } from './style.js';
import { planAppendFields, planRemoveFields, planValue } from './tables.js';

function snap(text: string): ProsodySnapshot {
  return { text, parsed: buildModel(text) };
}

/** The snapshot's text with the edits applied, checking the text was left as it was. */
function applied(s: ProsodySnapshot, edits: readonly TextEdit[]): string {
  const before = s.text;
  const out = applyEdits(s.text, edits);
  expect(s.text).toBe(before);
  return out;
}

const HOST = { host: 'meet.example.com' };
const lines = (...l: string[]): string => l.join('\n');

/** The value table of the scope's own `key`. */
function tableOf(model: Model, scope: Scope, key: string): TableConstructorExpression {
  const node = ownSetting(sectionsIn(model, scope), key)!.value;
  if (node.type !== 'TableConstructorExpression') throw new Error(`${key} is not a table`);
  return node;
}

describe('style', () => {
  it('reads the quote, separator, line break and indentation by majority, with the file’s tie rules', () => {
    const m = buildModel(lines("a = { 'x'; 'y', \"z\" }", "VirtualHost 'h'", '\tb = 1', '\tc = 2', '  d = 3', ''));
    expect(literalStyle(m)).toEqual({ quote: "'", separator: ';', prosody13: false });
    // Prosody 13's syntax is written only into a config said to be for Prosody 13.
    expect(literalStyle(buildModel(m.text, '13')).prosody13).toBe(true);
    expect(lineBreakOf(m)).toBe('\n');
    expect(fileBodyIndent(m)).toBe('\t');
    expect(bodyIndent(m, m.sections[1]!)).toBe('\t');
    // One `,` and one `;`: the table's own tie goes to the file's separator.
    expect(tableLayout(m, tableOf(m, 'global', 'a'))).toEqual({ separator: ';', trailing: false, multiline: false });
    const crlf = buildModel('a = 1\r\nb = 2\r\nc = 3\n');
    expect(lineBreakOf(crlf)).toBe('\r\n');
    // Nothing indented: four spaces.
    expect(fileBodyIndent(buildModel('a = 1\n'))).toBe('    ');
  });

  it('takes an unindented statement in a host body for an accident, and ties to the first indentation seen', () => {
    const m = buildModel(lines('VirtualHost "h"', 'ssl = {}', '  a = 1', '    b = 2', ''));
    expect(bodyIndent(m, m.sections[1]!)).toBe('  ');
  });
});

describe('statements', () => {
  it('adds lines after a section’s last statement, indented like the section and ended like it', () => {
    const s = snap(lines('VirtualHost "h"', '\tauthentication = "anonymous";', '', 'Component "c" "muc"', ''));
    const edit = planInsertLines(s.parsed, s.parsed.sections[1]!, ['a = 1', 'b = 2']);
    expect(edit).toEqual({ offset: s.text.indexOf('\n\nComponent') + 1, length: 0, content: '\ta = 1;\n\tb = 2;\n' });
  });

  it('adds a line at the end of a file without a final newline, in CRLF', () => {
    const s = snap('VirtualHost "h"\r\n    x = 1 -- comment');
    expect(applied(s, [planInsertLines(s.parsed, s.parsed.sections[1]!, ['y = 2'])])).toBe('VirtualHost "h"\r\n    x = 1 -- comment\r\n    y = 2');
  });

  it('puts the first global settings before the first section, with a blank line', () => {
    const s = snap(lines('-- header comment', 'VirtualHost "h"', ''));
    expect(applied(s, [planInsertLines(s.parsed, s.parsed.sections[0]!, ['a = 1', 'b = 2'])])).toBe(lines('a = 1', 'b = 2', '', '-- header comment', 'VirtualHost "h"', ''));
  });

  it('skips a block comment that runs past the last statement’s line', () => {
    const s = snap(lines('VirtualHost "h"', '  a = 1 --[[ a', '  long comment ]]', 'VirtualHost "i"', ''));
    expect(applied(s, [planInsertLines(s.parsed, s.parsed.sections[1]!, ['b = 2'])])).toBe(
      lines('VirtualHost "h"', '  a = 1 --[[ a', '  long comment ]]', '  b = 2', 'VirtualHost "i"', ''),
    );
  });

  it('refuses to add a line when the next section starts on the same line', () => {
    const m = buildModel('VirtualHost "h" a = 1 VirtualHost "i"\n');
    const e = thrown(UnsupportedEditError, () => planInsertLines(m, m.sections[1]!, ['b = 2']));
    expect(placed(e)).toBe('Cannot add a line to h: the next section starts on the same line (1:23)');
  });

  it('removes a statement with its line, or alone when it shares the line', () => {
    const text = lines('a = 1', 'b = 2; c = 3 -- note', 'd = 4');
    const m = buildModel(text);
    const [a, b, c, d] = m.sections[0]!.items;
    expect(planRemoveStatement(m, ...a!.range)).toEqual({ offset: 0, length: 6, content: '' });
    expect(applyEdits(text, [planRemoveStatement(m, ...b!.range)])).toBe(lines('a = 1', 'c = 3 -- note', 'd = 4'));
    expect(applyEdits(text, [planRemoveStatement(m, ...c!.range)])).toBe(lines('a = 1', 'b = 2; -- note', 'd = 4'));
    // The last line, without a final newline: the break before it goes.
    expect(applyEdits(text, [planRemoveStatement(m, ...d!.range)])).toBe(lines('a = 1', 'b = 2; c = 3 -- note'));
  });

  it('takes a blank line along when the statement sits between blank lines', () => {
    const text = lines('x = 1', '', 'a = 1', '', 'VirtualHost "h"', '');
    const m = buildModel(text);
    expect(applyEdits(text, [planRemoveStatement(m, ...m.sections[0]!.items[1]!.range)])).toBe(lines('x = 1', '', 'VirtualHost "h"', ''));
  });

  it('starts a removal that runs to the end of the file before the blank lines above it', () => {
    expect(tailStart('a = 1\n\n\nb = 2\n', 8)).toBe(6);
    // No final newline: the break before stays out of the text left.
    expect(tailStart('a = 1\n\nb = 2', 7)).toBe(5);
  });
});

describe('tables', () => {
  it('replaces a string keeping its own quotes, and a table field by field', () => {
    const s = snap("a = 'x' -- c\nb = { 1, 2 }\n");
    const m = s.parsed;
    expect(applied(s, planValue(m, ownSetting(m.sections, 'a')!.value, "it's"))).toBe("a = 'it\\'s' -- c\nb = { 1, 2 }\n");
    expect(planValue(m, ownSetting(m.sections, 'b')!.value, [1, 5])).toEqual([{ offset: s.text.indexOf('2 }'), length: 1, content: '5' }]);
    expect(planValue(m, ownSetting(m.sections, 'b')!.value, [1, 2])).toEqual([]);
  });

  it('rewrites a table that cannot change in place, in the file’s style', () => {
    const s = snap("b = { 1, 2 }\nc = 'q'\n");
    expect(applied(s, planValue(s.parsed, ownSetting(s.parsed.sections, 'b')!.value, [2, 1, 3]))).toBe("b = { 2, 1, 3 }\nc = 'q'\n");
    expect(applied(s, planValue(s.parsed, ownSetting(s.parsed.sections, 'b')!.value, { k: 'v' }))).toBe("b = { 1, 2 }\nc = 'q'\n".replace('{ 1, 2 }', "{ k = 'v' }"));
  });

  it('appends fields in a multi-line list’s layout, separator and line break', () => {
    const s = snap('modules = {\r\n\t"a";\r\n\t"b"; -- b\r\n}\r\n');
    expect(applied(s, planAppendFields(s.parsed, tableOf(s.parsed, 'global', 'modules'), ['"c"', '"d"']))).toBe(
      'modules = {\r\n\t"a";\r\n\t"b"; -- b\r\n\t"c";\r\n\t"d";\r\n}\r\n',
    );
    const noTrailing = snap('m = {\n  "a",\n  "b"\n}\n');
    expect(applied(noTrailing, planAppendFields(noTrailing.parsed, tableOf(noTrailing.parsed, 'global', 'm'), ['"c"']))).toBe('m = {\n  "a",\n  "b",\n  "c"\n}\n');
  });

  it('appends to a one-line list, an empty one, and an empty one spread over lines', () => {
    const one = snap('m = {"a","b"}\n');
    expect(applied(one, planAppendFields(one.parsed, tableOf(one.parsed, 'global', 'm'), ['"c"']))).toBe('m = {"a","b","c"}\n');
    const empty = snap('m = { }\n');
    expect(applied(empty, planAppendFields(empty.parsed, tableOf(empty.parsed, 'global', 'm'), ['"c"']))).toBe('m = { "c" }\n');
    const spread = snap('VirtualHost "h"\n  m = {\n  }\n  n = 1\n');
    expect(applied(spread, planAppendFields(spread.parsed, tableOf(spread.parsed, HOST_H, 'm'), ['"c"']))).toBe('VirtualHost "h"\n  m = {\n    "c";\n  }\n  n = 1\n');
  });

  it('removes fields with their lines, or with their separators on one line', () => {
    const s = snap('m = {\n  "a"; -- first\n  "b";\n  "c";\n}\nn = { "a", "b", "c" }\n');
    const m = s.parsed;
    const multi = tableOf(m, 'global', 'm');
    expect(applied(s, planRemoveFields(m, multi, [multi.fields[0]!, multi.fields[1]!]))).toBe('m = {\n  "c";\n}\nn = { "a", "b", "c" }\n');
    const one = tableOf(m, 'global', 'n');
    expect(applied(s, planRemoveFields(m, one, [one.fields[2]!]))).toBe('m = {\n  "a"; -- first\n  "b";\n  "c";\n}\nn = { "a", "b" }\n');
    expect(applied(s, planRemoveFields(m, one, [one.fields[0]!]))).toBe('m = {\n  "a"; -- first\n  "b";\n  "c";\n}\nn = { "b", "c" }\n');
  });
});

const HOST_H = { host: 'h' };

describe('settings', () => {
  const text = lines(
    "VirtualHost 'meet.example.com'",
    "    authentication = 'anonymous' -- do not delete me",
    '    c2s_require_encryption = false',
    '',
    "Component 'conference.meet.example.com' 'muc'",
    '',
  );

  it('replaces values and adds the missing keys as lines, in the order given', () => {
    const s = snap(text);
    expect(
      applied(
        s,
        planSet(s, HOST, [
          ['authentication', 'token'],
          ['app_id', 'x'],
          ['c2s_require_encryption', false],
          ['allow', ['a']],
        ]),
      ),
    ).toBe(
      lines(
        "VirtualHost 'meet.example.com'",
        "    authentication = 'token' -- do not delete me",
        '    c2s_require_encryption = false',
        "    app_id = 'x'",
        "    allow = { 'a' }",
        '',
        "Component 'conference.meet.example.com' 'muc'",
        '',
      ),
    );
    expect(planSet(s, HOST, [['c2s_require_encryption', false]])).toEqual([]);
  });

  it('takes new settings of a header-table section into its table, all in one edit of the table', () => {
    const s = snap('VirtualHost "h" { a = 1 }\nother = true\n');
    expect(
      applied(
        s,
        planSet(s, HOST_H, [
          ['b', 2],
          ['c', 3],
        ]),
      ),
    ).toBe('VirtualHost "h" { a = 1; b = 2; c = 3 }\nother = true\n');
  });

  it('refuses an absent section, a value it cannot write, and a value to replace that is not a literal', () => {
    const s = snap(lines('VirtualHost "h"', '  x = ENV_X', ''));
    expect(thrown(ValidationError, () => planSet(s, { host: 'nope' }, [['a', 1]])).message).toBe('VirtualHost "nope" is not in this file; its VirtualHosts are: h');
    expect(thrown(ValidationError, () => planSet(s, HOST_H, [['a', Number.POSITIVE_INFINITY]])).message).toBe(
      'Cannot write Infinity into a Prosody config: numbers must be finite',
    );
    expect(placed(thrown(UnsupportedEditError, () => planSet(s, HOST_H, [['x', 1]])))).toBe('The value of x is not a literal (ENV_X): edit it by hand (2:7)');
  });

  it('deletes every assignment of the key in the section, option fields included', () => {
    const s = snap('VirtualHost "h" { a = 1, b = 2 }\nVirtualHost "h"\n  a = 3\n  c = 4\n');
    expect(applied(s, planDelete(s, HOST_H, 'a'))).toBe('VirtualHost "h" { b = 2 }\nVirtualHost "h"\n  c = 4\n');
    expect(planDelete(s, HOST_H, 'nope')).toEqual([]);
  });

  it('writes a key that the section only appends to (Prosody 13) as one assignment, the appends gone, in one pass of non-overlapping edits', () => {
    // The last append sits between blank lines: its removal would take one along, where the new line goes.
    const between = snap(lines('a = 1', '', 'x { "p" }', 'x:append { "q" }', '', '-- c', ''));
    const edits = planSet(between, 'global', [['x', ['z']]]);
    expect(applied(between, edits)).toBe(lines('a = 1', '', 'x = { "z" }', '', '-- c', ''));
    const crlf = snap('VirtualHost "h"\r\n\tb = 1\r\n\r\n\tx:append { "q" }\r\n\r\n-- c');
    expect(
      applied(
        crlf,
        planSet(crlf, HOST_H, [
          ['x', ['z']],
          ['y', true],
        ]),
      ),
    ).toBe('VirtualHost "h"\r\n\tb = 1\r\n\r\n\tx = { "z" }\r\n\ty = true\r\n\r\n-- c');
    // With the assignment: its value replaced, the appends gone; the read value already holds: nothing.
    const assigned = snap(lines('x = { "p" }', 'x:append { "q" }', 'y = 2', ''));
    expect(applied(assigned, planSet(assigned, 'global', [['x', ['z']]]))).toBe(lines('x = { "z" }', 'y = 2', ''));
    expect(planSet(assigned, 'global', [['x', ['p', 'q']]])).toEqual([]);
    expect(applied(assigned, planDelete(assigned, 'global', 'x'))).toBe(lines('y = 2', ''));
    expect(applied(assigned, planMergeAppends(assigned, 'global', 'x'))).toBe(lines('x = { "p"; "q" }', 'y = 2', ''));
    expect(thrown(UnsupportedEditError, () => planMergeAppends(between, 'global', 'x')).message).toMatch(
      /^x is appended to \(x \{ "p" \}\) but not set before in the global section of this file/,
    );
  });

  it('says what a set reads: the setting alone for a value of its own kind written alike, else the style too; the section for a new key', () => {
    const s = snap(lines('VirtualHost "h"', '  a = "x"', '  b = [[long]]', '  n = -1', '  t = true', ''));
    expect(setFootprint(s, HOST_H, 'a', 'y')).toEqual([['host:h', 'a']]);
    expect(setFootprint(s, HOST_H, 'n', 2)).toEqual([['host:h', 'n']]);
    expect(setFootprint(s, HOST_H, 't', false)).toEqual([['host:h', 't']]);
    expect(setFootprint(s, HOST_H, 'a', 1)).toEqual([['host:h', 'a'], ['style']]);
    expect(setFootprint(s, HOST_H, 'b', 'y')).toEqual([['host:h', 'b'], ['style']]);
    expect(setFootprint(s, { host: 'H' }, 'new', 1)).toEqual([['host:h'], ['style']]);
  });
});

describe('lists', () => {
  const text = lines('admins = { "a@x" }', 'VirtualHost "h"', '    modules_enabled = {', '        "bosh";', '        "ping"; -- keep', '    }', '');

  it('adds an item in the list’s layout, and creates a host’s list from the global one it replaces', () => {
    const s = snap(text);
    expect(applied(s, planAddToList(s, HOST_H, 'modules_enabled', 'lobby'))).toBe(text.replace('"ping"; -- keep\n', '"ping"; -- keep\n        "lobby";\n'));
    expect(planAddToList(s, HOST_H, 'modules_enabled', 'bosh')).toEqual([]);
    expect(applied(s, planAddToList(s, HOST_H, 'admins', 'b@x'))).toBe(text.replace('    }\n', '    }\n    admins = { "a@x"; "b@x" }\n'));
    expect(planAddToList(s, HOST_H, 'admins', 'a@x')).toEqual([]);
  });

  it('removes an item, and takes away a list the document created once it is back to how it started', () => {
    const s = snap(text);
    expect(applied(s, planRemoveFromList(s, HOST_H, 'modules_enabled', 'bosh', originalSettings(s.parsed)))).toBe(text.replace('        "bosh";\n', ''));
    const added = snap(applied(s, planAddToList(s, HOST_H, 'admins', 'b@x')));
    // Created by this document (the original has no admins in the host): taken away whole.
    expect(applied(added, planRemoveFromList(added, HOST_H, 'admins', 'b@x', originalSettings(s.parsed)))).toBe(text);
    // A list the file had: kept, one item shorter.
    expect(applied(added, planRemoveFromList(added, HOST_H, 'admins', 'b@x', originalSettings(added.parsed)))).toBe(text.replace('    }\n', '    }\n    admins = { "a@x" }\n'));
  });

  it('reads the original settings when first asked: from the snapshot while it is the original text, else from a parse of that text', () => {
    const s = snap(text);
    const added = snap(applied(s, planAddToList(s, HOST_H, 'admins', 'b@x')));
    // First asked on the edited snapshot, which assigns admins in the host: the original does not.
    expect(applied(added, planRemoveFromList(added, HOST_H, 'admins', 'b@x', originalSettingsOf(text, '0.12')))).toBe(text);
    // First asked on the original snapshot, then on the edited one: the same answer.
    const original = originalSettingsOf(text, '0.12');
    expect(applied(s, planRemoveFromList(s, HOST_H, 'modules_enabled', 'bosh', original))).toBe(text.replace('        "bosh";\n', ''));
    expect(applied(added, planRemoveFromList(added, HOST_H, 'admins', 'b@x', original))).toBe(text);
    // The original text of a document that had the list: kept, one item shorter.
    const had = applied(s, planAddToList(s, HOST_H, 'admins', 'b@x'));
    expect(applied(added, planRemoveFromList(added, HOST_H, 'admins', 'b@x', originalSettingsOf(had, '0.12')))).toBe(text.replace('    }\n', '    }\n    admins = { "a@x" }\n'));
  });

  it('refuses an item only the inherited global list holds, with the global list’s position', () => {
    const s = snap(text);
    const e = thrown(UnsupportedEditError, () => planRemoveFromList(s, HOST_H, 'admins', 'a@x', originalSettings(s.parsed)));
    expect(placed(e)).toBe('Cannot remove a@x from admins in VirtualHost "h": it comes from the global section\'s admins; remove it there, or set the section\'s own admins (1:1)');
  });

  it('says what addToList reads: the list, or the section and the global list it copies', () => {
    const s = snap(text);
    expect(addToListFootprint(s, HOST_H, 'modules_enabled')).toEqual([['host:h', 'modules_enabled'], ['style']]);
    expect(addToListFootprint(s, HOST_H, 'admins')).toEqual([['host:h'], ['global', 'admins'], ['style']]);
  });
});

describe('sections', () => {
  it('adds a VirtualHost after a section, packed like the file’s sections or after a blank line', () => {
    const packed = snap(lines('VirtualHost "a.example"', '\tx = 1', 'VirtualHost "b.example"', ''));
    expect(applied(packed, planAddSection(packed, { host: 'n.example' }, [['y', 'v']], { host: 'a.example' }))).toBe(
      lines('VirtualHost "a.example"', '\tx = 1', 'VirtualHost "n.example"', '\ty = "v"', 'VirtualHost "b.example"', ''),
    );
    const spaced = snap(lines("VirtualHost 'a.example'", '  x = 1', '', "VirtualHost 'b.example'", ''));
    expect(applied(spaced, planAddSection(spaced, { host: 'n.example' }, [], { host: 'a.example' }))).toBe(
      lines("VirtualHost 'a.example'", '  x = 1', '', "VirtualHost 'n.example'", '', "VirtualHost 'b.example'", ''),
    );
  });

  it('adds a VirtualHost at the end of the file: before its trailing blank lines, or after its last line without a final newline', () => {
    const blanks = snap('VirtualHost "a.example"\r\n  x = 1\r\n\r\n\r\n');
    expect(applied(blanks, planAddSection(blanks, { host: 'n.example' }, [['y', 2]]))).toBe(
      'VirtualHost "a.example"\r\n  x = 1\r\n\r\nVirtualHost "n.example"\r\n  y = 2\r\n\r\n\r\n',
    );
    const noFinal = snap('VirtualHost "a.example"\n  x = 1');
    expect(applied(noFinal, planAddSection(noFinal, { host: 'n.example' }, []))).toBe('VirtualHost "a.example"\n  x = 1\n\nVirtualHost "n.example"');
  });

  it('sets the settings of a host the file has instead of adding a copy, and refuses a Component’s name', () => {
    const s = snap(lines('VirtualHost "a.example"', '  x = 1', 'Component "c.example"', ''));
    expect(
      applied(
        s,
        planAddSection(s, { host: 'a.example' }, [
          ['x', 2],
          ['y', 3],
        ]),
      ),
    ).toBe(lines('VirtualHost "a.example"', '  x = 2', '  y = 3', 'Component "c.example"', ''));
    expect(thrown(ValidationError, () => planAddSection(s, { host: 'c.example' }, [])).message).toBe('"c.example" is a Component in this file; it cannot also be a VirtualHost');
  });

  it('says what adding a VirtualHost reads: the host, the component of that name, the section it follows, the style', () => {
    const s = snap(lines('VirtualHost "a.example"', 'Component "c.example"', ''));
    expect(addSectionFootprint(s, 'n.example')).toEqual([['host:n.example'], ['component:n.example'], ['style'], ['component:c.example']]);
    expect(addSectionFootprint(s, 'n.example', { host: 'a.example' })).toEqual([['host:n.example'], ['component:n.example'], ['style'], ['host:a.example']]);
  });

  it('adds a Component with its module in the file’s quotes, or sets the settings of the one of that module', () => {
    const s = snap(lines("VirtualHost 'a.example'", '\tx = 1', '', "Component 'c.example' 'muc'", '\tstorage = "memory"'));
    expect(applied(s, planAddSection(s, { component: 'n.example', module: 'muc' }, [['y', true]], { host: 'a.example' }))).toBe(
      lines("VirtualHost 'a.example'", '\tx = 1', '', "Component 'n.example' 'muc'", '\ty = true', '', "Component 'c.example' 'muc'", '\tstorage = "memory"'),
    );
    expect(
      applied(
        s,
        planAddSection(s, { component: 'c.example', module: 'muc' }, [
          ['storage', 'memory'],
          ['y', 1],
        ]),
      ),
    ).toBe(lines("VirtualHost 'a.example'", '\tx = 1', '', "Component 'c.example' 'muc'", '\tstorage = "memory"', '\ty = 1'));
    expect(thrown(ValidationError, () => planAddSection(s, { component: 'c.example', module: 'muc_lobby' }, [])).message).toBe(
      'Component "c.example" is a "muc" component in this file, not a "muc_lobby" one',
    );
    expect(thrown(ValidationError, () => planAddSection(s, { component: 'a.example', module: 'muc' }, [])).message).toBe(
      '"a.example" is a VirtualHost in this file; it cannot also be a Component',
    );
    const external = snap('Component "e.example"\n  component_secret = "s"\n');
    expect(thrown(ValidationError, () => planAddSection(external, { component: 'e.example', module: 'muc' }, [])).message).toBe(
      'Component "e.example" is an external component in this file, not a "muc" one',
    );
  });

  it('reads a component back only when every section of its name has the module', () => {
    const settings: [string, number][] = [['x', 1]];
    const one = snap('Component "c.example" "muc"\n  x = 1\n');
    expect(holdsSection(one, { component: 'c.example', module: 'muc' }, settings)).toBe(true);
    expect(holdsSection(one, { component: 'c.example', module: 'muc' }, [['x', 2]])).toBe(false);
    const two = snap('Component "c.example" "muc"\n  x = 1\nComponent "c.example" "muc_lobby"\n');
    expect(holdsSection(two, { component: 'c.example', module: 'muc' }, settings)).toBe(false);
    expect(holdsSection(one, { host: 'c.example' }, [])).toBe(false);
  });

  it('removes a section with its comment lines, keeping an Include it holds, and the blank lines that end the file', () => {
    const text = lines('a = 1', '', '-- the host', 'VirtualHost "h"', '  x = 1', '', 'VirtualHost "localhost"', '  y = 2', 'Include "conf.d/*.cfg.lua"', '', '');
    const s = snap(text);
    expect(applied(s, planRemoveSection(s, HOST_H))).toBe(lines('a = 1', '', 'VirtualHost "localhost"', '  y = 2', 'Include "conf.d/*.cfg.lua"', '', ''));
    expect(applied(s, planRemoveSection(s, { host: 'localhost' }))).toBe(lines('a = 1', '', '-- the host', 'VirtualHost "h"', '  x = 1', '', 'Include "conf.d/*.cfg.lua"', '', ''));
    expect(planRemoveSection(s, { host: 'nope' })).toEqual([]);
    expect(thrown(ValidationError, () => planRemoveSection(s, 'global')).message).toBe('The global section cannot be removed');
  });
});

describe('secure domain', () => {
  const text = lines(
    'VirtualHost "meet.example.com"',
    '    authentication = "jitsi-anonymous" -- do not delete me',
    '    main_muc = "conference.meet.example.com"',
    'Component "conference.meet.example.com" "muc"',
    '',
  );

  it('plans the main host’s provider and the guest host as one list of edits, on one snapshot', () => {
    const s = snap(text);
    const edits = planEnableSecureDomain(s, 'meet.example.com', 'guest.meet.example.com', { guestExtras: ['main_muc'] });
    expect(edits).toEqual([
      { offset: text.indexOf('"jitsi-anonymous"'), length: 17, content: '"internal_hashed"' },
      {
        offset: text.indexOf('Component'),
        length: 0,
        content: 'VirtualHost "guest.meet.example.com"\n    authentication = "jitsi-anonymous"\n    c2s_require_encryption = false\n    main_muc = "conference.meet.example.com"\n',
      },
    ]);
    expect(planEnableSecureDomain(snap(applied(s, edits)), 'meet.example.com', 'guest.meet.example.com', { guestExtras: ['main_muc'] })).toEqual([]);
  });

  it('keeps the main host’s line and the guest block in order when both go to the same place', () => {
    const t = lines('VirtualHost "meet.example.com"', '    c2s_require_encryption = true', 'Component "conference.meet.example.com" "muc"', '');
    const s = snap(t);
    expect(applied(s, planEnableSecureDomain(s, 'meet.example.com', 'guest.meet.example.com', {}))).toBe(
      lines(
        'VirtualHost "meet.example.com"',
        '    c2s_require_encryption = true',
        '    authentication = "internal_hashed"',
        'VirtualHost "guest.meet.example.com"',
        '    authentication = "anonymous"',
        '    c2s_require_encryption = false',
        'Component "conference.meet.example.com" "muc"',
        '',
      ),
    );
  });

  it('switches on a new guest host that would inherit `enabled = false` from the global section', () => {
    const t = lines('enabled = false', 'VirtualHost "meet.example.com"', '    enabled = true', '');
    const s = snap(t);
    expect(applied(s, planEnableSecureDomain(s, 'meet.example.com', 'guest.meet.example.com', {}))).toBe(
      `${t}    authentication = "internal_hashed"\n\nVirtualHost "guest.meet.example.com"\n    authentication = "anonymous"\n    c2s_require_encryption = false\n    enabled = true\n`,
    );
  });

  it('undoes it: the main host’s flavour back from the guest host, the guest host removed', () => {
    const s = snap(text);
    const enabled = snap(applied(s, planEnableSecureDomain(s, 'meet.example.com', 'guest.meet.example.com', {})));
    expect(applied(enabled, planDisableSecureDomain(enabled, 'meet.example.com', 'guest.meet.example.com', {}))).toBe(text);
    expect(planDisableSecureDomain(s, 'meet.example.com', 'guest.meet.example.com', {})).toEqual([]);
  });
});

describe('paths', () => {
  it.each([
    ['authentication', { scope: 'global', key: 'authentication' }],
    ['global/modules_enabled', { scope: 'global', key: 'modules_enabled' }],
    ['global', { scope: 'global' }],
    ['host:meet.example.com/authentication', { scope: { host: 'meet.example.com' }, key: 'authentication' }],
    ['host:meet.example.com', { scope: { host: 'meet.example.com' } }],
    ['component:conference.meet.example.com/restrict_room_creation', { scope: { component: 'conference.meet.example.com' }, key: 'restrict_room_creation' }],
  ])('%s', (path, parsed) => {
    expect(parsePath(path)).toEqual(parsed);
  });

  it.each([
    ['vhost:meet.example.com/authentication', 'Prosody path "vhost:meet.example.com/authentication": write host:NAME/KEY, component:NAME/KEY, global/KEY or KEY'],
    ['host:meet.example.com/', 'Prosody path "host:meet.example.com/" has no key after the "/"'],
    ['host:/authentication', 'Prosody path "host:/authentication": write host:NAME/KEY, component:NAME/KEY, global/KEY or KEY'],
  ])('%s is refused', (path, message) => {
    expect(thrown(ValidationError, () => parsePath(path)).message).toBe(message);
  });
});
