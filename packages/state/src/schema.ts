/**
 * The JSON Schema (draft-07) of a state file, for editors (YAML language servers) and other tools.
 * It is made from the intent kinds' own schemas; `state.schema.json` in the package is this
 * object, written out (a test keeps them the same).
 */
import type { JsonSchema } from './fields.js';
import { HOST_PATTERN } from './fields.js';
import { INTENT_KINDS } from './kinds/index.js';
import type { IntentKinds } from './kinds/index.js';
import { STATE_VERSION } from './read.js';

/** The schema's `$id` (a name, not a place: the file ships in the package as state.schema.json). */
export const SCHEMA_ID = 'urn:jitsi-confkit:state-schema:1';

export function stateSchema(kinds: IntentKinds = INTENT_KINDS): JsonSchema {
  const names = kinds.map((k) => k.kind);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'jitsi-confkit desired state',
    description:
      "What jitsi-confkit keeps true of a Jitsi Meet server's configuration files: `jitsi-confkit apply` makes the files say this again, `jitsi-confkit status` reports drift.",
    type: ['object', 'null'],
    required: ['version'],
    additionalProperties: false,
    properties: {
      version: { description: 'The format of this file.', const: STATE_VERSION },
      host: { description: "The deployment's main host (config.js hosts.domain); the CLI finds the files by it.", type: 'string', pattern: HOST_PATTERN },
      intents: {
        description: 'What must stay true, applied in this order.',
        type: ['array', 'null'],
        items: {
          type: 'object',
          required: ['kind'],
          properties: { kind: { enum: names } },
          allOf: kinds.map((k) => ({
            if: { required: ['kind'], properties: { kind: { const: k.kind } } },
            then: {
              description: k.title,
              ...k.schema,
              properties: { kind: { const: k.kind }, ...(k.schema.properties as JsonSchema) },
              additionalProperties: false,
            },
          })),
        },
      },
    },
    definitions: {
      data: {
        description: 'Plain data: text, a number, true or false, null, a list or a mapping of these.',
        anyOf: [
          { type: ['string', 'number', 'boolean', 'null'] },
          { type: 'array', items: { $ref: '#/definitions/data' } },
          { type: 'object', additionalProperties: { $ref: '#/definitions/data' } },
        ],
      },
      dataWithoutNull: {
        description: 'Plain data without null (Prosody and HOCON have no null to write).',
        anyOf: [
          { type: ['string', 'number', 'boolean'] },
          { type: 'array', items: { $ref: '#/definitions/dataWithoutNull' } },
          { type: 'object', additionalProperties: { $ref: '#/definitions/dataWithoutNull' } },
        ],
      },
    },
  };
}

/** The schema of the built-in intent kinds (`state.schema.json`). */
export const STATE_SCHEMA: JsonSchema = stateSchema();
