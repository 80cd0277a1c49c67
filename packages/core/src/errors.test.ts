import { describe, expect, it } from 'vitest';
import { aboutFile, codeFrame, ConfigSyntaxError, ConfkitError, EditVerificationError, offsetAt, positionAt, UnsupportedEditError, ValidationError } from './index.js';
import { placed } from '../../../test/support/errors.js';

describe('positions', () => {
  it('counts LF, CRLF and lone CR as line ends', () => {
    const text = 'ab\r\ncd\nef\rgh';
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(positionAt(text, 4)).toEqual({ line: 2, column: 1, offset: 4 });
    expect(positionAt(text, 8)).toEqual({ line: 3, column: 2, offset: 8 });
    expect(positionAt(text, 11)).toEqual({ line: 4, column: 2, offset: 11 });
    expect(offsetAt(text, 3, 2)).toBe(8);
    expect(offsetAt(text, 4, 2)).toBe(11);
  });
});

describe('ConfigSyntaxError', () => {
  it('carries code, line, column, offset and a code frame', () => {
    const text = 'one\ntwo\nth(ree\nfour\nfive\nsix';
    const err = new ConfigSyntaxError('Unexpected token', text, text.indexOf('('));
    expect(err).toBeInstanceOf(ConfkitError);
    expect(err.name).toBe('ConfigSyntaxError');
    expect(err.code).toBe('E_SYNTAX');
    expect([err.line, err.column, err.offset]).toEqual([3, 3, 10]);
    expect(placed(err)).toBe('Unexpected token (3:3)');
    expect(err.reason).toBe('Unexpected token');
    expect(err.frame).toBe(['  1 | one', '  2 | two', '> 3 | th(ree', '    |   ^', '  4 | four', '  5 | five'].join('\n'));
  });

  it('keeps tabs before the caret and hides control characters', () => {
    const text = '\tx\u0000y = ;';
    const err = new ConfigSyntaxError('bad', text, 5);
    expect(err.frame).toBe(['> 1 | \tx?y = ;', '    | \t    ^'].join('\n'));
  });

  it('frames a position at the very end of a text', () => {
    expect(codeFrame('a\nb', 2, 2)).toBe(['  1 | a', '> 2 | b', '    |  ^'].join('\n'));
  });
});

describe('other errors', () => {
  it('have their own codes', () => {
    expect(new ValidationError('x').code).toBe('E_VALIDATION');
    const e = UnsupportedEditError.at('Not a literal', 'a = f()', 4);
    expect(e.code).toBe('E_UNSUPPORTED_EDIT');
    expect(placed(e)).toBe('Not a literal (1:5)');
    expect(e.reason).toBe('Not a literal');
    expect(e.position).toEqual({ line: 1, column: 5, offset: 4 });
    expect(new ValidationError('bad host', { position: { line: 2, column: 1, offset: 9 } }).reason).toBe('bad host');
  });

  it('has one class for an edit that did not verify: an UnsupportedEditError with what failed and why', () => {
    const cause = new ConfigSyntaxError('Unexpected token', 'a = ;', 4);
    const e = new EditVerificationError('set a', 'parse', 'Cannot set a: the edited file would not parse (Unexpected token)', { cause });
    expect(e).toBeInstanceOf(UnsupportedEditError);
    expect([e.name, e.code, e.operation, e.failure, e.cause, e.position]).toEqual(['EditVerificationError', 'E_UNSUPPORTED_EDIT', 'set a', 'parse', cause, undefined]);
    expect(e.reason).toBe(e.message);
  });
});

describe('aboutFile', () => {
  it('marks an error with the file it is about, once', () => {
    const err = (() => {
      try {
        return aboutFile('prosody', () =>
          aboutFile('meetConfig', () => {
            throw new ValidationError('bad');
          }),
        );
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(err.file).toBe('meetConfig');
    expect(err.name).toBe('ValidationError');
    expect(aboutFile('prosody', () => 42)).toBe(42);
  });

  it('leaves other errors alone', () => {
    expect(() =>
      aboutFile('prosody', () => {
        throw new TypeError('x');
      }),
    ).toThrowError(new TypeError('x'));
  });
});
