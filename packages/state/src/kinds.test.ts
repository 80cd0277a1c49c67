/**
 * A new recipe plugs in as an intent kind without any change to the package's core: a kind made
 * here from the public API (the maximum number of participants of a MUC component) is read,
 * checked against the other intents, recorded, removed, applied, checked for drift and described
 * by the schema, all by passing the list of kinds.
 */
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { FILE_NOT_GIVEN } from '@jitsi-confkit/recipes';
import { thrown } from '../../../test/support/errors.js';
import { applyState, checkState, hostName, INTENT_KINDS, IntentError, parseState, StateValidationError, stateSchema } from './index.js';
import type { FieldType, IntentKind } from './index.js';

interface MaxParticipantsIntent {
  kind: 'max-participants';
  component: string;
  max: number;
}

const count: FieldType<number> = {
  schema: { type: 'integer', minimum: 1 },
  read(node, at) {
    const value = (node as { value?: unknown }).value;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
    at.problems.add('wrong-type', 'max is a whole number of participants, at least 1', `${at.path}`, node, at.intent);
    return undefined;
  },
};

const component = hostName('MUC component');

const maxParticipants: IntentKind<MaxParticipantsIntent> = {
  kind: 'max-participants',
  title: 'Rooms of a MUC component hold at most this many participants',
  fields: ['component', 'max'],
  schema: { required: ['component', 'max'], properties: { component: component.schema, max: count.schema } },
  read(fields) {
    const c = fields.required('component', component);
    const max = fields.required('max', count);
    fields.finish(['kind', 'component', 'max']);
    return c === undefined || max === undefined ? undefined : { kind: 'max-participants', component: c, max };
  },
  subject: (intent) => `max-participants ${intent.component}`,
  touches: (intent) => [{ file: 'prosody', scope: `component:${intent.component}`, path: ['muc_max_occupants'] }],
  describe: (intent) => `max-participants ${intent.component}: ${intent.max}`,
  apply(intent, files) {
    const action = `Component "${intent.component}": muc_max_occupants = ${intent.max}`;
    if (files.prosody === undefined)
      return { files, steps: [{ file: 'prosody', action, status: 'skipped', reason: FILE_NOT_GIVEN }], todo: [], warnings: [], skipped: FILE_NOT_GIVEN };
    const after = parseProsodyConfig(files.prosody, { encoding: 'latin1' }).set({ component: intent.component }, 'muc_max_occupants', intent.max).toString();
    return { files: { ...files, prosody: after }, steps: [{ file: 'prosody', action, status: after === files.prosody ? 'already' : 'applied' }], todo: [], warnings: [] };
  },
};

const kinds = [...INTENT_KINDS, maxParticipants];
const PROSODY = 'VirtualHost "meet.example.com"\n    authentication = "anonymous"\n\nComponent "conference.meet.example.com" "muc"\n    storage = "memory"\n';
const TEXT = 'version: 1\nintents:\n  - kind: max-participants\n    component: conference.meet.example.com\n    max: 20\n';

describe('an intent kind added from outside', () => {
  it('is unknown to the built-in list, and read with it', () => {
    expect(thrown(StateValidationError, () => parseState(TEXT)).problem).toBe('unknown-kind');
    expect(parseState(TEXT, { kinds }).intents.map((i) => i.summary)).toEqual(['max-participants conference.meet.example.com: 20']);
  });

  it('is checked field by field and against the other intents', () => {
    expect(thrown(StateValidationError, () => parseState(TEXT.replace('max: 20', 'max: 0'), { kinds })).problems.map((p) => [p.code, p.path, p.position?.line])).toEqual([
      ['wrong-type', 'intents[0].max', 5],
    ]);
    const contradicting = `${TEXT}  - kind: set\n    file: prosody\n    scope: {component: conference.meet.example.com}\n    key: muc_max_occupants\n    value: 50\n`;
    expect(thrown(StateValidationError, () => parseState(contradicting, { kinds })).problems.map((p) => [p.code, p.position?.line])).toEqual([['contradiction', 6]]);
  });

  it('is recorded, replaced and removed like the others', () => {
    const doc = parseState('', { kinds });
    doc.record({ kind: 'max-participants', component: 'conference.meet.example.com', max: 20 });
    doc.record({ kind: 'max-participants', component: 'conference.meet.example.com', max: 30 });
    expect(doc.toString().split('\n').slice(3).join('\n')).toBe('intents:\n  - kind: max-participants\n    component: conference.meet.example.com\n    max: 30\n');
    expect(doc.remove({ kind: 'max-participants' }).length).toBe(1);
  });

  it('is applied and checked for drift', () => {
    const state = parseState(TEXT, { kinds });
    const result = applyState(state, { prosody: PROSODY });
    expect(result.files.prosody).toBe(`${PROSODY}    muc_max_occupants = 20\n`);
    expect(checkState(state, { prosody: PROSODY }).map((c) => c.status)).toEqual(['drifted']);
    expect(checkState(state, result.files).map((c) => c.status)).toEqual(['holds']);
  });

  it('is in the schema made with it, and ajv agrees', () => {
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(stateSchema(kinds));
    const data = (max: number) => ({ version: 1, intents: [{ kind: 'max-participants', component: 'conference.meet.example.com', max }] });
    expect([validate(data(20)), validate(data(0))]).toEqual([true, false]);
  });
});

describe('apply makes sure no intent undid another', () => {
  it('a kind that hides what it touches is caught after applying: IntentError, nothing returned', () => {
    const sneaky: IntentKind<{ kind: 'sneaky' }> = {
      ...(maxParticipants as unknown as IntentKind<{ kind: 'sneaky' }>),
      kind: 'sneaky',
      fields: [],
      schema: {},
      read: (fields) => (fields.finish(['kind']), { kind: 'sneaky' }),
      subject: () => 'sneaky',
      touches: () => [],
      describe: () => 'sneaky',
      apply: (_intent, files) => ({ files: { ...files, prosody: files.prosody!.replace('max_occupants = 20', 'max_occupants = 5') }, steps: [], todo: [], warnings: [] }),
    };
    const state = parseState(`${TEXT}  - kind: sneaky\n`, { kinds: [...kinds, sneaky] });
    const error = thrown(IntentError, () => applyState(state, { prosody: PROSODY }));
    expect([error.intent.line, error.code, error.message]).toEqual([
      3,
      'E_UNSUPPORTED_EDIT',
      'The intent on line 3 of the state file (max-participants conference.meet.example.com: 20) cannot be applied: a later intent undid it (prosody); nothing was applied',
    ]);
  });
});
