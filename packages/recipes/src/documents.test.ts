/**
 * The one document interface on every kind, opened through the one table (DOCUMENT_KINDS): the
 * members callers use instead of an adapter per kind (valueForm, locate, siblings, isKnown,
 * unsettable), and what each kind refuses (a malformed path: PathError; a value it cannot hold:
 * ValidationError without a position), with nothing changed.
 */
import { ConfkitError, PathError, ValidationError, type SourcePosition } from '@jitsi-confkit/core';
import { INTERFACE_CONFIG_KINDS } from '@jitsi-confkit/web-config';
import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_FILES, type DeploymentFile } from './deployment.js';
import { blankDocumentText, DOCUMENT_KINDS, openDocument, type DeploymentDocument } from './documents.js';
import { blankDocumentTextSync, openDocumentSync } from './documents-sync.js';

const INTERFACE = "var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet',\n    SHOW_JITSI_WATERMARK: true,\n};\n";
const MEET = "var config = {\n    hosts: {\n        domain: 'meet.example.com',\n    },\n    p2p: {\n        enabled: true,\n    },\n};\n";
const PROSODY =
  'admins = { }\n\nVirtualHost "meet.example.com"\n    authentication = "jitsi-anonymous"\n    app_id = "x"\n\nComponent "conference.meet.example.com" "muc"\n    storage = "memory"\n';
const JICOFO = 'jicofo {\n  authentication {\n    enabled = false\n  }\n}\n';
const SIP = 'org.jitsi.jicofo.auth.URL=XMPP:meet.example.com\norg.jitsi.jicofo.BRIDGE_MUC=jvb@internal\n';

/** One sample of each kind: a text, a path set in it with its value and position, and a new path with a value to set. */
const SAMPLES: Record<DeploymentFile, { text: string; path: string; value: unknown; at: SourcePosition; newPath: string; newValue: unknown; after: string }> = {
  interfaceConfig: {
    text: INTERFACE,
    path: 'APP_NAME',
    value: 'Jitsi Meet',
    at: { line: 2, column: 15, offset: 38 },
    newPath: 'MOBILE_APP_PROMO',
    newValue: false,
    // The file's keys are sorted: the new one takes its place among them.
    after: "var interfaceConfig = {\n    APP_NAME: 'Jitsi Meet',\n    MOBILE_APP_PROMO: false,\n    SHOW_JITSI_WATERMARK: true,\n};\n",
  },
  meetConfig: {
    text: MEET,
    path: 'hosts.domain',
    value: 'meet.example.com',
    at: { line: 3, column: 17, offset: 44 },
    newPath: 'p2p.useStunTurn',
    newValue: true,
    after: MEET.replace('        enabled: true,\n', '        enabled: true,\n        useStunTurn: true,\n'),
  },
  prosody: {
    text: PROSODY,
    path: 'host:meet.example.com/authentication',
    value: 'jitsi-anonymous',
    at: { line: 4, column: 5, offset: 49 },
    newPath: 'component:conference.meet.example.com/restrict_room_creation',
    newValue: true,
    after: `${PROSODY}    restrict_room_creation = true\n`,
  },
  jicofoConf: {
    text: JICOFO,
    path: 'jicofo.authentication.enabled',
    value: false,
    at: { line: 3, column: 15, offset: 42 },
    newPath: 'jicofo.authentication.type',
    newValue: 'XMPP',
    // The file writes no unquoted string: the new one is quoted.
    after: 'jicofo {\n  authentication {\n    enabled = false\n    type = "XMPP"\n  }\n}\n',
  },
  sipCommunicator: {
    text: SIP,
    path: 'org.jitsi.jicofo.auth.URL',
    value: 'XMPP:meet.example.com',
    at: { line: 1, column: 27, offset: 26 },
    newPath: 'org.jitsi.jicofo.auth.DISABLE_AUTOLOGIN',
    newValue: 'true',
    after: `${SIP}org.jitsi.jicofo.auth.DISABLE_AUTOLOGIN=true\n`,
  },
};

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** The error's class, message and position, and the document as it is after it. */
function refusal(doc: DeploymentDocument, work: () => unknown): [string, string, SourcePosition | undefined, boolean, string] {
  const error = thrown(work);
  if (!(error instanceof ConfkitError)) throw error;
  return [error.constructor.name, error.message, error.position, doc.changed, doc.toString()];
}

describe('DOCUMENT_KINDS: one table, every kind', () => {
  it('has one entry for each file of a deployment, in the same order', () => {
    expect(Object.keys(DOCUMENT_KINDS)).toEqual(DEPLOYMENT_FILES);
  });

  it.each(DEPLOYMENT_FILES)('%s: openDocument (library loaded on first use) and openDocumentSync open the same document', async (kind) => {
    const { text } = SAMPLES[kind];
    const lazy = await openDocument(kind, text);
    const now = openDocumentSync(kind, text);
    expect([lazy.kind, lazy.constructor, lazy.toString(), lazy.changed]).toEqual([kind, now.constructor, text, false]);
  });

  it.each(DEPLOYMENT_FILES)('%s: get, has, locate, set and delete by path', async (kind) => {
    const s = SAMPLES[kind];
    const doc = await openDocument(kind, s.text);
    expect([doc.get(s.path), doc.has(s.path), doc.locate(s.path)]).toEqual([s.value, true, s.at]);
    expect([doc.get(s.newPath), doc.has(s.newPath), doc.locate(s.newPath)]).toEqual([undefined, false, undefined]);
    doc.set(s.newPath, s.newValue);
    expect([doc.toString(), doc.get(s.newPath), doc.changed]).toEqual([s.after, s.newValue, true]);
    doc.set(s.newPath, s.newValue);
    expect(doc.toString()).toBe(s.after);
    doc.delete(s.newPath);
    expect([doc.toString(), doc.changed, doc.edits]).toEqual([s.text, false, []]);
  });

  it.each(DEPLOYMENT_FILES)('%s: the blank text takes the new path (async and sync alike)', async (kind) => {
    const s = SAMPLES[kind];
    const blank = await blankDocumentText(kind, s.newPath);
    expect(blankDocumentTextSync(kind, s.newPath)).toBe(blank);
    const doc = openDocumentSync(kind, blank);
    doc.set(s.newPath, s.newValue);
    expect(doc.get(s.newPath)).toEqual(s.newValue);
  });

  it('the blank Prosody text holds the scope the path names, escaped as a Lua string', () => {
    expect(blankDocumentTextSync('prosody', 'host:meet.example.com/authentication')).toBe('VirtualHost "meet.example.com"\n');
    expect(blankDocumentTextSync('prosody', 'component:x"y/storage')).toBe('Component "x\\"y"\n');
    expect(blankDocumentTextSync('prosody', 'global/admins')).toBe('');
    expect(blankDocumentTextSync('prosody', 'admins')).toBe('');
    expect(thrown(() => blankDocumentTextSync('prosody', 'vhost:x/y'))).toBeInstanceOf(PathError);
  });
});

describe('valueForm: data, or text written as given', () => {
  it.each([
    ['interfaceConfig', 'data'],
    ['meetConfig', 'data'],
    ['prosody', 'data'],
    ['jicofoConf', 'data'],
    ['sipCommunicator', 'text'],
  ] as const)('%s: %s', (kind, form) => {
    expect(openDocumentSync(kind, SAMPLES[kind].text).valueForm).toBe(form);
  });
});

describe('siblings: the keys next to a path, in its own form', () => {
  it.each([
    ['meetConfig', 'p2p.enabeld', ['p2p.enabled']],
    ['meetConfig', 'p2p.enabled', []],
    ['meetConfig', 'hosts.domain', []],
    ['meetConfig', 'startAudioMuted', ['hosts', 'p2p']],
    ['meetConfig', 'nothere.a', []],
    ['meetConfig', 'hosts.domain.x', []],
    ['prosody', 'host:meet.example.com/authenticaton', ['host:meet.example.com/authentication', 'host:meet.example.com/app_id']],
    ['prosody', 'host:meet.example.com/app_id', ['host:meet.example.com/authentication']],
    ['prosody', 'component:conference.meet.example.com/storage', []],
    ['prosody', 'admin', ['admins']],
    ['prosody', 'global/admin', ['global/admins']],
    ['prosody', 'host:nothere.example.com/authentication', []],
    ['jicofoConf', 'jicofo.authentication.enable', ['jicofo.authentication.enabled']],
    ['jicofoConf', 'jicof', ['jicofo']],
    ['jicofoConf', 'jicofo.nothere.x', []],
    ['sipCommunicator', 'org.jitsi.jicofo.auth.URI', ['org.jitsi.jicofo.auth.URL', 'org.jitsi.jicofo.BRIDGE_MUC']],
    ['sipCommunicator', 'org.jitsi.jicofo.auth.URL', ['org.jitsi.jicofo.BRIDGE_MUC']],
  ] as const)('%s %s', (kind, path, siblings) => {
    expect(openDocumentSync(kind, SAMPLES[kind].text).siblings(path)).toEqual(siblings);
  });

  it("interfaceConfig: the file's keys, then Jitsi Meet's, each once", () => {
    const known = Object.keys(INTERFACE_CONFIG_KINDS);
    expect(known).toContain('SHOW_JITSI_WATERMARK');
    const doc = openDocumentSync('interfaceConfig', `${INTERFACE.slice(0, -4)}    MY_OWN: 1,\n};\n`);
    expect(doc.siblings('APP_NAME')).toEqual(['SHOW_JITSI_WATERMARK', 'MY_OWN', ...known.filter((k) => k !== 'APP_NAME' && k !== 'SHOW_JITSI_WATERMARK')]);
  });

  it('config.js: keys as the file writes them, whatever their values (a call, a concatenation)', () => {
    const doc = openDocumentSync(
      'meetConfig',
      "var subdir = '';\nvar config = {\n    p2p: makeP2p(),\n    bosh: '//meet.example.com/' + subdir + 'http-bind',\n    'quoted-key': 1,\n};\n",
    );
    expect(doc.siblings('p2p.enabled')).toEqual([]);
    expect(doc.siblings('bsh')).toEqual(['p2p', 'bosh', 'quoted-key']);
  });

  it('config.js built from assignments (docker overlay): the keys each assignment writes, each once', () => {
    const doc = openDocumentSync(
      'meetConfig',
      "config.p2p.enabled = false;\nconfig.hosts = config.hosts || {};\nconfig.hosts.domain = 'meet.example.com';\nconfig.p2p.useStunTurn = true;\n",
    );
    expect([doc.siblings('x'), doc.siblings('p2p.enabeld'), doc.siblings('hosts.x')]).toEqual([['p2p', 'hosts'], ['p2p.enabled', 'p2p.useStunTurn'], ['hosts.domain']]);
  });
});

describe('isKnown: only where the kind has a list of the keys its application reads', () => {
  it.each([
    ['interfaceConfig', 'APP_NAME', true],
    ['interfaceConfig', 'APP_NAME.x', true],
    ['interfaceConfig', 'MY_OWN_THING', false],
    ['meetConfig', 'p2p.enabled', undefined],
    ['prosody', 'host:meet.example.com/authentication', undefined],
    ['jicofoConf', 'jicofo.authentication.enabled', undefined],
    ['sipCommunicator', 'org.jitsi.jicofo.auth.URL', undefined],
  ] as const)('%s %s: %s', (kind, path, known) => {
    expect(openDocumentSync(kind, SAMPLES[kind].text).isKnown(path)).toBe(known);
  });
});

describe('unsettable: why a path has no place in the file', () => {
  it.each([
    ['host:meet.exmaple.com/authentication', 'there is no VirtualHost "meet.exmaple.com" in it (meet.example.com)'],
    ['host:MEET.example.com/authentication', undefined],
    ['component:muc.meet.example.com/storage', 'there is no Component "muc.meet.example.com" in it (conference.meet.example.com)'],
    ['host:meet.example.com/nothing_set', undefined],
    ['global/nothing_set', undefined],
    ['nothing_set', undefined],
  ])('prosody %s', (path, why) => {
    expect(openDocumentSync('prosody', PROSODY).unsettable(path)).toBe(why);
  });

  it('prosody: a file without sections of that kind says so', () => {
    const doc = openDocumentSync('prosody', 'admins = { }\n');
    expect(doc.unsettable('host:meet.example.com/x')).toBe('there is no VirtualHost "meet.example.com" in it (no VirtualHost)');
    expect(doc.unsettable('component:c.example.com/x')).toBe('there is no Component "c.example.com" in it (no Component)');
  });

  it.each(['interfaceConfig', 'meetConfig', 'jicofoConf', 'sipCommunicator'] as const)('%s: every path has a place (undefined)', (kind) => {
    const s = SAMPLES[kind];
    expect([s.path, s.newPath].map((p) => openDocumentSync(kind, s.text).unsettable(p))).toEqual([undefined, undefined]);
  });
});

describe('refused: a path not in the kind syntax (PathError), nothing changed', () => {
  it.each([
    ['interfaceConfig', 'APP_NAME..x', 'Invalid path "APP_NAME..x": each key must be made of letters, digits, _ and $'],
    ['meetConfig', 'hosts.__proto__', 'Invalid path "hosts.__proto__": each key must be made of letters, digits, _ and $'],
    ['prosody', 'vhost:meet.example.com/authentication', 'Prosody path "vhost:meet.example.com/authentication": write host:NAME/KEY, component:NAME/KEY, global/KEY or KEY'],
    ['prosody', 'host:meet.example.com/', 'Prosody path "host:meet.example.com/" has no key after the "/"'],
    ['prosody', 'host:a/b/authentication', 'Prosody path "host:a/b/authentication": write host:NAME/KEY, component:NAME/KEY, global/KEY or KEY'],
    ['prosody', 'host:meet.example.com', 'Prosody path "host:meet.example.com" names a section, not a setting: add /KEY'],
    ['jicofoConf', 'jicofo..enabled', 'Invalid path "jicofo..enabled": each key must be letters, digits, _ and - (found "")'],
    ['sipCommunicator', 'org.jitsi key', "Invalid property key \"org.jitsi key\": use letters, digits, '.', '_' and '-'"],
  ] as const)('%s %s', (kind, path, message) => {
    const doc = openDocumentSync(kind, SAMPLES[kind].text);
    const text = SAMPLES[kind].text;
    const expected = ['PathError', message, undefined, false, text];
    expect(refusal(doc, () => doc.set(path, SAMPLES[kind].newValue))).toEqual(expected);
    expect(refusal(doc, () => doc.delete(path))).toEqual(expected);
    expect(thrown(() => doc.set(path, SAMPLES[kind].newValue))).toBeInstanceOf(ValidationError);
    if (kind !== 'sipCommunicator') {
      // A .properties file may hold any key: reading one is never refused.
      const reads = [() => doc.get(path), () => doc.locate(path), () => doc.siblings(path), () => doc.isKnown(path), () => doc.unsettable(path)];
      // ProsodyConfig's has() answers for a section path (whether the section is there).
      if (!path.endsWith('.example.com')) reads.push(() => doc.has(path));
      for (const read of reads) {
        expect(refusal(doc, read)).toEqual(expected);
      }
    }
  });
});

describe('refused: a value the kind cannot hold (ValidationError, no position), nothing changed', () => {
  it.each([
    ['prosody', 'host:meet.example.com/app_id', null, 'null is not a Prosody setting; give a string, number, boolean, array or object'],
    ['prosody', 'host:meet.example.com/app_id', ['a', null], 'null is not a Prosody setting; give a string, number, boolean, array or object'],
    ['prosody', 'host:meet.example.com/new_one', { a: null }, 'null is not a Prosody setting; give a string, number, boolean, array or object'],
    ['jicofoConf', 'jicofo.authentication.enabled', null, 'null is not a jicofo.conf value; give a string, number, boolean, array or object'],
    ['jicofoConf', 'jicofo.authentication.new', [1, null], 'null is not a jicofo.conf value; give a string, number, boolean, array or object'],
    ['sipCommunicator', 'org.jitsi.jicofo.auth.URL', null, 'Invalid value for org.jitsi.jicofo.auth.URL: expected a string'],
    ['sipCommunicator', 'org.jitsi.jicofo.auth.URL', 20, 'Invalid value for org.jitsi.jicofo.auth.URL: expected a string'],
    ['interfaceConfig', 'APP_NAME', null, 'APP_NAME takes string, not null'],
  ] as const)('%s %s = %j', (kind, path, value, message) => {
    const doc = openDocumentSync(kind, SAMPLES[kind].text);
    expect(refusal(doc, () => doc.set(path, value))).toEqual(['ValidationError', message, undefined, false, SAMPLES[kind].text]);
  });

  it('config.js and an unknown interface_config.js key hold null (JavaScript has it)', () => {
    const doc = openDocumentSync('meetConfig', MEET);
    doc.set('p2p.stunServers', null);
    expect(doc.get('p2p.stunServers')).toBe(null);
    const ui = openDocumentSync('interfaceConfig', INTERFACE);
    ui.set('MY_OWN', null);
    expect(ui.toString()).toBe(INTERFACE.replace('    SHOW', '    MY_OWN: null,\n    SHOW'));
  });
});

describe('the README example (Every file as one document)', () => {
  it('reads, explains a missing scope, and sets', async () => {
    const text = 'VirtualHost "meet.example.com"\n    authentication = "jitsi-anonymous"\n';
    const doc = await openDocument('prosody', text);
    expect(doc.get('host:meet.example.com/authentication')).toBe('jitsi-anonymous');
    expect(doc.unsettable('host:meet.exmaple.com/authentication')).toBe('there is no VirtualHost "meet.exmaple.com" in it (meet.example.com)');
    expect(doc.set('host:meet.example.com/c2s_require_encryption', true).toString()).toBe(`${text}    c2s_require_encryption = true\n`);
  });
});
