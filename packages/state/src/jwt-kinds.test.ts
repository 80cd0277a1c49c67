/** The jwt and moderation intent kinds: read and checked, applied, drift, and no secret in the state. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyState, checkState, parseState, StateValidationError } from '@jitsi-confkit/state';
import { repoRoot } from '../../../test/support/corpus.js';

const tree = join(repoRoot, 'examples/debian-tree');
const files = {
  prosody: readFileSync(join(tree, 'etc/prosody/conf.avail/meet.example.com.cfg.lua'), 'latin1'),
  meetConfig: readFileSync(join(tree, 'etc/jitsi/meet/meet.example.com-config.js'), 'utf8'),
  jicofoConf: readFileSync(join(tree, 'etc/jitsi/jicofo/jicofo.conf'), 'utf8'),
};

describe('kind: jwt', () => {
  it('an OIDC issuer is applied, holds, and drifts when the host is anonymous again', () => {
    const state = parseState('version: 1\nintents:\n  - kind: jwt\n    host: meet.example.com\n    issuer: https://meet.example.com/realms/jitsi-realm\n    guests: true\n');
    const applied = applyState(state, files);
    expect(applied.steps.map((s) => [s.status, s.intent.summary])).toEqual([['applied', 'jwt meet.example.com (issuer https://meet.example.com/realms/jitsi-realm, guests)']]);
    expect(applied.files.prosody).toContain('    authentication = "token" -- do not delete me\n');
    expect(checkState(state, applied.files).map((c) => c.status)).toEqual(['holds']);
    expect(checkState(state, files).map((c) => c.status)).toEqual(['drifted']);
  });

  it("a shared secret is never in the state: apply keeps the host's, and cannot apply without one", () => {
    const state = parseState('version: 1\nintents:\n  - kind: jwt\n    host: meet.example.com\n    appId: myapp\n');
    const withSecret = files.prosody.replace(
      'main_muc = "conference.meet.example.com"',
      'main_muc = "conference.meet.example.com"\n    app_secret = "0123456789abcdef0123456789abcdef"',
    );
    const applied = applyState(state, { ...files, prosody: withSecret });
    expect(applied.files.prosody).toContain('app_secret = "0123456789abcdef0123456789abcdef"');
    expect(checkState(state, files)[0]!.status).toBe('cannot-apply');
    expect(checkState(state, files)[0]!.error!.message).toContain('VirtualHost "meet.example.com" has no app_secret: give the shared secret');
  });

  it.each([
    ['secret', '"Zq3xV9mB2kL7pR4tW8yN1cF6hJ0sD5gA"', '\n'],
    ['appSecret', "'Zq3xV9mB2kL7pR4tW8yN1cF6hJ0sD5gA'   # from the vault", '\r\n'],
    ['app_secret', 'Zq3xV9mB2kL7pR4tW8yN1cF6hJ0sD5gA', '\n'],
    ['password', 'Zq3xV9mB2kL7pR4tW8yN1cF6hJ0sD5gA', '\r\n'],
  ])('a secret written into the state file (%s) is refused with its position, never echoed', (field, value, eol) => {
    const text = ['version: 1', 'intents:', '  - kind: jwt', '    host: meet.example.com', `    ${field}: ${value}`, '    appId: myapp', ''].join(eol);
    let error: StateValidationError | undefined;
    try {
      parseState(text);
    } catch (e) {
      error = e as StateValidationError;
    }
    expect(error).toBeInstanceOf(StateValidationError);
    expect(error!.problems).toEqual([
      {
        code: 'secret-in-state',
        message: `${field} is a secret, which a state file never holds (it would be readable wherever the file is): remove it; apply keeps the secret the host has, and jitsi-confkit jwt enable --secret-file FILE sets it`,
        path: `intents[0].${field}`,
        intent: 0,
        position: { line: 5, column: 5, offset: ['version: 1', 'intents:', '  - kind: jwt', '    host: meet.example.com'].join(eol).length + eol.length + 4 },
      },
    ]);
    expect(JSON.stringify({ message: error!.message, frame: error!.frame, problems: error!.problems })).not.toContain('Zq3xV9mB2kL7pR4tW8yN1cF6hJ0sD5gA');
  });

  it('refuses what the recipe refuses, and a secure domain next to it', () => {
    const bad = () => parseState('version: 1\nintents:\n  - kind: jwt\n    host: meet.example.com\n    issuer: http://meet.example.com/realms/x\n');
    expect(bad).toThrow(StateValidationError);
    const both = () =>
      parseState(
        'version: 1\nintents:\n  - kind: secure-domain\n    host: meet.example.com\n  - kind: jwt\n    host: meet.example.com\n    issuer: https://meet.example.com/realms/x\n',
      );
    try {
      both();
      throw new Error('expected an error');
    } catch (error) {
      expect((error as StateValidationError).problems.map((p) => p.code)).toContain('contradiction');
    }
  });
});

describe('kind: moderation', () => {
  it('is applied where each module reads it, holds, and its fields are checked', () => {
    const state = parseState('version: 1\nintents:\n  - kind: moderation\n    host: meet.example.com\n    maxParticipants: 20\n    autoOwner: false\n');
    const applied = applyState(state, files);
    expect(applied.files.prosody).toContain('    muc_max_occupants = 20\n');
    expect(applied.files.jicofoConf).toMatch(/enable-auto-owner[:=] ?false/);
    expect(checkState(state, applied.files).map((c) => c.status)).toEqual(['holds']);
    expect(() => parseState('version: 1\nintents:\n  - kind: moderation\n    host: meet.example.com\n    maxParticipants: 0\n')).toThrow(StateValidationError);
    expect(() => parseState('version: 1\nintents:\n  - kind: moderation\n    host: meet.example.com\n    lobby: false\n    waitForHost: true\n')).toThrow(
      /Wait for host keeps guests in the lobby/,
    );
  });
});
