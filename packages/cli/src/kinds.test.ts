import { describe, expect, it } from 'vitest';
import { readValue } from './commands/value.js';
import { kindFromContent, kindFromName } from './kinds.js';

describe('kindFromName', () => {
  it.each([
    ['/usr/share/jitsi-meet/interface_config.js', 'interfaceConfig'],
    ['custom-interface_config.js', 'interfaceConfig'],
    ['/etc/jitsi/meet/meet.example.com-interface_config.js', 'interfaceConfig'],
    ['/etc/jitsi/meet/meet.example.com-config.js', 'meetConfig'],
    ['custom-config.js', 'meetConfig'],
    ['CONFIG.JS', 'meetConfig'],
    ['/etc/prosody/conf.d/meet.example.com.cfg.lua', 'prosody'],
    ['prosody.cfg.lua', 'prosody'],
    ['/etc/jitsi/jicofo/jicofo.conf', 'jicofoConf'],
    ['custom-jicofo.conf', 'jicofoConf'],
    ['sip-communicator.properties', 'sipCommunicator'],
    ['notes.txt', undefined],
    ['custom.js', undefined],
  ])('%s -> %s', (path, kind) => {
    expect(kindFromName(path)).toBe(kind);
  });
});

describe('kindFromContent', () => {
  it.each([
    ['var interfaceConfig = {\n  X: 1,\n};\n', 'interfaceConfig'],
    ['var config = {\n  hosts: {},\n};\n', 'meetConfig'],
    ["config.hosts.domain = 'meet.jitsi';\n", 'meetConfig'],
    ['-- comment\nVirtualHost "meet.example.com"\n  authentication = "anonymous"\n', 'prosody'],
    ['modules_enabled = { "ping" }\n', 'prosody'],
    ['org.jitsi.jicofo.auth.URL=XMPP:meet.example.com\n', 'sipCommunicator'],
    ['jicofo {\n  xmpp: {}\n}\n', 'jicofoConf'],
    ['jicofo.authentication.enabled = true\n', 'jicofoConf'],
    ['hello\n', undefined],
  ])('%j -> %s', (text, kind) => {
    expect(kindFromContent(text)).toBe(kind);
  });
});

describe('readValue: JSON where it parses, else the text', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['42', 42],
    ['-1.5', -1.5],
    ['null', null],
    ['"quoted"', 'quoted'],
    ['["chrome","firefox"]', ['chrome', 'firefox']],
    ['{"enabled":true}', { enabled: true }],
    ['guest.meet.example.com', 'guest.meet.example.com'],
    ['internal_hashed', 'internal_hashed'],
    ['[not json', '[not json'],
    ['', ''],
  ])('%j', (raw, value) => {
    expect(readValue(raw)).toEqual(value);
  });
});
