/**
 * The real corpus (../shared/fixtures/real/jicofo, wild/ included): lossless round trip, the
 * secure-domain edit with golden diffs, and Debian's `hocon` CLI and Typesafe Config (what Jicofo
 * reads with) as the semantic oracles.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigSyntaxError, UnsupportedEditError } from '@jitsi-confkit/core';
import { corpusAvailable, corpusFiles, readCorpus } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { expectGoldenDiff } from '../../../test/support/golden.js';
import { HoconSubstitution, parseJicofoConf, parseProperties, type HoconDocument } from './index.js';
import { hoconAvailable, oracleTree } from './test-support/hocon-cli.js';
import { disagreements, documentTree, typesafeAvailable, typesafeParse } from './test-support/typesafe.js';
import { placed } from '../../../test/support/errors.js';

const available = corpusAvailable();
const confs = available ? corpusFiles('jicofo', ['.conf']) : [];
// The .env file (/etc/jitsi/jicofo/config, shell variables) is also valid .properties syntax, so it
// round-trips through parseProperties too; its values are then read with Java's rules, not the shell's.
const propertyFiles = available ? corpusFiles('jicofo', ['.properties', '.env']) : [];
const hocon = available && hoconAvailable();
const tmp = mkdtempSync(join(tmpdir(), 'confkit-jicofo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The XMPP domain each real jicofo.conf is written for (meet.example.com for upstream templates). */
const HOSTS: Record<string, string> = {
  'jicofo-reference-2020-11-c2e41a0.conf': 'meet.example.com',
  'jicofo-reference-2022-09-before-split.conf': 'meet.example.com',
  'jicofo-reference-2026-08-master-7ebb13d.conf': 'meet.example.com',
  'jicofo-selector-reference-2023-04-f0d2311.conf': 'meet.example.com',
  'jicofo-selector-reference-2026-07-before-module-split.conf': 'meet.example.com',
  'blc-debian-2022-12-jicofo-hocon-cli-colon-style.conf': 'jitsi.blc-meet.com', // client-proxy focus.jitsi.blc-meet.com
  'onesol-docker-2026-02-jicofo-blank-lines-include.conf': 'video.onesolutions.net', // xmpp-domain
  'qkit-docker-2023-06-jicofo-auth-xmpp.conf': 'meet.jitsi', // already set up: the edit is a no-op
  'shcare-docker-2023-09-jicofo-auth-jwt.conf': 'meet.jitsi',
  'tob123-docker-2025-08-jicofo-env-substitution.conf': 'meet.jitsi',
};

function secureDomain(doc: HoconDocument, host: string): HoconDocument {
  return doc.set('jicofo.authentication.enabled', true).set('jicofo.authentication.type', 'XMPP').set('jicofo.authentication.login-url', host);
}

function tmpFile(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe.skipIf(!available)('round trip of every real file', () => {
  it('finds the corpus files', () => {
    expect(confs.length).toBe(10);
    expect(propertyFiles.length).toBe(8);
  });

  it.each(confs)('%s parses and prints byte-identical', (rel) => {
    const text = readCorpus(rel);
    const doc = parseJicofoConf(text);
    expect(doc.toString()).toBe(text);
    expect(doc.changed).toBe(false);
    expect(doc.edits).toEqual([]);
  });

  it.each(propertyFiles)('%s parses and prints byte-identical', (rel) => {
    const text = readCorpus(rel);
    const doc = parseProperties(text);
    expect(doc.toString()).toBe(text);
    expect(doc.keys().length).toBeGreaterThan(0);
  });

  it('keeps the substitutions of the env-substitution file as opaque values', () => {
    const doc = parseJicofoConf(readCorpus('jicofo/wild/tob123-docker-2025-08-jicofo-env-substitution.conf'));
    expect(doc.get('jicofo.authentication.enabled')).toEqual(new HoconSubstitution('JICOFO_AUTH', false, '${JICOFO_AUTH}'));
    expect(doc.get('jicofo.xmpp.client.password')).toEqual(new HoconSubstitution('JICOFO_AUTH_PASSWORD', false, '${JICOFO_AUTH_PASSWORD}'));
    expect(doc.get('jicofo.authentication.login-url')).toBe('meet.jitsi');
    expect(doc.get('jicofo.authentication.authentication-lifetime')).toBe('24 hours');
    expect(doc.get('jicofo.xmpp.client.client-proxy')).toBe('focus.meet.jitsi');
  });

  it('reads the .env file with java.util.Properties rules (continuations joined)', () => {
    const doc = parseProperties(readCorpus('jicofo/jitsi-meet-doc-scalable-jicofo-etc-config-2021-01-32fb08c.env'));
    expect(doc.get('JICOFO_AUTH_DOMAIN')).toBe('auth.meet.example.com');
    expect(doc.get('JICOFO_OPTS')).toBe('""');
    expect(doc.get('JAVA_SYS_PROPS')).toBe(
      '" -Dnet.java.sip.communicator.SC_HOME_DIR_LOCATION=/etc/jitsi -Dnet.java.sip.communicator.SC_HOME_DIR_NAME=jicofo ' +
        '-Dnet.java.sip.communicator.SC_LOG_DIR_LOCATION=/var/log/jitsi -Djava.util.logging.config.file=/etc/jitsi/jicofo/logging.properties "',
    );
  });
});

describe.skipIf(!available)('truncated and corrupted real files', () => {
  it.each(confs)('%s: every truncation parses losslessly or fails with a positioned ConfigSyntaxError', (rel) => {
    const text = readCorpus(rel);
    let failures = 0;
    for (let cut = 0; cut < text.length; cut += 11) {
      const part = text.slice(0, cut);
      try {
        expect(parseJicofoConf(part).toString()).toBe(part);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigSyntaxError);
        const e = error as ConfigSyntaxError;
        expect(e.offset).toBeGreaterThanOrEqual(0);
        expect(e.offset).toBeLessThanOrEqual(part.length);
        expect(e.message).toBe(e.reason);
        failures++;
      }
    }
    // Most cuts fall inside an open `jicofo {` block.
    expect(failures).toBeGreaterThan(0);
  });

  it.each(confs)('%s: a NUL byte in the middle is refused at its position', (rel) => {
    const text = readCorpus(rel);
    const at = Math.floor(text.length / 2);
    const bad = `${text.slice(0, at)}\u0000${text.slice(at)}`;
    let error: unknown;
    try {
      parseJicofoConf(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigSyntaxError);
    expect((error as ConfigSyntaxError).offset).toBe(at);
  });
});

describe.skipIf(!available)('the secure-domain edit on every real jicofo.conf', () => {
  it('has a host for every file', () => {
    expect(confs.map((rel) => basename(rel)).sort()).toEqual(Object.keys(HOSTS).sort());
  });

  it.each(confs)('%s', (rel) => {
    const name = basename(rel);
    const text = readCorpus(rel);
    const host = HOSTS[name]!;
    if (name.startsWith('tob123')) {
      const doc = parseJicofoConf(text);
      let error: unknown;
      try {
        secureDomain(doc, host);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnsupportedEditError);
      expect(placed(error as UnsupportedEditError)).toBe('jicofo.authentication.enabled is not a literal value (${JICOFO_AUTH}); edit it by hand (3:17)');
      expect((error as UnsupportedEditError).position).toEqual({ line: 3, column: 17, offset: 46 });
      expect(doc.toString()).toBe(text);
      expect(doc.changed).toBe(false);
      return;
    }
    const doc = secureDomain(parseJicofoConf(text), host);
    const out = doc.toString();
    expectEditInvariants(text, doc.edits, out);
    expectGoldenDiff(`jicofo/${name}.secure-domain.diff`, rel, text, out);
    const again = parseJicofoConf(out);
    expect(again.get('jicofo.authentication.enabled')).toBe(true);
    expect(again.get('jicofo.authentication.type')).toBe('XMPP');
    expect(again.get('jicofo.authentication.login-url')).toBe(host);
    // Idempotent: applied to its own output, nothing changes.
    expect(secureDomain(again, host).edits).toEqual([]);
    // Never a second root jicofo block.
    expect(out.match(/^jicofo\s*[:=]?\s*\{/gm)?.length).toBe(text.match(/^jicofo\s*[:=]?\s*\{/gm)?.length);
  });
});

describe.skipIf(!available || !hocon)('hocon CLI oracle (ruby-hocon)', () => {
  it.each(confs)('%s: get() agrees with hocon, and the edit changes exactly the three paths', async (rel) => {
    const name = basename(rel);
    const text = readCorpus(rel);
    const doc = parseJicofoConf(text);
    const before = await oracleTree(tmpFile(`before-${name}`, text), doc);
    expect(before.leaves.size).toBeGreaterThan(0);
    // A handful of CLI runs per file, not one per path.
    expect(before.calls).toBeLessThanOrEqual(doc.keys().length + 2 * before.unresolved.length);
    for (const [path, value] of before.leaves) expect([path, doc.get(path)]).toEqual([path, value]);
    for (const path of before.unresolved) expect(doc.get(path)).toBeInstanceOf(HoconSubstitution);
    if (name.startsWith('tob123')) {
      expect(before.unresolved).toEqual(['jicofo.authentication.enabled', 'jicofo.authentication.type', 'jicofo.xmpp.client.password']);
      return;
    }
    const host = HOSTS[name]!;
    const edited = secureDomain(parseJicofoConf(text), host);
    const afterDoc = parseJicofoConf(edited.toString());
    const after = await oracleTree(tmpFile(`after-${name}`, edited.toString()), afterDoc);
    const expected = new Map(before.leaves);
    expected.set('jicofo.authentication.enabled', true);
    expected.set('jicofo.authentication.type', 'XMPP');
    expected.set('jicofo.authentication.login-url', host);
    expect(Object.fromEntries(after.leaves)).toEqual(Object.fromEntries(expected));
    expect(after.unresolved).toEqual(before.unresolved);
    for (const [path, value] of after.leaves) expect([path, afterDoc.get(path)]).toEqual([path, value]);
  });
});

describe.skipIf(!available || !typesafeAvailable())('Typesafe Config oracle', () => {
  it('reads every file as get() does, and after the edit the three paths and every other value unchanged', () => {
    const edited = confs.map((rel) => (basename(rel).startsWith('tob123') ? readCorpus(rel) : secureDomain(parseJicofoConf(readCorpus(rel)), HOSTS[basename(rel)]!).toString()));
    const answers = typesafeParse([...confs.map(readCorpus), ...edited]);
    confs.forEach((rel, i) => {
      const before = answers[i]!;
      const after = answers[confs.length + i]!;
      if (!('ok' in before) || !('ok' in after)) throw new Error(`Typesafe Config refuses ${rel}: ${JSON.stringify('ok' in before ? after : before)}`);
      expect([rel, disagreements(documentTree(parseJicofoConf(readCorpus(rel))), before.ok)]).toEqual([rel, []]);
      expect([rel, disagreements(documentTree(parseJicofoConf(edited[i]!)), after.ok)]).toEqual([rel, []]);
      if (basename(rel).startsWith('tob123')) return;
      const jicofo = (tree: Record<string, unknown>): Record<string, unknown> => tree.jicofo as Record<string, unknown>;
      expect([rel, jicofo(after.ok).authentication]).toEqual([
        rel,
        { ...(jicofo(before.ok).authentication as object | undefined), enabled: true, type: 'XMPP', 'login-url': HOSTS[basename(rel)] },
      ]);
      const rest = (tree: Record<string, unknown>): unknown => ({ ...tree, jicofo: { ...jicofo(tree), authentication: null } });
      expect([rel, rest(after.ok)]).toEqual([rel, rest(before.ok)]);
    });
  });
});

/** Properties files with the legacy secure-domain switch. */
describe.skipIf(!available)('org.jitsi.jicofo.auth.URL in real sip-communicator.properties', () => {
  const withUrl = propertyFiles.filter((rel) => parseProperties(readCorpus(rel)).has('org.jitsi.jicofo.auth.URL'));

  it('finds the three files that have one', () => {
    expect(withUrl.map((rel) => basename(rel))).toEqual([
      'debalance-2020-04-sip-communicator-auth-url.properties',
      'giovannitorsello-2021-02-sip-communicator-auth-url.properties',
      'telkomdev-vagrant-2020-sip-communicator-jvb-and-jicofo.properties',
    ]);
  });

  it.each(withUrl)('%s', (rel) => {
    const text = readCorpus(rel);
    const current = parseProperties(text).get('org.jitsi.jicofo.auth.URL')!;
    // Setting the value it already has is a no-op.
    expect(parseProperties(text).set('org.jitsi.jicofo.auth.URL', current).edits).toEqual([]);
    const doc = parseProperties(text).set('org.jitsi.jicofo.auth.URL', 'XMPP:meet.example.com');
    const out = doc.toString();
    expectEditInvariants(text, doc.edits, out);
    expectGoldenDiff(`jicofo/${basename(rel)}.auth-url.diff`, rel, text, out);
    const again = parseProperties(out);
    expect(again.get('org.jitsi.jicofo.auth.URL')).toBe('XMPP:meet.example.com');
    for (const key of parseProperties(text).keys()) {
      if (key !== 'org.jitsi.jicofo.auth.URL') expect(again.get(key)).toBe(parseProperties(text).get(key));
    }
    expect(again.set('org.jitsi.jicofo.auth.URL', 'XMPP:meet.example.com').edits).toEqual([]);
  });
});
