/**
 * Secrets in a deployment's files: which values are secret, how a new one is checked before it
 * goes into a Prosody file, and the masked copies of the files that may be shown (diffs, --json,
 * error frames) in their place. Masking is the recipe's business, from the files' own syntax: the
 * CLI shows what the result's `masked` texts give and never looks for secrets itself.
 */
import { codeFrame, ConfkitError, ValidationError } from '@jitsi-confkit/core';
import { FILE_ORDER } from './files.js';
import type { DeploymentFiles, MaskedFiles } from './types.js';

/**
 * Prosody settings (and table fields) whose string value is a secret: the JWT shared secret, the
 * TURN secrets, component secrets, LDAP passwords, jitsi-shared-secret's secrets, a key's password.
 */
export const SECRET_PROSODY_KEYS: ReadonlySet<string> = new Set([
  'app_secret',
  'external_service_secret',
  'turncredentials_secret',
  'cf_turn_app_secret',
  'component_secret',
  'ldap_password',
  'shared_secret',
  'shared_secret_prev',
  'password',
]);

/** Keys of jicofo.conf (the last part of the path) whose values are secret. */
const SECRET_HOCON_KEY = /^(password|secret|app-secret|private-key)$/i;
/** Keys of sip-communicator.properties whose values are secret (`…PASSWORD`, `…_PASS`, `…SECRET`). */
const SECRET_PROPERTY_KEY = /(PASSWORD|_PASS|SECRET)$/i;

/** The shortest JWT shared secret taken without a warning: 32 bytes, HS256's hash size (RFC 7518 §3.2). */
export const MIN_SECRET_LENGTH = 32;

/**
 * Why `secret` cannot be written as a JWT shared secret, or undefined. The secret goes into a Lua
 * string in the Prosody host file, and jitsi-meet-tokens' maintainer scripts edit that line with
 * sed (`s/ app_secret="$APP_SECRET"/…/`, the secret in both the pattern and the replacement): a
 * character that would need escaping in either is refused, as its postinst refuses `/ \ " ' \``.
 * The message never quotes the secret, only the offending character and its position.
 */
export function secretProblem(secret: unknown): string | undefined {
  if (typeof secret !== 'string') return 'it must be a string';
  if (secret.length === 0) return 'it is empty';
  for (let i = 0; i < secret.length; i++) {
    const ch = secret[i]!;
    const code = ch.charCodeAt(0);
    const at = `at position ${i + 1}`;
    if (code === 10 || code === 13) return `it holds a line break ${at}: a Prosody string and sed's line-by-line edit both end there`;
    if (code < 0x20 || code === 0x7f) return `it holds a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}) ${at}`;
    if (code > 0x7e) return `it holds a character outside printable ASCII ${at}: the Prosody file is read as bytes and jitsi-meet-tokens' scripts as text, which may not agree`;
    if (ch === ' ') return `it holds a space ${at}: debconf and the shell scripts of jitsi-meet-tokens split on it`;
    if ('/\\"\'`'.includes(ch)) return `it holds ${ch} ${at}, which jitsi-meet-tokens refuses (it would end the Lua string or the sed expression of its maintainer scripts)`;
    if ('&'.includes(ch)) return `it holds & ${at}: sed puts the matched text in its place when jitsi-meet-tokens writes the secret`;
    if ('[]*.^$'.includes(ch)) return `it holds ${ch} ${at}: jitsi-meet-tokens' removal script matches the secret as a sed pattern, where ${ch} is special`;
  }
  return undefined;
}

/** Throws ValidationError (never quoting the secret) unless `secret` can be written. */
export function validateSecret(secret: unknown, what = 'The JWT secret'): string {
  const problem = secretProblem(secret);
  if (problem !== undefined) throw new ValidationError(`${what} is refused: ${problem}`);
  return secret as string;
}

/** A warning for a secret shorter than HS256's 32 bytes, or undefined. */
export function weakSecretWarning(secret: string): string | undefined {
  if (secret.length >= MIN_SECRET_LENGTH) return undefined;
  return `The JWT secret has ${secret.length} characters: HS256 wants at least ${MIN_SECRET_LENGTH} (RFC 7518 §3.2); e.g. openssl rand -hex 32`;
}

/** Where a secret literal is in a text: the range of its contents (without quotes) and the contents. */
interface SecretSpan {
  start: number;
  end: number;
  value: string;
}

/**
 * The string values of SECRET_PROSODY_KEYS assignments (`key = "…"`, `key = '…'`, `key = [[…]]`,
 * table fields included) in a Lua text, found with Lua's own token rules (comments and other
 * strings skipped). Works on a text that does not parse too (an unfinished string runs to the end
 * of its line), so that an error frame of such a text can be masked.
 */
function luaSecretSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  let i = 0;
  let lastName: string | undefined;
  let sawEquals = false;
  const n = text.length;
  const longBracket = (at: number): number | undefined => {
    // `[` `=`* `[`: the level, or undefined.
    if (text[at] !== '[') return undefined;
    let j = at + 1;
    while (text[j] === '=') j++;
    return text[j] === '[' ? j - at - 1 : undefined;
  };
  const skipLong = (at: number, level: number): number => {
    const close = `]${'='.repeat(level)}]`;
    const end = text.indexOf(close, at + level + 2);
    return end === -1 ? n : end + close.length;
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '-' && text[i + 1] === '-') {
      const level = longBracket(i + 2);
      if (level !== undefined) i = skipLong(i + 2, level);
      else {
        while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < n && text[j] !== ch && text[j] !== '\n' && text[j] !== '\r') j += text[j] === '\\' ? 2 : 1;
      if (lastName !== undefined && sawEquals) spans.push({ start: i + 1, end: Math.min(j, n), value: text.slice(i + 1, Math.min(j, n)) });
      i = j < n && text[j] === ch ? j + 1 : j;
      lastName = undefined;
      sawEquals = false;
      continue;
    }
    const level = longBracket(i);
    if (level !== undefined) {
      const end = skipLong(i, level);
      if (lastName !== undefined && sawEquals) {
        const close = end === n && !text.endsWith(`]${'='.repeat(level)}]`) ? n : end - level - 2;
        spans.push({ start: i + level + 2, end: close, value: text.slice(i + level + 2, close) });
      }
      i = end;
      lastName = undefined;
      sawEquals = false;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      const word = text.slice(i, j);
      lastName = SECRET_PROSODY_KEYS.has(word) && text[i - 1] !== '.' ? word : undefined;
      sawEquals = false;
      i = j;
      continue;
    }
    if (ch === '=' && text[i + 1] !== '=' && lastName !== undefined && !sawEquals) {
      sawEquals = true;
      i++;
      continue;
    }
    if (ch === '[' && lastName === undefined) {
      i++;
      continue;
    }
    if (!/\s/.test(ch)) {
      lastName = undefined;
      sawEquals = false;
    }
    i++;
  }
  return spans;
}

/** The values of secret keys in a HOCON text, found line by line (`key = value`, `key: value`, `"key" = …`). */
function hoconSecretSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  const re = /(^|[\s{,])"?([A-Za-z0-9_-]+)"?[ \t]*[:=][ \t]*("((?:[^"\\\n\r]|\\.)*)"?|([^\s,}#\n\r][^,}#\n\r]*?))[ \t]*(?=$|[,}#\n\r]|\/\/)/gm;
  for (const m of text.matchAll(re)) {
    if (!SECRET_HOCON_KEY.test(m[2]!)) continue;
    const raw = m[3]!;
    const rawStart = m.index + m[0].indexOf(raw, m[1]!.length + m[2]!.length);
    const quoted = raw.startsWith('"');
    const value = quoted ? m[4]! : m[5]!;
    if (value.startsWith('${')) continue; // a substitution names a variable, not a secret
    const start = quoted ? rawStart + 1 : rawStart;
    spans.push({ start, end: start + value.length, value });
  }
  return spans;
}

/** The values of secret keys in a .properties text (`key=value`, `key: value`, `key value`). */
function propertiesSecretSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const m of text.matchAll(/^[ \t\f]*([^\s#!=:][^\s=:]*)[ \t\f]*[=:\s][ \t\f]*([^\n\r]*)$/gm)) {
    if (!SECRET_PROPERTY_KEY.test(m[1]!) || m[2] === '') continue;
    const start = m.index + m[0].length - m[2]!.length;
    spans.push({ start, end: start + m[2]!.length, value: m[2]! });
  }
  return spans;
}

function spansOf(file: keyof DeploymentFiles, text: string): SecretSpan[] {
  switch (file) {
    case 'prosody':
      return luaSecretSpans(text);
    case 'jicofoConf':
      return hoconSecretSpans(text);
    case 'sipCommunicator':
      return propertiesSecretSpans(text);
    default:
      return [];
  }
}

/** Labels secret values in order of first appearance, so that a changed secret shows as changed. */
class Labels {
  readonly #labels = new Map<string, string>();
  label(value: string): string {
    let label = this.#labels.get(value);
    if (label === undefined) {
      label = `<secret ${this.#labels.size + 1} hidden>`;
      this.#labels.set(value, label);
    }
    return label;
  }
  get values(): string[] {
    return [...this.#labels.keys()];
  }
}

/** The text with each secret replaced by its label, or (sameLength) by as many `*`, which keeps columns. */
function maskText(file: keyof DeploymentFiles, text: string, labels: Labels, sameLength = false): string {
  const spans = spansOf(file, text);
  let out = '';
  let at = 0;
  for (const span of spans) {
    const label = span.value === '' ? '' : labels.label(span.value);
    out += text.slice(at, span.start) + (sameLength ? '*'.repeat(span.value.length) : label);
    at = span.end;
  }
  return out + text.slice(at);
}

/**
 * The files before and after a recipe, as they may be shown: every secret value (Prosody's
 * app_secret, TURN and component secrets, LDAP passwords; jicofo.conf passwords; properties
 * passwords) replaced by `<secret N hidden>`, the same label for the same value, so that a diff of
 * the masked texts has the lines of the real one and shows a changed secret as changed without
 * showing it.
 */
export function maskFiles(before: DeploymentFiles, after: DeploymentFiles): MaskedFiles {
  const labels = new Labels();
  const masked: MaskedFiles = { before: {}, after: {} };
  for (const file of FILE_ORDER) {
    const b = before[file];
    const a = after[file];
    if (b !== undefined) masked.before[file] = maskText(file, b, labels);
    if (a !== undefined) masked.after[file] = maskText(file, a, labels);
  }
  return masked;
}

/**
 * Runs `work`; an error it throws about one of `files` has every secret of that file taken out of
 * its message and code frame (a Lua syntax error near an unfinished `app_secret = "…` quotes it).
 */
export function withoutSecrets<T>(files: DeploymentFiles, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConfkitError && error.file !== undefined && error.file in files) {
      const file = error.file as keyof DeploymentFiles;
      const text = files[file]!;
      const labels = new Labels();
      const masked = maskText(file, text, labels, true);
      const secrets = labels.values.filter((v) => v.length >= 3).sort((x, y) => y.length - x.length);
      if (secrets.length > 0) {
        const clean = (s: string): string => secrets.reduce((acc, v) => acc.split(v).join('<secret hidden>'), s);
        error.message = clean(error.message);
        Object.defineProperty(error, 'reason', { value: clean(error.reason) });
        if (error.position !== undefined) Object.defineProperty(error, 'frame', { value: codeFrame(masked, error.position.line, error.position.column) });
        else if (error.frame !== undefined) Object.defineProperty(error, 'frame', { value: clean(error.frame) });
      }
    }
    throw error;
  }
}

/** A short description of a secret for step actions: never the value. */
export function describeSecret(secret: string): string {
  return `<secret, ${secret.length} characters>`;
}
