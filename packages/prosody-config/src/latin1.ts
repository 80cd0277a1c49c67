/**
 * Prosody configs are byte strings: the library works on the file decoded as latin1 (one
 * character per byte), so offsets are byte offsets and every byte (UTF-8, CRLF, even invalid
 * UTF-8) survives an edit. Read files with `readFileSync(path, 'latin1')` and write the result
 * back with `writeFileSync(path, text, 'latin1')`, or use these helpers on bytes.
 */

/** The bytes of a file as the latin1 text that parseProsodyConfig expects. */
export function decodeLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** The bytes to write for a text produced by ProsodyConfig.toString(). */
export function encodeLatin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** A latin1-decoded byte string holding UTF-8 text, as the text it means (`fÃ¼r` -> `für`). */
export function latin1ToUtf8(bytes: string): string {
  if (!/[\u0080-\uffff]/.test(bytes)) return bytes;
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Text as the latin1 byte string of its UTF-8 encoding (`für` -> `fÃ¼r`), ready to splice into the file. */
export function utf8ToLatin1(text: string): string {
  if (!/[\u0080-\uffff]/.test(text)) return text;
  return Buffer.from(text, 'utf8').toString('latin1');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** latin1ToUtf8, or undefined when the bytes are not valid UTF-8 (so the text they mean is unknown). */
export function latin1ToUtf8Strict(bytes: string): string | undefined {
  if (!/[\u0080-\uffff]/.test(bytes)) return bytes;
  try {
    return strictUtf8.decode(Buffer.from(bytes, 'latin1'));
  } catch {
    return undefined;
  }
}
