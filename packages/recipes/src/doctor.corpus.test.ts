/**
 * The doctor on every real Jitsi per-host Prosody file of the corpus (2014-2026, upstream and wild),
 * installed as the host file of a Debian 12 and of a Debian 13 server (fixtures/doctor's main config
 * and modules): every fix the doctor offers applies, the fixed files parse and compile (luac5.4),
 * what remains is only what has no automatic fix, a second run changes nothing, and what --fix does
 * to each file is a committed zero-context golden diff.
 */
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '@jitsi-confkit/core';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { doctor, fixDeployment, type DoctorFiles } from '@jitsi-confkit/recipes';
import { corpusAvailable, corpusFiles, readCorpusLatin1 } from '../../../test/support/corpus.js';
import { expectGoldenFile } from '../../../test/support/golden.js';
import { luacCheck, requireProgram } from '../../prosody-config/src/test-support/evaluate.js';
import { mainHostOf } from './prosody.js';
import { serverEnvironment, serverFiles, type Server } from './test-support/doctor.js';

const available = corpusAvailable();
const hasLuac = requireProgram('luac5.4');

/** The corpus files that are a Jitsi host's file (they have a main VirtualHost with components under it). */
function hostFiles(): { rel: string; host: string }[] {
  if (!available) return [];
  return corpusFiles('prosody', ['.cfg.lua']).flatMap((rel) => {
    const cfg = parseProsodyConfig(readCorpusLatin1(rel), { encoding: 'latin1' });
    const host = mainHostOf(cfg);
    return host !== undefined && host !== 'localhost' && cfg.components().some((c) => c.endsWith(`.${host}`)) ? [{ rel, host }] : [];
  });
}

const FILES = hostFiles();

describe.skipIf(!available).each(['debian12', 'debian13'] as const)('the doctor on every Jitsi host file of the corpus, on %s', (server: Server) => {
  it('finds Jitsi host files in the corpus', () => {
    expect(FILES.length).toBeGreaterThan(25);
  });

  it.each(FILES)('$rel', ({ rel, host }) => {
    const path = `/etc/prosody/conf.avail/${host}.cfg.lua`;
    const base = serverFiles(server);
    const files: DoctorFiles = { prosody: readCorpusLatin1(rel), prosodyMain: base.prosodyMain!, prosodyFiles: base.prosodyFiles! };
    const options = {
      host,
      partial: true,
      paths: {
        prosody: path,
        prosodyMain: '/etc/prosody/prosody.cfg.lua',
        links: { [`/etc/prosody/conf.d/${host}.cfg.lua`]: path, '/etc/prosody/conf.d/localhost.cfg.lua': '/etc/prosody/conf.avail/localhost.cfg.lua' },
      },
      environment: serverEnvironment(server),
    };
    const report = doctor(files, options);
    const result = fixDeployment(files, options);
    // Every finding that has edits was fixed; what remains has none.
    expect(result.remaining.filter((f) => f.edits !== undefined)).toEqual([]);
    // Each finding with edits was fixed (a fix can reveal one more: mod_x renamed x, not installed either).
    for (const f of report.findings.filter((f) => f.edits !== undefined)) expect(result.fixed.map((x) => [x.code, x.line])).toContainEqual([f.code, f.line]);
    for (const text of [result.files.prosody!, result.files.prosodyMain!]) {
      parseProsodyConfig(text, { encoding: 'latin1' });
      if (hasLuac) expect(luacCheck(text)).toBeUndefined();
    }
    expect(fixDeployment(result.files, options).changed).toBe(false);
    const name = rel.replace(/^prosody\//, '').replace(/\//g, '-');
    const diff = [
      unifiedDiff(files.prosody!, result.files.prosody!, { path: rel, context: 0 }),
      unifiedDiff(files.prosodyMain!, result.files.prosodyMain!, { path: 'prosody.cfg.lua', context: 0 }),
    ].join('');
    const summary = report.findings
      .map((f) => `# ${f.severity} ${f.code}${f.line === undefined ? '' : ` (${f.file}:${f.line})`}${f.edits === undefined ? ' [no automatic fix]' : ''}\n`)
      .join('');
    expectGoldenFile(`golden/doctor-corpus/${server}/${name}.diff`, `${summary}${diff}`);
  });
});
