// The Jitsi "secure domain" across the files of a Debian server, in one call: Prosody (main host
// requires accounts, guests on guest.<host>), config.js (hosts.anonymousdomain) and Jicofo
// (jicofo.conf; sip-communicator.properties only where a legacy auth.URL line would override it).
// Then checkDeployment reads the files together, before and after. Nothing is written: the
// example prints the diffs it would apply.
import { readFileSync } from 'node:fs';
import { unifiedDiff } from '@jitsi-confkit/core';
import { checkDeployment, secureDomain } from '@jitsi-confkit/recipes';

const host = 'meet.example.com';
const paths = {
  prosody: `etc/prosody/conf.avail/${host}.cfg.lua`,
  meetConfig: `etc/jitsi/meet/${host}-config.js`,
  jicofoConf: 'etc/jitsi/jicofo/jicofo.conf',
  sipCommunicator: 'etc/jitsi/jicofo/sip-communicator.properties',
  interfaceConfig: 'usr/share/jitsi-meet/interface_config.js',
};
// Prosody configs are read (and would be written) as latin1, one character per byte; the others as UTF-8.
const read = (key) => readFileSync(new URL(`./debian-tree/${paths[key]}`, import.meta.url), key === 'prosody' ? 'latin1' : 'utf8');
const files = Object.fromEntries(Object.keys(paths).map((key) => [key, read(key)]));

console.log(`before: ${checkDeployment(files).length} findings`);

const result = secureDomain(files, { host });
for (const step of result.steps) {
  console.log(`${step.status.padEnd(7)} ${paths[step.file]}: ${step.action}${step.reason ? ` (${step.reason})` : ''}`);
}
for (const key of Object.keys(paths)) {
  if (result.files[key] !== files[key]) process.stdout.write(unifiedDiff(files[key], result.files[key], { path: paths[key], context: 1 }));
}
for (const line of result.todo) console.log(`todo: ${line}`);
for (const line of result.warnings) console.log(`warning: ${line}`);

console.log(`after: ${checkDeployment(result.files).length} findings`);
console.log(`changed by a second run: ${secureDomain(result.files, { host }).changed}`);

// A half-done secure domain: config.js forgotten.
const halfDone = { ...result.files, meetConfig: files.meetConfig };
for (const f of checkDeployment(halfDone)) console.log(`${f.severity} ${f.code} ${paths[f.file]}:${f.line}: ${f.message}\n  fix: ${f.fix}`);

const undone = secureDomain(result.files, { host, enable: false });
console.log(`undo gives back the original files: ${Object.keys(paths).every((key) => undone.files[key] === files[key])}`);
