/** `kind: jwt` and `kind: moderation`: recipes' jwt and moderation stay applied. */
import { ConfkitError } from '@jitsi-confkit/core';
import { jwt, LEGACY_AUTH_URL_KEY, MAX_PARTICIPANTS_LIMIT, moderation } from '@jitsi-confkit/recipes';
import type { JwtOptions, ModerationOptions, RecipeResult } from '@jitsi-confkit/recipes';
import { isScalar, isSeq } from 'yaml';
import { hostName, oneOf, report, text } from '../fields.js';
import type { FieldType } from '../fields.js';
import type { IntentKind, KindOutcome } from '../kind.js';
import type { JwtIntent, ModerationIntent } from '../types.js';

const host = hostName('host');
const guest = hostName('guest host');
const storage = oneOf(['inline', 'credential'] as const, 'secret storage');

const flag: FieldType<boolean> = {
  schema: { type: 'boolean' },
  read(node, at) {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    report(at, 'wrong-type', 'expected true or false', node);
    return undefined;
  },
};

const words: FieldType<string[]> = {
  schema: { type: 'array', items: { type: 'string' }, minItems: 1 },
  read(node, at) {
    if (isSeq(node) && node.items.length > 0 && node.items.every((i) => isScalar(i) && typeof i.value === 'string')) return node.items.map((i) => (i as { value: string }).value);
    report(at, 'wrong-type', 'expected a non-empty list of strings', node);
    return undefined;
  },
};

const limit: FieldType<number | false> = {
  schema: { anyOf: [{ type: 'integer', minimum: 1, maximum: MAX_PARTICIPANTS_LIMIT }, { const: false }] },
  read(node, at) {
    if (isScalar(node) && (node.value === false || (typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 1 && node.value <= MAX_PARTICIPANTS_LIMIT)))
      return node.value;
    report(at, 'bad-value', `expected a whole number from 1 to ${MAX_PARTICIPANTS_LIMIT}, or false for no limit`, node);
    return undefined;
  },
};

/** The recipe's own refusal of these options, on no files; undefined when it takes them. */
function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfkitError)) throw error;
    return error.message;
  }
}

function outcome(result: RecipeResult): KindOutcome {
  const given = result.steps.filter((s) => s.status !== 'skipped');
  return { files: result.files, steps: result.steps, todo: result.todo, warnings: result.warnings, ...(given.length === 0 ? { skipped: 'none of its files was given' } : {}) };
}

function jwtOptions(intent: JwtIntent): JwtOptions {
  const o: JwtOptions = { host: intent.host, partial: true };
  if (intent.appId !== undefined) o.appId = intent.appId;
  if (intent.issuer !== undefined) o.issuer = intent.issuer;
  if (intent.audiences !== undefined) o.audiences = intent.audiences;
  if (intent.jwksUrl !== undefined) o.jwksUrl = intent.jwksUrl;
  if (intent.keyServer !== undefined) o.keyServer = intent.keyServer;
  if (intent.clientId !== undefined) o.clientId = intent.clientId;
  if (intent.requireRoomClaim !== undefined) o.requireRoomClaim = intent.requireRoomClaim;
  if (intent.webLogin !== undefined) o.webLogin = intent.webLogin;
  if (intent.tokenAuthUrl !== undefined) o.tokenAuthUrl = intent.tokenAuthUrl;
  if (intent.guests !== undefined) o.guests = intent.guests;
  if (intent.guest !== undefined) o.guestHost = intent.guest;
  if (intent.allowEmptyToken !== undefined) o.allowEmptyToken = intent.allowEmptyToken;
  if (intent.secretStorage !== undefined) o.secretStorage = intent.secretStorage;
  if (intent.credential !== undefined) o.credentialName = intent.credential;
  return o;
}

/** Names a secret would be written under; each is refused with the reason, never echoed. */
const SECRET_FIELDS = ['secret', 'appSecret', 'app_secret', 'password'] as const;

const JWT_FIELDS = [
  'host',
  'appId',
  'issuer',
  'audiences',
  'jwksUrl',
  'keyServer',
  'clientId',
  'requireRoomClaim',
  'webLogin',
  'tokenAuthUrl',
  'guests',
  'guest',
  'allowEmptyToken',
  'secretStorage',
  'credential',
] as const;

export const jwtKind: IntentKind<JwtIntent> = {
  kind: 'jwt',
  title: 'Token (JWT) authentication stays on: a shared secret (kept where the host has it, never in this file) or an OIDC issuer',
  fields: JWT_FIELDS,
  schema: {
    required: ['host'],
    properties: {
      host: host.schema,
      appId: text('app id').schema,
      issuer: { type: 'string', pattern: '^https://' },
      audiences: words.schema,
      jwksUrl: { type: 'string', pattern: '^https://' },
      keyServer: { type: 'string', pattern: '^https?://' },
      clientId: text('client id').schema,
      requireRoomClaim: flag.schema,
      webLogin: flag.schema,
      tokenAuthUrl: { type: 'string', pattern: '^https://' },
      guests: flag.schema,
      guest: guest.schema,
      allowEmptyToken: flag.schema,
      secretStorage: storage.schema,
      credential: text('credential name').schema,
    },
  },
  read(fields) {
    const intent: JwtIntent = { kind: 'jwt', host: '' };
    const h = fields.required('host', host);
    const secrets = SECRET_FIELDS.filter((name) => fields.has(name));
    for (const name of secrets) {
      fields.refuse(
        name,
        'is a secret, which a state file never holds (it would be readable wherever the file is): remove it; apply keeps the secret the host has, and jitsi-confkit jwt enable --secret-file FILE sets it',
        'secret-in-state',
      );
    }
    const types: Record<string, FieldType<unknown>> = {
      appId: text('app id'),
      issuer: text('issuer'),
      audiences: words,
      jwksUrl: text('JWKS URL'),
      keyServer: text('key server'),
      clientId: text('client id'),
      requireRoomClaim: flag,
      webLogin: flag,
      tokenAuthUrl: text('token auth URL'),
      guests: flag,
      guest,
      allowEmptyToken: flag,
      secretStorage: storage,
      credential: text('credential name'),
    };
    let ok = h !== undefined;
    for (const [name, type] of Object.entries(types)) {
      const v = fields.optional(name, type);
      if (fields.has(name) && v === undefined) ok = false;
      if (v !== undefined) (intent as unknown as Record<string, unknown>)[name] = v;
    }
    fields.finish(['kind', ...JWT_FIELDS]);
    if (!ok || secrets.length > 0) return undefined;
    intent.host = h!;
    // The recipe's checks of its options, on no files (an issuer that is not https, …).
    const why = refusal(() => jwt({}, { ...jwtOptions(intent), secret: intent.issuer === undefined ? 'x'.repeat(32) : undefined }));
    if (why === undefined) return intent;
    report(fields.at, 'bad-value', why, fields.map);
    return undefined;
  },
  // One token setup per deployment; it decides the main host's authentication, as the secure domain does.
  subject: () => 'jwt',
  touches(intent) {
    return [
      { file: 'prosody', scope: `host:${intent.host}`, path: ['authentication'] },
      { file: 'prosody', scope: `host:${intent.host}`, path: ['app_id'] },
      { file: 'prosody', scope: `host:${intent.host}`, path: ['app_secret'] },
      { file: 'jicofoConf', path: ['jicofo', 'authentication'] },
      { file: 'sipCommunicator', path: [LEGACY_AUTH_URL_KEY] },
      ...(intent.guests === true ? [{ file: 'meetConfig' as const, path: ['hosts', 'anonymousdomain'] }] : []),
    ];
  },
  describe(intent) {
    const how = intent.issuer !== undefined ? `issuer ${intent.issuer}` : `shared secret${intent.secretStorage === 'credential' ? ' (credential)' : ''}`;
    return `jwt ${intent.host} (${how}${intent.guests === true ? ', guests' : ''})`;
  },
  conflictsWithState(intent, state) {
    if (state.host === undefined || state.host === intent.host) return undefined;
    return `token authentication is for ${intent.host}, but the state file is for host ${state.host}`;
  },
  // No secret is given: the recipe keeps the one the host has (and refuses when it has none).
  apply: (intent, files) => outcome(jwt(files, jwtOptions(intent))),
};

function moderationOptions(intent: ModerationIntent): ModerationOptions {
  const o: ModerationOptions = { host: intent.host, partial: true };
  if (intent.lobby !== undefined) o.lobby = intent.lobby;
  if (intent.waitForHost !== undefined) o.waitForHost = intent.waitForHost;
  if (intent.authenticatedModerators !== undefined) o.authenticatedModerators = intent.authenticatedModerators;
  if (intent.maxParticipants !== undefined) o.maxParticipants = intent.maxParticipants === false ? null : intent.maxParticipants;
  if (intent.autoOwner !== undefined) o.autoOwner = intent.autoOwner;
  return o;
}

const MODERATION_FIELDS = ['host', 'lobby', 'waitForHost', 'authenticatedModerators', 'maxParticipants', 'autoOwner'] as const;

export const moderationKind: IntentKind<ModerationIntent> = {
  kind: 'moderation',
  title: "The lobby (on unless false), wait for host, the participant limit and Jicofo's automatic owner stay as given",
  fields: MODERATION_FIELDS,
  schema: {
    required: ['host'],
    properties: { host: host.schema, lobby: flag.schema, waitForHost: flag.schema, authenticatedModerators: flag.schema, maxParticipants: limit.schema, autoOwner: flag.schema },
  },
  read(fields) {
    const intent: ModerationIntent = { kind: 'moderation', host: '' };
    const h = fields.required('host', host);
    let ok = h !== undefined;
    const types: Record<string, FieldType<unknown>> = { lobby: flag, waitForHost: flag, authenticatedModerators: flag, maxParticipants: limit, autoOwner: flag };
    for (const [name, type] of Object.entries(types)) {
      const v = fields.optional(name, type);
      if (fields.has(name) && v === undefined) ok = false;
      if (v !== undefined) (intent as unknown as Record<string, unknown>)[name] = v;
    }
    fields.finish(['kind', ...MODERATION_FIELDS]);
    if (!ok) return undefined;
    intent.host = h!;
    const why = refusal(() => moderation({}, moderationOptions(intent)));
    if (why === undefined) return intent;
    report(fields.at, 'bad-value', why, fields.map);
    return undefined;
  },
  subject: () => 'moderation',
  touches(intent) {
    const out = [];
    if (intent.waitForHost !== undefined) out.push({ file: 'prosody' as const, scope: `component:conference.${intent.host}`, path: ['wait_for_host_disable_auto_owners'] });
    if (intent.maxParticipants !== undefined) out.push({ file: 'prosody' as const, scope: `component:conference.${intent.host}`, path: ['muc_max_occupants'] });
    if (intent.autoOwner !== undefined) out.push({ file: 'jicofoConf' as const, path: ['jicofo', 'conference', 'enable-auto-owner'] });
    return out;
  },
  describe(intent) {
    const parts = [
      `lobby ${intent.lobby === false ? 'off' : 'on'}`,
      ...(intent.waitForHost === undefined ? [] : [`wait for host ${intent.waitForHost ? 'on' : 'off'}`]),
      ...(intent.maxParticipants === undefined ? [] : [`max participants ${intent.maxParticipants === false ? 'none' : intent.maxParticipants}`]),
      ...(intent.autoOwner === undefined ? [] : [`auto owner ${intent.autoOwner ? 'on' : 'off'}`]),
    ];
    return `moderation ${intent.host} (${parts.join(', ')})`;
  },
  conflictsWithState(intent, state) {
    if (state.host === undefined || state.host === intent.host) return undefined;
    return `moderation is for ${intent.host}, but the state file is for host ${state.host}`;
  },
  apply: (intent, files) => outcome(moderation(files, moderationOptions(intent))),
};
