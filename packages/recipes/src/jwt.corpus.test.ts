/**
 * jwt and moderation on the corpus sets of every era they apply to: golden diffs, idempotence,
 * undo byte for byte, and the results read by the real consumers: Prosody 0.12's own
 * core.configmanager (the effective settings differ by exactly the recipe's), node:vm (config.js
 * holds what the handbook's appended statements give), ruby-hocon and Typesafe Config (Jicofo's
 * authentication off, auto owner off, nothing else changed).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from '@jitsi-confkit/core';
import { checkDeployment, jwt, moderation, type DeploymentFile, type DeploymentFiles, type JwtOptions, type RecipeResult } from '@jitsi-confkit/recipes';
import { corpusAvailable } from '../../../test/support/corpus.js';
import { expectGoldenFile } from '../../../test/support/golden.js';
import { unavailable } from '../../../test/support/skips.js';
import { typesafeAvailable, typesafeParse } from '../../jicofo-config/src/test-support/typesafe.js';
import { evaluateReal } from '../../prosody-config/src/test-support/evaluate.js';
import { asWritten } from './test-support/cases.js';
import { debian2020, debian2022, debian2025, dockerOnesol, type CorpusSet } from './test-support/sets.js';

const available = corpusAvailable();
const hasProsody = spawnSync('sh', ['-c', 'command -v lua5.4'], { stdio: 'ignore' }).status === 0 && existsSync('/usr/lib/prosody/core/configmanager.lua');
if (!hasProsody) unavailable("jwt's comparison with Prosody's core.configmanager: no prosody or lua5.4", 'sudo bash scripts/install-system-deps.sh');
const hasHocon = spawnSync('sh', ['-c', 'command -v hocon'], { stdio: 'ignore' }).status === 0;
if (!hasHocon) unavailable("jwt's reading of jicofo.conf by the hocon CLI: no hocon", 'sudo bash scripts/install-system-deps.sh');
const hasTypesafe = typesafeAvailable();

/** A secret of the kind `openssl rand -hex 32` gives, which no output may hold. */
const SECRET = '3f9c1e7a5b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e';

const scratch = mkdtempSync(join(tmpdir(), 'confkit-jwt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(scratch, `${n++}-`));
  const file = join(dir, name);
  writeFileSync(file, text, 'utf8');
  return file;
}

function golden(set: CorpusSet, name: string, key: DeploymentFile, before: string, after: string): void {
  expectGoldenFile(join('golden', 'recipes', set.name, `${name}.${key}.diff`), asWritten(key, unifiedDiff(before, after, { path: set.sources[key]!, context: 0 })));
}

/** Prosody's own reading of a host file: every section's settings, with the global ones under "*". */
function prosodyReads(text: string): Record<string, Record<string, unknown>> {
  const r = evaluateReal(text);
  if ('error' in r) throw new Error(r.error);
  return r.config;
}

/** The settings of every section that differ between two readings (added, changed or gone). */
function changes(before: Record<string, Record<string, unknown>>, after: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const section of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[section] ?? {};
    const a = after[section] ?? {};
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      if (JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
      (out[section] ??= {})[key] = a[key] ?? null;
    }
  }
  return out;
}

function evaluateConfig(text: string): Record<string, unknown> {
  const sandbox: Record<string, unknown> = {};
  vm.runInNewContext(`${text}\n;globalThis.__config = JSON.parse(JSON.stringify(config));`, sandbox);
  return sandbox.__config as Record<string, unknown>;
}

/** The handbook's four statements (docs/devops-guide/authentication.md), appended as it says. */
const HANDBOOK_WEB_LOGIN = `
config.tokenAuthUrl='https://'+ config.hosts.domain + '/realms/jitsi-realm/protocol/openid-connect/auth?client_id=jitsi&response_type=code&scope=openid&state={state}&redirect_uri=https://'+ config.hosts.domain + '/static/sso.html&code_challenge={code_challenge}&code_challenge_method=S256';
config.tokenLogoutUrl='https://'+ config.hosts.domain + '/realms/jitsi-realm/protocol/openid-connect/logout?post_logout_redirect_uri=https://'+ config.hosts.domain + '/static/logout.html';
config.tokenAuthInline=true;
config.sso={ ssoService: config.hosts.domain, tokenService: config.hosts.domain + '/realms/jitsi-realm/protocol/openid-connect', clientId: "jitsi" };
`;

function noSecret(result: RecipeResult): void {
  const shown = JSON.stringify({ steps: result.steps, todo: result.todo, warnings: result.warnings, masked: result.masked, extra: result.extraFiles?.filter((f) => !f.secret) });
  expect(shown).not.toContain(SECRET);
}

const VARIANTS: [string, (set: CorpusSet) => JwtOptions][] = [
  ['jwt-secret', (set) => ({ host: set.host, appId: 'meetapp', secret: SECRET, guests: true })],
  ['jwt-oidc', (set) => ({ host: set.host, issuer: `https://${set.host}/realms/jitsi-realm`, guests: true })],
];

describe.skipIf(!available)('jwt on the corpus sets of every era', () => {
  const sets = available ? [debian2020(), debian2022(), debian2025(), dockerOnesol()] : [];

  describe.each(sets.map((s) => [s.name, s] as const))('%s', (_name, set) => {
    describe.each(VARIANTS)('%s', (variant, optionsOf) => {
      const options = { ...optionsOf(set), partial: set.files.jicofoConf === undefined && set.files.sipCommunicator === undefined };
      const result = jwt(set.files, options);

      it('changes each file as the golden diff says, and never shows the secret', () => {
        for (const key of Object.keys(set.files) as DeploymentFile[]) {
          if (result.files[key] !== set.files[key]) golden(set, variant, key, set.files[key]!, result.files[key]!);
        }
        expectGoldenFile(
          join('golden', 'recipes', set.name, `${variant}.result.json`),
          `${JSON.stringify({ steps: result.steps, todo: result.todo, warnings: result.warnings }, null, 2)}\n`,
        );
        noSecret(result);
        if (variant === 'jwt-secret') expect(result.files.prosody).toContain(SECRET);
      });

      it('is idempotent, and leaves a set checkDeployment finds nothing wrong with', () => {
        const again = jwt(result.files, options);
        expect(again.changed).toBe(false);
        expect(again.steps.every((s) => s.status !== 'applied')).toBe(true);
        const findings = checkDeployment(result.files, { host: set.host, partial: true }).filter((f) => f.code !== 'user-roles-based-on-token');
        expect(findings).toEqual([]);
      });

      it('undo gives back the original bytes', () => {
        const undone = jwt(result.files, { host: set.host, enable: false, partial: true });
        for (const key of ['prosody', 'meetConfig'] as const) expect(undone.files[key]).toBe(set.files[key]);
        expect(jwt(undone.files, { host: set.host, enable: false, partial: true }).changed).toBe(false);
      });

      it.skipIf(!hasProsody)("Prosody 0.12's configmanager reads exactly the token settings, the conference component's module and the guest host", () => {
        const before = prosodyReads(set.files.prosody!);
        const after = prosodyReads(result.files.prosody!);
        const host = set.host;
        const expected: Record<string, Record<string, unknown>> = {
          [host]: { authentication: 'token', allow_empty_token: false },
          [`guest.${host}`]: after[`guest.${host}`]!,
        };
        if (variant === 'jwt-secret') {
          Object.assign(expected[host]!, { app_id: 'meetapp', app_secret: SECRET });
          const conference = `conference.${host}`;
          expected[conference] = { modules_enabled: [...((before[conference]?.modules_enabled as string[]) ?? []), 'token_verification'] };
        } else {
          Object.assign(expected[host]!, {
            app_id: 'jitsi',
            cache_keys_url: `https://${host}/realms/jitsi-realm/protocol/openid-connect/certs`,
            asap_accepted_issuers: [`https://${host}/realms/jitsi-realm`],
            asap_accepted_audiences: ['account'],
            asap_require_room_claim: false,
          });
        }
        if (before['*']?.plugin_paths === undefined) expected['*'] = { plugin_paths: ['/usr/share/jitsi-meet/prosody-plugins/'] };
        if (variant === 'jwt-secret' && before[host]?.main_muc !== undefined && before[host].main_muc !== `conference.${host}`) {
          const conference = before[host].main_muc as string;
          expected[conference] = expected[`conference.${host}`]!;
          expected[conference].modules_enabled = [...((before[conference]?.modules_enabled as string[]) ?? []), 'token_verification'];
          delete expected[`conference.${host}`];
        }
        expect(changes(before, after)).toEqual(expected);
        expect(after[`guest.${host}`]).toMatchObject({ c2s_require_encryption: false });
        expect(['anonymous', 'jitsi-anonymous']).toContain(after[`guest.${host}`]!.authentication);
      });

      if (set.files.meetConfig !== undefined)
        it("config.js in node:vm: what the handbook's statements give, and nothing else", () => {
          const before = evaluateConfig(set.files.meetConfig!);
          const after = evaluateConfig(result.files.meetConfig!);
          const expected = structuredClone(before) as { hosts: Record<string, unknown> } & Record<string, unknown>;
          expected.hosts.anonymousdomain = `guest.${set.host}`;
          if (variant === 'jwt-oidc') {
            const handbook = evaluateConfig(`${set.files.meetConfig!}\n${HANDBOOK_WEB_LOGIN}`);
            for (const key of ['tokenAuthUrl', 'tokenLogoutUrl', 'tokenAuthInline', 'sso']) expected[key] = handbook[key];
          }
          expect(after).toEqual(expected);
        });

      if (set.files.jicofoConf !== undefined)
        it.skipIf(!hasHocon || !hasTypesafe)('jicofo.conf: ruby-hocon and Typesafe Config read authentication off, and nothing else changed', () => {
          const file = tempFile('jicofo.conf', result.files.jicofoConf!);
          const enabled = spawnSync('hocon', ['-f', file, 'get', 'jicofo.authentication.enabled'], { encoding: 'utf8' });
          // Unset (Jicofo's default is off) or false.
          expect(enabled.status === 0 ? enabled.stdout.trim() : 'unset').toMatch(/^(unset|false)$/);
          const [before, after] = typesafeParse([set.files.jicofoConf!, result.files.jicofoConf!]);
          if (!before || !after || !('ok' in before) || !('ok' in after)) throw new Error('Typesafe Config refused jicofo.conf');
          const strip = (tree: Record<string, unknown>): unknown => {
            const j = { ...(tree.jicofo as Record<string, unknown>) };
            const auth = { ...((j.authentication as Record<string, unknown>) ?? {}) };
            delete auth.enabled;
            delete auth.type;
            delete auth['login-url'];
            j.authentication = Object.keys(auth).length === 0 ? null : auth;
            return { ...tree, jicofo: j };
          };
          expect((after.ok.jicofo as Record<string, { enabled?: unknown }>).authentication?.enabled ?? false).toBe(false);
          expect(strip(after.ok)).toEqual(strip(before.ok));
          execFileSync('hocon', ['-f', file, 'get', 'jicofo'], { stdio: 'pipe' });
        });
    });
  });

  it('the 2020 set (Jicofo in sip-communicator.properties): the legacy auth.URL goes, Jicofo authentication off', () => {
    const set = debian2020();
    const files: DeploymentFiles = { ...set.files, sipCommunicator: `${set.files.sipCommunicator!}org.jitsi.jicofo.auth.URL=XMPP:${set.host}\n` };
    const result = jwt(files, { host: set.host, appId: 'meetapp', secret: SECRET });
    expect(result.files.sipCommunicator).toBe(set.files.sipCommunicator);
    expect(result.steps.find((s) => s.file === 'sipCommunicator')).toEqual({
      file: 'sipCommunicator',
      action: 'no org.jitsi.jicofo.auth.URL (Jicofo reads it before jicofo.conf)',
      status: 'applied',
    });
  });
});

describe.skipIf(!available)('moderation on the corpus sets of every era', () => {
  const sets = available ? [debian2020(), debian2022(), debian2025(), dockerOnesol()] : [];
  const OPTIONS = { waitForHost: true, authenticatedModerators: false, maxParticipants: 20, autoOwner: false } as const;

  describe.each(sets.map((s) => [s.name, s] as const))('%s', (_name, set) => {
    // Wait for host needs someone to authenticate: on top of the token setup.
    const base = jwt(set.files, { host: set.host, appId: 'meetapp', secret: SECRET, guests: true, partial: true }).files;
    const options = { host: set.host, ...OPTIONS, partial: true };
    const result = moderation(base, options);

    it('changes each file as the golden diff says, idempotent, and undone byte for byte', () => {
      for (const key of Object.keys(base) as DeploymentFile[]) {
        if (result.files[key] !== base[key]) {
          expectGoldenFile(
            join('golden', 'recipes', set.name, `moderation.${key}.diff`),
            asWritten(key, unifiedDiff(result.masked!.before[key]!, result.masked!.after[key]!, { path: set.sources[key]!, context: 0 })),
          );
        }
      }
      noSecret(result);
      expect(moderation(result.files, options).changed).toBe(false);
      const undone = moderation(result.files, { host: set.host, waitForHost: false, maxParticipants: null, autoOwner: true, partial: true });
      // The lobby was there in every template since 2020-07: for the older one, lobby: false takes it away again.
      const lobbyAdded = !base.prosody!.includes(`Component "lobby.${set.host}"`);
      const back = lobbyAdded ? moderation(undone.files, { host: set.host, lobby: false, partial: true }).files : undone.files;
      for (const key of Object.keys(base) as DeploymentFile[]) expect(back[key]).toBe(base[key]);
      const findings = checkDeployment(result.files, { host: set.host, partial: true }).filter((f) => f.code !== 'user-roles-based-on-token');
      expect(findings).toEqual([]);
    });

    it.skipIf(!hasProsody)("Prosody 0.12's configmanager: each setting on the section whose module reads it", () => {
      const before = prosodyReads(base.prosody!);
      const after = prosodyReads(result.files.prosody!);
      const host = set.host;
      const conference = typeof before[host]?.main_muc === 'string' ? before[host].main_muc : `conference.${host}`;
      const focus = (((before[conference]?.admins ?? before['*']?.admins) as string[] | undefined) ?? []).filter((j) => j.startsWith('focus@'));
      const d = changes(before, after);
      expect(d[host]?.modules_enabled).toContain('persistent_lobby');
      expect(after[conference]).toMatchObject({
        wait_for_host_disable_auto_owners: true,
        muc_max_occupants: 20,
        muc_access_whitelist: focus.length > 0 ? focus : [`focus@auth.${host}`],
      });
      expect(after[conference]!.modules_enabled).toEqual(expect.arrayContaining(['muc_wait_for_host', 'muc_max_occupants']));
      for (const key of ['wait_for_host_disable_auto_owners', 'muc_max_occupants', 'muc_access_whitelist']) expect(after[host]?.[key]).toBeUndefined();
      expect(after[`lobby.${host}`]).toMatchObject({ component_module: 'muc' });
      expect(after[host]).toMatchObject({ lobby_muc: `lobby.${host}`, main_muc: conference });
      expect(after[conference]!.muc_mapper_domain_base ?? after['*']!.muc_mapper_domain_base).toBeTypeOf('string');
    });

    if (set.files.jicofoConf !== undefined)
      it.skipIf(!hasTypesafe)('Typesafe Config reads enable-auto-owner = false, and nothing else changed', () => {
        const [before, after] = typesafeParse([base.jicofoConf!, result.files.jicofoConf!]);
        if (!before || !after || !('ok' in before) || !('ok' in after)) throw new Error('Typesafe Config refused jicofo.conf');
        const conference = (tree: Record<string, unknown>): Record<string, unknown> => ((tree.jicofo as Record<string, unknown>).conference as Record<string, unknown>) ?? {};
        expect(conference(after.ok)['enable-auto-owner']).toBe(false);
        const rest = (tree: Record<string, unknown>): unknown => ({
          ...tree,
          jicofo: { ...(tree.jicofo as object), conference: { ...conference(tree), 'enable-auto-owner': null } },
        });
        expect(rest(after.ok)).toEqual(rest(before.ok));
      });
  });
});
