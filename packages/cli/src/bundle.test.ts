/**
 * The built executable (dist/cli.cjs, see loader.cjs): the code caches it ships fit this Node, a
 * cache that does not fit costs speed only, and each parser is loaded only when a file of its
 * language is touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, requireBuiltCli } from './test-support/trees.js';

const SCRIPTS = ['bundle.cjs', 'babel-parser.cjs', 'luaparse.cjs'];

const INTERFACE_CONFIG = "var interfaceConfig = {\n    OPTIMAL_BROWSERS: [ 'chrome', 'firefox' ],\n    UNSUPPORTED_BROWSERS: [],\n};\n";
const PROSODY = 'VirtualHost "meet.example.com"\n    authentication = "jitsi-anonymous" -- do not delete me\n';

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'confkit-bundle-'));
  writeFileSync(join(dir, 'interface_config.js'), INTERFACE_CONFIG);
  writeFileSync(join(dir, 'meet.example.com.cfg.lua'), PROSODY);
  // Records which of the executable's scripts a run reads (the loader reads each with readFileSync).
  writeFileSync(
    join(dir, 'probe.cjs'),
    [
      "const fs = require('node:fs');",
      'const read = fs.readFileSync;',
      'const seen = [];',
      "fs.readFileSync = function (file, ...rest) { if (typeof file === 'string' && file.endsWith('.cjs')) seen.push(require('node:path').basename(file)); return read.call(this, file, ...rest); };",
      "process.on('exit', () => fs.writeFileSync(process.env.PROBE_OUT, seen.join(' ')));",
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function node(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env } });
}

describe('the code caches', () => {
  it('are accepted by this Node for the bundle and both parsers', () => {
    const check = [
      "const { readFileSync } = require('node:fs');",
      "const { wrap } = require('node:module');",
      "const { Script } = require('node:vm');",
      `for (const name of ${JSON.stringify(SCRIPTS)}) {`,
      `  const file = require('node:path').join(${JSON.stringify(dirname(cliPath))}, name);`,
      "  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(file + '.cache') });",
      "  console.log(name, script.cachedDataRejected ? 'rejected' : 'accepted');",
      '}',
    ].join('\n');
    const result = node(['-e', check]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(SCRIPTS.map((s) => `${s} accepted\n`).join(''));
  });

  it('that do not fit are rejected by V8, and the CLI does the same work', () => {
    const copy = mkdtempSync(join(tmpdir(), 'confkit-nocache-'));
    try {
      cpSync(dirname(cliPath), copy, { recursive: true });
      for (const name of SCRIPTS) writeFileSync(join(copy, `${name}.cache`), 'not a V8 code cache');
      for (const args of [['--help'], ['browsers', 'move', 'firefox', '--to', 'unsupported', '--file', 'interface_config.js', '--dry-run']]) {
        const expected = node([cliPath, ...args]);
        const actual = node([join(copy, 'cli.cjs'), ...args]);
        expect(expected.status).toBe(0);
        expect([actual.status, actual.stdout, actual.stderr]).toEqual([expected.status, expected.stdout, expected.stderr]);
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('a parser is loaded only when a file of its language is touched', () => {
  it.each([
    [['--help'], 'cli.cjs bundle.cjs'],
    [['browsers', 'list', '--file', 'interface_config.js'], 'cli.cjs bundle.cjs babel-parser.cjs'],
    [['get', 'meet.example.com.cfg.lua', 'host:meet.example.com/authentication'], 'cli.cjs bundle.cjs luaparse.cjs'],
    // Without a state file, apply, status and the hook have nothing to parse.
    [['status', '--root', '.'], 'cli.cjs bundle.cjs'],
    [['hook', 'run', '--root', '.'], 'cli.cjs bundle.cjs'],
  ])('jitsi-confkit %j reads %s', (args, scripts) => {
    const out = join(dir, 'probe.out');
    const result = node(['--require', join(dir, 'probe.cjs'), cliPath, ...args], { PROBE_OUT: out });
    expect(result.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(scripts);
  });
});

// get, set and delete open every kind through one table (recipes' DOCUMENT_KINDS): each kind still
// loads only its own language's parser, and jicofo.conf and .properties none.
describe('get on each kind loads only the parser of its language', () => {
  it.each([
    ['interface_config.js', INTERFACE_CONFIG, 'OPTIMAL_BROWSERS', 'cli.cjs bundle.cjs babel-parser.cjs'],
    ['meet.example.com-config.js', "var config = {\n    hosts: { domain: 'meet.example.com' },\n};\n", 'hosts.domain', 'cli.cjs bundle.cjs babel-parser.cjs'],
    ['meet.example.com.cfg.lua', PROSODY, 'host:meet.example.com/authentication', 'cli.cjs bundle.cjs luaparse.cjs'],
    ['jicofo.conf', 'jicofo {\n  authentication {\n    enabled = true\n  }\n}\n', 'jicofo.authentication.enabled', 'cli.cjs bundle.cjs'],
    ['sip-communicator.properties', 'org.jitsi.jicofo.auth.URL=XMPP:meet.example.com\n', 'org.jitsi.jicofo.auth.URL', 'cli.cjs bundle.cjs'],
  ])('get %s reads %s', (name, text, path, scripts) => {
    const file = join(dir, 'kinds', name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    const out = join(dir, 'probe-kind.out');
    const result = node(['--require', join(dir, 'probe.cjs'), cliPath, 'get', file, path], { PROBE_OUT: out });
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(readFileSync(out, 'utf8')).toBe(scripts);
  });
});
