/**
 * Our own recipe cases: fixtures/recipes/<case>/ holds the input files under their usual names,
 * case.json (which recipe, which options) and the golden outputs `expected.*`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentFile, DeploymentFiles } from '../types.js';
import { caseFolders } from '../../../../test/support/golden.js';

/** The file name each deployment file has in a case folder. */
export const CASE_FILE_NAMES: Record<DeploymentFile, string> = {
  interfaceConfig: 'interface_config.js',
  meetConfig: 'config.js',
  prosody: 'host.cfg.lua',
  jicofoConf: 'jicofo.conf',
  sipCommunicator: 'sip-communicator.properties',
};

export interface RecipeCase {
  name: string;
  dir: string;
  spec: { recipe: 'secureDomain' | 'blockBrowser' | 'allowBrowser'; options?: Record<string, unknown>; browser?: string };
  files: DeploymentFiles;
}

export function recipeCases(): RecipeCase[] {
  return caseFolders('recipes').map(({ name, dir }) => {
    const files: DeploymentFiles = {};
    for (const [key, fileName] of Object.entries(CASE_FILE_NAMES) as [DeploymentFile, string][]) {
      const path = join(dir, fileName);
      // Prosody files are handled as latin1 (one character per byte), the others as UTF-8.
      if (existsSync(path)) files[key] = readFileSync(path, key === 'prosody' ? 'latin1' : 'utf8');
    }
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as RecipeCase['spec'];
    return { name, dir, spec, files };
  });
}

/** A file's text as it is on disk (a Prosody text is a latin1 byte string: its bytes are the file's). */
export function asWritten(key: DeploymentFile, text: string): string {
  return key === 'prosody' ? Buffer.from(text, 'latin1').toString('utf8') : text;
}
