import jsesc from 'jsesc';
import type { Quote } from './style.js';

const PLAIN = /^[\x20\x21\x23-\x26\x28-\x3b\x3d-\x5b\x5d-\x7e]*$/;

/**
 * A JavaScript string literal for `value`, delimited by `quote`. Backslashes, the delimiter, line
 * terminators (also U+2028/U+2029), NUL and other control characters are escaped, so the value can
 * never leave its literal; other non-ASCII text stays readable. It is also safe inside an HTML
 * `<script>` element and through nginx SSI (jitsi-meet's index.html inlines config.js that way):
 * `</script` and `</style` become `<\/script`, `<!--` becomes `\x3C!--` (jsesc's script context),
 * so the literal can neither close the element nor hold an SSI command; it still reads back as
 * `value` in JavaScript.
 */
export function jsString(value: string, quote: Quote = "'"): string {
  // Printable ASCII without quotes, backslashes or `<` needs no escape at all.
  if (PLAIN.test(value)) return quote + value + quote;
  const literal = jsesc(value, { quotes: quote === "'" ? 'single' : 'double', wrap: true, minimal: true, isScriptContext: true });
  // jsesc's minimal mode leaves C0 controls other than \0\b\f\n\r\t and DEL alone; escape them too.
  // eslint-disable-next-line no-control-regex -- control characters are escaped
  return literal.replace(/[\u0001-\u0007\u000b\u000e-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * A Lua short string literal for `value`, delimited by `quote`. `\`, the delimiter, CR and LF are
 * escaped, every other control byte becomes a three-digit `\ddd` (so a following digit cannot be
 * absorbed); the result is valid in Lua 5.1 to 5.4 and LuaJIT. The value is taken as it will be
 * written: for a latin1-decoded file (bytes as characters) pass the latin1 form of UTF-8 text.
 */
export function luaString(value: string, quote: Quote = '"'): string {
  let out = quote;
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\${String(code).padStart(3, '0')}`;
    else out += ch;
  }
  return out + quote;
}
