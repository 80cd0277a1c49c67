/**
 * Deployment file sets assembled at test time from the real corpus (never copied into the repo):
 * one per era of the secure-domain recipe, and the wild docker deployments. Where a set combines
 * upstream templates, the host names are replaced the way the Debian installers do
 * (jitmeet.example.com / jitsi-meet.example.com -> the server's name; focusUser, __turnSecret__).
 */
import type { DeploymentFile, DeploymentFiles } from '../types.js';
import { readCorpus, readCorpusLatin1 } from '../../../../test/support/corpus.js';
import { prosodyInstaller, rename, webInstaller, type Rewrite } from '../../../../test/support/installers.js';

export interface CorpusSet {
  /** Folder name under fixtures/golden/recipes/. */
  name: string;
  host: string;
  /** The corpus file each member comes from. */
  sources: Partial<Record<DeploymentFile, string>>;
  files: DeploymentFiles;
}

const keep: Rewrite = (t) => t;

interface Member {
  source: string;
  rewrite?: Rewrite;
}

function assemble(name: string, host: string, members: Partial<Record<DeploymentFile, Member>>): CorpusSet {
  const files: DeploymentFiles = {};
  const sources: Partial<Record<DeploymentFile, string>> = {};
  for (const [file, member] of Object.entries(members) as [DeploymentFile, Member][]) {
    const text = file === 'prosody' ? readCorpusLatin1(member.source) : readCorpus(member.source);
    files[file] = (member.rewrite ?? keep)(text);
    sources[file] = member.source;
  }
  return { name, host, sources, files };
}

/** Debian, stable 4548 (2020-05): the 2020 recipe, Jicofo configured in sip-communicator.properties only. */
export function debian2020(): CorpusSet {
  const host = 'meet.example.com';
  return assemble('debian-2020-05-stable-4548', host, {
    prosody: { source: 'prosody/jitsi-meet-jvb-example-2020-05-stable-4548.cfg.lua', rewrite: prosodyInstaller(host) },
    meetConfig: { source: 'config/jitsi-meet-2020-05-stable-4548.js', rewrite: webInstaller(host) },
    sipCommunicator: { source: 'jicofo/wild/mundi-debian-2020-07-sip-communicator-minimal.properties', rewrite: rename('webrtc01.mundi-tv.tk', host) },
    interfaceConfig: { source: 'interface_config/jitsi-meet-2020-05-stable-4548.js' },
  });
}

/** A real Debian server of 2022-12 (config.js, jicofo.conf written by the hocon CLI, properties) with the 2022-08 host template. */
export function debian2022(): CorpusSet {
  const host = 'jitsi.blc-meet.com';
  return assemble('debian-2022-12-blc', host, {
    prosody: { source: 'prosody/jitsi-meet-jvb-example-2022-08-stable-7648.cfg.lua', rewrite: prosodyInstaller(host) },
    meetConfig: { source: 'config/wild/blc-debian-2022-12-ssi-subdomain.js' },
    jicofoConf: { source: 'jicofo/wild/blc-debian-2022-12-jicofo-hocon-cli-colon-style.conf' },
    sipCommunicator: { source: 'jicofo/wild/blc-debian-2022-12-sip-communicator-jibri.properties' },
  });
}

/** Debian, stable 10008 (2025-01), with the jicofo.conf layout Jicofo's postinst writes. */
export function debian2025(): CorpusSet {
  const host = 'meet.example.com';
  return assemble('debian-2025-01-stable-10008', host, {
    prosody: { source: 'prosody/jitsi-meet-jvb-example-2025-01-stable-10008.cfg.lua', rewrite: prosodyInstaller(host) },
    meetConfig: { source: 'config/jitsi-meet-2025-01-stable-10008.js', rewrite: webInstaller(host) },
    jicofoConf: { source: 'jicofo/wild/blc-debian-2022-12-jicofo-hocon-cli-colon-style.conf', rewrite: rename('jitsi.blc-meet.com', host) },
    interfaceConfig: { source: 'interface_config/jitsi-meet-2025-01-stable-10008.js' },
  });
}

/** docker-jitsi-meet, hand-edited (2021-03): a guest host already there, a legacy auth.URL for another host. */
export function dockerGiovannitorsello(): CorpusSet {
  return assemble('docker-2021-03-giovannitorsello', 'meet.local', {
    prosody: { source: 'prosody/wild/giovannitorsello-docker-2021-03-guest-trailing-ws.cfg.lua' },
    meetConfig: { source: 'config/wild/giovannitorsello-docker-2021-03.js' },
    sipCommunicator: { source: 'jicofo/wild/giovannitorsello-2021-02-sip-communicator-auth-url.properties' },
  });
}

/** docker-jitsi-meet rendered output (2020-09): Prosody and a properties file, no jicofo.conf. */
export function dockerBroadcast(): CorpusSet {
  return assemble('docker-2020-09-broadcast', 'meet.jitsi', {
    prosody: { source: 'prosody/wild/broadcast-docker-2020-09-mixed-tabs.cfg.lua' },
    sipCommunicator: { source: 'jicofo/wild/broadcast-docker-2020-08-sip-communicator-blank-lines.properties' },
  });
}

/** docker-jitsi-meet with ENABLE_AUTH and no guests (2023-06). */
export function dockerQkit(): CorpusSet {
  return assemble('docker-2023-06-qkit', 'meet.jitsi', {
    prosody: { source: 'prosody/wild/qkit-docker-2023-06-internal_hashed.cfg.lua' },
    jicofoConf: { source: 'jicofo/wild/qkit-docker-2023-06-jicofo-auth-xmpp.conf' },
    interfaceConfig: { source: 'interface_config/wild/qkit-docker-2023-06-concatenated-mixed-crlf.js' },
  });
}

/** The newest docker-jitsi-meet render (2026-02): assignment-style config.js, jitsi-anonymous main host. */
export function dockerOnesol(): CorpusSet {
  return assemble('docker-2026-02-onesol', 'video.onesolutions.net', {
    prosody: { source: 'prosody/wild/onesol-docker-2026-02-jitsi-anonymous.cfg.lua' },
    meetConfig: { source: 'config/wild/onesol-docker-2026-02-assignment-style.js' },
    jicofoConf: { source: 'jicofo/wild/onesol-docker-2026-02-jicofo-blank-lines-include.conf' },
  });
}

/** docker-jitsi-meet with token auth and guests (2023-09); its config.js is not valid JS as stored. */
export function dockerShcare(): CorpusSet {
  return assemble('docker-2023-09-shcare', 'meet.jitsi', {
    prosody: { source: 'prosody/wild/shcare-docker-2023-09-token-guest.cfg.lua' },
    meetConfig: { source: 'config/wild/shcare-docker-2023-09-assignment-style-guest.js' },
    jicofoConf: { source: 'jicofo/wild/shcare-docker-2023-09-jicofo-auth-jwt.conf' },
  });
}

/** docker (tob123, 2025-08): jicofo.conf whose authentication values are ${ENV} substitutions. */
export function dockerTob123(): CorpusSet {
  return assemble('docker-2025-08-tob123', 'meet.jitsi', {
    jicofoConf: { source: 'jicofo/wild/tob123-docker-2025-08-jicofo-env-substitution.conf' },
  });
}

/** The sets secureDomain applies cleanly to. */
export function applicableSets(): CorpusSet[] {
  return [debian2020(), debian2022(), debian2025(), dockerGiovannitorsello(), dockerBroadcast(), dockerQkit(), dockerOnesol()];
}
