import { ConfkitError, positionAt, ValidationError } from '@jitsi-confkit/core';
import { describeMissingFiles, type DeploymentFile } from './deployment.js';
import type { DeploymentFiles } from './types.js';

/**
 * Throws ValidationError when the Prosody text holds a character above U+00FF: such a text is not
 * the latin1 decoding of a file (it was most likely decoded as UTF-8), and writing it back with
 * latin1 would lose those characters.
 */
export function assertLatin1(text: string): void {
  const m = /[\u0100-\uffff]/.exec(text);
  if (m === null) return;
  const { line, column, offset } = positionAt(text, m.index);
  const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  throw new ValidationError(
    `DeploymentFiles.prosody must be the file decoded as latin1 (one character per byte), but it holds U+${code} at ${line}:${column}: ` +
      `read it with readFileSync(path, 'latin1') and write the result back the same way`,
    { position: { line, column, offset } },
  );
}

/** A copy of the files given, so that a result never shares an object with its input. */
export function copyFiles(files: DeploymentFiles): DeploymentFiles {
  const out: DeploymentFiles = {};
  for (const key of FILE_ORDER) {
    const text = files[key];
    if (text !== undefined) {
      if (typeof text !== 'string') throw new ValidationError(`DeploymentFiles.${key} must be a string (the file's text)`);
      out[key] = text;
    }
  }
  return out;
}

/** The files in the order recipes visit them. */
export const FILE_ORDER: readonly DeploymentFile[] = ['prosody', 'meetConfig', 'jicofoConf', 'sipCommunicator', 'interfaceConfig'];

/** The reason of a step skipped because its file was not given (it may go on in parentheses). */
export const FILE_NOT_GIVEN = 'file not given';

/** How the warning starts that a sip-communicator.properties not given may override jicofo.conf. */
export const PROPERTIES_NOT_GIVEN_WARNING = 'sip-communicator.properties was not given:';

/**
 * The files of the secure domain that `files` lacks: the Prosody host file, config.js, and
 * Jicofo's (`jicofoConf` stands for jicofo.conf or, for Jicofo of 2020 and before,
 * sip-communicator.properties: either one will do).
 */
export function missingFiles(files: DeploymentFiles): DeploymentFile[] {
  const missing: DeploymentFile[] = [];
  if (files.prosody === undefined) missing.push('prosody');
  if (files.meetConfig === undefined) missing.push('meetConfig');
  if (files.jicofoConf === undefined && files.sipCommunicator === undefined) missing.push('jicofoConf');
  return missing;
}

/**
 * A recipe needs files it was not given. Thrown before anything is changed; `partial: true`
 * applies the steps of the files given instead (for layouts where a file lives elsewhere).
 */
export class MissingFilesError extends ConfkitError {
  override name = 'MissingFilesError';
  /** The files not given (`jicofoConf`: jicofo.conf or sip-communicator.properties). */
  readonly missing: readonly DeploymentFile[];

  constructor(recipe: string, missing: readonly DeploymentFile[]) {
    const list = describeMissingFiles(missing.map((file) => ({ file })));
    super('E_NOT_FOUND', `${recipe} cannot be applied without ${list}: nothing was changed (partial: true applies the steps of the files given)`);
    this.missing = [...missing];
  }
}
