/** `kind: secure-domain`: recipes' secureDomain stays applied (accounts open rooms, guests join anonymously). */
import { ConfkitError } from '@jitsi-confkit/core';
import { AUTH_PROVIDERS } from '@jitsi-confkit/prosody-config';
import type { AuthProvider } from '@jitsi-confkit/prosody-config';
import { describeMissingFiles, FILE_NOT_GIVEN, LEGACY_AUTH_URL_KEY, missingFiles, secureDomain } from '@jitsi-confkit/recipes';
import type { SecureDomainOptions } from '@jitsi-confkit/recipes';
import { fieldPath, hostName, oneOf, report } from '../fields.js';
import type { FieldType } from '../fields.js';
import { isScalar } from 'yaml';
import type { IntentKind } from '../kind.js';
import type { SecureDomainIntent } from '../types.js';

/** The providers the recipe takes for the main host (it refuses the anonymous ones and `token`), asked of the recipe itself. */
export const SECURE_DOMAIN_PROVIDERS: readonly AuthProvider[] = AUTH_PROVIDERS.filter(
  (authentication) => recipeRefusal({ host: 'meet.example.com', authentication }) === undefined,
);

const host = hostName('host');
const guest = hostName('guest host');
const provider = oneOf(SECURE_DOMAIN_PROVIDERS, 'authentication provider for the secure domain');

/** A provider the recipe takes; for one it refuses (anonymous, token), the recipe's own reason. */
const authentication: FieldType<AuthProvider> = {
  schema: provider.schema,
  read(node, at) {
    if (
      isScalar(node) &&
      typeof node.value === 'string' &&
      (AUTH_PROVIDERS as readonly string[]).includes(node.value) &&
      !(SECURE_DOMAIN_PROVIDERS as readonly string[]).includes(node.value)
    ) {
      report(at, 'unknown-value', recipeRefusal({ host: 'meet.example.com', authentication: node.value }) ?? `"${node.value}" is not for the secure domain`, node);
      return undefined;
    }
    return provider.read(node, at);
  },
};

/** The recipe's message when it refuses these options, else undefined (on no files: `partial`). */
function recipeRefusal(options: SecureDomainOptions): string | undefined {
  try {
    secureDomain({}, { ...options, partial: true });
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfkitError)) throw error;
    return error.message;
  }
}

function options(intent: SecureDomainIntent): SecureDomainOptions {
  return {
    host: intent.host,
    ...(intent.guest === undefined ? {} : { guestHost: intent.guest }),
    ...(intent.authentication === undefined ? {} : { authentication: intent.authentication }),
  };
}

export const secureDomainKind: IntentKind<SecureDomainIntent> = {
  kind: 'secure-domain',
  title: 'The secure domain stays on: accounts open rooms on the host, guests join anonymously (Prosody, config.js, Jicofo)',
  fields: ['host', 'guest', 'authentication'],
  schema: {
    required: ['host'],
    properties: { host: host.schema, guest: guest.schema, authentication: authentication.schema },
  },
  read(fields) {
    const h = fields.required('host', host);
    const g = fields.optional('guest', guest);
    const a = fields.optional('authentication', authentication);
    fields.finish(['kind', 'host', 'guest', 'authentication']);
    if (h === undefined || (fields.has('guest') && g === undefined) || (fields.has('authentication') && a === undefined)) return undefined;
    const intent: SecureDomainIntent = { kind: 'secure-domain', host: h, ...(g === undefined ? {} : { guest: g }), ...(a === undefined ? {} : { authentication: a }) };
    // The recipe's own checks of its options (a guest host equal to the host, …), on no files.
    const refusal = recipeRefusal(options(intent));
    if (refusal === undefined) return intent;
    report({ ...fields.at, path: fieldPath(fields.at.path, 'guest') }, 'bad-value', refusal, fields.node('guest') ?? fields.map);
    return undefined;
  },
  // A deployment has one secure domain.
  subject: () => 'secure-domain',
  touches(intent) {
    const guestHost = intent.guest ?? `guest.${intent.host}`;
    return [
      { file: 'prosody', scope: `host:${intent.host}`, path: ['authentication'] },
      { file: 'prosody', scope: `host:${guestHost}`, path: ['authentication'] },
      { file: 'prosody', scope: `host:${guestHost}`, path: ['c2s_require_encryption'] },
      { file: 'meetConfig', path: ['hosts', 'anonymousdomain'] },
      { file: 'jicofoConf', path: ['jicofo', 'authentication'] },
      { file: 'sipCommunicator', path: [LEGACY_AUTH_URL_KEY] },
    ];
  },
  describe(intent) {
    const extras = [
      ...(intent.guest === undefined ? [] : [`guests on ${intent.guest}`]),
      ...(intent.authentication === undefined ? [] : [`authentication ${intent.authentication}`]),
    ];
    return `secure-domain ${intent.host}${extras.length === 0 ? '' : ` (${extras.join(', ')})`}`;
  },
  conflictsWithState(intent, state) {
    if (state.host === undefined || state.host === intent.host) return undefined;
    return `the secure domain is for ${intent.host}, but the state file is for host ${state.host}`;
  },
  apply(intent, files) {
    // Whole or not at all: a secure domain on some of its files only (Prosody asking for accounts
    // while config.js has no guest host, say) is the half-configured server `check` reports. When
    // one of its files is not given, nothing is applied and the intent is skipped with the files it
    // needs; unattended re-apply after an upgrade must never leave it half done.
    const missing = missingFiles(files);
    if (missing.length > 0) {
      return {
        files: { ...files },
        steps: missing.map((file) => ({ file, action: 'secure domain', status: 'skipped' as const, reason: FILE_NOT_GIVEN })),
        todo: [],
        warnings: [],
        skipped: `The secure domain cannot be applied without ${describeMissingFiles(missing.map((file) => ({ file })))}: it is applied to all of its files or to none`,
      };
    }
    const result = secureDomain(files, options(intent));
    return { files: result.files, steps: result.steps, todo: result.todo, warnings: result.warnings };
  },
};
