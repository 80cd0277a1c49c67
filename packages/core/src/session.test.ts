import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/support/errors.js';
import {
  applyEdits,
  ConfigSyntaxError,
  EditConflictError,
  EditSession,
  EditVerificationError,
  UnsupportedEditError,
  ValidationError,
  type EditStep,
  type TextEdit,
} from './index.js';
import { deleteStep, kvKind, kvText, parseKv, planSet, setStep, type KvParse } from './test-support/kv-kind.js';
import { random } from './test-support/random.js';

/** The state a failed operation must leave untouched. */
function state(session: EditSession<KvParse>) {
  return { text: session.toString(), edits: session.edits, changed: session.changed, values: [...session.snapshot.parsed.byKey].map(([k, e]) => [k, e.value]) };
}

describe('EditSession outside a batch', () => {
  it('parses once, then once per step, and keeps the edits against the original', () => {
    const kind = kvKind();
    const session = new EditSession(kind, 'a=1\r\nb=2\r\n');
    expect(kind.parses).toBe(1);
    expect(session.changed).toBe(false);
    expect(session.edits).toEqual([]);
    expect(session.commit(setStep('b', '20'))).toBe(true);
    expect(session.commit(setStep('c', '3'))).toBe(true);
    expect(kind.parses).toBe(3);
    expect(session.toString()).toBe('a=1\r\nb=20\r\nc=3\r\n');
    expect(session.edits).toEqual([
      { offset: 7, length: 1, content: '20' },
      { offset: 10, length: 0, content: 'c=3\r\n' },
    ]);
    expect(session.snapshot.parsed.byKey.get('c')?.value).toBe('3');
    expect(session.original).toBe('a=1\r\nb=2\r\n');
  });

  it('does not parse for a step with nothing to do', () => {
    const kind = kvKind();
    const session = new EditSession(kind, 'a=1\n');
    expect(session.commit(setStep('a', '1'))).toBe(false);
    expect(kind.parses).toBe(1);
    expect(session.changed).toBe(false);
  });

  it('forgets edits that a later step undoes, also when the text comes back through separate edits', () => {
    const session = new EditSession(kvKind(), 'a=1\nb=2');
    session.commit(setStep('a', '9'));
    session.commit(setStep('a', '1'));
    expect([session.changed, session.edits]).toEqual([false, []]);
    // Delete the last line, then add it back: two edits apart, the same text.
    session.commit(deleteStep('b'));
    expect(session.toString()).toBe('a=1\n');
    session.commit({ what: 'restore b', plan: (s) => [{ offset: s.text.length, length: 0, content: 'b=2' }] });
    expect(session.toString()).toBe('a=1\nb=2');
    expect([session.changed, session.edits]).toEqual([false, []]);
  });

  it('refuses a step whose result does not read back, and changes nothing', () => {
    const session = new EditSession(kvKind(), 'a=1\n');
    session.commit(setStep('a', '2'));
    const before = state(session);
    const step: EditStep<KvParse> = { ...setStep('a', '3'), what: 'set a to 3', check: () => false };
    const error = thrown(EditVerificationError, () => session.commit(step));
    expect(error).toBeInstanceOf(UnsupportedEditError);
    expect([error.code, error.failure, error.operation]).toEqual(['E_UNSUPPORTED_EDIT', 'read-back', 'set a to 3']);
    expect(error.message).toBe('Cannot set a to 3: the edited key=value file does not read back as intended; nothing was changed');
    expect(error.position).toBeUndefined();
    expect(state(session)).toEqual(before);
  });

  it('says why, when the check says it or throws a ConfkitError', () => {
    const session = new EditSession(kvKind(), 'a=1\n');
    const says = thrown(EditVerificationError, () => session.commit({ ...setStep('a', '2'), check: () => 'a reads 1' }));
    expect(says.message).toBe('Cannot set a: the edited key=value file does not read back as intended (a reads 1); nothing was changed');
    expect(says.detail).toBe('a reads 1');
    const cause = new UnsupportedEditError('a is not a literal', { position: { line: 1, column: 3, offset: 2 } });
    const throws = thrown(EditVerificationError, () =>
      session.commit({
        ...setStep('a', '2'),
        check: () => {
          throw cause;
        },
      }),
    );
    expect(throws.message).toBe('Cannot set a: the edited key=value file does not read back as intended (a is not a literal); nothing was changed');
    expect(throws.cause).toBe(cause);
    const bug = new TypeError('x is undefined');
    const crashes = thrown(EditVerificationError, () =>
      session.commit({
        ...setStep('a', '2'),
        check: () => {
          throw bug;
        },
      }),
    );
    expect(crashes.cause).toBe(bug);
    expect(session.toString()).toBe('a=1\n');
  });

  it('refuses a step whose result does not parse, with the syntax error as the cause', () => {
    const session = new EditSession(kvKind(), 'a=1\nb=2\n');
    const before = state(session);
    const error = thrown(EditVerificationError, () => session.commit({ what: 'break b', plan: (s) => [{ offset: s.parsed.byKey.get('b')!.start + 1, length: 1, content: ' ' }] }));
    expect([error.failure, error.detail]).toEqual(['parse', 'Expected key=value']);
    expect(error.message).toBe('Cannot break b: the edited key=value file would not parse (Expected key=value); nothing was changed');
    const cause = error.cause as ConfigSyntaxError;
    expect(cause).toBeInstanceOf(ConfigSyntaxError);
    expect([cause.line, cause.column, cause.reason]).toEqual([2, 1, 'Expected key=value']);
    expect(state(session)).toEqual(before);
  });

  it('lets a planner refuse, and refuses an invalid edit list before applying anything', () => {
    const session = new EditSession(kvKind(), 'a=1\n');
    expect(() => session.commit(setStep('a', 'x\ny'))).toThrowError(new ValidationError('A value cannot hold a line break'));
    expect(() =>
      session.commit({
        what: 'overlap',
        plan: () => [
          { offset: 0, length: 2, content: 'b' },
          { offset: 1, length: 1, content: 'c' },
        ],
      }),
    ).toThrowError(new EditConflictError('Overlapping edits at 1'));
    expect(session.changed).toBe(false);
  });

  it('refuses a planner or a check that reads or edits through the session', () => {
    const session = new EditSession(kvKind(), 'a=1\n');
    const planner = 'A planner cannot read the session: it reads the snapshot it is given and returns edits or a verdict';
    expect(() => session.commit({ what: 'peek', plan: () => planSet(session.snapshot, 'a', '2') })).toThrowError(new EditConflictError(planner));
    expect(() => session.commit({ what: 'nest', plan: (s) => (session.commit(setStep('b', '1')), planSet(s, 'a', '2')) })).toThrowError(
      new EditConflictError('A planner cannot commit a step: it reads the snapshot it is given and returns edits or a verdict'),
    );
    expect(() => session.commit({ ...setStep('a', '2'), check: () => session.base.parsed.byKey.get('a')?.value === '2' })).toThrowError(
      new EditConflictError('A check cannot read the session: it reads the snapshot it is given and returns edits or a verdict'),
    );
    expect(session.toString()).toBe('a=1\n');
    session.commit(setStep('a', '2'));
    expect(session.toString()).toBe('a=2\n');
  });

  it('baseText: the text steps are planned against, read from a planner too, never applying pending steps', () => {
    const session = new EditSession(kvKind(), 'a=1\r\n');
    const seen: string[] = [];
    session.commit({ what: 'peek', plan: (s) => (seen.push(session.baseText), planSet(s, 'a', '2')) });
    expect(seen).toEqual(['a=1\r\n']);
    expect(session.baseText).toBe('a=2\r\n');
    const kind = kvKind();
    const batched = new EditSession(kind, 'a=1\n');
    batched.batch(() => {
      batched.commit(setStep('b', '2'));
      seen.push(batched.baseText);
      expect(kind.parses).toBe(1);
    });
    expect(seen.at(-1)).toBe('a=1\n');
    expect(batched.baseText).toBe('a=1\nb=2\n');
  });

  it('refuses text that is not a string, and input that does not parse', () => {
    expect(() => new EditSession(kvKind(), 42 as unknown as string)).toThrowError(new ValidationError('The key=value file text must be a string'));
    const error = thrown(ConfigSyntaxError, () => new EditSession(kvKind(), 'a=1\n\nnot a pair\n'));
    expect([error.line, error.column]).toEqual([3, 1]);
  });

  it("uses the kind's reparse for edited text, its verify after the steps' checks, and its mapError", () => {
    const seen: (readonly (readonly string[])[] | undefined)[] = [];
    const applied: TextEdit[][] = [];
    const kind = kvKind({
      reparse: (text) => ({ ...parseKv(text), reparsed: true }),
      verify: (_after, _before, footprints, edits) => {
        seen.push(footprints);
        applied.push([...edits]);
        return footprints?.some((f) => f[0] === 'forbidden') ? 'forbidden key' : true;
      },
      mapError: (error, steps) => new UnsupportedEditError(`${steps.map((s) => s.what).join()} ${error.failure}: ${error.detail}`),
    });
    const session = new EditSession(kind, 'a=1\n');
    session.commit(setStep('a', '2'));
    expect((session.snapshot.parsed as KvParse & { reparsed?: boolean }).reparsed).toBe(true);
    session.commit({ what: 'anything', plan: (s) => [{ offset: s.text.length, length: 0, content: 'b=1\n' }] });
    expect(seen).toEqual([[['a']], undefined]);
    expect(applied).toEqual([[{ offset: 2, length: 1, content: '2' }], [{ offset: 4, length: 0, content: 'b=1\n' }]]);
    const error = thrown(UnsupportedEditError, () => session.commit(setStep('forbidden', '1')));
    expect(error).not.toBeInstanceOf(EditVerificationError);
    expect(error.message).toBe('set forbidden read-back: forbidden key');
    expect(session.toString()).toBe('a=2\nb=1\n');
  });

  it('tells reparse how the text was made, and hands the previous parse over once when it has one', () => {
    const changes: { before: string; edits: TextEdit[]; previous: unknown; again: unknown }[] = [];
    const kind = kvKind({
      reparse: (text, change) => {
        const previous = change.takePrevious();
        changes.push({ before: change.before, edits: [...change.edits], previous: previous?.byKey.get('a')?.value, again: change.takePrevious() });
        return parseKv(text);
      },
    });
    const session = new EditSession(kind, 'a=1\nb=2\n');
    // Two edits given out of order come sorted.
    session.commit({
      what: 'both',
      plan: (s) => [
        { offset: s.text.indexOf('2'), length: 1, content: '20' },
        { offset: 2, length: 1, content: '10' },
      ],
    });
    expect(changes).toEqual([
      {
        before: 'a=1\nb=2\n',
        edits: [
          { offset: 2, length: 1, content: '10' },
          { offset: 6, length: 1, content: '20' },
        ],
        previous: '1',
        again: undefined,
      },
    ]);
    // After a refused step the session has the text only, until someone reads its parse (a
    // planner that reads it, here).
    expect(() => session.commit({ ...setStep('a', '3'), check: () => false })).toThrow(EditVerificationError);
    session.commit({ what: 'append', plan: (s) => [{ offset: s.text.length, length: 0, content: 'c=1\n' }] });
    expect(changes[2]).toMatchObject({ before: 'a=10\nb=20\n', previous: undefined });
    expect(() => session.commit({ ...setStep('a', '5'), check: () => false })).toThrow(EditVerificationError);
    session.commit(setStep('a', '6'));
    expect(changes.at(-1)).toMatchObject({ before: 'a=10\nb=20\nc=1\n', previous: '10' });
    // A kind that keeps the previous parse for its checks does not hand it over.
    const keeping = kvKind({
      keepPreviousParse: true,
      reparse: (text, change) => (changes.push({ before: change.before, edits: [], previous: change.takePrevious(), again: undefined }), parseKv(text)),
    });
    new EditSession(keeping, 'a=1\n').commit(setStep('a', '2'));
    expect(changes.at(-1)).toEqual({ before: 'a=1\n', edits: [], previous: undefined, again: undefined });
  });

  it('releases the previous parse: a check that reads it pays one parse, and a failure parses the old text again when it is next read', () => {
    const kind = kvKind();
    const session = new EditSession(kind, 'a=1\n');
    session.commit(setStep('a', '2'));
    expect(kind.parses).toBe(2);
    session.commit({ ...setStep('a', '3'), check: (after, before) => before.parsed.byKey.get('a')?.value === '2' && after.parsed.byKey.get('a')?.value === '3' });
    expect(kind.parses).toBe(4);
    expect(() => session.commit({ ...setStep('a', '4'), check: () => false })).toThrow(EditVerificationError);
    expect(kind.parses).toBe(5);
    expect(session.snapshot.parsed.byKey.get('a')?.value).toBe('3');
    expect(kind.parses).toBe(6);
    // A kind that keeps it parses no more than once per step.
    const keeping = kvKind({ keepPreviousParse: true });
    const kept = new EditSession(keeping, 'a=1\n');
    kept.commit({ ...setStep('a', '2'), check: (_after, before) => before.parsed.byKey.get('a')?.value === '1' });
    expect(() => kept.commit({ ...setStep('a', '4'), check: () => false })).toThrow(EditVerificationError);
    expect(kept.snapshot.parsed.byKey.get('a')?.value).toBe('2');
    expect(keeping.parses).toBe(3);
  });

  it('tells a planner where each character of its snapshot comes from, also after a refused step and in a batch', () => {
    const session = new EditSession(kvKind(), 'a=1\nb=2\n');
    const originals = (): (number | undefined)[] => {
      const origins: (number | undefined)[] = [];
      session.commit({ what: 'look', footprint: [['look']], plan: (s) => (s.text.split('').forEach((_, i) => origins.push(s.origin!.originalOffset(i))), []) });
      return origins;
    };
    expect(originals()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(session.snapshot.origin?.original).toBe('a=1\nb=2\n');
    session.commit(setStep('a', '10'));
    // 'a=10\nb=2\n': the two characters of the value were written by the edit.
    expect(originals()).toEqual([0, 1, undefined, undefined, 3, 4, 5, 6, 7]);
    expect(() => session.commit({ ...setStep('b', '3'), check: () => false })).toThrow(EditVerificationError);
    expect(originals()).toEqual([0, 1, undefined, undefined, 3, 4, 5, 6, 7]);
    session.batch(() => {
      session.commit(setStep('c', '3'));
      // Planned against the batch's snapshot, which the pending step is not in yet.
      expect(originals()).toEqual([0, 1, undefined, undefined, 3, 4, 5, 6, 7]);
      session.flush();
      expect(originals()).toEqual([0, 1, undefined, undefined, 3, 4, 5, 6, 7, undefined, undefined, undefined, undefined]);
    });
    // Undone: the text is the original again, every character from it.
    session.commit(setStep('a', '1'));
    session.commit(deleteStep('c'));
    expect(originals()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(session.edits).toEqual([]);
  });
});

describe('EditSession.commitEdits (edits planned outside the step)', () => {
  it('commits edits planned against the current snapshot', () => {
    const session = new EditSession(kvKind(), 'a=1\n');
    const snapshot = session.snapshot;
    const edits = planSet(snapshot, 'a', '2');
    expect(session.commitEdits(snapshot, { what: 'set a', edits, check: (after) => after.parsed.byKey.get('a')?.value === '2' })).toBe(true);
    expect(session.toString()).toBe('a=2\n');
    // A failed commit leaves the text as it was: edits planned on it before still apply.
    const before = session.snapshot;
    expect(() => session.commit({ ...setStep('a', '3'), check: () => false })).toThrow(EditVerificationError);
    expect(session.commitEdits(before, { what: 'set a', edits: planSet(before, 'a', '4') })).toBe(true);
    expect(session.toString()).toBe('a=4\n');
  });

  it('refuses edits planned against a snapshot that is no longer current', () => {
    const session = new EditSession(kvKind(), 'a=1\nb=1\n');
    const old = session.snapshot;
    session.commit(setStep('a', '22'));
    const message = 'Cannot set b: its edits were planned against a text that has changed since; plan them in the step';
    expect(() => session.commitEdits(old, { what: 'set b', edits: planSet(old, 'b', '2') })).toThrowError(new EditConflictError(message));
    // In a batch, a step that meets a pending one would have to be planned again: refused too.
    session.batch(() => {
      session.commit(setStep('a', '3'));
      const base = session.base;
      expect(session.commitEdits(base, { what: 'set b', footprint: [['b']], edits: planSet(base, 'b', '2') })).toBe(true);
      expect(() => session.commitEdits(base, { what: 'set b', footprint: [['b']], edits: planSet(base, 'b', '3') })).toThrowError(new EditConflictError(message));
    });
    expect(session.toString()).toBe('a=3\nb=2\n');
  });
});

describe('EditSession batches', () => {
  it('sets 1,000 distinct existing keys of a 3,000-key text with one parse', () => {
    const kind = kvKind();
    const text = kvText(3000);
    const session = new EditSession(kind, text);
    const sequential = new EditSession(kvKind(), text);
    const keys = Array.from({ length: 1000 }, (_, i) => `key${(i * 7) % 3000}`);
    session.batch(() => {
      for (const key of keys) expect(session.commit(setStep(key, `v-${key}`))).toBe(true);
      expect(kind.parses).toBe(1);
    });
    expect(kind.parses).toBe(2);
    for (const key of keys) sequential.commit(setStep(key, `v-${key}`));
    expect(session.toString()).toBe(sequential.toString());
    expect(session.edits).toEqual(sequential.edits);
    expect(session.edits).toHaveLength(1000);
  });

  it('applies the pending steps first when a step meets one of them, by footprint or by text', () => {
    const kind = kvKind();
    const session = new EditSession(kind, 'a=1\n');
    session.batch(() => {
      session.commit(setStep('b', '1')); // appended
      session.commit(setStep('c', '1')); // another key, but appended where b is: sees b first
      expect(kind.parses).toBe(2);
      session.commit(setStep('b', '2')); // replaces b's value: apart from c's line
      expect(kind.parses).toBe(2);
      session.commit(setStep('b', '3')); // the same key as a pending step: sees b=2 first
      expect(kind.parses).toBe(3);
      session.commit(setStep('a', '5'));
      // Reads a, writes c: its edit is apart from a's, its footprint is not.
      const copy: EditStep<KvParse> = { what: 'copy a to c', footprint: [['a'], ['c']], plan: (s) => planSet(s, 'c', s.parsed.byKey.get('a')!.value) };
      session.commit(copy);
      expect(kind.parses).toBe(4);
    });
    expect(kind.parses).toBe(5);
    expect(session.toString()).toBe('a=5\nb=3\nc=5\n');
  });

  it('takes two footprints to meet when one path is a prefix of the other', () => {
    const kind = kvKind();
    const session = new EditSession(kind, 'a=1\nb=1\nc=1\nd=1\n');
    const step = (key: string, footprint: string[]): EditStep<KvParse> => ({ ...setStep(key, '2'), footprint: [footprint] });
    session.batch(() => {
      session.commit(step('a', ['x', 'y']));
      session.commit(step('b', ['x', 'z'])); // a sibling: apart
      session.commit(step('c', ['xy'])); // not ['x', 'y'] spelt differently
      expect(kind.parses).toBe(1);
      session.commit(step('d', ['x'])); // a prefix of both
      expect(kind.parses).toBe(2);
    });
    expect(session.toString()).toBe('a=2\nb=2\nc=2\nd=2\n');
  });

  it('takes a footprint that depends on the text from the snapshot the step is planned on', () => {
    const kind = kvKind();
    const session = new EditSession(kind, 'a=1\nb=1\n');
    const seen: string[] = [];
    // A set that appends reads the end of the file; one that replaces reads only its key.
    const step = (key: string, value: string): EditStep<KvParse> => ({
      ...setStep(key, value),
      footprint: (s) => {
        seen.push(`${key}:${s.text.length}`);
        return s.parsed.byKey.has(key) ? [[key]] : [[key], ['end of file']];
      },
    });
    session.batch(() => {
      session.commit(step('a', '2'));
      session.commit(step('b', '2'));
      expect(kind.parses).toBe(1);
      session.commit(step('c', '1'));
      session.commit(step('d', '1')); // meets c's append by its footprint, before it is planned
      expect(kind.parses).toBe(2);
    });
    expect(session.toString()).toBe('a=2\nb=2\nc=1\nd=1\n');
    expect(seen).toEqual(['a:8', 'b:8', 'c:8', 'd:8', 'd:12']);
    expect(kind.parses).toBe(3);
  });

  it('plans a step without a footprint after every pending step', () => {
    const kind = kvKind();
    const session = new EditSession(kind, 'a=1\nb=1\n');
    session.batch(() => {
      session.commit(setStep('a', '2'));
      session.commit({ what: 'double b', plan: (s) => [{ offset: s.parsed.byKey.get('b')!.valueStart, length: 1, content: s.parsed.byKey.get('a')!.value.repeat(2) }] });
      session.commit(setStep('b', '3')); // meets the step without a footprint
    });
    expect(session.toString()).toBe('a=2\nb=3\n');
    expect(kind.parses).toBe(4);
  });

  it('applies the pending steps when the document is read through snapshot, toString, edits or changed, not through base', () => {
    const kind = kvKind();
    const session = new EditSession(kind, 'a=1\n');
    session.batch(() => {
      session.commit(setStep('a', '2'));
      expect(session.base.parsed.byKey.get('a')?.value).toBe('1');
      expect(kind.parses).toBe(1);
      expect(session.snapshot.parsed.byKey.get('a')?.value).toBe('2');
      expect(kind.parses).toBe(2);
      session.commit(setStep('b', '1'));
      expect(session.toString()).toBe('a=2\nb=1\n');
      session.commit(setStep('c', '1'));
      expect(session.changed).toBe(true);
      session.commit(setStep('a', '1'));
      expect(session.edits).toEqual([{ offset: 4, length: 0, content: 'b=1\nc=1\n' }]);
      session.flush();
      expect(kind.parses).toBe(5);
    });
    expect(kind.parses).toBe(5);
  });

  it('leaves everything as it was when a step fails at the end, also the steps applied earlier in the batch', () => {
    const session = new EditSession(kvKind(), 'a=1\nb=1\n');
    session.commit(setStep('a', '0'));
    const before = state(session);
    const error = thrown(EditVerificationError, () =>
      session.batch(() => {
        session.commit(setStep('c', '1'));
        session.commit(setStep('c', '2')); // applies c=1 first
        session.commit({ ...setStep('b', '2'), check: () => false });
      }),
    );
    expect(error.operation).toBe('set b');
    expect(state(session)).toEqual(before);
    expect(session.batching).toBe(false);
  });

  it('names every step of a batch whose text does not parse', () => {
    const session = new EditSession(kvKind(), 'a=1\nb=1\n');
    const error = thrown(EditVerificationError, () =>
      session.batch(() => {
        session.commit(setStep('a', '2'));
        session.commit({ what: 'break b', footprint: [['b']], plan: (s) => [{ offset: s.parsed.byKey.get('b')!.start + 1, length: 1, content: ' ' }] });
      }),
    );
    expect(error.operation).toBe('set a; break b');
    expect(error.message).toBe('Cannot set a; break b: the edited key=value file would not parse (Expected key=value); nothing was changed');
    expect(session.toString()).toBe('a=1\nb=1\n');
  });

  it('refuses an asynchronous batch function, whose steps would come after the batch', () => {
    const session = new EditSession(kvKind(), 'a=1\n');
    const message = 'A batch runs a synchronous function: its steps must be committed before it returns';
    expect(() =>
      session.batch(async () => {
        session.commit(setStep('a', '2'));
        await Promise.resolve();
      }),
    ).toThrowError(new EditConflictError(message));
    expect(session.toString()).toBe('a=1\n');
  });

  it('rolls back when the batch function throws', () => {
    const session = new EditSession(kvKind(), 'a=1\n');
    const boom = new Error('boom');
    expect(() =>
      session.batch(() => {
        session.commit(setStep('a', '2'));
        session.flush();
        session.commit(setStep('b', '2'));
        throw boom;
      }),
    ).toThrow(boom);
    expect([session.toString(), session.changed, session.edits]).toEqual(['a=1\n', false, []]);
  });

  it('stays failed once a step failed, even if the batch function catches the error', () => {
    const session = new EditSession(kvKind(), 'a=1\n');
    let caught: unknown;
    const error = thrown(EditVerificationError, () =>
      session.batch(() => {
        session.commit({ ...setStep('a', '2'), check: () => false });
        try {
          session.flush();
        } catch (e) {
          caught = e;
        }
        expect(() => session.commit(setStep('b', '1'))).toThrow(caught);
      }),
    );
    expect(error).toBe(caught);
    expect(session.toString()).toBe('a=1\n');
  });

  it('positions a refusal in the text the caller sees: the pending steps are applied before the planner refuses again', () => {
    const kind = kvKind();
    const session = new EditSession(kind, 'a=1\nb=2\n');
    const refuse: EditStep<KvParse> = {
      what: 'refuse b',
      footprint: [['b']],
      plan: (s) => {
        throw UnsupportedEditError.at('b is read-only', s.text, s.parsed.byKey.get('b')!.start);
      },
    };
    let position: unknown;
    session.batch(() => {
      session.commit({ what: 'two lines', footprint: [['top']], plan: () => [{ offset: 0, length: 0, content: 'x=1\ny=2\n' }] });
      position = thrown(UnsupportedEditError, () => session.commit(refuse)).position;
    });
    // b is on line 4 of the text with the pending lines in it (line 2 of the text the batch started from).
    expect(position).toEqual({ line: 4, column: 1, offset: 12 });
    expect(session.toString()).toBe('x=1\ny=2\na=1\nb=2\n');
    expect(kind.parses).toBe(2);
    // Inside a nested batch that commits nothing else, the refusal does not fail the outer one.
    session.batch(() => {
      session.commit(setStep('c', '3'));
      expect(() => session.batch(() => session.commit(refuse))).toThrow(UnsupportedEditError);
      session.commit(setStep('d', '4'));
    });
    expect(session.toString()).toBe('x=1\ny=2\na=1\nb=2\nc=3\nd=4\n');
  });

  it('keeps the steps when the batch function catches a planner that refused (nothing was planned)', () => {
    const session = new EditSession(kvKind(), 'a=1\n');
    session.batch(() => {
      session.commit(setStep('a', '2'));
      expect(() => session.commit(setStep('b', 'x\ny'))).toThrow(ValidationError);
      session.commit(setStep('c', '3'));
    });
    expect(session.toString()).toBe('a=2\nc=3\n');
  });

  it('joins a nested batch to the outer one: an error after the inner one committed fails the whole batch', () => {
    const session = new EditSession(kvKind(), 'a=1\n');
    const kind = session.kind as ReturnType<typeof kvKind>;
    session.batch(() => {
      session.batch(() => session.commit(setStep('a', '2')));
      // An inner batch that fails before committing anything leaves the outer one going.
      expect(() =>
        session.batch(() => {
          throw new ValidationError('refused');
        }),
      ).toThrow(ValidationError);
      session.commit(setStep('b', '2'));
    });
    expect(session.toString()).toBe('a=2\nb=2\n');
    expect(kind.parses).toBe(2);
    const inner = new Error('inner');
    expect(() =>
      session.batch(() => {
        try {
          session.batch(() => {
            session.commit(setStep('c', '3'));
            throw inner;
          });
        } catch {
          // caught, but the batch is failed
        }
        session.commit(setStep('d', '4'));
      }),
    ).toThrow(inner);
    expect(session.toString()).toBe('a=2\nb=2\n');
  });

  it('fails the whole batch when the inner one threw undefined, as for any other value', () => {
    const session = new EditSession(kvKind(), 'a=1\n');
    let outcome: unknown = 'returned';
    try {
      session.batch(() => {
        try {
          session.batch(() => {
            session.commit(setStep('c', '3'));
            // eslint-disable-next-line @typescript-eslint/only-throw-error -- a caller's function may throw anything
            throw undefined;
          });
        } catch {
          // caught, but the batch is failed
        }
        session.commit(setStep('d', '4'));
      });
    } catch (error) {
      outcome = error;
    }
    expect(outcome).toBeUndefined();
    expect(session.toString()).toBe('a=1\n');
  });

  it("keeps the order of a step's insertions at one offset among many pending edits", () => {
    const text = kvText(200);
    const batched = new EditSession(kvKind(), text);
    const oneByOne = new EditSession(kvKind(), text);
    const rng = random(99);
    const lines = [...new Set(Array.from({ length: 120 }, () => rng.int(200)))];
    const steps = lines.map((line): EditStep<KvParse> => ({
      what: `mark key${line}`,
      footprint: [[`key${line}`]],
      plan: (s) => {
        const at = s.parsed.byKey.get(`key${line}`)!.valueStart;
        return [
          { offset: at, length: 0, content: '<' },
          { offset: at, length: 0, content: `${line}>` },
        ];
      },
    }));
    batched.batch(() => steps.forEach((step) => batched.commit(step)));
    steps.forEach((step) => oneByOne.commit(step));
    expect(batched.toString()).toBe(oneByOne.toString());
    expect(batched.toString()).toContain(`key${lines[0]}=<${lines[0]}>${lines[0]}\n`);
  });

  it('gives the text and edits of the same steps run one by one (random sequences, some batched)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rng = random(seed);
      const text = kvText(6, rng.next() < 0.5 ? '\n' : '\r\n');
      const batched = new EditSession(kvKind(), text);
      const oneByOne = new EditSession(kvKind(), text);
      for (let round = 0; round < 12; round++) {
        const steps = Array.from({ length: 1 + rng.int(6) }, () => {
          const key = `key${rng.int(9)}`;
          return rng.next() < 0.25 ? deleteStep(key) : setStep(key, rng.pick(['0', '1', '2', 'x']));
        });
        batched.batch(() => steps.forEach((s) => batched.commit(s)));
        steps.forEach((s) => oneByOne.commit(s));
        expect(batched.toString()).toBe(oneByOne.toString());
        expect(batched.edits).toEqual(oneByOne.edits);
        expect(applyEdits(text, batched.edits)).toBe(batched.toString());
        expect(batched.changed).toBe(batched.toString() !== text);
      }
    }
  });
});
