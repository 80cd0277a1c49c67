/**
 * The JSON Schema published for editors: state.schema.json is the schema the code makes, and a
 * real JSON Schema validator (ajv, draft-07, strict mode) with it agrees with the package's own
 * validator on host names, paths and keys of every file, and value types (every interface_config.js
 * key the library types, config.js host paths, Prosody and HOCON without null, text-only .properties).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { isHostname } from '@jitsi-confkit/core';
import { INTERFACE_CONFIG_KINDS } from '@jitsi-confkit/web-config';
import { INTENT_KINDS, parseState, STATE_SCHEMA, StateValidationError } from './index.js';
import type { FileName, JsonValue } from './index.js';
import { HOST_PATTERN } from './fields.js';
import { updateGolden } from '../../../test/support/golden.js';

const schemaPath = new URL('../state.schema.json', import.meta.url);
const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(STATE_SCHEMA);

function validatorAccepts(intent: Record<string, unknown>): boolean {
  try {
    // JSON is YAML: the state file with this one intent.
    parseState(JSON.stringify({ version: 1, intents: [intent] }));
    return true;
  } catch (error) {
    if (error instanceof StateValidationError) return false;
    throw error;
  }
}

function schemaAccepts(intent: Record<string, unknown>): boolean {
  return validate({ version: 1, intents: [intent] });
}

describe('state.schema.json', () => {
  it('is the schema the code makes (UPDATE_GOLDEN=1 writes it)', () => {
    const text = `${JSON.stringify(STATE_SCHEMA, null, 2)}\n`;
    if (updateGolden) writeFileSync(schemaPath, text);
    expect(readFileSync(schemaPath, 'utf8')).toBe(text);
  });

  it('lists every intent kind', () => {
    const items = (STATE_SCHEMA.properties as { intents: { items: { properties: { kind: { enum: string[] } } } } }).intents.items;
    expect(items.properties.kind.enum).toEqual(INTENT_KINDS.map((k) => k.kind));
  });
});

describe('the schema agrees with the validator', () => {
  const hosts = [
    'meet.example.com',
    'a',
    'xn--bcher-kva.example',
    'ab--cd.example.com',
    'xn--',
    'a-b.c-d',
    '-a.example',
    'a-.example',
    'Meet.example.com',
    'meet_example.com',
    'meet..example.com',
    '.meet.example.com',
    'meet.example.com.',
    'bücher.example',
    `${'a'.repeat(63)}.example`,
    `${'a'.repeat(64)}.example`,
    `${'a.'.repeat(126)}a`,
    `${'a.'.repeat(126)}ab`,
    'meet.example.com" os.execute("id") --',
    'a1--b.example',
    '1--a.example',
    '',
  ];

  it.each(hosts)('on the host name %j', (host) => {
    expect(new RegExp(HOST_PATTERN, 'u').test(host)).toBe(isHostname(host));
    const setHost = () => {
      try {
        parseState('').setHost(host);
        return true;
      } catch (error) {
        if (error instanceof StateValidationError) return false;
        throw error;
      }
    };
    expect([validate({ version: 1, host }), setHost()]).toEqual([isHostname(host), isHostname(host)]);
    const scoped = { kind: 'delete', file: 'prosody', scope: { host }, key: 'c2s_require_encryption' };
    expect([schemaAccepts(scoped), validatorAccepts(scoped)]).toEqual([isHostname(host), isHostname(host)]);
  });

  const paths = ['p2p', 'p2p.enabled', 'a..b', '', '__proto__', 'a.__proto__', '1a', 'a1', '$a', '_a', 'a-b', 'a b', 'a.b-c.d', 'org.jitsi.jicofo.auth.URL', 'end', 'x.', '.x'];
  const files: Exclude<FileName, 'prosody'>[] = ['config.js', 'interface_config.js', 'jicofo.conf', 'sip-communicator.properties'];

  it.each(files.flatMap((file) => paths.map((path) => [file, path] as const)))('on the path of a delete in %s: %j', (file, path) => {
    const intent = { kind: 'delete', file, path };
    expect(schemaAccepts(intent)).toBe(validatorAccepts(intent));
  });

  it.each(['c2s_require_encryption', 'end', 'nil', 'a1', '1a', 'a-b', 'a.b', '_'])('on the Prosody key %j', (key) => {
    const intent = { kind: 'delete', file: 'prosody', scope: 'global', key };
    expect(schemaAccepts(intent)).toBe(validatorAccepts(intent));
  });

  const values: JsonValue[] = [
    'text',
    'yes',
    '',
    3,
    0.5,
    true,
    false,
    null,
    [],
    ['firefox'],
    ['firefox', 'netscape'],
    ['a', 1],
    [null],
    { a: 1 },
    { a: null },
    { domain: 'meet.example.com' },
    { domain: 'Bad Host' },
    { domain: 3 },
    'Bad Host',
  ];
  const targets: Record<string, unknown>[] = [
    ...Object.keys(INTERFACE_CONFIG_KINDS).map((path) => ({ file: 'interface_config.js', path })),
    { file: 'interface_config.js', path: 'SOME_NEW_KEY' },
    ...['hosts', 'hosts.domain', 'hosts.anonymousdomain', 'hosts.muc', 'hosts.visitors', 'hosts.other', 'p2p.enabled'].map((path) => ({ file: 'config.js', path })),
    { file: 'prosody', scope: 'global', key: 'c2s_require_encryption' },
    { file: 'prosody', scope: { host: 'meet.example.com' }, key: 'modules_enabled' },
    { file: 'jicofo.conf', path: 'jicofo.conference.enable-auto-owner' },
    { file: 'sip-communicator.properties', path: 'org.jitsi.jicofo.auth.URL' },
  ];
  const cases = targets.flatMap((target) => values.map((value) => ({ kind: 'set', ...target, value })));

  it(`on ${cases.length} set intents: every file and typed key, with values of every type`, () => {
    const disagreements = cases.filter((intent) => schemaAccepts(intent) !== validatorAccepts(intent));
    expect(disagreements).toEqual([]);
    // Both refuse some and accept some: the sweep can fail either way.
    const accepted = cases.filter(validatorAccepts).length;
    expect(accepted).toBeGreaterThan(cases.length / 10);
    expect(accepted).toBeLessThan(cases.length);
  });
});
