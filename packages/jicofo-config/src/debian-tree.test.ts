/**
 * The bundled Debian example files (examples/debian-tree/etc/jitsi/jicofo/) that the README's main
 * job and the examples use: they parse losslessly, and the secure-domain edit is a golden diff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/corpus.js';
import { expectEditInvariants } from '../../../test/support/edits.js';
import { expectGoldenDiff } from '../../../test/support/golden.js';
import { parseJicofoConf, parseProperties } from './index.js';

const dir = join(repoRoot, 'examples', 'debian-tree', 'etc', 'jitsi', 'jicofo');

describe('examples/debian-tree jicofo files', () => {
  it('jicofo.conf (as the postinst writes it with the hocon CLI) takes the secure-domain edit', () => {
    const text = readFileSync(join(dir, 'jicofo.conf'), 'utf8');
    const doc = parseJicofoConf(text);
    expect(doc.toString()).toBe(text);
    expect(doc.get('jicofo.xmpp.client.xmpp-domain')).toBe('meet.example.com');
    expect(doc.get('jicofo.xmpp.trusted-domains')).toEqual(['recorder.meet.example.com']);
    doc.set('jicofo.authentication.enabled', true).set('jicofo.authentication.type', 'XMPP').set('jicofo.authentication.login-url', 'meet.example.com');
    expectEditInvariants(text, doc.edits, doc.toString());
    expectGoldenDiff('jicofo/debian-tree-jicofo.conf.secure-domain.diff', 'etc/jitsi/jicofo/jicofo.conf', text, doc.toString());
  });

  it('sip-communicator.properties (left from a 2020 install) has no auth URL', () => {
    const text = readFileSync(join(dir, 'sip-communicator.properties'), 'utf8');
    const doc = parseProperties(text);
    expect(doc.toString()).toBe(text);
    expect(doc.keys()).toEqual(['org.jitsi.jicofo.BRIDGE_MUC']);
    expect(doc.has('org.jitsi.jicofo.auth.URL')).toBe(false);
  });
});
