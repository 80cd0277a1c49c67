// Keep desktop Firefox out: move it from OPTIMAL_BROWSERS to UNSUPPORTED_BROWSERS in the bundled
// Debian interface_config.js and print the unified diff (nothing is written).
import { readFileSync } from 'node:fs';
import { unifiedDiff } from '@jitsi-confkit/core';
import { parseInterfaceConfig } from '@jitsi-confkit/web-config';

const path = 'usr/share/jitsi-meet/interface_config.js';
const before = readFileSync(new URL(`debian-tree/${path}`, import.meta.url), 'utf8');
const doc = parseInterfaceConfig(before).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS');
process.stdout.write(unifiedDiff(before, doc.toString(), { path }));
const { optimal, unsupported } = doc.browserLists();
console.log(`OPTIMAL_BROWSERS: ${optimal?.join(', ')}`);
console.log(`UNSUPPORTED_BROWSERS: ${unsupported?.join(', ')}`);
console.log(`edits: ${doc.edits.length}; applying it again changes ${parseInterfaceConfig(doc.toString()).moveBrowser('firefox', 'UNSUPPORTED_BROWSERS').edits.length}`);
