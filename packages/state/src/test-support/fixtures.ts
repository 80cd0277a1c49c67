/**
 * The state-file fixtures under fixtures/state/: valid files, invalid ones (the schema refuses them
 * too), ones only the validator can refuse (beyond-schema: relations between intents, YAML 1.1
 * readings, anchors, tags), and YAML syntax errors. An invalid file ends with `# expect:` lines:
 * `# expect: <code> <line>:<column> <path>` per problem, in order, or `# expect: syntax <line>:<column>`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { Ajv } from 'ajv';
import { fixturesRoot } from '../../../../test/support/golden.js';
import { STATE_SCHEMA } from '../schema.js';

export type FixtureGroup = 'valid' | 'invalid' | 'beyond-schema' | 'syntax';

export interface StateFixture {
  group: FixtureGroup;
  name: string;
  text: string;
  /** The `# expect:` lines, without the prefix. */
  expect: string[];
}

export function stateFixtures(group: FixtureGroup): StateFixture[] {
  const dir = join(fixturesRoot, 'state', group);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const expect = [...text.matchAll(/^# expect: (.*)$/gm)].map((m) => m[1]!);
      return { group, name, text, expect };
    });
}

const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
const validate = ajv.compile(STATE_SCHEMA);

/** What a JSON Schema validator (ajv, draft-07) says of the file's data, as an editor reads it: [] when valid. */
export function schemaErrors(text: string): string[] {
  const data: unknown = parseDocument(text).toJS();
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
