import { parse } from '@babel/parser';
import { ConfigSyntaxError } from '@jitsi-confkit/core';
import type { File } from './ast.js';
import { tick } from './work.js';

/**
 * Parses a config file as a classic script (these files are loaded with a plain <script> tag).
 * A syntax error becomes a ConfigSyntaxError with the line, column and a code frame.
 */
export function parseScript(text: string): File {
  tick(text.length);
  try {
    return parse(text, { sourceType: 'script', errorRecovery: false, attachComment: false });
  } catch (error) {
    if (error instanceof RangeError) {
      // The parser recursed out of stack: not a syntax error, and no position to point at.
      throw new ConfigSyntaxError('Cannot parse: the file nests arrays, objects or expressions too deeply', text, 0, { cause: error });
    }
    const e = error as { message?: unknown; pos?: unknown };
    const offset = typeof e.pos === 'number' ? e.pos : 0;
    const message = (typeof e.message === 'string' ? e.message : 'Syntax error').replace(/\s*\(\d+:\d+\)$/, '');
    throw new ConfigSyntaxError(`Syntax error: ${message}`, text, offset, { cause: error });
  }
}
