/**
 * The intent kinds a state file may hold, in the order the README and the schema list them. A new
 * recipe plugs in here: one module that implements IntentKind, one line below.
 */
import type { IntentKind, IntentLike } from '../kind.js';
import type { Intent } from '../types.js';
import { browserKind } from './browser.js';
import { jwtKind, moderationKind } from './jwt.js';
import { secureDomainKind } from './secure-domain.js';
import { deleteKind, setKind } from './value.js';

export type IntentKinds = readonly IntentKind<IntentLike>[];

export const INTENT_KINDS: IntentKinds = [browserKind, secureDomainKind, jwtKind, moderationKind, setKind, deleteKind] satisfies readonly IntentKind<Intent>[];

export { browserKind, deleteKind, jwtKind, moderationKind, secureDomainKind, setKind };
