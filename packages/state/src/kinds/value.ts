/**
 * `kind: set` and `kind: delete`: one value of one file stays so (or stays unset), in any of the
 * five languages. Paths and values are checked by the file's own library.
 */
import { aboutFile, ConfkitError, printable } from '@jitsi-confkit/core';
import { parseSettingPath, type Scope } from '@jitsi-confkit/prosody-config';
import { FILE_NOT_GIVEN } from '@jitsi-confkit/recipes';
import type { DeploymentFile, DeploymentFiles, RecipeStep } from '@jitsi-confkit/recipes';
import { BROWSERS, INTERFACE_CONFIG_KINDS } from '@jitsi-confkit/web-config';
import { Fields, found, hostName, HOST_PATTERN, jsonValue, oneOf, report, text } from '../fields.js';
import type { FieldType, JsonSchema } from '../fields.js';
import { blankText, FILE_MEMBERS, FILE_NAME_OF, FILE_NAMES, openSlot, scopeText, targetText } from '../files.js';
import type { ValueSlot } from '../files.js';
import type { IntentKind, KindOutcome, Touch } from '../kind.js';
import type { DeleteIntent, FileName, JsonValue, SetIntent, ValueTarget } from '../types.js';
import { isMap, isScalar } from 'yaml';

const file = oneOf(FILE_NAMES, 'file');

const scopeHost = hostName('VirtualHost name');
const scopeComponent = hostName('Component name');

/** `global`, `{host: NAME}` (a VirtualHost) or `{component: NAME}`. */
const scope: FieldType<Scope> = {
  schema: {
    oneOf: [
      { const: 'global' },
      { type: 'object', required: ['host'], properties: { host: scopeHost.schema }, additionalProperties: false },
      { type: 'object', required: ['component'], properties: { component: scopeComponent.schema }, additionalProperties: false },
    ],
  },
  read(node, at) {
    if (isScalar(node) && node.value === 'global') return 'global';
    if (!isMap(node)) {
      report(at, 'wrong-type', `expected global, {host: NAME} or {component: NAME}, found ${found(node)}`, node);
      return undefined;
    }
    const fields = new Fields(node, at);
    if (fields.has('host')) {
      const host = fields.required('host', scopeHost);
      fields.refuse('component', 'cannot go with host: a scope is one VirtualHost or one Component');
      fields.finish(['host', 'component']);
      return host === undefined ? undefined : { host };
    }
    if (fields.has('component')) {
      const component = fields.required('component', scopeComponent);
      fields.finish(['host', 'component']);
      return component === undefined ? undefined : { component };
    }
    fields.finish(['host', 'component']);
    report(at, 'missing-field', 'a scope names a host or a component: {host: NAME} or {component: NAME}', node);
    return undefined;
  },
};

const PROSODY_ONLY = 'is for the Prosody host file (file: prosody); this file takes path';
const NOT_PROSODY = 'is for the other files; the Prosody host file takes scope and key';

/** Reads file + path, or file + scope + key, and has the file's library check the path. */
function readTarget(fields: Fields): ValueTarget | undefined {
  const name = fields.required('file', file);
  if (name === undefined) {
    for (const f of ['path', 'scope', 'key']) fields.node(f);
    return undefined;
  }
  let target: ValueTarget | undefined;
  let pathNode;
  if (name === 'prosody') {
    fields.refuse('path', NOT_PROSODY);
    const s = fields.required('scope', scope, 'the Prosody host file takes global, {host: NAME} or {component: NAME}');
    const key = fields.required('key', text('a Prosody setting name'));
    pathNode = fields.node('key');
    if (s !== undefined && key !== undefined) target = { file: name, scope: s, key };
  } else {
    fields.refuse('scope', PROSODY_ONLY);
    fields.refuse('key', PROSODY_ONLY);
    const path = fields.required('path', text('a path'));
    pathNode = fields.node('path');
    if (path !== undefined) target = { file: name, path };
  }
  if (target === undefined) return undefined;
  try {
    // The library's own check of the path: deleting it from the smallest file of its kind.
    openSlot(target, blankText(target)).delete();
  } catch (error) {
    if (!(error instanceof ConfkitError)) throw error;
    report({ ...fields.at, path: `${fields.at.path}.${name === 'prosody' ? 'key' : 'path'}` }, 'bad-path', error.message, pathNode);
    return undefined;
  }
  return target;
}

/** Has the file's library check the value, by setting it in the smallest file of its kind. */
function checkValue(target: ValueTarget, value: JsonValue, fields: Fields): boolean {
  try {
    openSlot(target, blankText(target)).set(value);
    return true;
  } catch (error) {
    if (!(error instanceof ConfkitError)) throw error;
    report({ ...fields.at, path: `${fields.at.path}.value` }, 'bad-value', error.message, fields.node('value'));
    return false;
  }
}

/** The keys the target goes through, for telling whether two intents touch the same setting. */
function targetKeys(target: ValueTarget): string[] {
  if (target.file === 'prosody') return [target.key];
  if (target.file === 'sip-communicator.properties') return [target.path];
  return target.path.split('.');
}

/**
 * The target of a path of a file of `kind`, as the CLI's get and set write it
 * (`host:meet.example.com/authentication` becomes a scope and a key). PathError for a Prosody path
 * that is not one.
 */
export function targetOf(kind: DeploymentFile, path: string): ValueTarget {
  const file = FILE_NAME_OF[kind];
  return file === 'prosody' ? { file, ...parseSettingPath(path) } : { file, path };
}

function touches(target: ValueTarget): Touch[] {
  return [{ file: FILE_MEMBERS[target.file], ...(target.file === 'prosody' ? { scope: scopeText(target.scope) } : {}), path: targetKeys(target) }];
}

function subject(target: ValueTarget): string {
  return `value ${target.file} ${targetText(target)}`;
}

/** The target fields of an intent, in the order the tool writes them. */
const TARGET_FIELDS = ['file', 'path', 'scope', 'key'];

/** Runs `edit` on the target's file: `already` when the text does not change, `skipped` when the file is not given. */
function applyToFile(target: ValueTarget, files: DeploymentFiles, action: string, edit: (slot: ValueSlot) => void): KindOutcome {
  const member = FILE_MEMBERS[target.file];
  const before = files[member];
  if (before === undefined) {
    return {
      files: { ...files },
      steps: [{ file: member, action, status: 'skipped', reason: FILE_NOT_GIVEN }],
      todo: [],
      warnings: [],
      skipped: `${target.file}: ${FILE_NOT_GIVEN}`,
    };
  }
  const after = aboutFile(member, () => {
    const slot = openSlot(target, before);
    edit(slot);
    return slot.toString();
  });
  const step: RecipeStep = { file: member, action, status: after === before ? 'already' : 'applied' };
  return { files: { ...files, [member]: after }, steps: [step], todo: [], warnings: [] };
}

function valueText(value: JsonValue): string {
  return printable(JSON.stringify(value), 120);
}

// ---------------------------------------------------------------- JSON Schema

const JS_PATH: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$',
  not: { type: 'string', pattern: '(^|\\.)__proto__(\\.|$)' },
};

/** Path syntax of each file, as its library checks it. */
const PATHS: Record<Exclude<FileName, 'prosody'>, JsonSchema> = {
  'interface_config.js': JS_PATH,
  'config.js': JS_PATH,
  'jicofo.conf': { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9_-]*)*$' },
  'sip-communicator.properties': { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
};

const LUA_NAME: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  not: { enum: 'and break do else elseif end false for function goto if in local nil not or repeat return then true until while'.split(' ') },
};

/** config.js paths whose value web-config checks as a host name. */
const MEET_HOST_PATHS = ['domain', 'anonymousdomain', 'authdomain', 'muc', 'focus', 'visitors'];

const HOST_VALUE: JsonSchema = { type: 'string', pattern: HOST_PATTERN };

type ValueKind = (typeof INTERFACE_CONFIG_KINDS)[keyof typeof INTERFACE_CONFIG_KINDS][number];

/** web-config's value kinds (its kindOf) as JSON Schema. */
const KIND_SCHEMAS: Record<ValueKind, JsonSchema> = {
  string: { type: 'string' },
  boolean: { type: 'boolean' },
  number: { type: 'number' },
  null: { type: 'null' },
  object: { type: 'object' },
  'string[]': { type: 'array', items: { type: 'string' } },
  array: { type: 'array', contains: { not: { type: 'string' } } },
};

function when(fileName: FileName, then: JsonSchema, extra: JsonSchema = {}): JsonSchema {
  return { if: { required: ['file'], properties: { file: { const: fileName }, ...extra } }, then };
}

/** interface_config.js keys with the value types web-config checks, one condition per kind of value. */
function interfaceConfigValues(): JsonSchema[] {
  const groups = new Map<string, { value: JsonSchema; keys: string[] }>();
  for (const [key, kinds] of Object.entries<readonly ValueKind[]>(INTERFACE_CONFIG_KINDS)) {
    const value =
      key === 'OPTIMAL_BROWSERS' || key === 'UNSUPPORTED_BROWSERS'
        ? { type: 'array', items: { enum: [...BROWSERS] } }
        : kinds.length === 1
          ? KIND_SCHEMAS[kinds[0]!]
          : { anyOf: kinds.map((k) => KIND_SCHEMAS[k]) };
    const id = JSON.stringify(value);
    const group = groups.get(id) ?? { value, keys: [] };
    group.keys.push(key);
    groups.set(id, group);
  }
  return [...groups.values()].map(({ value, keys }) => when('interface_config.js', { properties: { value } }, { path: { enum: keys } }));
}

function targetSchema(withValue: boolean): JsonSchema {
  const allOf: JsonSchema[] = [
    {
      if: { required: ['file'], properties: { file: { const: 'prosody' } } },
      then: { required: ['scope', 'key'], properties: { scope: true, key: LUA_NAME, path: false } },
      else: { required: ['path'], properties: { path: true, scope: false, key: false } },
    },
    ...(Object.entries(PATHS) as [FileName, JsonSchema][]).map(([name, path]) => when(name, { properties: { path } })),
  ];
  if (withValue) {
    allOf.push(
      when('prosody', { properties: { value: { $ref: '#/definitions/dataWithoutNull' } } }),
      when('jicofo.conf', { properties: { value: { $ref: '#/definitions/dataWithoutNull' } } }),
      when('sip-communicator.properties', { properties: { value: { type: 'string' } } }),
      when('config.js', { properties: { value: HOST_VALUE } }, { path: { enum: MEET_HOST_PATHS.map((k) => `hosts.${k}`) } }),
      when(
        'config.js',
        { properties: { value: { if: { type: 'object' }, then: { type: 'object', properties: Object.fromEntries(MEET_HOST_PATHS.map((k) => [k, HOST_VALUE])) } } } },
        { path: { const: 'hosts' } },
      ),
      ...interfaceConfigValues(),
    );
  }
  return {
    required: ['file', ...(withValue ? ['value'] : [])],
    properties: {
      file: file.schema,
      path: { type: 'string' },
      scope: scope.schema,
      key: { type: 'string' },
      ...(withValue ? { value: { $ref: '#/definitions/data' } } : {}),
    },
    allOf,
  };
}

export const setKind: IntentKind<SetIntent> = {
  kind: 'set',
  title: 'One value of one file stays so: a config.js or interface_config.js path, a Prosody setting, a jicofo.conf path, a .properties key',
  fields: [...TARGET_FIELDS, 'value'],
  schema: targetSchema(true),
  read(fields) {
    const target = readTarget(fields);
    const value = fields.required('value', jsonValue);
    fields.finish(['kind', ...TARGET_FIELDS, 'value']);
    if (target === undefined || value === undefined || !checkValue(target, value, fields)) return undefined;
    return { kind: 'set', ...target, value };
  },
  subject,
  touches,
  describe: (intent) => `set ${intent.file} ${targetText(intent)} = ${valueText(intent.value)}`,
  apply: (intent, files) => applyToFile(intent, files, `${targetText(intent)} = ${valueText(intent.value)}`, (slot) => slot.set(intent.value)),
};

export const deleteKind: IntentKind<DeleteIntent> = {
  kind: 'delete',
  title: 'One value of one file stays unset',
  fields: TARGET_FIELDS,
  schema: targetSchema(false),
  read(fields) {
    const target = readTarget(fields);
    fields.finish(['kind', ...TARGET_FIELDS]);
    return target === undefined ? undefined : { kind: 'delete', ...target };
  },
  subject,
  touches,
  describe: (intent) => `delete ${intent.file} ${targetText(intent)}`,
  apply: (intent, files) => applyToFile(intent, files, `remove ${targetText(intent)}`, (slot) => slot.delete()),
};
