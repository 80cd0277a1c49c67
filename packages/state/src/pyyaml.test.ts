/**
 * PyYAML, the YAML 1.1 reader Ansible uses, as the oracle: every valid state file, every file the
 * tool writes, reads the same there as here; the scalars this package refuses as ambiguous really
 * read differently there; and what Ansible's to_nice_yaml writes is read, and recorded into in its
 * own layout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { fixturesRoot } from '../../../test/support/golden.js';
import { parseState } from './index.js';
import type { Intent } from './index.js';
import { stateFixtures } from './test-support/fixtures.js';
import { pyyamlAvailable, pyyamlLoad, toNiceYaml } from './test-support/pyyaml.js';

const available = pyyamlAvailable();

/** What this package reads, in the form pyyamlLoad gives. */
function ours(text: string): unknown {
  return JSON.parse(JSON.stringify(parseDocument(text).toJS() ?? null)) as unknown;
}

/** State files the tool writes: recorded from nothing, with values YAML 1.1 would read otherwise. */
function written(): string[] {
  const values = [
    'yes',
    'no',
    'on',
    'off',
    'y',
    'n',
    '010',
    '0o10',
    '1_000',
    '1:20',
    '2026-01-01',
    '.inf',
    'null',
    '~',
    'true',
    'a: b',
    '#x',
    '- x',
    '[x]',
    'é',
    'two\nlines',
    ' padded ',
    '',
  ];
  const doc = parseState('');
  doc.setHost('meet.example.com');
  values.forEach((value, i) => doc.record({ kind: 'set', file: 'config.js', path: `subject${i}`, value }));
  doc.record({ kind: 'set', file: 'config.js', path: 'list', value: values });
  doc.record({ kind: 'set', file: 'config.js', path: 'map', value: Object.fromEntries(values.map((v) => [v, v])) });
  doc.record({ kind: 'secure-domain', host: 'meet.example.com' });
  const golden = join(fixturesRoot, 'golden', 'state');
  const corpusStates = readdirSync(golden)
    .filter((name) => name !== 'upgrade-2020-to-2025')
    .map((name) => readFileSync(join(golden, name, 'state.yaml'), 'utf8'));
  return [doc.toString(), ...corpusStates];
}

describe.skipIf(!available)('PyYAML (YAML 1.1, as Ansible reads) and this package read the same', () => {
  it('every valid fixture', () => {
    const fixtures = stateFixtures('valid');
    const theirs = pyyamlLoad(fixtures.map((f) => f.text));
    fixtures.forEach((f, i) => expect(theirs[i], f.name).toEqual({ data: ours(f.text) }));
  });

  it('every state file the tool writes, tricky strings included', () => {
    const texts = written();
    expect(texts.length).toBeGreaterThan(5);
    const theirs = pyyamlLoad(texts);
    texts.forEach((text, i) => expect(theirs[i]).toEqual({ data: ours(text) }));
  });

  it('the plain scalars refused as ambiguous do read differently there', () => {
    const ambiguous = stateFixtures('beyond-schema').filter((f) => f.expect.some((e) => e.startsWith('ambiguous-scalar')));
    expect(ambiguous.map((f) => f.name)).toEqual(['octal-looking-number.yaml', 'yes-for-text.yaml']);
    const theirs = pyyamlLoad(ambiguous.map((f) => f.text));
    ambiguous.forEach((f, i) => expect(theirs[i]).not.toEqual({ data: ours(f.text) }));
  });
});

describe.skipIf(!available)("Ansible's to_nice_yaml", () => {
  const intents: Intent[] = [
    { kind: 'browser', browser: 'firefox', list: 'unsupported' },
    { kind: 'secure-domain', host: 'meet.example.com', guest: 'guest.meet.example.com' },
    { kind: 'set', file: 'sip-communicator.properties', path: 'org.jitsi.jicofo.ENABLE_AUTO_OWNER', value: 'true' },
    { kind: 'set', file: 'prosody', scope: { component: 'conference.meet.example.com' }, key: 'name', value: 'Salle de réunion' },
  ];
  const text = available ? toNiceYaml({ version: 1, host: 'meet.example.com', intents }) : '';

  it('writes a file this package reads into the same intents', () => {
    expect(text).toContain("    value: 'true'\n");
    expect(parseState(text).intents.map((i) => i.intent)).toEqual(intents);
  });

  it('recording into it gives what to_nice_yaml writes for the longer list, byte for byte', () => {
    const doc = parseState(text);
    const more: Intent = { kind: 'set', file: 'config.js', path: 'defaultLanguage', value: 'no' };
    doc.record(more);
    expect(doc.toString()).toBe(toNiceYaml({ version: 1, host: 'meet.example.com', intents: [...intents, more] }));
    expect(pyyamlLoad([doc.toString()])[0]).toEqual({ data: ours(doc.toString()) });
  });
});
