/**
 * The edits admins make after the secure domain, on the bundled Debian per-host config: modules
 * on and off, a component option; checked with lua5.4 (effective settings before and after).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';
import { repoRoot } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { evaluate, luacCheck, requireProgram } from './test-support/evaluate.js';

const text = readFileSync(`${repoRoot}/examples/debian-tree/etc/prosody/conf.avail/meet.example.com.cfg.lua`, 'latin1');
const HOST = { host: 'meet.example.com' };
const CONFERENCE = { component: 'conference.meet.example.com' };
const BREAKOUT = { component: 'breakout.meet.example.com' };

function edit() {
  return parseProsodyConfig(text, { encoding: 'latin1' })
    .addToList(HOST, 'modules_enabled', 'persistent_lobby')
    .addToList(CONFERENCE, 'modules_enabled', 'muc_wait_for_host')
    .removeFromList(BREAKOUT, 'modules_enabled', 'polls')
    .set(CONFERENCE, 'restrict_room_creation', false);
}

describe('modules and component options', () => {
  it('edit only the lines they concern', () => {
    const cfg = edit();
    expectEditInvariants(text, cfg.edits, cfg.toString());
    expect(cfg.edits.map((e) => e.content)).toEqual(['        "persistent_lobby";\n', 'false', '        "muc_wait_for_host";\n', '']);
    expect(text.slice(cfg.edits[3]!.offset, cfg.edits[3]!.offset + cfg.edits[3]!.length)).toBe('        "polls";\n');
    expect(
      parseProsodyConfig(cfg.toString(), { encoding: 'latin1' }).addToList(HOST, 'modules_enabled', 'persistent_lobby').removeFromList(BREAKOUT, 'modules_enabled', 'polls')
        .changed,
    ).toBe(false);
  });

  it.skipIf(!requireProgram('lua5.4'))('change exactly those settings for Prosody', () => {
    const after = edit().toString();
    expect(luacCheck(after)).toBeUndefined();
    const b = evaluate(text);
    const a = evaluate(after);
    const host = (e: typeof a, name: string) => e.hosts[name]!.settings;
    const modules = (e: typeof a, name: string) => host(e, name).modules_enabled as string[];
    expect(modules(a, 'meet.example.com')).toEqual([...modules(b, 'meet.example.com'), 'persistent_lobby']);
    expect(modules(a, 'conference.meet.example.com')).toEqual([...modules(b, 'conference.meet.example.com'), 'muc_wait_for_host']);
    expect(modules(a, 'breakout.meet.example.com')).toEqual(modules(b, 'breakout.meet.example.com').filter((m) => m !== 'polls'));
    expect(host(a, 'conference.meet.example.com').restrict_room_creation).toBe(false);
    const strip = (e: typeof a) =>
      Object.fromEntries(Object.entries(e.hosts).map(([n, h]) => [n, { ...h.settings, modules_enabled: undefined, restrict_room_creation: undefined }]));
    expect(strip(a)).toEqual(strip(b));
  });
});
