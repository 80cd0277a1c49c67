/**
 * The planners, called directly: each is a pure function of a snapshot (and its arguments) that
 * returns the edits against the snapshot's text, everything it read as footprint paths, and the
 * read-back of its change. Exact edits, exact footprints, read-backs that say yes to the intended
 * text and no to another, and the snapshot left as it was.
 */
import { applyEdits, type TextEdit, UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { describe, expect, it } from 'vitest';
import { placed, thrown } from '../../../test/support/errors.js';
import { arrayAt, planAddToArray, planRemoveFromArray } from './arrays.js';
import { planDelete } from './delete.js';
import { removeListItem, arrayList } from './lists.js';
import { type Root, ScriptModel, type ScriptSnapshot } from './model.js';
import { planMove } from './move.js';
import { type Plan, type PlanContext, Reads, styleFor } from './plan.js';
import { resolve } from './read.js';
import { planSet } from './set.js';
import { appendAssignment, removeStatement } from './statements.js';

const snap = (text: string, root: Root = 'config'): ScriptSnapshot => ({ text, parsed: new ScriptModel(text, root) });
const ctx: PlanContext = { overlay: false, validate: () => {} };
const overlay: PlanContext = { overlay: true, validate: () => {} };

/** Applies a plan's edits and parses the result, as the session does; the plan's read-back on it. */
function after(snapshot: ScriptSnapshot, plan: Plan): { text: string; check: unknown } {
  const text = applyEdits(snapshot.text, plan.edits);
  return { text, check: plan.check?.(snap(text, snapshot.parsed.root)) };
}

const CONFIG = `var config = {
    hosts: {
        domain: 'meet.example.com',
        // anonymousdomain: 'guest.example.com',
        muc: 'conference.meet.example.com'
    },
    resolution: 720,
    toolbarButtons: [ 'camera', 'chat', 'camera' ],
    p2p: { enabled: true },
};

config.flags = config.flags || {};
config.flags.sourceNameSignaling = true;
`;

describe('planSet', () => {
  it('replaces a literal with one edit; its footprint is the path alone', () => {
    const s = snap(CONFIG);
    const plan = planSet(s, ctx, ['resolution'], 1080);
    expect(plan.edits).toEqual([{ offset: CONFIG.indexOf('720'), length: 3, content: '1080' }]);
    expect(plan.footprint).toEqual([['resolution']]);
    expect(plan.inPlace).toBeUndefined();
    const { text, check } = after(s, plan);
    expect(text).toBe(CONFIG.replace('720', '1080'));
    expect(check).toBe(true);
    // The read-back says no to a text where the value is another.
    expect(plan.check!(snap(CONFIG.replace('720', '1079')))).toBe(false);
  });

  it('keeps a replaced string its own quote, and reads nothing else for it', () => {
    const text = 'var config = { subject: "Old", other: \'x\' };\n';
    const plan = planSet(snap(text), ctx, ['subject'], "It's new");
    expect(plan.edits).toEqual([{ offset: text.indexOf('"Old"'), length: 5, content: '"It\'s new"' }]);
    expect(plan.footprint).toEqual([['subject']]);
  });

  it('reads the enclosing object when a number becomes a string: its footprint says so', () => {
    const text = 'var config = { hosts: { a: "x", b: 1 } };\n';
    const plan = planSet(snap(text), ctx, ['hosts', 'b'], 'y');
    expect(plan.edits).toEqual([{ offset: text.indexOf('1 }'), length: 1, content: '"y"' }]);
    expect(plan.footprint).toEqual([['hosts']]);
  });

  it('adds a missing key below its commented-out example; the footprint has the object it goes into', () => {
    const s = snap(CONFIG);
    const plan = planSet(s, ctx, ['hosts', 'anonymousdomain'], 'guest.meet.example.com');
    const at = CONFIG.indexOf("guest.example.com',") + "guest.example.com',".length;
    expect(plan.edits).toEqual([{ offset: at, length: 0, content: "\n        anonymousdomain: 'guest.meet.example.com'," }]);
    expect(plan.footprint).toEqual([['hosts']]);
    expect(after(s, plan).check).toBe(true);
  });

  it('appends an assignment after its siblings where the object is built by assignments', () => {
    const s = snap(CONFIG);
    const plan = planSet(s, ctx, ['flags', 'ssrcRewritingEnabled'], false);
    expect(plan.edits).toEqual([{ offset: CONFIG.length - 1, length: 0, content: '\nconfig.flags.ssrcRewritingEnabled = false;' }]);
    // The anchor is the last writer below `flags`: one added or removed there changes it.
    expect(plan.footprint).toEqual([['flags']]);
    // Below an empty object that a declaration writes, whether the file has assignments at all decides.
    const declared = 'var config = { flags: {} };\nconfig.x = 1;\n';
    expect(planSet(snap(declared), ctx, ['flags', 'a'], true).footprint).toEqual([[]]);
    expect(after(s, plan).check).toBe(true);
  });

  it('says how to change an object in place instead of rewriting it, with no edits', () => {
    const plan = planSet(snap(CONFIG), ctx, ['p2p'], { enabled: false, stunServers: [] });
    expect(plan.edits).toEqual([]);
    expect(plan.inPlace).toEqual({ kind: 'keys', current: { enabled: true } });
  });

  it('says which elements go and come when a list keeps the order of its elements', () => {
    const plan = planSet(snap(CONFIG), ctx, ['toolbarButtons'], ['camera', 'hangup', 'chat']);
    expect(plan.edits).toEqual([]);
    expect(plan.inPlace).toEqual({ kind: 'elements', removals: [2], insertions: [[1, 'hangup']] });
  });

  it('rewrites a reordered list', () => {
    const plan = planSet(snap(CONFIG), ctx, ['toolbarButtons'], ['camera', 'camera', 'chat']);
    expect(plan.edits).toEqual([{ offset: CONFIG.indexOf('['), length: "[ 'camera', 'chat', 'camera' ]".length, content: "[ 'camera', 'camera', 'chat' ]" }]);
    expect(plan.inPlace).toBeUndefined();
  });

  it('plans nothing for the value that is there', () => {
    const plan = planSet(snap(CONFIG), ctx, ['hosts', 'domain'], 'meet.example.com');
    expect(plan.edits).toEqual([]);
    expect(plan.inPlace).toBeUndefined();
  });

  it('in an overlay, writes one assignment of the whole path for an object the overlay does not set', () => {
    const text = "config.toolbarButtons = ['camera'];\n";
    const s = snap(text);
    const plan = planSet(s, overlay, ['hosts', 'anonymousdomain'], 'guest.meet.jitsi');
    expect(plan.edits).toEqual([{ offset: text.length - 1, length: 0, content: "\nconfig.hosts.anonymousdomain = 'guest.meet.jitsi';" }]);
    expect(plan.check!(snap(applyEdits(text, plan.edits)))).toBe(true);
  });

  it('refuses, with the position, what it cannot write', () => {
    const text = 'var config = { hosts: getHosts(), resolution: 720 };\nconfig.resolution.x = 1;\n';
    const blocked = thrown(UnsupportedEditError, () => planSet(snap(text), ctx, ['hosts', 'muc'], 'x'));
    expect(placed(blocked)).toBe('Cannot set hosts.muc: config.hosts is a function call, not a literal value; edit it by hand (1:23)');
    const later = thrown(UnsupportedEditError, () => planSet(snap(text), ctx, ['resolution'], 1080));
    expect(placed(later)).toBe('Cannot set resolution: a later assignment to config.resolution.x changes part of it; edit that one instead (2:1)');
    expect(thrown(UnsupportedEditError, () => planSet(snap('// empty\n'), ctx, ['a'], 1)).message).toBe('Cannot set a: the file does not define config (no `var config = {…}`)');
  });
});

describe('planDelete', () => {
  it('removes a property with its line; the footprint is the object it leaves', () => {
    const s = snap(CONFIG);
    const plan = planDelete(s, ['resolution']);
    expect(plan.edits).toEqual([{ offset: CONFIG.indexOf('    resolution'), length: '    resolution: 720,\n'.length, content: '' }]);
    expect(plan.footprint).toEqual([[]]);
  });

  it('removes the effective writer and every later one below it at once (an earlier one shows in the next round)', () => {
    const text = 'var config = {};\nconfig.a = 0;\nconfig.a = { x: 1 };\nconfig.b = 2;\nconfig.a.y = 3;\n';
    const plan = planDelete(snap(text), ['a']);
    const once = applyEdits(text, plan.edits);
    expect(once).toBe('var config = {};\nconfig.a = 0;\nconfig.b = 2;\n');
    expect(plan.footprint).toEqual([['a']]);
    expect(applyEdits(once, planDelete(snap(once), ['a']).edits)).toBe('var config = {};\nconfig.b = 2;\n');
  });

  it('plans nothing for a path nothing writes', () => {
    expect(planDelete(snap(CONFIG), ['zz']).edits).toEqual([]);
    expect(planDelete(snap(CONFIG), ['resolution', 'x']).edits).toEqual([]);
  });

  it('refuses a writer inside a larger statement', () => {
    const text = 'var config = {};\nconfig.a = config.b = 1;\n';
    expect(placed(thrown(UnsupportedEditError, () => planDelete(snap(text), ['a'])))).toBe('Cannot delete a: config.a is written inside a larger statement; edit it by hand (2:1)');
  });
});

describe('planAddToArray and planRemoveFromArray', () => {
  it("adds in the list's style at the index the caller chooses; reads the list and nothing else", () => {
    const s = snap(CONFIG);
    const plan = planAddToArray(s, ctx, ['toolbarButtons'], 'hangup', () => 1);
    expect(plan.edits).toEqual([{ offset: CONFIG.indexOf("'chat'"), length: 0, content: "'hangup', " }]);
    expect(plan.footprint).toEqual([['toolbarButtons']]);
    expect(after(s, plan).check).toBe(true);
    expect(plan.check!(s)).toBe(false);
  });

  it('leaves a missing list to set, and an element that is there alone', () => {
    expect(planAddToArray(snap(CONFIG), ctx, ['zz'], 'a', (items) => items.length)).toMatchObject({ edits: [], missing: true });
    expect(planAddToArray(snap(CONFIG), ctx, ['toolbarButtons'], 'chat', (items) => items.length)).toEqual({ edits: [], footprint: [['toolbarButtons']] });
  });

  it("validates the item against the document's rules, telling whether the list is set", () => {
    const seen: unknown[] = [];
    const strict: PlanContext = {
      overlay: false,
      validate: (keys, value, what, isSet) => {
        seen.push([keys, value, what, isSet]);
        throw new ValidationError('no');
      },
    };
    expect(() => planAddToArray(snap(CONFIG), strict, ['toolbarButtons'], 'x', () => 0)).toThrow(ValidationError);
    expect(seen).toEqual([[['toolbarButtons'], ['x'], 'item', true]]);
  });

  it('removes every copy at once when no two are next to each other', () => {
    const s = snap(CONFIG);
    const plan = planRemoveFromArray(s, ctx, ['toolbarButtons'], 'camera');
    expect(plan.complete).toBe(true);
    expect(applyEdits(CONFIG, plan.edits)).toBe(CONFIG.replace("[ 'camera', 'chat', 'camera' ]", "[ 'chat' ]"));
    expect(after(s, plan).check).toBe(true);
  });

  it('removes one of two copies side by side, and says there is more to do', () => {
    const text = "var config = { l: [ 'a', 'a', 'b' ] };\n";
    const plan = planRemoveFromArray(snap(text), ctx, ['l'], 'a');
    expect(plan.complete).toBe(false);
    expect(applyEdits(text, plan.edits)).toBe("var config = { l: [ 'a', 'b' ] };\n");
  });

  it('gives back the whitespace the brackets held in the input when the last element goes', () => {
    const text = 'var config = { l: [ ] };\n';
    // The list as the input had it, with one element added by an earlier edit.
    const edited = "var config = { l: ['x'] };\n";
    // ' ' (19) became "'x'" (19 to 21): what follows is two characters further on.
    const origin = { original: text, originalOffset: (o: number) => (o < 19 ? o : o >= 22 ? o - 2 : undefined) };
    const s: ScriptSnapshot = { text: edited, parsed: new ScriptModel(edited, 'config'), origin };
    const array = arrayAt(s.parsed, false, 'Cannot remove', ['l'])!;
    expect(removeListItem(s, arrayList(s, array.node), 0)).toEqual([{ offset: 19, length: 3, content: ' ' }]);
    // Without an origin the text is the input: the element was there, nothing to give back.
    expect(removeListItem(snap(edited), arrayList(snap(edited), array.node), 0)).toEqual([{ offset: 19, length: 3, content: '' }]);
  });
});

describe('planMove', () => {
  const UI = 'var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ \'chrome\', "firefox" ],\n    UNSUPPORTED_BROWSERS: [],\n};\n';

  it('plans both edits against one text, the moved element keeping its quote, and reads both lists back', () => {
    const s = snap(UI, 'interfaceConfig');
    const plan = planMove(s, ctx, ['OPTIMAL_BROWSERS'], ['UNSUPPORTED_BROWSERS'], 'firefox', (items) => items.length);
    expect(plan.apart).toBeUndefined();
    expect(applyEdits(UI, plan.edits)).toBe(UI.replace(', "firefox" ]', ' ]').replace('[]', '[ "firefox" ]'));
    // The pad comes from the list next to it: the enclosing object is read.
    expect(plan.footprint).toEqual([[]]);
    expect(after(s, plan).check).toBe(true);
    expect(plan.check!(s)).toBe(false);
  });

  it('leaves a move it cannot plan as one change to the caller', () => {
    const twice = UI.replace('[]', "[ 'firefox' ]");
    expect(planMove(snap(twice, 'interfaceConfig'), ctx, ['OPTIMAL_BROWSERS'], ['UNSUPPORTED_BROWSERS'], 'firefox', () => 0).apart).toBe(true);
    expect(planMove(snap(UI, 'interfaceConfig'), ctx, ['OPTIMAL_BROWSERS'], ['NOPE'], 'firefox', () => 0).apart).toBe(true);
  });
});

describe('statements', () => {
  it('appends after the writer that shares most keys, in its style (`window.`, no semicolon, CRLF)', () => {
    const text = 'var config = {};\r\nwindow.config.hosts = {}\r\nwindow.config.bosh = "/b"\r\n';
    const reads = new Reads();
    const edits = appendAssignment(snap(text), false, reads, ['hosts', 'domain'], 'x', 0);
    expect(edits).toEqual([{ offset: text.indexOf('\r\nwindow.config.bosh'), length: 0, content: '\r\nwindow.config.hosts.domain = "x"' }]);
    // The writers below `hosts` (the anchor), its values (no string there) and the file (for the quote).
    expect(reads.paths).toEqual([['hosts'], []]);
  });

  it('removes a statement with its line, and the line break before the last line of a file without one', () => {
    const text = 'var config = {};\nconfig.a = 1;\nconfig.b = 2;';
    const s = snap(text);
    const [, a, b] = s.parsed.ast.program.body;
    expect(removeStatement(s, a!)).toEqual([{ offset: 17, length: 14, content: '' }]);
    expect(removeStatement(s, b!)).toEqual([{ offset: 30, length: 14, content: '' }]);
  });
});

describe('styleFor', () => {
  it('reads only what the text it writes needs, nearest first, and records what it read', () => {
    const text = "var config = {\n    a: { s: 'x', l: ['y'] },\n    b: [],\n    c: { n: 1 },\n};\n";
    const model = new ScriptModel(text, 'config');
    const c = resolve(model, ['c']);
    const reads = new Reads();
    const style = styleFor(model, reads, c.kind === 'found' ? c.node : undefined, ['c'], 0);
    expect(reads.paths).toEqual([]);
    // c has no strings: the quote is its siblings' (read: the root object).
    expect(style.quote).toBe("'");
    expect(reads.paths).toEqual([[]]);
    const unread = new Reads();
    const own = resolve(model, ['a']);
    const near = styleFor(model, unread, own.kind === 'found' ? own.node : undefined, ['a'], 0);
    // a's own list decides the padding (no space inside): nothing but a is read.
    expect([near.quote, near.pad]).toEqual(["'", '']);
    expect(unread.paths).toEqual([['a']]);
  });
});

it('leaves the snapshot as it was: planning twice gives the same plan', () => {
  const s = snap(CONFIG);
  const plans = (): TextEdit[][] =>
    [
      planSet(s, ctx, ['hosts', 'anonymousdomain'], 'g.example.com').edits,
      planDelete(s, ['resolution']).edits,
      planRemoveFromArray(s, ctx, ['toolbarButtons'], 'camera').edits,
    ].map((e) => [...e]);
  expect(plans()).toEqual(plans());
  expect(s.text).toBe(CONFIG);
});
