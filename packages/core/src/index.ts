export { applyEdits, assertValidEdits, composeEdits, minimalEdit, sortEdits } from './edits.js';
export type { TextEdit } from './edits.js';
export {
  aboutFile,
  codeFrame,
  ConfigSyntaxError,
  ConfkitError,
  EditConflictError,
  EditVerificationError,
  offsetAt,
  PathError,
  positionAt,
  sourceAt,
  UnsupportedEditError,
  ValidationError,
} from './errors.js';
export type { ConfkitErrorCode, SourcePosition, VerificationFailure } from './errors.js';
export { unifiedDiff } from './diff.js';
export type { UnifiedDiffOptions } from './diff.js';
export { detectEol, detectIndent, detectQuote, eolAt, indentAt, lineStartAt } from './style.js';
export type { Eol, Quote } from './style.js';
export { jsString, luaString } from './escape.js';
export { hostnameProblem, isHostname, isIdentifier, printable, printableValue, validateHostname, validateIdentifier } from './validate.js';
export { deepEqual } from './data.js';
export type { EditableDocument, ValueForm } from './document.js';
export { ComposedEdits } from './compose.js';
export {
  detectIndentUnit,
  detectLineBreak,
  endsWithLineBreak,
  isBlankLine,
  isFirstOnLine,
  lineBreakAt,
  lineBreakBefore,
  lineBreakNear,
  lineEnd,
  lineIndent,
  lineStart,
  LineIndex,
  lineStarts,
  majority,
  nextLineStart,
} from './lines.js';
export type { LineBreak } from './lines.js';
export { EditSession } from './session.js';
export type { CheckResult, DocumentKind, EditStep, Footprint, Snapshot, TextChange, TextOrigin } from './session.js';
export { decodeUtf8Escaped, encodeUtf8Escaped, InputText, reportInInputUnits } from './input.js';
export type { ConfigInput, InputForm, InputOptions, NativeForm } from './input.js';
