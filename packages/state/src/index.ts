/**
 * @jitsi-confkit/state: the desired state of a Jitsi Meet server. A YAML file of intents (a
 * browser kept out, the secure domain, one value of one file), read and checked with positions,
 * edited losslessly; applied to the deployment's file texts through the recipes; checked for
 * drift. Pure: texts in, texts out.
 */
export { DEFAULT_STATE_PATH, parseState, STATE_HEADER, StateDocument } from './document.js';
export type { RecordResult, StateOptions } from './document.js';
export { applyState, checkState } from './apply.js';
export type { ApplyOptions } from './apply.js';
export { IntentError, StateValidationError } from './errors.js';
export type { StateProblem, StateProblemCode } from './errors.js';
export { STATE_VERSION } from './read.js';
export { SCHEMA_ID, STATE_SCHEMA, stateSchema } from './schema.js';
export { FILE_MEMBERS, FILE_NAMES } from './files.js';
export { browserKind, deleteKind, INTENT_KINDS, secureDomainKind, setKind } from './kinds/index.js';
export { targetOf } from './kinds/value.js';
export type { IntentKinds } from './kinds/index.js';
export { SECURE_DOMAIN_PROVIDERS } from './kinds/secure-domain.js';
export { Fields, hostName, jsonValue, oneOf, text } from './fields.js';
export type { At, FieldType, JsonSchema } from './fields.js';
export type { IntentKind, IntentLike, KindOutcome, Touch } from './kind.js';
export type {
  ApplyResult,
  BrowserIntent,
  DeleteIntent,
  Difference,
  FileName,
  Intent,
  IntentCheck,
  IntentKindName,
  IntentStep,
  JsonValue,
  JwtIntent,
  ModerationIntent,
  SecureDomainIntent,
  SetIntent,
  StateIntent,
  ValueTarget,
} from './types.js';
