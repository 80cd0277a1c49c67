/**
 * Prosody 13's readers (`Credential("name")`, `FileLine "path"`, …) as values, and addComponent:
 * read, written in the file's style, compared, undone byte for byte, refused when hostile.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedEditError, ValidationError } from '@jitsi-confkit/core';
import { credential, FileReference, OpaqueValue, parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { thrown } from '../../../test/support/errors.js';
import { evaluate, hasProgram, luacCheck } from './test-support/evaluate.js';

const lua = hasProgram('lua5.4') && hasProgram('luac5.4');
const HOST = { host: 'meet.example.com' };

describe('FileReference values', () => {
  it.each([
    ['a call', 'app_secret = Credential("jitsi-app-secret")', new FileReference('Credential', 'jitsi-app-secret')],
    ['a string call in single quotes', "app_secret = Credential 'jitsi-app-secret'", new FileReference('Credential', 'jitsi-app-secret')],
    ['FileLine with a path', 'ldap_password = FileLine("secrets/ldap")', new FileReference('FileLine', 'secrets/ldap')],
    ['in a table', 'ssl = { password = FileContents("/etc/k") }', { password: new FileReference('FileContents', '/etc/k') }],
  ])('get reads %s', (_, line, expected) => {
    const cfg = parseProsodyConfig(`VirtualHost "meet.example.com"\n    ${line}\n`);
    const key = line.split(' ')[0]!;
    expect(cfg.get(HOST, key)).toEqual(expected);
  });

  it('get still refuses another function as not a literal', () => {
    const cfg = parseProsodyConfig('VirtualHost "meet.example.com"\n    app_secret = os.getenv("X")\n');
    const e = thrown(UnsupportedEditError, () => cfg.get(HOST, 'app_secret'));
    expect(e.message).toMatch(/^The value of app_secret is not a literal \(/);
  });

  // Prosody 13 reads these too (they are not refused at load), so get reports what it reads as an
  // OpaqueValue of its kind; none is a FileReference, the kind of value set writes.
  it.each([
    ['two arguments', 'app_secret = Credential("a", "b")', 'Credential', 'a'],
    ['a name that is not a literal', 'app_secret = Credential(name)', 'Credential', undefined],
    ['a method call', 'app_secret = Lua.Credential("a")', 'Lua', 'Credential'],
    ['a credential name with a slash', 'app_secret = Credential("../../etc/shadow")', 'Credential', '../../etc/shadow'],
  ])('get reads %s as an OpaqueValue that is not a FileReference', (_, line, kind, argument) => {
    const cfg = parseProsodyConfig(`VirtualHost "meet.example.com"\n    ${line}\n`);
    const value = cfg.get(HOST, 'app_secret');
    expect(value).toBeInstanceOf(OpaqueValue);
    expect(value).not.toBeInstanceOf(FileReference);
    expect([(value as OpaqueValue).kind, (value as OpaqueValue).argument, (value as OpaqueValue).toString()]).toEqual([kind, argument, line.slice('app_secret = '.length)]);
  });

  it('set writes the call in the file quote style, replaces a string, compares by reader and name, and undoes', () => {
    const text = "VirtualHost 'meet.example.com'\n    authentication = 'token' -- do not delete me\n    app_secret = 'old'\n";
    // Prosody 0.12 cannot load it: written only for a config said to be for Prosody 13.
    const old = parseProsodyConfig(text);
    expect(thrown(ValidationError, () => old.set(HOST, 'app_secret', credential('jitsi-app-secret'))).message).toMatch(
      /^Cannot write Credential\(\) into this config: it is Prosody 13 syntax/,
    );
    expect(old.toString()).toBe(text);
    const cfg = parseProsodyConfig(text, { prosody: '13' }).set(HOST, 'app_secret', credential('jitsi-app-secret'));
    expect(cfg.toString()).toBe("VirtualHost 'meet.example.com'\n    authentication = 'token' -- do not delete me\n    app_secret = Credential('jitsi-app-secret')\n");
    expectEditInvariants(text, cfg.edits, cfg.toString());
    const again = parseProsodyConfig(cfg.toString(), { prosody: '13' }).set(HOST, 'app_secret', credential('jitsi-app-secret'));
    expect(again.changed).toBe(false);
    cfg.set(HOST, 'app_secret', 'old');
    expect(cfg.toString()).toBe(text);
    expect(cfg.edits).toEqual([]);
  });

  it('a new setting with a reference, read back by lua5.4 as a call of the reader', () => {
    const text = 'VirtualHost "meet.example.com"\n    authentication = "token"\n';
    const out = parseProsodyConfig(text, { prosody: '13' }).set(HOST, 'app_secret', credential('a.b@c-d_e')).toString();
    expect(out).toBe('VirtualHost "meet.example.com"\n    authentication = "token"\n    app_secret = Credential("a.b@c-d_e")\n');
    if (lua) {
      expect(luacCheck(out)).toBeUndefined();
      // The stub of the 0.12 configmanager has no Credential: lua5.4 loads the text with one defined.
      expect(evaluate(`Credential = function(n) return "credential:" .. n end\n${out}`).hosts['meet.example.com']!.settings.app_secret).toBe('credential:a.b@c-d_e');
    }
  });

  it.each([
    ['the same fields', '{ reader = "Credential", name = "x" }', 'Credential("x")', '{ reader = "Credential"; name = "x" }'],
    ['other fields, in single quotes', "{ reader = 'FileLine'; name = 'x' }", "Credential('x')", '{ reader = "Credential"; name = "x" }'],
  ])('a table with %s as a reference is a table: set writes the call over it, and a table back', (_, table, call, back) => {
    const line = (value: string): string => `VirtualHost "meet.example.com"\r\n\tapp_secret = ${value} -- kept\r\n`;
    const cfg = parseProsodyConfig(line(table), { prosody: '13' }).set(HOST, 'app_secret', credential('x'));
    expect(cfg.toString()).toBe(line(call));
    expect(cfg.get(HOST, 'app_secret')).toEqual(credential('x'));
    cfg.set(HOST, 'app_secret', { reader: 'Credential', name: 'x' });
    expect(cfg.toString()).toBe(line(back));
    expect(cfg.get(HOST, 'app_secret')).not.toBeInstanceOf(FileReference);
  });

  it.each([
    ['an empty name', ''],
    ['a slash', 'a/b'],
    ['a leading dot', '.hidden'],
    ['a newline', 'a\nb'],
    ['a quote', 'a"); os.execute("id") --'],
  ])('refuses a credential name with %s, file untouched', (_, name) => {
    const text = 'VirtualHost "meet.example.com"\n';
    const cfg = parseProsodyConfig(text, { prosody: '13' });
    expect(() => credential(name)).toThrow(ValidationError);
    // An object that only looks like a reference is checked when written.
    const fake = Object.assign(Object.create(FileReference.prototype), { reader: 'Credential', name }) as FileReference;
    expect(() => cfg.set(HOST, 'app_secret', fake)).toThrow(ValidationError);
    expect(cfg.toString()).toBe(text);
  });
});

describe('addComponent', () => {
  const text = 'VirtualHost "meet.example.com"\n    authentication = "jitsi-anonymous"\n\nComponent "conference.meet.example.com" "muc"\n    storage = "memory"\n';

  it('adds the component at the end of the file in its style, and removeSection gives the bytes back', () => {
    const cfg = parseProsodyConfig(text).addComponent('lobby.meet.example.com', 'muc', { storage: 'memory', restrict_room_creation: true });
    expect(cfg.toString()).toBe(`${text}\nComponent "lobby.meet.example.com" "muc"\n    storage = "memory"\n    restrict_room_creation = true\n`);
    expectEditInvariants(text, cfg.edits, cfg.toString());
    expect(cfg.sections().at(-1)).toEqual({ kind: 'Component', name: 'lobby.meet.example.com', type: 'muc', line: 7 });
    cfg.removeSection({ component: 'lobby.meet.example.com' });
    expect(cfg.toString()).toBe(text);
  });

  it('after a section, in CRLF and single quotes', () => {
    const crlf = text.replaceAll('"', "'").replaceAll('\n', '\r\n');
    const cfg = parseProsodyConfig(crlf).addComponent('lobby.meet.example.com', 'muc', { storage: 'memory' }, { after: HOST });
    expect(cfg.toString()).toBe(
      "VirtualHost 'meet.example.com'\r\n    authentication = 'jitsi-anonymous'\r\n\r\nComponent 'lobby.meet.example.com' 'muc'\r\n    storage = 'memory'\r\n\r\nComponent 'conference.meet.example.com' 'muc'\r\n    storage = 'memory'\r\n",
    );
  });

  it('sets the settings of an existing component of that module, no second copy', () => {
    const cfg = parseProsodyConfig(text).addComponent('conference.meet.example.com', 'muc', { storage: 'memory', muc_max_occupants: 10 });
    expect(cfg.toString()).toBe(`${text}    muc_max_occupants = 10\n`);
  });

  it.each([
    [
      'another module',
      () => parseProsodyConfig(text).addComponent('conference.meet.example.com', 'muc_x'),
      'Component "conference.meet.example.com" is a "muc" component in this file, not a "muc_x" one',
    ],
    [
      'a VirtualHost of that name',
      () => parseProsodyConfig(text).addComponent('meet.example.com', 'muc'),
      '"meet.example.com" is a VirtualHost in this file; it cannot also be a Component',
    ],
    [
      'a module name that is not a word',
      () => parseProsodyConfig(text).addComponent('lobby.meet.example.com', 'muc" os.execute("id'),
      'Invalid component module "muc" os.execute("id": use the name of a Prosody module, such as muc',
    ],
  ])('refuses %s', (_, fn, message) => {
    expect(thrown(ValidationError, fn).message).toBe(message);
  });

  it('refuses a hostile component name', () => {
    expect(() => parseProsodyConfig(text).addComponent('x" ; os.execute("id") --', 'muc')).toThrow(ValidationError);
  });
});
