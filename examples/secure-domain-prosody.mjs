// The Prosody half of the Jitsi "secure domain" on the per-host config the Debian installer
// writes: only authenticated users create rooms, guests join anonymously on guest.<host>.
// The file is read with 'utf8', as any text file (a Buffer works too: then toBytes() gives every byte back).
import { readFileSync } from 'node:fs';
import { unifiedDiff } from '@jitsi-confkit/core';
import { parseProsodyConfig } from '@jitsi-confkit/prosody-config';

const file = 'etc/prosody/conf.avail/meet.example.com.cfg.lua';
const before = readFileSync(new URL(`./debian-tree/${file}`, import.meta.url), 'utf8');

const cfg = parseProsodyConfig(before).enableSecureDomain('meet.example.com');
process.stdout.write(unifiedDiff(before, cfg.toString(), { path: file }));

// get() gives the Lua value (a string, number, boolean, list or table), here printed as JSON.
console.log(`main host: ${JSON.stringify(cfg.get({ host: 'meet.example.com' }, 'authentication'))}`);
console.log(`guest host: ${JSON.stringify(cfg.get({ host: 'guest.meet.example.com' }, 'authentication'))}`);
console.log(`edits: ${cfg.edits.length}`);
console.log(`changed by a second run: ${parseProsodyConfig(cfg.toString()).enableSecureDomain('meet.example.com').changed}`);
