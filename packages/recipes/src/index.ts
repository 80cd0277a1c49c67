/**
 * @jitsi-confkit/recipes: changes that span a Jitsi deployment's files (the secure domain,
 * blocking a browser) and checks that read them together. Pure: texts in, texts out.
 */
export type { DeploymentFile, DeploymentFiles, ExtraFile, Finding, FindingCode, MaskedFiles, RecipeResult, RecipeStep } from './types.js';
export { secureDomain, LEGACY_AUTH_URL_KEY } from './secure-domain.js';
export type { SecureDomainOptions } from './secure-domain.js';
export { checkDeployment } from './check.js';
export type { CheckOptions } from './check.js';
export { allowBrowser, blockBrowser, BROWSER_LIST_TODO, BROWSER_LIST_WARNINGS } from './browsers.js';
export type { BrowserListOptions } from './browsers.js';
export {
  DEBIAN_DIRS,
  DEBIAN_PATHS,
  debianPath,
  debianPaths,
  DEPLOYMENT_FILES,
  describeMissing,
  describeMissingFiles,
  FILE_LABELS,
  HOST_PLACEHOLDER,
  INTERFACE_CONFIG_OVERLAY,
  isSecondaryHost,
  JITSI_PLUGIN_PATH,
  PROSODY_EXAMPLE_HOSTS,
  PROSODY_MAIN_CONFIG,
  SECONDARY_HOST_LABELS,
} from './deployment.js';
export type { MissingWhere } from './deployment.js';
export { FILE_NOT_GIVEN, MissingFilesError, missingFiles, PROPERTIES_NOT_GIVEN_WARNING } from './files.js';
export { closeMatches } from './suggest.js';
export { blankDocumentText, DOCUMENT_KINDS, LIBRARIES, openDocument } from './documents.js';
export type { DeploymentDocument, DocumentKind, Libraries, LibraryName, OpenOptions } from './documents.js';
export { blankDocumentTextSync, openDocumentSync } from './documents-sync.js';
export { CREDSTORE_DIR, DEFAULT_CREDENTIAL_NAME, jwt, PROSODY_DROP_IN_DIR } from './jwt.js';
export type { JwtOptions, SecretStorage } from './jwt.js';
export { MAX_PARTICIPANTS_LIMIT, moderation } from './moderation.js';
export type { ModerationOptions } from './moderation.js';
export { maskFiles, MIN_SECRET_LENGTH, SECRET_PROSODY_KEYS, secretProblem, validateSecret } from './secrets.js';
export { doctor, fixDeployment, moduleDirectories, parseProsodyVersion } from './doctor/doctor.js';
export { REMOVED_MODULES } from './doctor/modules.js';
export type { RemovedModule } from './doctor/modules.js';
export type {
  DoctorCode,
  DoctorEnvironment,
  DoctorFile,
  DoctorFiles,
  DoctorFinding,
  DoctorOptions,
  DoctorOwnCode,
  DoctorPaths,
  DoctorReport,
  FileEdits,
  FixResult,
} from './doctor/types.js';
