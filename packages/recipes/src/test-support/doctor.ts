/**
 * The doctor's own deployments (fixtures/doctor/): a correct Jitsi server on Debian 12 (Prosody
 * 0.12, anonymous) and on Debian 13 (Prosody 13, a secure domain, Prosody 13 syntax in the host
 * file), in the Debian layout, with the module files each server has (fixtures/doctor/modules/:
 * the listings of Debian's prosody packages and of jitsi-meet-prosody as of 2026).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DoctorEnvironment, DoctorFiles, DoctorOptions } from '../index.js';
import { fixturesRoot } from '../../../../test/support/golden.js';

export const DOCTOR_FIXTURES = join(fixturesRoot, 'doctor');

export type Server = 'debian12' | 'debian13';

export const PROSODY_VERSION: Record<Server, string> = { debian12: '0.12.3', debian13: '13.0.1' };

const HOST_FILE = '/etc/prosody/conf.avail/meet.example.com.cfg.lua';
const LOCALHOST = '/etc/prosody/conf.avail/localhost.cfg.lua';

function read(server: Server, path: string, encoding: BufferEncoding): string {
  return readFileSync(join(DOCTOR_FIXTURES, server, path), encoding);
}

/** The server's files, as the CLI gives them to the doctor. */
export function serverFiles(server: Server): DoctorFiles {
  return {
    prosody: read(server, HOST_FILE, 'latin1'),
    prosodyMain: read(server, '/etc/prosody/prosody.cfg.lua', 'latin1'),
    prosodyFiles: { [LOCALHOST]: read(server, LOCALHOST, 'latin1') },
    meetConfig: read(server, '/etc/jitsi/meet/meet.example.com-config.js', 'utf8'),
    jicofoConf: read(server, '/etc/jitsi/jicofo/jicofo.conf', 'utf8'),
  };
}

/** The module files of a listing, under `dir`. */
export function listing(name: string, dir: string): string[] {
  return readFileSync(join(DOCTOR_FIXTURES, 'modules', name), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => `${dir}/${l}`);
}

/** The server's environment: its Prosody's version and module files, Jitsi's modules, and `extra` module files. */
export function serverEnvironment(server: Server, extra: readonly string[] = []): DoctorEnvironment {
  const prosody = listing(`prosody-${PROSODY_VERSION[server]}.txt`, '/usr/lib/prosody/modules');
  const jitsi = listing('jitsi-meet-prosody-2026.txt', '/usr/share/jitsi-meet/prosody-plugins');
  const directories = ['/var/lib/prosody/custom_plugins', '/usr/share/jitsi-meet/prosody-plugins', '/usr/lib/prosody/modules', '/usr/local/lib/prosody/modules'];
  return {
    prosodyVersion: PROSODY_VERSION[server],
    modules: { directories: directories.map((path) => ({ path, exists: path !== '/var/lib/prosody/custom_plugins' })), files: [...prosody, ...jitsi, ...extra] },
  };
}

export function serverOptions(server: Server, extra: readonly string[] = []): DoctorOptions {
  return {
    paths: {
      prosody: HOST_FILE,
      prosodyMain: '/etc/prosody/prosody.cfg.lua',
      links: {
        '/etc/prosody/conf.d/meet.example.com.cfg.lua': HOST_FILE,
        '/etc/prosody/conf.d/localhost.cfg.lua': LOCALHOST,
      },
    },
    environment: serverEnvironment(server, extra),
  };
}
