/**
 * Bad input: truncated files, binary garbage, hostile names inside the files. Each gives a typed
 * error (with a position where there is one) and no result.
 */
import { describe, expect, it } from 'vitest';
import { ConfigSyntaxError, ValidationError } from '@jitsi-confkit/core';
import { checkDeployment, secureDomain, type DeploymentFiles } from '@jitsi-confkit/recipes';
import { corpusAvailable } from '../../../test/support/corpus.js';
import { debian2025 } from './test-support/sets.js';
import { errorOf } from '../../../test/support/errors.js';

/** The text up to and including the first occurrence of `marker`. */
function cutAfter(text: string, marker: string): string {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`"${marker}" is not in the text`);
  return text.slice(0, at + marker.length);
}

const lines = (text: string): number => text.split('\n').length;

const available = corpusAvailable();

describe.skipIf(!available)('truncated real files', () => {
  const set = available ? debian2025() : undefined;
  const cuts: [keyof DeploymentFiles, string][] = [
    ['prosody', 'modules_enabled = {'],
    ['meetConfig', 'hosts: {'],
    ['jicofoConf', 'client: {'],
  ];

  it.each(cuts)('%s cut after "%s": ConfigSyntaxError at the end, from secureDomain and checkDeployment', (key, marker) => {
    const truncated = cutAfter(set!.files[key]!, marker);
    const files = { ...set!.files, [key]: truncated };
    for (const run of [() => secureDomain(files, { host: set!.host }), () => checkDeployment(files, { host: set!.host })]) {
      const error = errorOf(run);
      expect(error).toBeInstanceOf(ConfigSyntaxError);
      const syntax = error as ConfigSyntaxError;
      expect(syntax.line).toBe(lines(truncated));
      expect(syntax.frame).toContain(`> ${lines(truncated)} |`);
      expect(syntax.file).toBe(key);
    }
  });
});

describe('garbage and hostile content', () => {
  it('binary garbage as the Prosody file: ConfigSyntaxError', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256));
    expect(errorOf(() => secureDomain({ prosody: garbage }, { host: 'meet.example.com', partial: true }))).toBeInstanceOf(ConfigSyntaxError);
    expect(errorOf(() => checkDeployment({ prosody: garbage }, { host: 'meet.example.com' }))).toBeInstanceOf(ConfigSyntaxError);
  });

  it('a config.js whose hosts.domain is not a host name: checkDeployment will not take it as the host', () => {
    const meetConfig = "var config = { hosts: { domain: 'meet.example.com\\'); alert(1); //' } };\n";
    const error = errorOf(() => checkDeployment({ meetConfig }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(
      'Invalid config.js hosts.domain "meet.example.com\'); alert(1); //": the label "com\'); alert(1); //" is not made of letters, digits and inner hyphens',
    );
  });

  it('a file that is not a string', () => {
    const error = errorOf(() => secureDomain({ meetConfig: 42 as unknown as string }, { host: 'meet.example.com' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe("DeploymentFiles.meetConfig must be a string (the file's text)");
  });
});
