/**
 * What an intent kind is. Everything the package does with intents (reading and checking them,
 * the JSON Schema, recording and removing them, applying them, drift) goes through this interface,
 * so a new recipe becomes an intent kind by adding one module to `kinds/` and one line to the list
 * in `kinds/index.ts`; nothing else changes.
 *
 * There is no separate "does it hold" function for a kind to get wrong: every recipe is
 * idempotent, so an intent holds exactly when applying it changes nothing.
 */
import type { DeploymentFile, DeploymentFiles, RecipeStep } from '@jitsi-confkit/recipes';
import type { Fields, JsonSchema } from './fields.js';

/** Any intent: a `kind` and its fields, as plain data. */
export interface IntentLike {
  kind: string;
}

/**
 * A setting an intent decides, for telling whether two intents contradict each other: the same
 * file and scope, and one path a prefix of the other. Two touches with different `item`s (two
 * browsers in the same list) do not contradict.
 */
export interface Touch {
  file: DeploymentFile;
  /** The Prosody scope (`global`, `host:NAME`, `component:NAME`); undefined for the other files. */
  scope?: string;
  path: readonly string[];
  /** One member of the list at `path`. */
  item?: string;
}

/** What applying one intent gives (a recipe's result, with the reason when it could do nothing). */
export interface KindOutcome {
  files: DeploymentFiles;
  steps: RecipeStep[];
  todo: readonly string[];
  warnings: readonly string[];
  /** Why nothing could be applied (the file is not given, too old, …); undefined when something was. */
  skipped?: string;
}

export interface IntentKind<I extends IntentLike> {
  /** The value of `kind:` in the state file. */
  readonly kind: I['kind'];
  /** One line, for the README and the schema's description. */
  readonly title: string;
  /** The order of the fields when the tool writes an intent of this kind (`kind` comes first). */
  readonly fields: readonly string[];
  /**
   * The JSON Schema of an intent of this kind (the core adds `kind`), agreeing with `read`:
   * whatever `read` refuses without looking at other intents, the schema refuses.
   */
  readonly schema: JsonSchema;
  /** Reads and checks the fields; reports each problem and returns undefined if there was one. */
  read(fields: Fields): I | undefined;
  /**
   * What the intent is about: two intents with the same subject contradict (or duplicate) each
   * other, and recording one replaces the other.
   */
  subject(intent: I): string;
  /** The settings the intent decides (see Touch). */
  touches(intent: I): readonly Touch[];
  /** One line: `browser firefox: unsupported`. */
  describe(intent: I): string;
  /** Whether the intent disagrees with the state file's own settings (its `host`); the message if it does. */
  conflictsWithState?(intent: I, state: { host: string | undefined }): string | undefined;
  /** Applies the intent to the files: a recipe call, pure, all or nothing (it throws or returns). */
  apply(intent: I, files: DeploymentFiles): KindOutcome;
}
