import type { Options } from './args.js';
import type { Io } from './io.js';

/** What a command runs with. */
export interface Context {
  io: Io;
  options: Options;
  /** The command's name, for usage errors ("browsers move"). */
  command: string;
}

/** A command: resolves to the exit status. */
export type Command = (ctx: Context, args: readonly string[]) => Promise<number>;
