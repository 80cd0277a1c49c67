import { parse } from '@babel/parser';
import { ConfigSyntaxError } from '@jitsi-confkit/core';
import type { File } from './ast.js';

/**
 * Parses a config file as a classic script (these files are loaded with a plain <script> tag).
 * A syntax error becomes a ConfigSyntaxError with the line, column and a code frame.
 */
export function parseScript(text: string): File {
  try {
    return parse(text, { sourceType: 'script', errorRecovery: false });
  } catch (error) {
    const e = error as { message?: unknown; pos?: unknown };
    const offset = typeof e.pos === 'number' ? e.pos : 0;
    const message = String(e.message ?? 'Syntax error').replace(/\s*\(\d+:\d+\)$/, '');
    throw new ConfigSyntaxError(`Syntax error: ${message}`, text, offset, { cause: error });
  }
}
